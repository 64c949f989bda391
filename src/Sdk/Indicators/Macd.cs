using System;

namespace Backtester.Indicators;

/// <summary>
/// Moving average convergence/divergence as TA-Lib's <c>MACD</c> computes it: <see cref="Line"/> = fast EMA − slow
/// EMA, <see cref="Signal"/> = EMA of the line, <see cref="Histogram"/> = line − signal; all EMAs seeded with a
/// simple average. As in TA-Lib the fast EMA starts <c>slow − fast</c> values late, so that both EMAs become ready
/// on the same value (for 12/26 the fast EMA is seeded with the average of values 15 to 26, not 1 to 12). Ready,
/// with all three outputs, after <c>slow + signal − 1</c> values (TA-Lib's lookback of 33 for 12/26/9).
/// </summary>
/// <remarks>
/// A mutable struct: hold it in a non-<c>readonly</c> field. A non-finite input (NaN or ±infinity) is ignored:
/// the state and the outputs stay as they were.
/// </remarks>
public struct Macd
{
    private readonly int _fastStart;
    private Ema _fast;
    private Ema _slow;
    private Ema _signal;
    private int _count;

    /// <summary>Creates the indicator; the classic setting is <c>new Macd(12, 26, 9)</c>.</summary>
    /// <param name="fastPeriod">Period of the fast EMA, at least 1 and less than <paramref name="slowPeriod"/>.</param>
    /// <param name="slowPeriod">Period of the slow EMA.</param>
    /// <param name="signalPeriod">Period of the signal EMA, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A period is less than 1, or <paramref name="slowPeriod"/> is not greater than <paramref name="fastPeriod"/>.</exception>
    public Macd(int fastPeriod, int slowPeriod, int signalPeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fastPeriod, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slowPeriod, fastPeriod);
        ArgumentOutOfRangeException.ThrowIfLessThan(signalPeriod, 1);
        _fastStart = slowPeriod - fastPeriod;
        _fast = new Ema(fastPeriod);
        _slow = new Ema(slowPeriod);
        _signal = new Ema(signalPeriod);
    }

    /// <summary>Period of the fast EMA.</summary>
    public readonly int FastPeriod => _fast.Period;

    /// <summary>Period of the slow EMA.</summary>
    public readonly int SlowPeriod => _slow.Period;

    /// <summary>Period of the signal EMA.</summary>
    public readonly int SignalPeriod => _signal.Period;

    /// <summary>True once <c>SlowPeriod + SignalPeriod − 1</c> values have been seen.</summary>
    public readonly bool IsReady => _signal.IsReady;

    /// <summary>Fast EMA − slow EMA, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Line => IsReady ? _fast.Value - _slow.Value : double.NaN;

    /// <summary>The EMA of <see cref="Line"/>, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Signal => _signal.Value;

    /// <summary><see cref="Line"/> − <see cref="Signal"/>, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Histogram => Line - Signal;

    /// <summary>Adds the next value.</summary>
    public void Update(double value)
    {
        if (!double.IsFinite(value))
            return;
        _slow.Update(value);
        if (_count < _fastStart)
            _count++;
        else
            _fast.Update(value);
        if (_slow.IsReady)
            _signal.Update(_fast.Value - _slow.Value);
    }

    /// <summary>Forgets every value.</summary>
    public void Reset()
    {
        _fast.Reset();
        _slow.Reset();
        _signal.Reset();
        _count = 0;
    }
}
