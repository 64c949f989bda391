using System;

namespace Backtester.Indicators;

/// <summary>
/// Average true range with Wilder's smoothing (TA-Lib <c>ATR</c>). The true range of a bar is
/// <c>max(high, previous close) − min(low, previous close)</c>, so the first bar only supplies a close; the
/// average is seeded with the simple average of the first <see cref="Period"/> true ranges, then smoothed as
/// <c>atr = (atr * (n - 1) + tr) / n</c>. Ready after <see cref="Period"/> + 1 bars, like TA-Lib.
/// </summary>
/// <remarks>
/// A mutable struct: hold it in a non-<c>readonly</c> field. A bar with a non-finite high, low or close is
/// ignored: the state and <see cref="Value"/> stay as they were.
/// </remarks>
public struct Atr
{
    private WilderAverage _trueRange;
    private double _previousClose;
    private bool _hasPrevious;

    /// <summary>Creates the average over <paramref name="period"/> true ranges.</summary>
    /// <param name="period">The smoothing period n, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is less than 1.</exception>
    public Atr(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _trueRange = new WilderAverage(period);
    }

    /// <summary>The smoothing period.</summary>
    public readonly int Period { get; }

    /// <summary>True once <see cref="Period"/> + 1 bars have been seen.</summary>
    public readonly bool IsReady => _trueRange.IsReady;

    /// <summary>The average true range, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Value => IsReady ? _trueRange.Value : double.NaN;

    /// <summary>Adds the next bar.</summary>
    public void Update(in Bar bar) => Update(bar.High, bar.Low, bar.Close);

    /// <summary>Adds the next bar given by its high, low and close.</summary>
    public void Update(double high, double low, double close)
    {
        if (!double.IsFinite(high) || !double.IsFinite(low) || !double.IsFinite(close))
            return;
        if (_hasPrevious)
            _trueRange.Add(Math.Max(high, _previousClose) - Math.Min(low, _previousClose));
        _previousClose = close;
        _hasPrevious = true;
    }

    /// <summary>Forgets every bar.</summary>
    public void Reset()
    {
        _trueRange.Clear();
        _hasPrevious = false;
    }
}
