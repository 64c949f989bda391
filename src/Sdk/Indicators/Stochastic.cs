using System;

namespace Backtester.Indicators;

/// <summary>
/// Stochastic oscillator as TA-Lib's <c>STOCH</c> with simple averages: raw %K = 100 × (close − lowest low) /
/// (highest high − lowest low) over <see cref="KPeriod"/> bars (0 when the range is 0, as TA-Lib);
/// <see cref="K"/> is the simple average of raw %K over <see cref="KSmoothing"/> bars (1 gives the fast
/// stochastic) and <see cref="D"/> the simple average of <see cref="K"/> over <see cref="DPeriod"/> bars. Both
/// outputs appear together, as in TA-Lib, after <c>KPeriod + KSmoothing + DPeriod − 2</c> bars (5/3/3: 9 bars).
/// </summary>
/// <remarks>
/// A mutable struct: hold it in a non-<c>readonly</c> field and do not copy it (copies share the windows).
/// A bar with a non-finite high, low or close is ignored: the state and the outputs stay as they were.
/// </remarks>
public struct Stochastic
{
    private RollingMax _highest;
    private RollingMin _lowest;
    private Sma _k;
    private Sma _d;

    /// <summary>Creates the oscillator; TA-Lib's default is <c>new Stochastic(5, 3, 3)</c>.</summary>
    /// <param name="kPeriod">Bars in the high/low range of raw %K, at least 1.</param>
    /// <param name="kSmoothing">Bars averaged into %K, at least 1.</param>
    /// <param name="dPeriod">Bars of %K averaged into %D, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A period is less than 1.</exception>
    public Stochastic(int kPeriod, int kSmoothing, int dPeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(kPeriod, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kSmoothing, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dPeriod, 1);
        _highest = new RollingMax(kPeriod);
        _lowest = new RollingMin(kPeriod);
        _k = new Sma(kSmoothing);
        _d = new Sma(dPeriod);
    }

    /// <summary>Bars in the high/low range of raw %K.</summary>
    public readonly int KPeriod => _highest.Period;

    /// <summary>Bars averaged into %K.</summary>
    public readonly int KSmoothing => _k.Period;

    /// <summary>Bars of %K averaged into %D.</summary>
    public readonly int DPeriod => _d.Period;

    /// <summary>True once <c>KPeriod + KSmoothing + DPeriod − 2</c> bars have been seen.</summary>
    public readonly bool IsReady => _d.IsReady;

    /// <summary>%K, between 0 and 100, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double K => IsReady ? _k.Value : double.NaN;

    /// <summary>%D, between 0 and 100, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double D => _d.Value;

    /// <summary>Adds the next bar.</summary>
    public void Update(in Bar bar) => Update(bar.High, bar.Low, bar.Close);

    /// <summary>Adds the next bar given by its high, low and close.</summary>
    public void Update(double high, double low, double close)
    {
        if (!double.IsFinite(high) || !double.IsFinite(low) || !double.IsFinite(close))
            return;
        _highest.Update(high);
        _lowest.Update(low);
        if (!_highest.IsReady)
            return;
        double range = _highest.Value - _lowest.Value;
        _k.Update(range != 0 ? 100.0 * (close - _lowest.Value) / range : 0.0);
        if (_k.IsReady)
            _d.Update(_k.Value);
    }

    /// <summary>Forgets every bar, keeping the periods and the allocated windows.</summary>
    public void Reset()
    {
        _highest.Reset();
        _lowest.Reset();
        _k.Reset();
        _d.Reset();
    }
}
