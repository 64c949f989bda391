using System;
using System.Collections.Generic;

namespace Backtester.Data;

/// <summary>
/// Merges market data from several files (one per day, or per symbol) into one time-ordered data set: a k-way
/// merge by timestamp into new columns, per kind. Symbols are matched by name; rows with equal timestamps
/// keep the order of the files, so the result does not depend on anything but the inputs and their order.
/// </summary>
internal static class MarketDataMerger
{
    /// <summary>Opens every path with <paramref name="open"/> and merges the parts, disposing them afterwards (the merge copies what it needs).</summary>
    public static MarketData OpenAll(IReadOnlyList<string> paths, Func<string, MarketData> open)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0) throw new ArgumentException("No files given.", nameof(paths));
        if (paths.Count == 1) return open(paths[0]);
        var parts = new List<MarketData>(paths.Count);
        try
        {
            foreach (string path in paths) parts.Add(open(path));
            return Merge(parts);
        }
        finally
        {
            foreach (MarketData part in parts) part.Dispose();
        }
    }

    public static MarketData Merge(IReadOnlyList<MarketData> parts)
    {
        if (parts.Count == 1) return parts[0];
        var symbols = new SymbolInterner();
        var remaps = new int[parts.Count][];
        for (int p = 0; p < parts.Count; p++)
        {
            SymbolTable table = parts[p].Symbols;
            remaps[p] = new int[table.Count];
            for (int s = 0; s < table.Count; s++) remaps[p][s] = symbols.IdOf(table[s]);
        }

        string source = string.Join(" + ", Sources(parts));
        var merged = new Dictionary<MarketDataKind, EventColumns>();
        foreach (MarketDataKind kind in new[] { MarketDataKind.Trades, MarketDataKind.Quotes, MarketDataKind.Bars })
        {
            var inputs = new List<(EventColumns Columns, int[] Remap)>();
            for (int p = 0; p < parts.Count; p++)
                foreach (EventColumns c in EventColumns.Of(parts[p]))
                    if (c.Layout.Kind == kind) inputs.Add((c, remaps[p]));
            if (inputs.Count > 0) merged[kind] = Merge(EventLayout.Of(kind), inputs);
        }

        // The parts were validated when opened, and a merge by time keeps every row's values: no need to check rows again.
        SymbolTable mergedSymbols = symbols.ToTable();
        MarketData data = EventColumns.Assemble(source, mergedSymbols, merged.GetValueOrDefault(MarketDataKind.Trades),
            merged.GetValueOrDefault(MarketDataKind.Quotes), merged.GetValueOrDefault(MarketDataKind.Bars), resources: null, rowsChecked: true);
        BookColumns? book = BookMerger.Merge(source, mergedSymbols, parts, remaps);
        return book is null ? data : new MarketData(mergedSymbols, data.Trades, data.Quotes, data.Bars) { Book = book };
    }

    private static IEnumerable<string> Sources(IReadOnlyList<MarketData> parts)
    {
        foreach (MarketData p in parts) yield return p.Source;
    }

    private static EventColumns Merge(EventLayout layout, List<(EventColumns Columns, int[] Remap)> inputs)
    {
        int total = 0;
        foreach (var (c, _) in inputs) total = checked(total + c.Count);

        // Which input each output row comes from; rows of one input keep their order.
        var from = new int[total];
        var cursors = new int[inputs.Count];
        var heap = new PriorityQueue<int, (long Time, int Input)>(inputs.Count);
        for (int k = 0; k < inputs.Count; k++)
            if (inputs[k].Columns.Count > 0) heap.Enqueue(k, (inputs[k].Columns.Timestamps.Span[0], k));
        for (int i = 0; i < total; i++)
        {
            int k = heap.Dequeue();
            from[i] = k;
            int next = ++cursors[k];
            if (next < inputs[k].Columns.Count) heap.Enqueue(k, (inputs[k].Columns.Timestamps.Span[next], k));
        }

        var symbolIds = new int[total];
        Array.Clear(cursors);
        for (int i = 0; i < total; i++)
        {
            int k = from[i];
            symbolIds[i] = inputs[k].Remap[inputs[k].Columns.SymbolIds.Span[cursors[k]++]];
        }
        var values = new ReadOnlyMemory<double>[layout.ValueNames.Length];
        for (int v = 0; v < values.Length; v++)
        {
            int column = v;
            values[v] = Gather(inputs, from, c => c.Values[column]);
        }
        return new EventColumns(layout, Gather(inputs, from, c => c.Timestamps), symbolIds, values,
            layout.HasSide ? Gather(inputs, from, c => c.Sides) : default);
    }

    private static T[] Gather<T>(List<(EventColumns Columns, int[] Remap)> inputs, int[] from, Func<EventColumns, ReadOnlyMemory<T>> column)
    {
        var sources = new ReadOnlyMemory<T>[inputs.Count];
        for (int k = 0; k < sources.Length; k++) sources[k] = column(inputs[k].Columns);
        var cursors = new int[inputs.Count];
        var result = GC.AllocateUninitializedArray<T>(from.Length);
        for (int i = 0; i < result.Length; i++)
        {
            int k = from[i];
            result[i] = sources[k].Span[cursors[k]++];
        }
        return result;
    }
}
