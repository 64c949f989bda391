using System;

namespace Backtester.Indicators;

/// <summary>
/// The highest of the last <see cref="Period"/> values (TA-Lib <c>MAX</c>), in O(1) amortized per update with van Herk and
/// Gil-Werman's block algorithm (no data-dependent branch; one pass over the last period's values once every period
/// updates). Ready after <see cref="Period"/> values.
/// </summary>
/// <remarks>
/// A mutable struct: hold it in a non-<c>readonly</c> field and do not copy it (copies share the arrays).
/// A non-finite input (NaN or ±infinity) is ignored: the state and <see cref="Value"/> stay as they were.
/// </remarks>
public struct RollingMax
{
    private BlockMax _blocks;

    /// <summary>Creates the maximum over <paramref name="period"/> values.</summary>
    /// <param name="period">The window length, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is less than 1.</exception>
    public RollingMax(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _blocks = new BlockMax(period);
    }

    /// <summary>The window length.</summary>
    public readonly int Period { get; }

    /// <summary>True once <see cref="Period"/> values have been seen.</summary>
    public readonly bool IsReady => Period > 0 && _blocks.Pushed >= Period;

    /// <summary>The highest value in the window, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Value => IsReady ? _blocks.Max : double.NaN;

    /// <summary>Adds the next value.</summary>
    public void Update(double value)
    {
        if (double.IsFinite(value))
            _blocks.Push(value);
    }

    /// <summary>Forgets every value, keeping the period and the allocated arrays.</summary>
    public void Reset() => _blocks.Clear();
}
