using System;

namespace Backtester.Indicators;

/// <summary>
/// Rate of change in percent over <see cref="Period"/> values (TA-Lib <c>ROC</c>):
/// <c>(x / x[n values ago] − 1) × 100</c>, 0 when the earlier value is 0 (as TA-Lib). Needs the value n updates
/// back, so it is ready after <see cref="Period"/> + 1 values.
/// </summary>
/// <remarks>
/// A mutable struct: hold it in a non-<c>readonly</c> field and do not copy it (copies share the window).
/// A non-finite input (NaN or ±infinity) is ignored: the state and <see cref="Value"/> stay as they were.
/// </remarks>
public struct Roc
{
    private RollingWindow _window;
    private double _value;

    /// <summary>Creates the rate of change over <paramref name="period"/> values.</summary>
    /// <param name="period">How many updates back the reference value is, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is less than 1.</exception>
    public Roc(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _window = new RollingWindow(period);
        _value = double.NaN;
    }

    /// <summary>How many updates back the reference value is.</summary>
    public readonly int Period => _window.Capacity;

    /// <summary>True once <see cref="Period"/> + 1 values have been seen.</summary>
    public readonly bool IsReady => !double.IsNaN(_value) && _window.Capacity > 0;

    /// <summary>The rate of change in percent, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Value => IsReady ? _value : double.NaN;

    /// <summary>Adds the next value.</summary>
    public void Update(double value)
    {
        if (!double.IsFinite(value))
            return;
        if (_window.IsFull)
        {
            double reference = _window.Oldest;
            _value = reference != 0 ? ((value / reference) - 1.0) * 100.0 : 0.0;
        }
        _window.Push(value);
    }

    /// <summary>Forgets every value, keeping the period and the allocated window.</summary>
    public void Reset()
    {
        _window.Clear();
        _value = double.NaN;
    }
}
