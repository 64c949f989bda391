using System;

namespace Backtester.Indicators;

/// <summary>
/// Simple moving average of the last <see cref="Period"/> values (TA-Lib <c>SMA</c>). Ready after
/// <see cref="Period"/> values. O(1) per update with a compensated rolling sum, so it does not drift over
/// hundreds of millions of updates.
/// </summary>
/// <remarks>
/// A mutable struct: hold it in a non-<c>readonly</c> field and do not copy it (copies share the window).
/// A non-finite input (NaN or ±infinity) is ignored: the state and <see cref="Value"/> stay as they were.
/// </remarks>
public struct Sma
{
    private RollingWindow _window;
    private CompensatedSum _sum;

    /// <summary>Creates the average over <paramref name="period"/> values.</summary>
    /// <param name="period">The window length, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is less than 1.</exception>
    public Sma(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _window = new RollingWindow(period);
    }

    /// <summary>The window length.</summary>
    public readonly int Period => _window.Capacity;

    /// <summary>True once <see cref="Period"/> values have been seen.</summary>
    public readonly bool IsReady => _window.Capacity > 0 && _window.IsFull;

    /// <summary>The average of the last <see cref="Period"/> values, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Value => IsReady ? _sum.Value / _window.Capacity : double.NaN;

    /// <summary>Adds the next value.</summary>
    public void Update(double value)
    {
        if (!double.IsFinite(value))
            return;
        bool full = _window.IsFull;
        double evicted = _window.Push(value);
        _sum.Add(value);
        if (full)
            _sum.Add(-evicted);
    }

    /// <summary>Forgets every value, keeping the period and the allocated window.</summary>
    public void Reset()
    {
        _window.Clear();
        _sum.Clear();
    }
}
