using System;

namespace Backtester.Indicators;

/// <summary>
/// Linearly weighted moving average of the last <see cref="Period"/> values, the newest weighted
/// <see cref="Period"/> and the oldest 1, divided by n(n+1)/2 (TA-Lib <c>WMA</c>). Ready after
/// <see cref="Period"/> values. O(1) per update: the weighted sum moves by <c>n * x - sum</c>, both sums compensated.
/// </summary>
/// <remarks>
/// A mutable struct: hold it in a non-<c>readonly</c> field and do not copy it (copies share the window).
/// A non-finite input (NaN or ±infinity) is ignored: the state and <see cref="Value"/> stay as they were.
/// </remarks>
public struct Wma
{
    private RollingWindow _window;
    private CompensatedSum _sum;
    private CompensatedSum _weightedSum;

    /// <summary>Creates the average over <paramref name="period"/> values.</summary>
    /// <param name="period">The window length, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is less than 1.</exception>
    public Wma(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _window = new RollingWindow(period);
    }

    /// <summary>The window length.</summary>
    public readonly int Period => _window.Capacity;

    /// <summary>True once <see cref="Period"/> values have been seen.</summary>
    public readonly bool IsReady => _window.Capacity > 0 && _window.IsFull;

    /// <summary>The weighted average, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Value
    {
        get
        {
            int n = _window.Capacity;
            return IsReady ? _weightedSum.Value / (n * (n + 1.0) / 2.0) : double.NaN;
        }
    }

    /// <summary>Adds the next value.</summary>
    public void Update(double value)
    {
        if (!double.IsFinite(value))
            return;
        if (_window.IsFull)
        {
            // Every weight drops by one (the oldest value's to zero) and the new value enters with weight n.
            _weightedSum.Add(_window.Capacity * value);
            _weightedSum.Add(-_sum.Value);
            _sum.Add(-_window.Push(value));
        }
        else
        {
            _window.Push(value);
            _weightedSum.Add(_window.Count * value);
        }
        _sum.Add(value);
    }

    /// <summary>Forgets every value, keeping the period and the allocated window.</summary>
    public void Reset()
    {
        _window.Clear();
        _sum.Clear();
        _weightedSum.Clear();
    }
}
