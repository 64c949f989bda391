namespace Backtester.Indicators;

/// <summary>
/// Mean and population variance of the last n values. Each update is a Welford-style add (while filling) or
/// replace (once full); every time the window completes a lap the mean and the sum of squared deviations are
/// recomputed from the window in two passes, so rounding error never spans more than n updates: O(1) amortized,
/// no drift, and the variance is clamped at zero so it never goes negative.
/// </summary>
internal struct RollingMoments
{
    private RollingWindow _window;
    private double _mean;
    private double _m2;

    public RollingMoments(int period) => _window = new RollingWindow(period);

    public readonly bool IsFull => _window.IsFull;

    public readonly double Mean => _mean;

    public readonly double PopulationVariance => _window.Count == 0 ? 0 : _m2 / _window.Count;

    public void Add(double value)
    {
        if (!_window.IsFull)
        {
            _window.Push(value);
            double delta = value - _mean;
            _mean += delta / _window.Count;
            _m2 += delta * (value - _mean);
        }
        else
        {
            double evicted = _window.Push(value);
            double oldMean = _mean;
            double delta = value - evicted;
            _mean += delta / _window.Capacity;
            _m2 += delta * ((value - _mean) + (evicted - oldMean));
        }

        if (_window.CompletedLap)
            Recompute();
        else if (_m2 < 0)
            _m2 = 0;
    }

    public void Clear()
    {
        _window.Clear();
        _mean = 0;
        _m2 = 0;
    }

    private void Recompute()
    {
        int n = _window.Count;
        double sum = 0;
        for (int i = 0; i < n; i++)
            sum += _window[i];
        double mean = sum / n;
        double m2 = 0;
        for (int i = 0; i < n; i++)
        {
            double d = _window[i] - mean;
            m2 += d * d;
        }
        _mean = mean;
        _m2 = m2;
    }
}
