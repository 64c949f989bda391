using System;

namespace Backtester.Indicators;

/// <summary>
/// A running sum with Neumaier's compensation: the low-order bits each addition rounds away are kept in a
/// second term, so a rolling sum that adds and removes values for hundreds of millions of updates does not drift.
/// The indicators and the engine's statistics keep their sums with it; a strategy that keeps running sums can too.
/// </summary>
public struct CompensatedSum
{
    private double _sum;
    private double _compensation;

    /// <summary>The sum of every value added since the last <see cref="Clear"/>.</summary>
    public readonly double Value => _sum + _compensation;

    /// <summary>Adds <paramref name="value"/> (subtract by adding its negation).</summary>
    public void Add(double value)
    {
        double t = _sum + value;
        if (Math.Abs(_sum) >= Math.Abs(value))
            _compensation += (_sum - t) + value;
        else
            _compensation += (value - t) + _sum;
        _sum = t;
    }

    /// <summary>Resets the sum to zero.</summary>
    public void Clear()
    {
        _sum = 0;
        _compensation = 0;
    }
}
