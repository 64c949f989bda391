using System;
using System.Collections.Generic;
using Backtester.Infrastructure;
using Backtester.Research;
using Backtester.Statistics;

namespace Backtester.Cli.Research;

/// <summary>
/// Sweeps the whole grid keeping each combination's returns, then computes PBO by CSCV over them by <paramref name="by"/>
/// (<paramref name="statistic"/>, the same statistic of the returns), and for the best combination by it (among those
/// with a finite Sharpe ratio) the PSR, DSR (with every successful combination as a trial) and minimum track record
/// length of its Sharpe ratio.
/// </summary>
internal sealed class OverfittingVisitor(MarketData data, SweepOptions options, int blocks, SummaryStatistic by, CscvStatistic statistic)
    : IStrategyTypeVisitor<OverfittingOutcome>
{
    public OverfittingOutcome Visit<TStrategy, TParameters, TDriver>()
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        // Every combination samples at the same interval; resolve an automatic one here so it is known for the ratios below.
        SweepOptions resolved = options with { Backtest = options.Backtest with { EquitySampleIntervalNs = EquitySampling.Resolve(options.Backtest.EquitySampleIntervalNs, data) } };
        SweepReturnsResult<TParameters> sweep = SweepReturns.Run(data, ParameterGrid<TStrategy, TParameters, TDriver>.All, resolved);
        OverfittingReport pbo = sweep.Overfitting(blocks, statistic);
        double periods = resolved.Backtest.AnnualizationFactor;
        var rows = sweep.Sweep.Rows;
        int best = -1;
        long failed = 0, trials = 0;
        double mean = 0, m2 = 0;
        for (int k = 0; k < rows.Length; k++)
        {
            if (!rows[k].Succeeded) { failed++; continue; }
            double sr = rows[k].Summary.Sharpe / Math.Sqrt(periods);
            if (!double.IsFinite(sr)) continue;
            trials++;
            double delta = sr - mean;
            mean += delta / trials;
            m2 += delta * (sr - mean);
            // The highest by --by, NaN after every number, ties to the lower grid index (as sweep ranks).
            double value = by.Read(rows[k].Summary);
            if (best < 0 || (!double.IsNaN(value) && (double.IsNaN(by.Read(rows[best].Summary)) || value > by.Read(rows[best].Summary)))) best = k;
        }
        if (best < 0) throw new UserErrorException("no combination has a finite Sharpe ratio; nothing to deflate.");
        if (double.IsNaN(by.Read(rows[best].Summary)))
            throw new UserErrorException($"{by.Name} is NaN for every combination with a finite Sharpe ratio, so there is no best to choose by it; rank by sharpe.");
        SeriesSummary s = SeriesStatistics.OfReturns(sweep.Returns[best], periods);
        double periodSharpe = s.Mean / s.StandardDeviation, variance = trials > 1 ? m2 / (trials - 1) : 0;
        long run = rows.Length - failed;
        double psr = Safe(() => SharpeRatioInference.ProbabilisticSharpeRatio(periodSharpe, 0, s.Count, s.Skewness, s.Kurtosis));
        double dsr = Safe(() => SharpeRatioInference.DeflatedSharpeRatio(periodSharpe, variance, run, s.Count, s.Skewness, s.Kurtosis));
        double minTrl = Safe(() => SharpeRatioInference.MinimumTrackRecordLength(periodSharpe, 0, s.Skewness, s.Kurtosis, 0.95));
        TParameters parameters = rows[best].Parameters;
        return new OverfittingOutcome(TStrategy.StrategyName, run, failed, pbo.Periods, pbo.Blocks, pbo.Logits.Length, pbo.Probability,
            pbo.ProbabilityOfLoss, rows[best].Index, ParameterValues.Of(in parameters), rows[best].Summary.Sharpe, periodSharpe, variance, s.Skewness,
            s.Kurtosis, s.Count, psr, dsr, minTrl)
        {
            By = by,
            BestSummary = rows[best].Summary,
            PeriodsPerYear = periods,
        };
    }

    private static double Safe(Func<double> statistic)
    {
        try
        {
            return statistic();
        }
        catch (ArgumentOutOfRangeException)
        {
            return double.NaN; // moments the formula cannot use (e.g. no variation)
        }
    }
}
