using System;
using System.Runtime.CompilerServices;

namespace Backtester.Indicators;

/// <summary>
/// Simple moving average of the last <see cref="Period"/> values (TA-Lib <c>SMA</c>). Ready after
/// <see cref="Period"/> values. O(1) per update with an error-free rolling sum, so it does not drift over
/// hundreds of millions of updates.
/// </summary>
/// <remarks>
/// A mutable struct: hold it in a non-<c>readonly</c> field and do not copy it (copies share the window).
/// A non-finite input (NaN or ±infinity) is ignored: the state and <see cref="Value"/> stay as they were.
/// <para>
/// Each update adds <c>value − evicted</c> to the running sum with Knuth's branch-free two-sum, which yields the
/// rounding error of both the difference and the addition exactly; the errors are accumulated in a second term
/// (as Neumaier's compensation does), so the sum is the window's sum to within a few units in the last place
/// however long the series runs. The ring starts zeroed, so while it fills the evicted value is exactly 0 and the
/// update has no branch on the warm-up.
/// </para>
/// </remarks>
public struct Sma
{
    private readonly double[] _items;
    private int _next;
    private bool _full;
    private double _sum;
    private double _error;
    // What Value divides by: NaN until the window is full (so Value is NaN, with no branch), then Period as a double
    // (the same quotient as dividing by the int, without reading the ring's length and converting it on every read).
    private double _divisor;

    /// <summary>Creates the average over <paramref name="period"/> values.</summary>
    /// <param name="period">The window length, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is less than 1.</exception>
    public Sma(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _items = new double[period];
        _divisor = double.NaN;
    }

    /// <summary>The window length.</summary>
    public readonly int Period => _items?.Length ?? 0;

    /// <summary>True once <see cref="Period"/> values have been seen.</summary>
    public readonly bool IsReady
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _full;
    }

    /// <summary>The average of the last <see cref="Period"/> values, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (_sum + _error) / _divisor;
    }

    /// <summary>Adds the next value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(double value)
    {
        if (!double.IsFinite(value))
            return;
        double[] items = _items;
        int next = _next;
        double evicted = items[next]; // 0 while the window fills
        items[next] = value;
        if (++next == items.Length)
        {
            next = 0;
            _full = true;
            _divisor = items.Length;
        }
        _next = next;
        // d = value − evicted, exactly d + e1; then sum + d, exactly t + e2 (two-sum, no branch).
        double d = value - evicted;
        double b1 = d - value;
        double e1 = (value - (d - b1)) - (evicted + b1);
        double sum = _sum;
        double t = sum + d;
        double b2 = t - sum;
        double e2 = (sum - (t - b2)) + (d - b2);
        _sum = t;
        _error += e1 + e2;
    }

    /// <summary>Forgets every value, keeping the period and the allocated window.</summary>
    public void Reset()
    {
        if (_items is not null) Array.Clear(_items);
        _next = 0;
        _full = false;
        _sum = 0;
        _error = 0;
        _divisor = double.NaN;
    }
}
