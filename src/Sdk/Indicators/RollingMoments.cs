using System;

namespace Backtester.Indicators;

/// <summary>
/// Mean and population variance of the last n values. Each update is a Welford-style add (while filling) or
/// replace (once full); every time the window completes a lap the mean and the sum of squared deviations are
/// recomputed from the window in two passes, so rounding error never spans more than n updates: O(1) amortized,
/// no drift, and the variance is clamped at zero so it never goes negative.
/// The rounding error of the updates is proportional to their own size, not to the variance, so when the
/// variance collapses (a spike leaves the window, the series goes flat) the window is also recomputed as soon as
/// the sum of squared deviations falls below a millionth of the update magnitudes accumulated since the last
/// recomputation: a rare O(n) step that keeps the deviation of a quiet window accurate.
/// </summary>
internal struct RollingMoments
{
    private RollingWindow _window;
    private double _mean;
    private double _m2;
    private double _churn;

    private const double CancellationThreshold = 1e-6;

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
            double increment = delta * (value - _mean);
            _m2 += increment;
            _churn += Math.Abs(increment);
        }
        else
        {
            double evicted = _window.Push(value);
            double oldMean = _mean;
            double delta = value - evicted;
            _mean += delta / _window.Capacity;
            double increment = delta * ((value - _mean) + (evicted - oldMean));
            _m2 += increment;
            _churn += Math.Abs(increment);
        }

        if (_window.CompletedLap || _m2 < CancellationThreshold * _churn)
            Recompute();
        else if (_m2 < 0)
            _m2 = 0;
    }

    public void Clear()
    {
        _window.Clear();
        _mean = 0;
        _m2 = 0;
        _churn = 0;
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
        _churn = 0;
    }
}
