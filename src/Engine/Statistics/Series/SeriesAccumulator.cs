using System;
using System.Runtime.InteropServices;
using Backtester.Indicators;

namespace Backtester.Statistics;

/// <summary>
/// Return statistics of an equity series, updated in O(1) time and memory per observation. The engine's equity sampler
/// keeps one per run (so a backtest's Sharpe, Sortino, CAGR, volatility and Calmar come from this code), and
/// <see cref="SeriesStatistics"/> runs one over any series a user gives, so both give the same numbers, bit for bit,
/// for the same equity values.
/// </summary>
/// <remarks>
/// Definitions follow empyrical: simple returns r_k = e_k / e_(k−1) − 1; sample standard deviation (ddof = 1, Welford's
/// update); Sortino's downside deviation √(Σ min(r, 0)² / n) over all returns; drawdown (peak − e) / peak of the running
/// peak including the starting value. Skewness and kurtosis are the population moment ratios m3 / m2^1.5 and m4 / m2²
/// (kurtosis 3 for a normal distribution, not excess), the estimators the probabilistic and deflated Sharpe ratios use
/// (Bailey and López de Prado 2012, eq. 8); the third and fourth central moments are updated by Pébay's formulas.
/// </remarks>
[StructLayout(LayoutKind.Auto)]
public struct SeriesAccumulator
{
    private double _initial;
    private double _previous;
    private double _lastReturn;
    private double _peak;
    private double _maxDrawdown;
    private long _count;
    private double _mean;
    private double _m2;
    private double _m3;
    private double _m4;
    private CompensatedSum _downsideSquares; // Σ min(r, 0)², compensated: many tiny terms
    private long _underwater;
    private long _maxUnderwater;

    /// <summary>Starts a series at <paramref name="initialEquity"/> (the value before the first return), forgetting any earlier one.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialEquity"/> is not positive and finite.</exception>
    public void Start(double initialEquity)
    {
        if (!(initialEquity > 0) || double.IsInfinity(initialEquity))
            throw new ArgumentOutOfRangeException(nameof(initialEquity), initialEquity, "The initial equity must be positive and finite.");
        this = default;
        _initial = _previous = _peak = initialEquity;
    }

    /// <summary>Adds the next equity value: the return since the previous value, and the drawdown.</summary>
    public void AddEquity(double equity)
    {
        AddMoments(equity / _previous - 1);
        _previous = equity;
        Drawdowns(equity);
    }

    /// <summary>Adds the next simple return; the equity compounds by (1 + <paramref name="r"/>).</summary>
    public void AddReturn(double r)
    {
        AddMoments(r);
        _previous *= 1 + r;
        Drawdowns(_previous);
    }

    private void AddMoments(double r)
    {
        _lastReturn = r;
        long n1 = _count;
        _count++;
        double delta = r - _mean;
        double deltaN = delta / _count;
        double term1 = delta * deltaN * n1;
        // Pébay (2008): M4 and M3 from the old M2 and M3, before those are updated.
        _m4 += term1 * deltaN * deltaN * ((double)_count * _count - 3.0 * _count + 3) + 6 * deltaN * deltaN * _m2 - 4 * deltaN * _m3;
        _m3 += term1 * deltaN * (_count - 2) - 3 * deltaN * _m2;
        _mean += deltaN;
        _m2 += delta * (r - _mean);
        if (r < 0) _downsideSquares.Add(r * r);
    }

    private void Drawdowns(double equity)
    {
        if (equity >= _peak)
        {
            _underwater = 0;
            _peak = equity;
            return;
        }
        if (++_underwater > _maxUnderwater) _maxUnderwater = _underwater;
        if ((_peak - equity) / _peak > _maxDrawdown) _maxDrawdown = (_peak - equity) / _peak;
    }

    /// <summary>Number of returns added.</summary>
    public readonly long Count => _count;

    /// <summary>The value the series started at.</summary>
    public readonly double InitialEquity => _initial;

    /// <summary>The latest equity value (the initial one before any return).</summary>
    public readonly double Equity => _previous;

    /// <summary>The latest return (0 before any).</summary>
    public readonly double LastReturn => _lastReturn;

