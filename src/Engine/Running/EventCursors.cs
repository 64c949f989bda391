using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Backtester.Data;

namespace Backtester;

// Cursors over one column set each, for the replay's merge. The column spans are taken once per run, not per event
// (ReadOnlyMemory<T>.Span costs a type check each time), and a past-the-end cursor reports long.MaxValue as its time.

/// <summary>The position in a time column, shared by the cursors below.</summary>
internal ref struct RowCursor(ReadOnlySpan<long> times)
{
    public readonly ReadOnlySpan<long> Times = times;
    private int _next;

    public readonly bool HasNext => _next < Times.Length;

    public readonly long NextTime => _next < Times.Length ? Times[_next] : long.MaxValue;

    public int Advance() => _next++;
}

internal ref struct TradeCursor(TradeColumns c)
{
    private RowCursor _rows = new(c.Timestamps.Span);
    private readonly ReadOnlySpan<int> _symbol = c.SymbolIds.Span;
    private readonly ReadOnlySpan<double> _price = c.Prices.Span, _size = c.Sizes.Span;
    private readonly ReadOnlySpan<Side> _aggressor = c.Aggressors.Span;

    public readonly bool HasNext => _rows.HasNext;

    public readonly long NextTime => _rows.NextTime;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Trade Take()
    {
        int i = _rows.Advance();
        // TradeColumns guarantees every column has the length of the time column, and Advance stays below it, so
        // one check covers the row: the other columns are read without bounds checks on the hot path.
        return new Trade(_rows.Times[i], At(_symbol, i), At(_price, i), At(_size, i), At(_aggressor, i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T At<T>(ReadOnlySpan<T> column, int row) => Unsafe.Add(ref MemoryMarshal.GetReference(column), row);
}

internal ref struct QuoteCursor(QuoteColumns c)
{
    private RowCursor _rows = new(c.Timestamps.Span);
    private readonly ReadOnlySpan<int> _symbol = c.SymbolIds.Span;
    private readonly ReadOnlySpan<double> _bid = c.BidPrices.Span, _bidSize = c.BidSizes.Span, _ask = c.AskPrices.Span, _askSize = c.AskSizes.Span;

    public readonly bool HasNext => _rows.HasNext;

    public readonly long NextTime => _rows.NextTime;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Quote Take()
    {
        int i = _rows.Advance();
        return new Quote(_rows.Times[i], _symbol[i], _bid[i], _bidSize[i], _ask[i], _askSize[i]);
    }
}

internal ref struct BarCursor(BarColumns c)
{
    private RowCursor _rows = new(c.Timestamps.Span);
    private readonly ReadOnlySpan<int> _symbol = c.SymbolIds.Span;
    private readonly ReadOnlySpan<double> _open = c.Open.Span, _high = c.High.Span, _low = c.Low.Span, _close = c.Close.Span, _volume = c.Volume.Span;

    public readonly bool HasNext => _rows.HasNext;

    public readonly long NextTime => _rows.NextTime;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Bar Take()
    {
        int i = _rows.Advance();
        return new Bar(_rows.Times[i], _symbol[i], _open[i], _high[i], _low[i], _close[i], _volume[i]);
    }
}
