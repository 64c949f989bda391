using System;
using System.Collections.Generic;

namespace Backtester.Research;

/// <summary>
/// The probability of backtest overfitting (PBO) by combinatorially symmetric cross-validation (CSCV), after Bailey,
/// Borwein, López de Prado and Zhu (2015), "The Probability of Backtest Overfitting", Journal of Computational Finance
/// 20(4), section "The CSCV method".
/// </summary>
/// <remarks>
/// The T × N matrix of per-period returns of N trials is cut into S equal blocks of consecutive rows (the first T mod S
/// rows are dropped so that the blocks are equal). For each of the C(S, S/2) ways to pick S/2 blocks as the training set
/// J (the rest, J̄, is the test set), the trial n* with the best performance on J is chosen, its performance on J̄ is
/// ranked among all trials' (rank 1 the worst, ties sharing the mean rank), ω = rank / (N + 1), and the logit
/// λ = ln(ω / (1 − ω)). PBO is the fraction of combinations with λ ≤ 0: the in-sample best did no better than the
/// out-of-sample median. Performance is a <see cref="CscvStatistic"/> of the trial's returns in the set: the per-period
/// Sharpe ratio by default, or the Sortino ratio or the compounded return.
/// </remarks>
public static class BacktestOverfitting
{
    /// <summary>The most blocks <see cref="Cscv"/> takes: C(30, 15) ≈ 1.55e8 train/test splits.</summary>
    public const int MaxBlocks = 30;

    /// <summary>Runs CSCV over the per-period returns of each trial (<paramref name="returns"/>[n][t], all of one length).</summary>
    /// <param name="returns">One array per trial, all the same length T (the same periods).</param>
    /// <param name="blocks">S, the number of blocks: even, at least 2, at most T. Default 16 as in the paper.</param>
    /// <param name="statistic">The performance statistic the trials are chosen and ranked by in each set. Default the Sharpe ratio.</param>
    /// <exception cref="ArgumentException">Fewer than two trials, lengths differ, a return is not finite, or <paramref name="blocks"/> is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statistic"/> is not a <see cref="CscvStatistic"/>.</exception>
    public static OverfittingReport Cscv(IReadOnlyList<double[]> returns, int blocks = 16, CscvStatistic statistic = CscvStatistic.Sharpe)
    {
        if (!Enum.IsDefined(statistic)) throw new ArgumentOutOfRangeException(nameof(statistic), statistic, "Not a CscvStatistic.");
        ArgumentNullException.ThrowIfNull(returns);
        int trials = returns.Count;
        if (trials < 2) throw new ArgumentException($"CSCV needs at least two trials, got {trials}.", nameof(returns));
        int periods = returns[0]?.Length ?? throw new ArgumentException("Trial 0 has no returns array.", nameof(returns));
        for (int n = 0; n < trials; n++)
        {
            if (returns[n] is null || returns[n].Length != periods)
                throw new ArgumentException($"Trial {n} has {returns[n]?.Length ?? 0} returns, trial 0 has {periods}; every trial needs the same periods.", nameof(returns));
            for (int t = 0; t < periods; t++)
                if (!double.IsFinite(returns[n][t])) throw new ArgumentException($"Trial {n} has return {returns[n][t]} at period {t}; returns must be finite.", nameof(returns));
        }
        if (blocks < 2 || blocks % 2 != 0) throw new ArgumentOutOfRangeException(nameof(blocks), blocks, "The number of blocks must be even and at least 2.");
        if (blocks > periods) throw new ArgumentOutOfRangeException(nameof(blocks), blocks, $"The number of blocks must not exceed the {periods} periods.");
        if (blocks > MaxBlocks) throw new ArgumentOutOfRangeException(nameof(blocks), blocks, $"At most {MaxBlocks} blocks (C(30, 15) ≈ 1.55e8 combinations).");

        // Per block and trial: count, mean and M2 of the returns (merged per set by Chan et al.'s pairwise formulas), the
        // sum of squared losses and the growth factor Π(1 + r) (merged by adding and multiplying).
        int size = periods / blocks, skip = periods - size * blocks;
        // A ratio over one period is NaN for every trial: the "best" would be trial 0 and every split would count as overfit.
        if (statistic != CscvStatistic.Return && size * (blocks / 2) < 2)
            throw new ArgumentOutOfRangeException(nameof(blocks), blocks,
                $"With {blocks} blocks of {size} period{(size == 1 ? "" : "s")} ({periods} periods), each half holds {size * (blocks / 2)} period; the {statistic} ratio needs at least 2 in each. Give at least 4 periods.");
        var moments = new Moments[blocks, trials];
        for (int b = 0; b < blocks; b++)
            for (int n = 0; n < trials; n++)
            {
                var m = new Moments();
                for (int t = skip + b * size; t < skip + (b + 1) * size; t++) m.Add(returns[n][t]);
                moments[b, n] = m;
            }

        var logits = new List<double>();
        var inSample = new List<double>();
        var outOfSample = new List<double>();
        var train = new double[trials];
        var test = new double[trials];
        int half = blocks / 2;
        // Combinations of S/2 of S blocks as bit masks, in lexicographic order of the chosen blocks.
        for (uint mask = (1u << half) - 1; mask < 1u << blocks; mask = NextWithSameBits(mask))
        {
            for (int n = 0; n < trials; n++)
            {
                Moments j = default, jBar = default;
                for (int b = 0; b < blocks; b++)
                {
                    if ((mask & (1u << b)) != 0) j = Moments.Merge(j, moments[b, n]);
                    else jBar = Moments.Merge(jBar, moments[b, n]);
                }
                train[n] = j.Value(statistic);
                test[n] = jBar.Value(statistic);
            }
            int best = 0;
            for (int n = 1; n < trials; n++)
                if (train[n] > train[best]) best = n; // ties go to the lower trial index
            double below = 0, equal = 0;
            for (int n = 0; n < trials; n++)
            {
                if (test[n] < test[best]) below++;
                else if (test[n] == test[best] && n != best) equal++;
            }
            double omega = (1 + below + equal / 2) / (trials + 1);
            logits.Add(Math.Log(omega / (1 - omega)));
            inSample.Add(train[best]);
            outOfSample.Add(test[best]);
        }
        return new OverfittingReport(trials, periods - skip, blocks, statistic, logits.ToArray(), inSample.ToArray(), outOfSample.ToArray());
    }

