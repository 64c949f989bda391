using System;
using System.Runtime.CompilerServices;

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
    // The last Period values as a ring (flat fields rather than RollingWindow: the update is a read, a write and a
    // division, and the helper's count and evicted-value bookkeeping doubled its cost).
    private readonly double[] _items;
    private int _next;
    private bool _full;
    private double _value;

    /// <summary>Creates the rate of change over <paramref name="period"/> values.</summary>
    /// <param name="period">How many updates back the reference value is, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is less than 1.</exception>
    public Roc(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _items = new double[period];
        _value = double.NaN;
    }

    /// <summary>How many updates back the reference value is.</summary>
    public readonly int Period => _items?.Length ?? 0;

    /// <summary>True once <see cref="Period"/> + 1 values have been seen.</summary>
    public readonly bool IsReady => !double.IsNaN(_value) && Period > 0;

    /// <summary>The rate of change in percent, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Value => IsReady ? _value : double.NaN;

    /// <summary>Adds the next value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(double value)
    {
        if (!double.IsFinite(value))
            return;
        double[] items = _items;
        int next = _next;
        if (_full)
        {
            double reference = items[next]; // the value Period updates back
            _value = reference != 0 ? ((value / reference) - 1.0) * 100.0 : 0.0;
        }
        items[next] = value;
        if (++next == items.Length)
        {
            next = 0;
            _full = true;
        }
        _next = next;
    }

    /// <summary>Forgets every value, keeping the period and the allocated window.</summary>
    public void Reset()
    {
        _next = 0;
        _full = false;
        _value = double.NaN;
    }
}
