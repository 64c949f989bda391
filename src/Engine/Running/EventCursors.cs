using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Backtester.Data;
using Backtester.Execution;
using Backtester.Infrastructure;

namespace Backtester;

// Cursors over one column set each, the event sources of the replay's merge (EventMerge). The column spans are taken
// once per segment, not per event (ReadOnlyMemory<T>.Span costs a type check each time), and a past-the-end cursor
// reports long.MaxValue as its time.

/// <summary>The position in a time column, shared by the cursors below.</summary>
internal ref struct RowCursor(ReadOnlySpan<long> times)
{
    public readonly ReadOnlySpan<long> Times = times;
    private int _next;

    public readonly bool HasNext => _next < Times.Length;

    public readonly long NextTime => _next < Times.Length ? Times[_next] : long.MaxValue;

    public int Advance() => _next++;

    /// <summary>The row the cursor stands at: <see cref="EventMerge"/>'s per-event loop keeps it in a local while it delivers.</summary>
    public int Row
    {
        readonly get => _next;
        set => _next = value;
    }

    /// <summary>
    /// Row <paramref name="row"/> of a column without a bounds check. Every column set guarantees its columns have the
    /// length of its time column (checked on construction), and <see cref="Advance"/> stays below that length, so the
    /// time column's checked read covers the row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T At<T>(ReadOnlySpan<T> column, int row) => Unsafe.Add(ref MemoryMarshal.GetReference(column), row);
}

internal ref struct TradeCursor(TradeColumns c) : IEventSource
{
    private RowCursor _rows = new(c.Timestamps.Span);
    private readonly ReadOnlySpan<int> _symbol = c.SymbolIds.Span;
    private readonly ReadOnlySpan<double> _price = c.Prices.Span, _size = c.Sizes.Span;
    private readonly ReadOnlySpan<Side> _aggressor = c.Aggressors.Span;

    public readonly bool HasNext => _rows.HasNext;

    public readonly long NextTime => _rows.NextTime;

    public readonly ReadOnlySpan<long> Times => _rows.Times;

    public int Row
    {
        readonly get => _rows.Row;
        set => _rows.Row = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Trade Take()
    {
        int i = _rows.Advance();
        return TakeAt(i, _rows.Times[i]);
    }

    /// <summary>Row <paramref name="i"/> as an event, its time already read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly Trade TakeAt(int i, long time) => new(time, RowCursor.At(_symbol, i), RowCursor.At(_price, i), RowCursor.At(_size, i), RowCursor.At(_aggressor, i));

    public static bool IsMarketEvent => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Deliver<TDriver, TModels>(int row, long time, ref TDriver driver, Orders orders, RunParts<TModels> run)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        Trade trade = TakeAt(row, time);
        EventSteps.OnTrade(in trade, ref driver, orders, run);
    }
}

internal ref struct QuoteCursor(QuoteColumns c) : IEventSource
{
    private RowCursor _rows = new(c.Timestamps.Span);
    private readonly ReadOnlySpan<int> _symbol = c.SymbolIds.Span;
    private readonly ReadOnlySpan<double> _bid = c.BidPrices.Span, _bidSize = c.BidSizes.Span, _ask = c.AskPrices.Span, _askSize = c.AskSizes.Span;

    public readonly bool HasNext => _rows.HasNext;

    public readonly long NextTime => _rows.NextTime;

    public readonly ReadOnlySpan<long> Times => _rows.Times;

    public int Row
    {
        readonly get => _rows.Row;
        set => _rows.Row = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Quote Take()
    {
        int i = _rows.Advance();
        return TakeAt(i, _rows.Times[i]);
    }

    /// <summary>Row <paramref name="i"/> as an event, its time already read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly Quote TakeAt(int i, long time) => new(time, RowCursor.At(_symbol, i), RowCursor.At(_bid, i), RowCursor.At(_bidSize, i), RowCursor.At(_ask, i), RowCursor.At(_askSize, i));

    public static bool IsMarketEvent => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Deliver<TDriver, TModels>(int row, long time, ref TDriver driver, Orders orders, RunParts<TModels> run)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        Quote quote = TakeAt(row, time);
        EventSteps.OnQuote(in quote, ref driver, orders, run);
    }
}

