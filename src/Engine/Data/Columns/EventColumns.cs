using System;
using System.Collections.Generic;

namespace Backtester.Data;

/// <summary>
/// One kind of events as plain columns, before they become a <see cref="TradeColumns"/>,
/// <see cref="QuoteColumns"/> or <see cref="BarColumns"/>. The common shape lets one piece of code sort,
/// merge, write and read every kind.
/// </summary>
internal sealed class EventColumns
{
    public EventColumns(EventLayout layout, ReadOnlyMemory<long> timestamps, ReadOnlyMemory<int> symbolIds, ReadOnlyMemory<double>[] values, ReadOnlyMemory<Side> sides)
    {
        Layout = layout;
        Timestamps = timestamps;
        SymbolIds = symbolIds;
        Values = values;
        Sides = sides;
    }

    public EventLayout Layout { get; }

    public int Count => Timestamps.Length;

    public ReadOnlyMemory<long> Timestamps { get; }

    public ReadOnlyMemory<int> SymbolIds { get; }

    /// <summary>The float64 columns in <see cref="EventLayout.ValueNames"/> order.</summary>
    public ReadOnlyMemory<double>[] Values { get; }

    /// <summary>Aggressor sides (trades only; empty otherwise).</summary>
    public ReadOnlyMemory<Side> Sides { get; }

    public static EventColumns Of(TradeColumns t) => new(EventLayout.Trades, t.Timestamps, t.SymbolIds, [t.Prices, t.Sizes], t.Aggressors);

    public static EventColumns Of(QuoteColumns q) => new(EventLayout.Quotes, q.Timestamps, q.SymbolIds, [q.BidPrices, q.BidSizes, q.AskPrices, q.AskSizes], default);

    public static EventColumns Of(BarColumns b) => new(EventLayout.Bars, b.Timestamps, b.SymbolIds, [b.Open, b.High, b.Low, b.Close, b.Volume], default);

    /// <summary>The non-empty kinds of <paramref name="data"/>.</summary>
    public static List<EventColumns> Of(MarketData data)
    {
        var kinds = new List<EventColumns>(3);
        if (data.Trades.Count > 0) kinds.Add(Of(data.Trades));
        if (data.Quotes.Count > 0) kinds.Add(Of(data.Quotes));
        if (data.Bars.Count > 0) kinds.Add(Of(data.Bars));
        return kinds;
    }

    /// <summary>
    /// Puts rows in time order: fails at the first row whose symbol goes back in time (unless
    /// <paramref name="sortIfUnordered"/>), and stable-sorts rows that are only interleaved across symbols.
    /// Returns this instance when already in order, so mapped columns stay mapped.
    /// </summary>
    public EventColumns InTimeOrder(string source, int symbolCount, bool sortIfUnordered)
    {
        CheckShape(source, symbolCount);
        ReadOnlySpan<long> ts = Timestamps.Span;
        if (EventOrder.IsSorted(ts)) return this;
        long bad = EventOrder.FirstBackwardsWithinSymbol(ts, SymbolIds.Span, symbolCount);
        if (bad >= 0 && !sortIfUnordered)
            throw new MarketDataException(source, bad, EventLayout.Timestamp, EventOrder.BackwardsProblem(ts, SymbolIds.Span, (int)bad), MarketDataRemedy.SortIfUnordered);
        return Permute(EventOrder.StableSortByTime(ts));
    }

    /// <summary>
    /// Checks what sorting and merging rely on before they index anything: every column as long as the timestamps, and
    /// every symbol id inside the symbol table (a corrupt file can break both).
    /// </summary>
    public void CheckShape(string source, int symbolCount)
    {
        ColumnChecks.SameLength(source, Count, EventLayout.SymbolId, SymbolIds.Length);
        for (int c = 0; c < Values.Length; c++) ColumnChecks.SameLength(source, Count, Layout.ValueNames[c], Values[c].Length);
        if (Layout.HasSide) ColumnChecks.SameLength(source, Count, EventLayout.Side, Sides.Length);
        ColumnChecks.SymbolIds(source, symbolCount, SymbolIds.Span);
    }

    /// <summary>New columns holding row <c>order[i]</c> at position i.</summary>
    public EventColumns Permute(int[] order)
    {
        var values = new ReadOnlyMemory<double>[Values.Length];
        for (int c = 0; c < values.Length; c++) values[c] = EventOrder.Gather(Values[c].Span, order);
        ReadOnlyMemory<Side> sides = Layout.HasSide ? EventOrder.Gather(Sides.Span, order) : default;
        return new EventColumns(Layout, EventOrder.Gather(Timestamps.Span, order), EventOrder.Gather(SymbolIds.Span, order), values, sides);
    }

    /// <summary>
    /// Wraps the columns in the public column set of this kind, which validates every row unless
    /// <paramref name="rowsChecked"/> (the reader already checked each row as it read it).
    /// </summary>
    public MarketData ToMarketData(string source, SymbolTable symbols, IDisposable? resources = null, bool rowsChecked = false) => Layout.Kind switch
    {
        MarketDataKind.Trades => Assemble(source, symbols, this, null, null, resources, rowsChecked),
        MarketDataKind.Quotes => Assemble(source, symbols, null, this, null, resources, rowsChecked),
        _ => Assemble(source, symbols, null, null, this, resources, rowsChecked),
    };

    /// <summary>Market data from up to one column set per kind; absent kinds are empty. Rows are validated unless <paramref name="rowsChecked"/>.</summary>
    public static MarketData Assemble(string source, SymbolTable symbols, EventColumns? trades, EventColumns? quotes, EventColumns? bars,
        IDisposable? resources, bool rowsChecked = false)
    {
        int n = symbols.Count;
        bool check = !rowsChecked;
        TradeColumns t = trades is null
            ? new TradeColumns(source, n, default, default, default, default, default)
            : new TradeColumns(source, n, trades.Timestamps, trades.SymbolIds, trades.Values[0], trades.Values[1], trades.Sides, check);
        QuoteColumns? q = quotes is null ? null
            : new QuoteColumns(source, n, quotes.Timestamps, quotes.SymbolIds, quotes.Values[0], quotes.Values[1], quotes.Values[2], quotes.Values[3], check);
        BarColumns? b = bars is null ? null
            : new BarColumns(source, n, bars.Timestamps, bars.SymbolIds, bars.Values[0], bars.Values[1], bars.Values[2], bars.Values[3], bars.Values[4], check);
        return new MarketData(symbols, t, q, b) { Resources = resources };
    }
}
