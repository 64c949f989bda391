using System;
using System.Collections.Generic;

namespace Backtester.Statistics;

/// <summary>
/// Equity sampled at a fixed interval and the return statistics of the samples, kept in O(1) memory.
/// Sample 0 is the initial capital at the first event's time t0; sample k is the equity after every event with a
/// timestamp at or before t0 + k × interval, for each such boundary up to the last event; and when the last event
/// falls after the last boundary, a final sample of the final equity at its time (a shorter last period), so that the
/// samples end where the run does. The statistics are those of <see cref="SeriesAccumulator"/> over the samples (the
/// code <see cref="SeriesStatistics"/> runs for any series), annualized by <see cref="BacktestOptions.PeriodsPerYear"/>
/// (default: the number of intervals in 365 days). The last, shorter period counts as one period, as a partial last
/// day counts as a day in daily returns; so the figures are those of <see cref="SeriesStatistics"/> over the samples,
/// bit for bit. The CAGR (and so the Calmar ratio) is NaN when the returns cover less than a year (decision 0102), and when
/// the data spans less than one whole interval (it would annualize a fraction of one).
/// </summary>
/// <remarks>
/// Without the final sample, everything after the last whole interval was left out: 13 days of trades sampled daily
/// dropped the 13th day, and a run with a net loss showed a CAGR of +36.5 % and a Sharpe ratio of 0.99.
/// </remarks>
internal struct EquitySampler
{
    private long _interval;
    private long _nextBoundary;
    private long _lastSampleTime;
    private long _wholeIntervals;
    private double _last;
    private double _periodsPerYear;
    private SeriesAccumulator _series;
    private IResultStream<EquitySample>? _curve;
    private List<EquitySample>? _capture;

    /// <summary>Number of returns (samples after sample 0).</summary>
    public readonly long Count => _series.Count;

    /// <summary>Sampling intervals per year used to annualize.</summary>
    public readonly double PeriodsPerYear => _periodsPerYear;

    /// <summary>The statistics of the samples so far.</summary>
    public readonly SeriesAccumulator Series => _series;

    /// <param name="initialEquity">Sample 0.</param>
    /// <param name="intervalNs">The sampling interval.</param>
    /// <param name="periodsPerYear">The annualization factor.</param>
    /// <param name="curve">When set, every sample is written to it.</param>
    /// <param name="capture">When set, every sample is appended to it (research runs that need each combination's returns).</param>
    public void Reset(double initialEquity, long intervalNs, double periodsPerYear, IResultStream<EquitySample>? curve = null,
        List<EquitySample>? capture = null)
    {
        this = default;
        _curve = curve;
        _capture = capture;
        _interval = intervalNs;
        _periodsPerYear = periodsPerYear;
        _last = initialEquity;
        _series.Start(initialEquity);
        // Not started: below every timestamp (ColumnChecks.TimeOrdered refuses long.MinValue), so the first event is past
        // it and its owner starts the sampler there (RunStatistics.OnEvent).
        _nextBoundary = long.MinValue;
    }

    /// <summary>The time of the next boundary: an event after it takes the samples due (<see cref="Advance"/>); long.MinValue before <see cref="Start"/>.</summary>
    public readonly long NextBoundary => _nextBoundary;

    public void Start(long firstTime)
    {
        _lastSampleTime = firstTime;
        _nextBoundary = firstTime > long.MaxValue - _interval ? long.MaxValue : firstTime + _interval;
    }

    /// <summary>Before an event at <paramref name="time"/> is applied: every boundary before it sees the equity as it stands.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Advance(long time)
    {
        // Before Start the boundary is the long.MinValue marker: stepping from it would take a sample per interval since
        // the marker, so a call out of order is refused (RunStatistics starts the sampler at the first event).
        if (_nextBoundary == long.MinValue) throw NotStarted();
        while (_nextBoundary < time) TakeSample();
    }

    /// <summary>After the last event at <paramref name="lastTime"/>: boundaries at or before it see the final equity.</summary>
    public void Finish(long lastTime, double equity)
    {
        if (_nextBoundary == long.MinValue) throw NotStarted();
        _last = equity;
        while (_nextBoundary <= lastTime) TakeSample();
        if (lastTime > _lastSampleTime)
        {
            // The part of an interval after the last boundary: a final, shorter period ending at the last event.
            Sample(lastTime);
        }
    }

    private static InvalidOperationException NotStarted() => new("The equity sampler was advanced before its first event started it (Start).");

    /// <summary>Records equity after an event, for the next boundary.</summary>
    public void Observe(double equity) => _last = equity;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void TakeSample()
    {
        _wholeIntervals++;
        Sample(_nextBoundary);
        _nextBoundary = _nextBoundary > long.MaxValue - _interval ? long.MaxValue : _nextBoundary + _interval;
    }

    private void Sample(long time)
    {
        _series.AddEquity(_last);
        _lastSampleTime = time;
        var sample = new EquitySample(time, _last, _series.LastReturn, _series.Drawdown);
        _curve?.Append(sample);
        _capture?.Add(sample);
    }

    /// <summary>Compound annual growth rate of the samples; NaN over less than a year of returns, or less than one whole interval.</summary>
    public readonly double Cagr => _wholeIntervals == 0 ? double.NaN : _series.Cagr(_periodsPerYear);

    /// <summary>Annualized volatility: std × √(periods per year).</summary>
    public readonly double AnnualizedVolatility => _series.AnnualizedVolatility(_periodsPerYear);

    /// <summary>Sharpe ratio (zero risk-free rate), annualized.</summary>
    public readonly double Sharpe => _series.Sharpe(_periodsPerYear);

    /// <summary>Sortino ratio, annualized.</summary>
    public readonly double Sortino => _series.Sortino(_periodsPerYear);

    /// <summary>Deepest fall of the sampled equity from its running peak, as a fraction of the peak.</summary>
    public readonly double MaxDrawdownPercent => _series.MaxDrawdown;

    /// <summary>Calmar ratio: CAGR / sampled max drawdown; NaN without a drawdown, or without a CAGR.</summary>
    public readonly double Calmar => _wholeIntervals == 0 ? double.NaN : _series.Calmar(_periodsPerYear);
}