    /// <summary>The current fall from the running peak, as a fraction of it.</summary>
    public readonly double Drawdown => (_peak - _previous) / _peak;

    /// <summary>Mean return per period; NaN without returns.</summary>
    public readonly double Mean => _count == 0 ? double.NaN : _mean;

    /// <summary>Sample standard deviation of the returns (ddof = 1); NaN with fewer than two.</summary>
    public readonly double StandardDeviation => _count < 2 ? double.NaN : Math.Sqrt(_m2 / (_count - 1));

    /// <summary>Population skewness m3 / m2^1.5; NaN with fewer than two returns or no variation.</summary>
    public readonly double Skewness => _count < 2 || _m2 == 0 ? double.NaN : Math.Sqrt(_count) * _m3 / Math.Pow(_m2, 1.5);

    /// <summary>Population kurtosis m4 / m2² (3 for a normal distribution); NaN with fewer than two returns or no variation.</summary>
    public readonly double Kurtosis => _count < 2 || _m2 == 0 ? double.NaN : _count * _m4 / (_m2 * _m2);

    /// <summary>Deepest fall of the equity from its running peak, as a fraction of the peak (0 if it never fell).</summary>
    public readonly double MaxDrawdown => _maxDrawdown;

    /// <summary>Most consecutive periods the equity spent below its running peak.</summary>
    public readonly long MaxDrawdownPeriods => _maxUnderwater;

    /// <summary>Total return: last equity / initial equity − 1.</summary>
    public readonly double TotalReturn => _previous / _initial - 1;

    /// <summary>
    /// Compound annual growth rate (last / initial)^(periodsPerYear / n) − 1 when the n returns cover at least a year
    /// (n ≥ <paramref name="periodsPerYear"/>); NaN over less than a year, where it would compound a short return into a
    /// projection (20 seconds of +0.0165 % gave a CAGR of 5 × 10^112, decision 0102), and without returns. The exponent is then at
    /// most 1, so the CAGR of finite equity is finite.
    /// </summary>
    public readonly double Cagr(double periodsPerYear) =>
        !CoversAYear(_count, periodsPerYear) ? double.NaN : Math.Pow(_previous / _initial, periodsPerYear / _count) - 1;

    /// <summary>Whether <paramref name="returns"/> returns at <paramref name="periodsPerYear"/> a year cover at least a year, as a CAGR needs (decision 0102).</summary>
    internal static bool CoversAYear(long returns, double periodsPerYear) => returns > 0 && returns >= periodsPerYear;

    /// <summary>Annualized volatility: standard deviation × √periodsPerYear.</summary>
    public readonly double AnnualizedVolatility(double periodsPerYear) => StandardDeviation * Math.Sqrt(periodsPerYear);

    /// <summary>Per-period Sharpe ratio mean / std (zero risk-free rate), not annualized; NaN with fewer than two returns.</summary>
    public readonly double PeriodSharpe => _count < 2 ? double.NaN : _mean / StandardDeviation;

    /// <summary>Annualized Sharpe ratio (zero risk-free rate): mean / std × √periodsPerYear; NaN with fewer than two returns.</summary>
    public readonly double Sharpe(double periodsPerYear) => _count < 2 ? double.NaN : Mean / StandardDeviation * Math.Sqrt(periodsPerYear);

    /// <summary>Sortino ratio: mean / √(Σ min(r, 0)² / n) × √periodsPerYear; +∞ without a losing period and a positive mean, NaN with fewer than two returns.</summary>
    public readonly double Sortino(double periodsPerYear)
    {
        if (_count < 2) return double.NaN;
        double downside = Math.Sqrt(_downsideSquares.Value / _count);
        return downside == 0 ? (_mean > 0 ? double.PositiveInfinity : double.NaN) : _mean / downside * Math.Sqrt(periodsPerYear);
    }

    /// <summary>Calmar ratio: CAGR / max drawdown; NaN when the equity never fell or the returns cover less than a year (as the CAGR).</summary>
    public readonly double Calmar(double periodsPerYear) => _maxDrawdown > 0 ? Cagr(periodsPerYear) / _maxDrawdown : double.NaN;
}
