using System;

namespace Backtester.Indicators;

/// <summary>
/// Double exponential moving average <c>2 * EMA(x) - EMA(EMA(x))</c> (TA-Lib <c>DEMA</c>). The second EMA runs on
/// the first one's values once that is ready, so the whole is ready after <c>2 * (Period - 1) + 1</c> values,
/// TA-Lib's lookback of <c>2 * (Period - 1)</c>.
/// </summary>
/// <remarks>
/// A mutable struct: hold it in a non-<c>readonly</c> field. A non-finite input (NaN or ±infinity) is ignored:
/// the state and <see cref="Value"/> stay as they were.
/// </remarks>
public struct Dema
{
    private Ema _ema1;
    private Ema _ema2;

    /// <summary>Creates the average over <paramref name="period"/> values.</summary>
    /// <param name="period">The period of both EMAs, at least 1.</param>
    /// <param name="seed">How each EMA is seeded.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is less than 1, or <paramref name="seed"/> is not defined.</exception>
    public Dema(int period, EmaSeed seed = EmaSeed.Sma)
    {
        _ema1 = new Ema(period, seed);
        _ema2 = new Ema(period, seed);
    }

    /// <summary>The period of both EMAs.</summary>
    public readonly int Period => _ema1.Period;

    /// <summary>True once <c>2 * (Period - 1) + 1</c> values have been seen.</summary>
    public readonly bool IsReady => _ema2.IsReady;

    /// <summary>The average, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Value => IsReady ? (2.0 * _ema1.Value) - _ema2.Value : double.NaN;

    /// <summary>Adds the next value.</summary>
    public void Update(double value)
    {
        if (!double.IsFinite(value))
            return;
        _ema1.Update(value);
        if (_ema1.IsReady)
            _ema2.Update(_ema1.Value);
    }

    /// <summary>Forgets every value.</summary>
    public void Reset()
    {
        _ema1.Reset();
        _ema2.Reset();
    }
}
