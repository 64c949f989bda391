using System;

namespace Backtester.Data;

/// <summary>
/// Builds OHLCV bars from trades, per symbol, over fixed intervals aligned to the Unix epoch. A trade at time t
/// falls in the interval [k·I, (k+1)·I) with k = ⌊t / I⌋, and its bar is stamped with the interval end (k+1)·I,
/// the first moment the bar is complete (so a strategy seeing it cannot look ahead). Intervals without trades
/// produce no bar. Bars come out ordered by end time, then symbol id.
/// </summary>
public static class BarResampler
{
    /// <summary>Resamples <paramref name="trades"/> into bars of <paramref name="intervalNs"/> nanoseconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="intervalNs"/> is not positive.</exception>
    public static BarColumns FromTrades(TradeColumns trades, long intervalNs)
    {
        ArgumentNullException.ThrowIfNull(trades);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalNs);
        ReadOnlySpan<long> ts = trades.Timestamps.Span;
        ReadOnlySpan<int> sym = trades.SymbolIds.Span;
        ReadOnlySpan<double> px = trades.Prices.Span, sz = trades.Sizes.Span;
        int symbols = 0;
        foreach (int s in sym) symbols = Math.Max(symbols, s + 1);

        var open = new double[symbols];
        var high = new double[symbols];
        var low = new double[symbols];
        var close = new double[symbols];
        var volume = new double[symbols];
        var active = new bool[symbols];
        var bars = new EventBuilder(EventLayout.Bars, trades.Source, sortIfUnordered: false, capacity: Math.Max(16, trades.Count / 64));
        for (int s = 0; s < symbols; s++) bars.Symbols.IdOf(s.ToString(System.Globalization.CultureInfo.InvariantCulture));
        long end = long.MinValue; // end of the interval the open bars belong to

        for (int i = 0; i < ts.Length; i++)
        {
            if (ts[i] >= end)
            {
                Flush(end);
                end = (Math.DivRem(ts[i], intervalNs, out long rem) + (rem < 0 ? 0 : 1)) * intervalNs;
            }
            int s = sym[i];
            double p = px[i];
            if (!active[s])
            {
                active[s] = true;
                open[s] = high[s] = low[s] = p;
                volume[s] = 0;
            }
            high[s] = Math.Max(high[s], p);
            low[s] = Math.Min(low[s], p);
            close[s] = p;
            volume[s] += sz[i];
        }
        Flush(end);
        MarketData data = bars.Count == 0 ? EmptyBars(trades.Source) : bars.Build();
        return data.Bars;

        void Flush(long barEnd)
        {
            for (int s = 0; s < symbols; s++)
            {
                if (!active[s]) continue;
                active[s] = false;
                bars.AddRow(-1, EventLayout.Timestamp, barEnd, s);
                bars.AddValue(0, open[s], -1, "open");
                bars.AddValue(1, high[s], -1, "high");
                bars.AddValue(2, low[s], -1, "low");
                bars.AddValue(3, close[s], -1, "close");
                bars.AddValue(4, volume[s], -1, "volume");
            }
        }
    }

    private static MarketData EmptyBars(string source) =>
        new(new SymbolTable([]), new TradeColumns(source, 0, default, default, default, default, default), bars: BarColumns.Empty);
}
