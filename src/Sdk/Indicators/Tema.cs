using System;

namespace Backtester.Indicators;

/// <summary>
/// Triple exponential moving average <c>3 * EMA1 - 3 * EMA2 + EMA3</c>, where EMA2 smooths EMA1 and EMA3 smooths
/// EMA2 (TA-Lib <c>TEMA</c>). Ready after <c>3 * (Period - 1) + 1</c> values, TA-Lib's lookback of
/// <c>3 * (Period - 1)</c>.
/// </summary>
/// <remarks>
/// A mutable struct: hold it in a non-<c>readonly</c> field. A non-finite input (NaN or ±infinity) is ignored:
/// the state and <see cref="Value"/> stay as they were.
/// </remarks>
public struct Tema
{
    private Ema _ema1;
    private Ema _ema2;
    private Ema _ema3;

    /// <summary>Creates the average over <paramref name="period"/> values.</summary>
    /// <param name="period">The period of the three EMAs, at least 1.</param>
    /// <param name="seed">How each EMA is seeded.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is less than 1, or <paramref name="seed"/> is not defined.</exception>
    public Tema(int period, EmaSeed seed = EmaSeed.Sma)
    {
        _ema1 = new Ema(period, seed);
        _ema2 = new Ema(period, seed);
        _ema3 = new Ema(period, seed);
    }

    /// <summary>The period of the three EMAs.</summary>
    public readonly int Period => _ema1.Period;

    /// <summary>True once <c>3 * (Period - 1) + 1</c> values have been seen.</summary>
    public readonly bool IsReady => _ema3.IsReady;

    /// <summary>The average, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Value =>
        IsReady ? _ema3.Value + ((3.0 * _ema1.Value) - (3.0 * _ema2.Value)) : double.NaN;

    /// <summary>Adds the next value.</summary>
    public void Update(double value)
    {
        if (!double.IsFinite(value))
            return;
        _ema1.Update(value);
        if (!_ema1.IsReady)
            return;
        _ema2.Update(_ema1.Value);
        if (_ema2.IsReady)
            _ema3.Update(_ema2.Value);
    }

    /// <summary>Forgets every value.</summary>
    public void Reset()
    {
        _ema1.Reset();
        _ema2.Reset();
        _ema3.Reset();
    }
}
