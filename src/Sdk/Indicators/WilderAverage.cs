namespace Backtester.Indicators;

/// <summary>
/// Wilder's smoothing as TA-Lib computes it for RSI and ATR: the simple average of the first n values, then
/// <c>avg = (avg * (n - 1) + x) / n</c>.
/// </summary>
internal struct WilderAverage
{
    private readonly int _period;
    private int _count;
    private double _average;

    public WilderAverage(int period) => _period = period;

    public readonly bool IsReady => _period > 0 && _count >= _period;

    public readonly double Value => _average;

    public void Add(double value)
    {
        if (_count < _period)
        {
            _average += value;
            if (++_count == _period)
                _average /= _period;
        }
        else
        {
            _average = (_average * (_period - 1) + value) / _period;
        }
    }

    public void Clear()
    {
        _count = 0;
        _average = 0;
    }
}
