using System;
using System.Runtime.CompilerServices;

namespace Backtester.Indicators;

/// <summary>
/// Mean and population variance of the last n values, exact to a few units in the last place at any level.
/// </summary>
/// <remarks>
/// The window is kept relative to a reference value <c>K</c> taken from the window itself: with d = x − K (exact by
/// Sterbenz's lemma whenever x and K are within a factor of two, as prices are) it keeps Σd and Σd² as compensated
/// sums whose every rounding error is captured exactly (two-sum for the additions, a fused multiply-add for the
/// square's low part). The variance is then (n·Σd² − (Σd)²) / n², evaluated in double-double so the subtraction loses
/// nothing that matters: because K lies in the window, (mean − K)² ≤ (n − 1)·variance (Samuelson's inequality), so
/// the cancellation is bounded by the window length, not by the price level. (A Welford update at level 1e9 rounds
/// the mean by ~1e-7 per step, which is why StdDev(2) of 1e9, 999999979.9, 999999979.92 used to be 0.9% off.)
/// The compensation terms are plain sums, so their own rounding grows with the squares added and removed since the
/// last recomputation (the churn), about ε²·churn. The sums are therefore recomputed from the window, around a
/// fresh K, once per lap of the window (O(1) amortized), and at once when the window has moved so far from K that
/// the cancellation would exceed six digits (the series jumped to a new level), or when the spread falls below 1e-12
/// of the churn (large values just left the window): rounding error never spans more than one lap, stays far below
/// 1e-12 of the variance, and the variance is never negative. After a recomputation neither condition holds (the
/// spread is at least Σd²), so a recomputation is never repeated on the next update.
/// </remarks>
internal struct RollingMoments
{
    private RollingWindow _window;
    private double _reference;
    private double _sum, _sumError;         // Σd = _sum + _sumError
    private double _squares, _squaresError; // Σd² = _squares + _squaresError
    private double _churn;                  // Σ of the d² added and removed since the last recomputation
    private readonly double _cancellationLimit;

    public RollingMoments(int period)
    {
        _window = new RollingWindow(period);
        // After a recomputation the cancellation is at most n − 1 (see above), so the limit must stay above that.
        _cancellationLimit = Math.Max(1e6, 4.0 * period);
    }

    public readonly bool IsFull => _window.IsFull;

    public readonly double Mean
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _window.Count == 0 ? 0 : _reference + ((_sum + _sumError) / _window.Count);
    }

    /// <summary><paramref name="value"/> − mean, computed around K so it keeps the digits the mean's rounding at a high level would lose.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double DeviationFromMean(double value) =>
        _window.Count == 0 ? 0 : (value - _reference) - ((_sum + _sumError) / _window.Count);

    public readonly double PopulationVariance
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            int n = _window.Count;
            if (n == 0) return 0;
            double spread = Spread(n);
            return spread > 0 ? spread / ((double)n * n) : 0;
        }
    }

    /// <summary>n·Σd² − (Σd)², in double-double: the products' low parts come exactly from fused multiply-adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly double Spread(int n)
    {
        double a = n * _squares;
        double aLow = Math.FusedMultiplyAdd(n, _squares, -a) + (n * _squaresError);
        double b = _sum * _sum;
        double bLow = Math.FusedMultiplyAdd(_sum, _sum, -b) + (2 * _sum * _sumError) + (_sumError * _sumError);
        return (a - b) + (aLow - bLow);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value)
    {
        if (_window.Count == 0) _reference = value;
        bool full = _window.IsFull;
        double evicted = _window.Push(value);
        Accumulate(value - _reference, 1.0);
        if (full) Accumulate(evicted - _reference, -1.0);
        if (_window.CompletedLap || LosingDigits()) Recompute();
    }

    /// <summary>Adds (<paramref name="sign"/> 1) or removes (−1) one d to both sums, keeping every rounding error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Accumulate(double d, double sign)
    {
        double x = sign * d;
        double s = _sum + x;
        double bs = s - _sum;
        _sumError += (_sum - (s - bs)) + (x - bs);
        _sum = s;

        double p = d * d;
        double pLow = Math.FusedMultiplyAdd(d, d, -p);
        double y = sign * p;
        double q = _squares + y;
        double bq = q - _squares;
        _squaresError += ((_squares - (q - bq)) + (y - bq)) + (sign * pLow);
        _squares = q;
        _churn += p;
    }

    /// <summary>
    /// True when the spread n·Σd² − (Σd)² is small next to (Σd)² (the window has left K behind) or next to the churn
    /// (the squares that remain are small next to those that passed through): the sums would soon lose digits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly bool LosingDigits()
    {
        double square = _sum * _sum;
        double spread = (_window.Count * _squares) - square;
        return square > _cancellationLimit * spread || spread < 1e-12 * _window.Count * _churn;
    }

    public void Clear()
    {
        _window.Clear();
        _reference = 0;
        _sum = _sumError = _squares = _squaresError = _churn = 0;
    }

    /// <summary>Both sums from the window again, around its newest value.</summary>
    private void Recompute()
    {
        int n = _window.Count;
        _reference = _window[n - 1];
        _sum = _sumError = _squares = _squaresError = 0;
        for (int i = 0; i < n; i++)
            Accumulate(_window[i] - _reference, 1.0);
        _churn = _squares;
    }
}
