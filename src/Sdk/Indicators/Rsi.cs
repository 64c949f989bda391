using System;

namespace Backtester.Indicators;

/// <summary>
/// Relative strength index with Wilder's smoothing (TA-Lib <c>RSI</c>): the average gain and average loss of the
/// changes between consecutive values are seeded with the simple average of the first <see cref="Period"/> changes,
/// then smoothed as <c>avg = (avg * (n - 1) + x) / n</c>; RSI = 100 * gain / (gain + loss), and 0 when both are 0
/// (as TA-Lib). The first change needs a previous value, so it is ready after <see cref="Period"/> + 1 values.
/// </summary>
/// <remarks>
/// A mutable struct: hold it in a non-<c>readonly</c> field. A non-finite input (NaN or ±infinity) is ignored:
/// the state and <see cref="Value"/> stay as they were, and the next change is measured from the last finite value.
/// </remarks>
public struct Rsi
{
    private WilderAverage _gain;
    private WilderAverage _loss;
    private double _previous;
    private bool _hasPrevious;

    /// <summary>Creates the index over <paramref name="period"/> changes.</summary>
    /// <param name="period">The smoothing period n, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is less than 1.</exception>
    public Rsi(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _gain = new WilderAverage(period);
        _loss = new WilderAverage(period);
    }

    /// <summary>The smoothing period.</summary>
    public readonly int Period { get; }

    /// <summary>True once <see cref="Period"/> + 1 values have been seen.</summary>
    public readonly bool IsReady => _gain.IsReady;

    /// <summary>The index, between 0 and 100, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Value
    {
        get
        {
            if (!IsReady)
                return double.NaN;
            double total = _gain.Value + _loss.Value;
            return total != 0 ? 100.0 * (_gain.Value / total) : 0.0;
        }
    }

    /// <summary>Adds the next value.</summary>
    public void Update(double value)
    {
        if (!double.IsFinite(value))
            return;
        if (_hasPrevious)
        {
            double change = value - _previous;
            _gain.Add(change > 0 ? change : 0.0);
            _loss.Add(change < 0 ? -change : 0.0);
        }
        _previous = value;
        _hasPrevious = true;
    }

    /// <summary>Forgets every value.</summary>
    public void Reset()
    {
        _gain.Clear();
        _loss.Clear();
        _hasPrevious = false;
    }
}
