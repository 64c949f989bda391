using System;

namespace Backtester;

/// <summary>
/// The one rule that picks the equity sampling interval when <see cref="BacktestOptions.EquitySampleIntervalNs"/> is
/// <see cref="Auto"/> (the default), used alike by <see cref="Backtest"/>, <see cref="Sweep"/> and the CLI: one day when
/// the data spans ten days or more (daily returns, as empyrical and quantstats use), otherwise the first of 1µs, 10µs,
/// 100µs, 1ms, 10ms, 100ms, 1s, 10s, 1m, 10m and 1h that gives at most 1,000 samples, so short data still gets an
/// equity curve and finite Sharpe, Sortino and CAGR. Set the option to a positive interval to override it.
/// </summary>
public static class EquitySampling
{
    /// <summary>The value of <see cref="BacktestOptions.EquitySampleIntervalNs"/> that asks for this rule.</summary>
    public const long Auto = 0;

    /// <summary>At or above this span the interval is one day.</summary>
    public const long DailyFromSpanNs = 10 * BacktestOptions.OneDayNs;

    /// <summary>At most this many samples below <see cref="DailyFromSpanNs"/>.</summary>
    public const long MaxSamples = 1_000;

    private static readonly long[] NiceIntervals =
        [1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000, 60_000_000_000, 600_000_000_000, 3_600_000_000_000];

    /// <summary>The interval for data spanning <paramref name="spanNs"/> (last event time minus first).</summary>
    public static long IntervalFor(long spanNs)
    {
        if (spanNs <= 0 || spanNs >= DailyFromSpanNs) return BacktestOptions.OneDayNs;
        foreach (long nice in NiceIntervals)
            if (nice >= spanNs / MaxSamples) return nice;
        return BacktestOptions.OneDayNs;
    }

    /// <summary>The interval for <paramref name="data"/>, from the span of all its events.</summary>
    public static long IntervalFor(MarketData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        (long first, long last) = Span(data);
        return IntervalFor(last - first);
    }

    /// <summary>
    /// <paramref name="requested"/> when positive, else the rule's interval for <paramref name="data"/>; for data replayed
    /// in <paramref name="segmentCount"/> segments the span is the first segment's span times their number.
    /// </summary>
    public static long Resolve(long requested, MarketData data, int segmentCount = 1)
    {
        if (requested != Auto) return requested;
        (long first, long last) = Span(data);
        long span = last - first;
        return IntervalFor(segmentCount > 1 && span > 0 ? (span > long.MaxValue / segmentCount ? long.MaxValue : span * segmentCount) : span);
    }

    /// <summary>The first and last timestamp over the data's trades, quotes and bars ((0, 0) when it has none).</summary>
    public static (long First, long Last) Span(MarketData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        long first = long.MaxValue, last = long.MinValue;
        Include(data.Trades.Timestamps.Span, ref first, ref last);
        Include(data.Quotes.Timestamps.Span, ref first, ref last);
        Include(data.Bars.Timestamps.Span, ref first, ref last);
        return first == long.MaxValue ? (0, 0) : (first, last);
    }

    private static void Include(ReadOnlySpan<long> timestamps, ref long first, ref long last)
    {
        if (timestamps.IsEmpty) return;
        first = Math.Min(first, timestamps[0]);
        last = Math.Max(last, timestamps[^1]);
    }
}