internal ref struct FundingCursor(FundingColumns c) : IEventSource
{
    private RowCursor _rows = new(c.Timestamps.Span);
    private readonly ReadOnlySpan<int> _symbol = c.SymbolIds.Span;
    private readonly ReadOnlySpan<double> _rate = c.Rates.Span, _mark = c.MarkPrices.Span;

    public readonly bool HasNext => _rows.HasNext;

    public readonly long NextTime => _rows.NextTime;

    public readonly ReadOnlySpan<long> Times => _rows.Times;

    public int Row
    {
        readonly get => _rows.Row;
        set => _rows.Row = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Funding Take()
    {
        int i = _rows.Advance();
        return TakeAt(i, _rows.Times[i]);
    }

    /// <summary>Row <paramref name="i"/> as an event, its time already read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly Funding TakeAt(int i, long time) => new(time, RowCursor.At(_symbol, i), RowCursor.At(_rate, i), RowCursor.At(_mark, i));

    public static bool IsMarketEvent => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Deliver<TDriver, TModels>(int row, long time, ref TDriver driver, Orders orders, RunParts<TModels> run)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        Funding funding = TakeAt(row, time);
        EventSteps.OnFunding(in funding, ref driver, orders, run);
    }
}

internal ref struct BarCursor(BarColumns c) : IEventSource
{
    private RowCursor _rows = new(c.Timestamps.Span);
    private readonly ReadOnlySpan<int> _symbol = c.SymbolIds.Span;
    private readonly ReadOnlySpan<double> _open = c.Open.Span, _high = c.High.Span, _low = c.Low.Span, _close = c.Close.Span, _volume = c.Volume.Span;

    public readonly bool HasNext => _rows.HasNext;

    public readonly long NextTime => _rows.NextTime;

    public readonly ReadOnlySpan<long> Times => _rows.Times;

    public int Row
    {
        readonly get => _rows.Row;
        set => _rows.Row = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Bar Take()
    {
        int i = _rows.Advance();
        return TakeAt(i, _rows.Times[i]);
    }

    /// <summary>Row <paramref name="i"/> as an event, its time already read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly Bar TakeAt(int i, long time) => new(time, RowCursor.At(_symbol, i), RowCursor.At(_open, i), RowCursor.At(_high, i), RowCursor.At(_low, i),
            RowCursor.At(_close, i), RowCursor.At(_volume, i));

    public static bool IsMarketEvent => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Deliver<TDriver, TModels>(int row, long time, ref TDriver driver, Orders orders, RunParts<TModels> run)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        Bar bar = TakeAt(row, time);
        EventSteps.OnBar(in bar, ref driver, orders, run);
    }
}

internal ref struct MarkPriceCursor(MarkPriceColumns c) : IEventSource
{
    private RowCursor _rows = new(c.Timestamps.Span);
    private readonly ReadOnlySpan<int> _symbol = c.SymbolIds.Span;
    private readonly ReadOnlySpan<double> _price = c.Prices.Span;

    public readonly bool HasNext => _rows.HasNext;

    public readonly long NextTime => _rows.NextTime;

    public readonly ReadOnlySpan<long> Times => _rows.Times;

    public int Row
    {
        readonly get => _rows.Row;
        set => _rows.Row = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MarkPriceUpdate Take()
    {
        int i = _rows.Advance();
        return TakeAt(i, _rows.Times[i]);
    }

    /// <summary>Row <paramref name="i"/> as an event, its time already read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly MarkPriceUpdate TakeAt(int i, long time) => new(time, RowCursor.At(_symbol, i), RowCursor.At(_price, i));

    public static bool IsMarketEvent => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Deliver<TDriver, TModels>(int row, long time, ref TDriver driver, Orders orders, RunParts<TModels> run)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        MarkPriceUpdate mark = TakeAt(row, time);
        EventSteps.OnMarkPrice(in mark, ref driver, orders, run);
    }
}
