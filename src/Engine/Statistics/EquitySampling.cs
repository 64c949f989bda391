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

    /// <summary>
    /// At most this many samples from an interval set by hand: a year at 4 s, 320 MB of <c>equity.arrow</c>. A smaller
    /// interval is refused before the run: 1 ns over one day asked for 8.6 × 10¹³ samples, a sweep that never ended and
    /// a run that wrote <c>equity.arrow</c> until the disk was full.
    /// </summary>
    public const long MaxRequestedSamples = 10_000_000;

    /// <summary>The samples an interval of <paramref name="intervalNs"/> takes over <paramref name="spanNs"/> (boundaries, and the final sample).</summary>
    public static long SamplesFor(long intervalNs, long spanNs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalNs, 1);
        return spanNs <= 0 ? 0 : spanNs / intervalNs + 1;
    }

    /// <summary>
    /// Refuses an interval set by hand that would take more than <see cref="MaxRequestedSamples"/> samples over data
    /// spanning <paramref name="spanNs"/>, naming the smallest interval that would do.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The interval is too small for the span.</exception>
    public static void CheckRequested(long intervalNs, long spanNs)
    {
        if (intervalNs <= 0 || SamplesFor(intervalNs, spanNs) <= MaxRequestedSamples) return;
        long smallest = spanNs / (MaxRequestedSamples - 1) + 1;
        throw new ArgumentOutOfRangeException(nameof(BacktestOptions.EquitySampleIntervalNs), intervalNs, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"an equity sample every {intervalNs:N0} ns over the data's {spanNs:N0} ns takes {SamplesFor(intervalNs, spanNs):N0} samples; at most {MaxRequestedSamples:N0} are taken (EquitySampling.MaxRequestedSamples): sample every {smallest:N0} ns or more."));
    }

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

    /// <summary>
    /// The interval for a walk-forward whose shortest window, in or out of sample, spans <paramref name="shortestWindowNs"/>,
    /// over data spanning <paramref name="spanNs"/>: the rule's interval for that window, so that each window's statistics
    /// have as many returns as a backtest of the window's length would (from the whole span, a month of data sampled
    /// daily left a 12-hour window one return, and its in-sample Sharpe ratio was taken from two), raised to the first
    /// interval that takes at most <see cref="MaxRequestedSamples"/> samples over the whole span.
    /// </summary>
    public static long IntervalForWindows(long shortestWindowNs, long spanNs)
    {
        long interval = IntervalFor(shortestWindowNs);
        if (SamplesFor(interval, spanNs) <= MaxRequestedSamples) return interval;
        foreach (long nice in NiceIntervals)
            if (nice > interval && SamplesFor(nice, spanNs) <= MaxRequestedSamples) return nice;
        return Math.Max(interval, BacktestOptions.OneDayNs);
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
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="requested"/> takes more than <see cref="MaxRequestedSamples"/> samples.</exception>
    public static long Resolve(long requested, MarketData data, int segmentCount = 1)
    {
        (long first, long last) = Span(data);
        long span = last - first;
        span = segmentCount > 1 && span > 0 ? (span > long.MaxValue / segmentCount ? long.MaxValue : span * segmentCount) : span;
        if (requested == Auto) return IntervalFor(span);
        CheckRequested(requested, span);
        return requested;
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
