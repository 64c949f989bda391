using System;
using System.Collections.Generic;

namespace Backtester.Data;

/// <summary>
/// Merges the book updates of several parts (files) by time into new columns, for <see cref="MarketDataMerger"/>: at
/// equal times rows keep the order of the parts, and within a part their own order (one exchange message stays whole).
/// </summary>
internal static class BookMerger
{
    /// <summary>The merged updates with symbol ids remapped to the merged table; null when no part has any.</summary>
    public static BookColumns? Merge(string source, SymbolTable symbols, IReadOnlyList<MarketData> parts, int[][] remaps)
    {
        int total = 0;
        foreach (MarketData p in parts) total = checked(total + p.Book.Count);
        if (total == 0) return null;

        var ts = new long[total];
        var sym = new int[total];
        var side = new BookSide[total];
        var px = new double[total];
        var sz = new double[total];
        var flags = new BookUpdateFlags[total];
        var cursors = new int[parts.Count];
        var heap = new PriorityQueue<int, (long Time, int Part)>(parts.Count);
        for (int k = 0; k < parts.Count; k++)
            if (parts[k].Book.Count > 0) heap.Enqueue(k, (parts[k].Book.Timestamps.Span[0], k));
        for (int i = 0; i < total; i++)
        {
            int k = heap.Dequeue();
            BookColumns b = parts[k].Book;
            int r = cursors[k]++;
            ts[i] = b.Timestamps.Span[r];
            sym[i] = remaps[k][b.SymbolIds.Span[r]];
            side[i] = b.Sides.Span[r];
            px[i] = b.Prices.Span[r];
            sz[i] = b.Sizes.Span[r];
            flags[i] = b.Flags.Span[r];
            if (r + 1 < b.Count) heap.Enqueue(k, (b.Timestamps.Span[r + 1], k));
        }
        return new BookColumns(source, symbols.Count, ts, sym, side, px, sz, flags, checkRows: false);
    }
}
