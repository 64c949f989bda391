using System;

namespace Backtester.Indicators;

/// <summary>
/// Rolling z-score: how many population standard deviations the latest value lies from the average of the last
/// <see cref="Period"/> values (the window includes the latest value). 0 when the window has no spread.
/// Ready after <see cref="Period"/> values.
/// </summary>
/// <remarks>
/// A mutable struct: hold it in a non-<c>readonly</c> field and do not copy it (copies share the window).
/// A non-finite input (NaN or ±infinity) is ignored: the state and <see cref="Value"/> stay as they were.
/// </remarks>
public struct ZScore
{
    private RollingMoments _moments;
    private double _latest;

    /// <summary>Creates the z-score over <paramref name="period"/> values.</summary>
    /// <param name="period">The window length, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is less than 1.</exception>
    public ZScore(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _moments = new RollingMoments(period);
    }

    /// <summary>The window length.</summary>
    public readonly int Period { get; }

    /// <summary>True once <see cref="Period"/> values have been seen.</summary>
    public readonly bool IsReady => Period > 0 && _moments.IsFull;

    /// <summary>(latest − mean) / standard deviation, 0 when the deviation is 0, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Value
    {
        get
        {
            if (!IsReady)
                return double.NaN;
            double deviation = Math.Sqrt(_moments.PopulationVariance);
            return deviation > 0 ? _moments.DeviationFromMean(_latest) / deviation : 0.0;
        }
    }

    /// <summary>Adds the next value.</summary>
    public void Update(double value)
    {
        if (!double.IsFinite(value))
            return;
        _moments.Add(value);
        _latest = value;
    }

    /// <summary>Forgets every value, keeping the period and the allocated window.</summary>
    public void Reset() => _moments.Clear();
}
