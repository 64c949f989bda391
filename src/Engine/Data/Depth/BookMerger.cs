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
        int total = 0, feedPart = -1;
        for (int k = 0; k < parts.Count; k++)
        {
            total = checked(total + parts[k].Book.Count);
            if (parts[k].Book.Queue is null) continue;
            // Each market-by-order table numbers its queue priorities by its own rows, so two cannot share one time line.
            if (feedPart >= 0)
                throw new MarketDataException(parts[k].Book.Source, -1, null,
                    $"market-by-order (L3) data can be merged with other kinds and with L2 files, but not with a second L3 file ({parts[feedPart].Book.Source}); merge the order feeds into one file first");
            feedPart = k;
        }
        if (total == 0) return null;
        long[]? priorities = feedPart < 0 ? null : new long[total];
        double[]? changes = feedPart < 0 ? null : new double[total];
        bool[]? executions = feedPart < 0 ? null : new bool[total];

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
            if (priorities is not null)
            {
                if (k == feedPart)
                {
                    OrderQueueFeed feed = b.Queue!;
                    (priorities[i], changes![i], executions![i]) = (feed.Priorities.Span[r], feed.Changes.Span[r], feed.Executions.Span[r]);
                }
                else priorities[i] = OrderQueueFeed.NotAnOrder;
            }
            if (r + 1 < b.Count) heap.Enqueue(k, (b.Timestamps.Span[r + 1], k));
        }
        return new BookColumns(source, symbols.Count, ts, sym, side, px, sz, flags, checkRows: false)
        {
            Queue = priorities is null ? null : new OrderQueueFeed(priorities, changes!, executions!),
        };
    }
}
