using System;

namespace Backtester.Indicators;

/// <summary>
/// Bollinger bands (TA-Lib <c>BBANDS</c> with a simple average): <see cref="Middle"/> is the average of the last
/// <see cref="Period"/> values and the bands lie <see cref="Deviations"/> population standard deviations
/// (divided by n, as TA-Lib) above and below it. Ready after <see cref="Period"/> values.
/// </summary>
/// <remarks>
/// A mutable struct: hold it in a non-<c>readonly</c> field and do not copy it (copies share the window).
/// A non-finite input (NaN or ±infinity) is ignored: the state and the bands stay as they were.
/// </remarks>
public struct BollingerBands
{
    private RollingMoments _moments;

    /// <summary>Creates the bands over <paramref name="period"/> values, <paramref name="deviations"/> standard deviations wide.</summary>
    /// <param name="period">The window length, at least 1.</param>
    /// <param name="deviations">The band width in standard deviations, finite and not negative (TA-Lib's default is 2).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is less than 1, or <paramref name="deviations"/> is negative or not finite.</exception>
    public BollingerBands(int period, double deviations = 2.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        if (!double.IsFinite(deviations) || deviations < 0)
            throw new ArgumentOutOfRangeException(nameof(deviations), deviations, "The band width must be a finite, non-negative number of standard deviations.");
        Period = period;
        Deviations = deviations;
        _moments = new RollingMoments(period);
    }

    /// <summary>The window length.</summary>
    public readonly int Period { get; }

    /// <summary>The band width in standard deviations.</summary>
    public readonly double Deviations { get; }

    /// <summary>True once <see cref="Period"/> values have been seen.</summary>
    public readonly bool IsReady => Period > 0 && _moments.IsFull;

    /// <summary>The simple average of the window, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Middle => IsReady ? _moments.Mean : double.NaN;

    /// <summary><see cref="Middle"/> + <see cref="Deviations"/> × standard deviation, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Upper => Middle + (Deviations * StandardDeviation);

    /// <summary><see cref="Middle"/> − <see cref="Deviations"/> × standard deviation, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Lower => Middle - (Deviations * StandardDeviation);

    /// <summary>The population standard deviation of the window, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double StandardDeviation => IsReady ? Math.Sqrt(_moments.PopulationVariance) : double.NaN;

    /// <summary>Adds the next value.</summary>
    public void Update(double value)
    {
        if (double.IsFinite(value))
            _moments.Add(value);
    }

    /// <summary>Forgets every value, keeping the period and the allocated window.</summary>
    public void Reset() => _moments.Clear();
}
