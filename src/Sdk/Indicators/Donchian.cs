using System;

namespace Backtester.Indicators;

/// <summary>
/// Donchian channel: <see cref="Upper"/> is the highest high and <see cref="Lower"/> the lowest low of the last
/// <see cref="Period"/> bars (the current bar included), <see cref="Middle"/> their midpoint. O(1) amortized per
/// bar. Ready after <see cref="Period"/> bars.
/// </summary>
/// <remarks>
/// A mutable struct: hold it in a non-<c>readonly</c> field and do not copy it (copies share the rings).
/// A bar with a non-finite high or low is ignored: the state and the channel stay as they were.
/// </remarks>
public struct Donchian
{
    private RollingMax _upper;
    private RollingMin _lower;

    /// <summary>Creates the channel over <paramref name="period"/> bars.</summary>
    /// <param name="period">The window length, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is less than 1.</exception>
    public Donchian(int period)
    {
        _upper = new RollingMax(period);
        _lower = new RollingMin(period);
    }

    /// <summary>The window length.</summary>
    public readonly int Period => _upper.Period;

    /// <summary>True once <see cref="Period"/> bars have been seen.</summary>
    public readonly bool IsReady => _upper.IsReady;

    /// <summary>The highest high of the window, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Upper => _upper.Value;

    /// <summary>The lowest low of the window, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Lower => _lower.Value;

    /// <summary>(<see cref="Upper"/> + <see cref="Lower"/>) / 2, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Middle => (Upper + Lower) / 2.0;

    /// <summary>Adds the next bar.</summary>
    public void Update(in Bar bar) => Update(bar.High, bar.Low);

    /// <summary>Adds the next bar given by its high and low.</summary>
    public void Update(double high, double low)
    {
        if (!double.IsFinite(high) || !double.IsFinite(low))
            return;
        _upper.Update(high);
        _lower.Update(low);
    }

    /// <summary>Forgets every bar, keeping the period and the allocated rings.</summary>
    public void Reset()
    {
        _upper.Reset();
        _lower.Reset();
    }
}
