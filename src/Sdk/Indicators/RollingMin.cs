using System;

namespace Backtester.Indicators;

/// <summary>
/// The lowest of the last <see cref="Period"/> values (TA-Lib <c>MIN</c>), in O(1) amortized per update with a
/// block algorithm of <see cref="RollingMax"/> (a rolling maximum of the negated values; negation is exact). Ready after
/// <see cref="Period"/> values.
/// </summary>
/// <remarks>
/// A mutable struct: hold it in a non-<c>readonly</c> field and do not copy it (copies share the arrays).
/// A non-finite input (NaN or ±infinity) is ignored: the state and <see cref="Value"/> stay as they were.
/// </remarks>
public struct RollingMin
{
    private RollingMax _negatedMax;

    /// <summary>Creates the minimum over <paramref name="period"/> values.</summary>
    /// <param name="period">The window length, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is less than 1.</exception>
    public RollingMin(int period) => _negatedMax = new RollingMax(period);

    /// <summary>The window length.</summary>
    public readonly int Period => _negatedMax.Period;

    /// <summary>True once <see cref="Period"/> values have been seen.</summary>
    public readonly bool IsReady => _negatedMax.IsReady;

    /// <summary>The lowest value in the window, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Value => -_negatedMax.Value;

    /// <summary>Adds the next value.</summary>
    public void Update(double value) => _negatedMax.Update(-value);

    /// <summary>Forgets every value, keeping the period and the allocated arrays.</summary>
    public void Reset() => _negatedMax.Reset();
}
