using System;
using System.Runtime.CompilerServices;

namespace Backtester.Indicators;

/// <summary>
/// Exponential moving average with <c>k = 2 / (Period + 1)</c> (TA-Lib <c>EMA</c>). By default it is seeded with
/// the simple average of the first <see cref="Period"/> values and is ready after <see cref="Period"/> values;
/// with <see cref="EmaSeed.FirstValue"/> it is smoothed from the first value and is still ready after
/// <see cref="Period"/> values (TA-Lib's Metastock mode).
/// </summary>
/// <remarks>
/// A mutable struct: hold it in a non-<c>readonly</c> field. A non-finite input (NaN or ±infinity) is ignored:
/// the state and <see cref="Value"/> stay as they were.
/// </remarks>
public struct Ema
{
    private readonly int _period;
    private readonly double _k;
    private readonly EmaSeed _seed;
    private int _count;
    private double _ema;

    /// <summary>Creates the average over <paramref name="period"/> values.</summary>
    /// <param name="period">The period n, at least 1; the smoothing factor is 2 / (n + 1).</param>
    /// <param name="seed">How the first value is formed.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is less than 1, or <paramref name="seed"/> is not defined.</exception>
    public Ema(int period, EmaSeed seed = EmaSeed.Sma)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        if (seed is not (EmaSeed.Sma or EmaSeed.FirstValue))
            throw new ArgumentOutOfRangeException(nameof(seed), seed, "Unknown EMA seed.");
        _period = period;
        _k = 2.0 / (period + 1);
        _seed = seed;
    }

    /// <summary>The period n.</summary>
    public readonly int Period => _period;

    /// <summary>How the first value is formed.</summary>
    public readonly EmaSeed Seed => _seed;

    /// <summary>True once <see cref="Period"/> values have been seen.</summary>
    public readonly bool IsReady => _period > 0 && _count >= _period;

    /// <summary>The average, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Value => IsReady ? _ema : double.NaN;

    /// <summary>Adds the next value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(double value)
    {
        if (!double.IsFinite(value))
            return;
        if (_count >= _period)
            _ema = ((value - _ema) * _k) + _ema;
        else
            WarmUp(value);
    }

    /// <summary>The first <see cref="Period"/> values: the seed. Out of line, so the inlined update is only the recursion.</summary>
    private void WarmUp(double value)
    {
        _count++;
        if (_seed == EmaSeed.FirstValue)
        {
            _ema = _count == 1 ? value : ((value - _ema) * _k) + _ema;
        }
        else
        {
            // While warming up _ema holds the running sum of the seed values.
            _ema += value;
            if (_count == _period)
                _ema /= _period;
        }
    }

    /// <summary>Forgets every value, keeping the period and the seed mode.</summary>
    public void Reset()
    {
        _count = 0;
        _ema = 0;
    }
}