    /// <summary>The next larger integer with as many set bits (Gosper's hack).</summary>
    private static uint NextWithSameBits(uint v)
    {
        uint c = v & (~v + 1), r = v + c;
        return (((r ^ v) >> 2) / c) | r;
    }

    /// <summary>Count, mean, sum of squared deviations, sum of squared losses and growth factor of some returns.</summary>
    private struct Moments
    {
        private long _n;
        private double _mean, _m2, _downside, _growth;

        public void Add(double x)
        {
            _growth = _n == 0 ? 1 + x : _growth * (1 + x);
            _n++;
            double d = x - _mean;
            _mean += d / _n;
            _m2 += d * (x - _mean);
            if (x < 0) _downside += x * x;
        }

        public static Moments Merge(Moments a, Moments b)
        {
            if (a._n == 0) return b;
            if (b._n == 0) return a;
            long n = a._n + b._n;
            double d = b._mean - a._mean;
            return new Moments
            {
                _n = n, _mean = a._mean + d * b._n / n, _m2 = a._m2 + b._m2 + d * d * a._n * b._n / n,
                _downside = a._downside + b._downside, _growth = a._growth * b._growth,
            };
        }

        public readonly double Value(CscvStatistic statistic) => statistic switch
        {
            CscvStatistic.Sharpe => Sharpe,
            CscvStatistic.Sortino => Sortino,
            _ => _n == 0 ? double.NaN : _growth - 1,
        };

        private readonly double Sharpe
        {
            get
            {
                if (_n < 2) return double.NaN;
                double std = Math.Sqrt(_m2 / (_n - 1));
                return std > 0 ? _mean / std : Signed(_mean);
            }
        }

        private readonly double Sortino
        {
            get
            {
                if (_n < 2) return double.NaN;
                double downside = Math.Sqrt(_downside / _n);
                return downside > 0 ? _mean / downside : Signed(_mean);
            }
        }

        /// <summary>A ratio over no spread: ±∞ by the sign of the mean, 0 for a flat set.</summary>
        private static double Signed(double mean) => mean > 0 ? double.PositiveInfinity : mean < 0 ? double.NegativeInfinity : 0;
    }
}
