using System;

namespace Backtester.Indicators;

/// <summary>
/// Rolling population standard deviation (divided by n, TA-Lib <c>STDDEV</c> with one deviation) of the last
/// <see cref="Period"/> values. Ready after <see cref="Period"/> values. O(1) amortized and exact to about 1e-12
/// relative at any price level (sums around a value of the window with exact error terms; see docs/indicators.md).
/// </summary>
/// <remarks>
/// A mutable struct: hold it in a non-<c>readonly</c> field and do not copy it (copies share the window).
/// A non-finite input (NaN or ±infinity) is ignored: the state and <see cref="Value"/> stay as they were.
/// </remarks>
public struct StdDev
{
    private RollingMoments _moments;

    /// <summary>Creates the deviation over <paramref name="period"/> values.</summary>
    /// <param name="period">The window length, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is less than 1.</exception>
    public StdDev(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _moments = new RollingMoments(period);
    }

    /// <summary>The window length.</summary>
    public readonly int Period { get; }

    /// <summary>True once <see cref="Period"/> values have been seen.</summary>
    public readonly bool IsReady => Period > 0 && _moments.IsFull;

    /// <summary>The population standard deviation of the window, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Value => IsReady ? Math.Sqrt(_moments.PopulationVariance) : double.NaN;

    /// <summary>The population variance of the window (never negative), or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Variance => IsReady ? _moments.PopulationVariance : double.NaN;

    /// <summary>The average of the window, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Mean => IsReady ? _moments.Mean : double.NaN;

    /// <summary>Adds the next value.</summary>
    public void Update(double value)
    {
        if (double.IsFinite(value))
            _moments.Add(value);
    }

    /// <summary>Forgets every value, keeping the period and the allocated window.</summary>
    public void Reset() => _moments.Clear();
}
