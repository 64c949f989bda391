using System;
using System.Collections.Generic;

namespace Backtester.Statistics;

/// <summary>
/// Equity sampled at a fixed interval and the return statistics of the samples, kept in O(1) memory.
/// Sample 0 is the initial capital at the first event's time t0; sample k is the equity after every event with a
/// timestamp at or before t0 + k × interval, for each such boundary up to the last event. The statistics are those of
/// <see cref="SeriesAccumulator"/> over the samples (the code <see cref="SeriesStatistics"/> runs for any series),
/// annualized by <see cref="BacktestOptions.PeriodsPerYear"/> (default: the number of intervals in 365 days).
/// </summary>
internal struct EquitySampler
{
    private long _interval;
    private long _nextBoundary;
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
        _nextBoundary = long.MaxValue;
    }

    public void Start(long firstTime) => _nextBoundary = firstTime > long.MaxValue - _interval ? long.MaxValue : firstTime + _interval;

    /// <summary>Before an event at <paramref name="time"/> is applied: every boundary before it sees the equity as it stands.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Advance(long time)
    {
        while (_nextBoundary < time) TakeSample();
    }

    /// <summary>After the last event at <paramref name="lastTime"/>: boundaries at or before it see the final equity.</summary>
    public void Finish(long lastTime, double equity)
    {
        _last = equity;
        while (_nextBoundary <= lastTime) TakeSample();
    }

    /// <summary>Records equity after an event, for the next boundary.</summary>
    public void Observe(double equity) => _last = equity;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void TakeSample()
    {
        _series.AddEquity(_last);
        var sample = new EquitySample(_nextBoundary, _last, _series.LastReturn, _series.Drawdown);
        _curve?.Append(sample);
        _capture?.Add(sample);
        _nextBoundary = _nextBoundary > long.MaxValue - _interval ? long.MaxValue : _nextBoundary + _interval;
    }

    /// <summary>Compound annual growth rate of the samples.</summary>
    public readonly double Cagr => _series.Cagr(_periodsPerYear);

    /// <summary>Annualized volatility: std × √(periods per year).</summary>
    public readonly double AnnualizedVolatility => _series.AnnualizedVolatility(_periodsPerYear);

    /// <summary>Sharpe ratio (zero risk-free rate), annualized.</summary>
    public readonly double Sharpe => _series.Sharpe(_periodsPerYear);

    /// <summary>Sortino ratio, annualized.</summary>
    public readonly double Sortino => _series.Sortino(_periodsPerYear);

    /// <summary>Deepest fall of the sampled equity from its running peak, as a fraction of the peak.</summary>
    public readonly double MaxDrawdownPercent => _series.MaxDrawdown;

    /// <summary>Calmar ratio: CAGR / sampled max drawdown; NaN without a drawdown.</summary>
    public readonly double Calmar => _series.Calmar(_periodsPerYear);
}
