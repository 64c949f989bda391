namespace Backtester.Indicators;

/// <summary>
/// On-balance volume (TA-Lib <c>OBV</c>): starts at the first bar's volume, then adds the volume of a bar that
/// closes above the previous close and subtracts that of one closing below (unchanged on an equal close). Ready
/// after the first bar.
/// </summary>
/// <remarks>
/// A mutable struct: hold it in a non-<c>readonly</c> field. A bar with a non-finite close or volume is ignored:
/// the state and <see cref="Value"/> stay as they were.
/// </remarks>
public struct Obv
{
    private double _obv;
    private double _previousClose;
    private bool _isReady;

    /// <summary>True once a bar has been seen.</summary>
    public readonly bool IsReady => _isReady;

    /// <summary>The on-balance volume, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Value => _isReady ? _obv : double.NaN;

    /// <summary>Adds the next bar.</summary>
    public void Update(in Bar bar) => Update(bar.Close, bar.Volume);

    /// <summary>Adds the next bar given by its close and volume.</summary>
    public void Update(double close, double volume)
    {
        if (!double.IsFinite(close) || !double.IsFinite(volume))
            return;
        if (!_isReady)
            _obv = volume;
        else if (close > _previousClose)
            _obv += volume;
        else if (close < _previousClose)
            _obv -= volume;
        _previousClose = close;
        _isReady = true;
    }

    /// <summary>Forgets every bar.</summary>
    public void Reset()
    {
        _obv = 0;
        _isReady = false;
    }
}
