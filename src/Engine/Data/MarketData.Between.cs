using System;
using Backtester.Data;

namespace Backtester;

public sealed partial class MarketData
{
    /// <summary>
    /// The events with timestamps in [<paramref name="fromNs"/>, <paramref name="toNs"/>): views over this data's columns
    /// (found by binary search, nothing copied or validated again), sharing its symbol table. The slice does not own the
    /// memory: keep this data (and its file mapping) alive while the slice is used; disposing the slice does nothing.
    /// Funding settlements in the range come along; book updates do not (a slice of increments would need the book
    /// rebuilt at its start).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="toNs"/> is before <paramref name="fromNs"/>.</exception>
    public MarketData Between(long fromNs, long toNs)
    {
        if (toNs < fromNs) throw new ArgumentOutOfRangeException(nameof(toNs), toNs, $"The end {toNs} is before the start {fromNs}.");
        int n = Symbols.Count;
        TradeColumns t = Trades;
        (int ts, int tl) = Range(t.Timestamps.Span, fromNs, toNs);
        var trades = new TradeColumns(t.Source, n, t.Timestamps.Slice(ts, tl), t.SymbolIds.Slice(ts, tl), t.Prices.Slice(ts, tl), t.Sizes.Slice(ts, tl),
            t.Aggressors.Slice(ts, tl), checkRows: false);
        QuoteColumns q = Quotes;
        (int qs, int ql) = Range(q.Timestamps.Span, fromNs, toNs);
        QuoteColumns? quotes = q.Count == 0 ? null : new QuoteColumns(q.Source, n, q.Timestamps.Slice(qs, ql), q.SymbolIds.Slice(qs, ql),
            q.BidPrices.Slice(qs, ql), q.BidSizes.Slice(qs, ql), q.AskPrices.Slice(qs, ql), q.AskSizes.Slice(qs, ql), checkRows: false);
        BarColumns b = Bars;
        (int bs, int bl) = Range(b.Timestamps.Span, fromNs, toNs);
        BarColumns? bars = b.Count == 0 ? null : new BarColumns(b.Source, n, b.Timestamps.Slice(bs, bl), b.SymbolIds.Slice(bs, bl),
            b.Open.Slice(bs, bl), b.High.Slice(bs, bl), b.Low.Slice(bs, bl), b.Close.Slice(bs, bl), b.Volume.Slice(bs, bl), checkRows: false);
        var slice = new MarketData(Symbols, trades, quotes, bars);
        FundingColumns f = Funding;
        if (f.Count == 0) return slice;
        (int fs, int fl) = Range(f.Timestamps.Span, fromNs, toNs);
        return slice.WithFunding(f.Slice(fs, fl)); // the settlements due within the slice, so a window pays what it holds through
    }

    /// <summary>Start and length of the rows of time-ordered <paramref name="timestamps"/> in [from, to).</summary>
    private static (int Start, int Length) Range(ReadOnlySpan<long> timestamps, long from, long to)
    {
        int start = LowerBound(timestamps, from);
        return (start, LowerBound(timestamps, to) - start);
    }

    /// <summary>The first row whose timestamp is at or after <paramref name="time"/>.</summary>
    private static int LowerBound(ReadOnlySpan<long> timestamps, long time)
    {
        int lo = 0, hi = timestamps.Length;
        while (lo < hi)
        {
            int mid = lo + (hi - lo) / 2;
            if (timestamps[mid] < time) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
