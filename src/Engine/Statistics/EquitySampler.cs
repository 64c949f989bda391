using System;

namespace Backtester.Statistics;

/// <summary>
/// Equity sampled at a fixed interval and the return statistics of the samples, kept in O(1) memory.
/// Sample 0 is the initial capital at the first event's time t0; sample k is the equity after every event with a
/// timestamp at or before t0 + k × interval, for each such boundary up to the last event. Returns are simple returns
/// between consecutive samples. Definitions follow empyrical: sample standard deviation (ddof = 1, by Welford's
/// method), annualization by the number of intervals in 365 days, Sortino's downside deviation
/// √(mean of min(r, 0)² over all returns), max drawdown of the sampled equity including sample 0.
/// </summary>
internal struct EquitySampler
{
    private const double DaysPerYear = 365;
    private const double NsPerDay = 86_400e9;

    private long _interval;
    private long _nextBoundary;
    private double _initial;
    private double _previous;
    private double _last;
    private double _peak;
    private double _maxDrawdownPercent;
    private long _count;
    private double _mean;
    private double _m2;
    private Indicators.CompensatedSum _downsideSquares; // Σ min(r, 0)², compensated: many tiny terms
    private IResultStream<EquitySample>? _curve;

    /// <summary>Number of returns (samples after sample 0).</summary>
    public readonly long Count => _count;

    /// <summary>Sampling intervals per year: 365 days / interval.</summary>
    public readonly double PeriodsPerYear => DaysPerYear * NsPerDay / _interval;

    public void Reset(double initialEquity, long intervalNs, IResultStream<EquitySample>? curve = null)
    {
        this = default;
        _curve = curve;
        _interval = intervalNs;
        _initial = _previous = _last = _peak = initialEquity;
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
        double r = _last / _previous - 1;
        _previous = _last;
        _count++;
        double delta = r - _mean;
        _mean += delta / _count;
        _m2 += delta * (r - _mean);
        if (r < 0) _downsideSquares.Add(r * r);
        if (_last > _peak) _peak = _last;
        else if ((_peak - _last) / _peak > _maxDrawdownPercent) _maxDrawdownPercent = (_peak - _last) / _peak;
        _curve?.Append(new EquitySample(_nextBoundary, _last, r, (_peak - _last) / _peak));
        _nextBoundary = _nextBoundary > long.MaxValue - _interval ? long.MaxValue : _nextBoundary + _interval;
    }

    /// <summary>Mean simple return per interval.</summary>
    public readonly double MeanReturn => _count == 0 ? double.NaN : _mean;

    /// <summary>Sample standard deviation of the returns (ddof = 1).</summary>
    public readonly double StdReturn => _count < 2 ? double.NaN : Math.Sqrt(_m2 / (_count - 1));

    /// <summary>Compound annual growth rate: (last / first sample)^(1 / years) − 1, years = returns / periods per year.</summary>
    public readonly double Cagr => _count == 0 ? double.NaN : Math.Pow(_previous / _initial, PeriodsPerYear / _count) - 1;

    /// <summary>Annualized volatility: std × √(periods per year).</summary>
    public readonly double AnnualizedVolatility => StdReturn * Math.Sqrt(PeriodsPerYear);

    /// <summary>Sharpe ratio (zero risk-free rate): mean / std × √(periods per year); NaN with fewer than two returns.</summary>
    public readonly double Sharpe => _count < 2 ? double.NaN : MeanReturn / StdReturn * Math.Sqrt(PeriodsPerYear);

    /// <summary>Sortino ratio: mean / √(mean of min(r, 0)²) × √(periods per year); +∞ without a losing interval, NaN with fewer than two returns.</summary>
    public readonly double Sortino
    {
        get
        {
            if (_count < 2) return double.NaN;
            double downside = Math.Sqrt(_downsideSquares.Value / _count);
            return downside == 0 ? (_mean > 0 ? double.PositiveInfinity : double.NaN) : _mean / downside * Math.Sqrt(PeriodsPerYear);
        }
    }

    /// <summary>Deepest fall of the sampled equity from its running peak, as a fraction of the peak.</summary>
    public readonly double MaxDrawdownPercent => _maxDrawdownPercent;

    /// <summary>Calmar ratio: CAGR / sampled max drawdown; NaN without a drawdown.</summary>
    public readonly double Calmar => _maxDrawdownPercent > 0 ? Cagr / _maxDrawdownPercent : double.NaN;
}
