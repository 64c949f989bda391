using System;
using System.Collections.Generic;
using Backtester.Infrastructure;
using Backtester.Research;
using Backtester.Statistics;

namespace Backtester.Cli.Research;

/// <summary>
/// Sweeps the whole grid keeping each combination's returns, then computes PBO by CSCV over them, and the PSR, DSR
/// (with every successful combination as a trial) and minimum track record length of the best by the Sharpe ratio.
/// </summary>
internal sealed class OverfittingVisitor(MarketData data, SweepOptions options, int blocks) : IStrategyTypeVisitor<OverfittingOutcome>
{
    public OverfittingOutcome Visit<TStrategy, TParameters, TDriver>()
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        // Every combination samples at the same interval; resolve an automatic one here so it is known for the ratios below.
        SweepOptions resolved = options with { Backtest = options.Backtest with { EquitySampleIntervalNs = EquitySampling.Resolve(options.Backtest.EquitySampleIntervalNs, data) } };
        SweepReturnsResult<TParameters> sweep = SweepReturns.Run(data, ParameterGrid<TStrategy, TParameters, TDriver>.All, resolved);
        OverfittingReport pbo = sweep.Overfitting(blocks);
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
            if (best < 0 || rows[k].Summary.Sharpe > rows[best].Summary.Sharpe) best = k;
        }
        if (best < 0) throw new UserErrorException("no combination has a finite Sharpe ratio; nothing to deflate.");
        SeriesSummary s = SeriesStatistics.OfReturns(sweep.Returns[best], periods);
        double periodSharpe = s.Mean / s.StandardDeviation, variance = trials > 1 ? m2 / (trials - 1) : 0;
        long run = rows.Length - failed;
        double psr = Safe(() => SharpeRatioInference.ProbabilisticSharpeRatio(periodSharpe, 0, s.Count, s.Skewness, s.Kurtosis));
        double dsr = Safe(() => SharpeRatioInference.DeflatedSharpeRatio(periodSharpe, variance, run, s.Count, s.Skewness, s.Kurtosis));
        double minTrl = Safe(() => SharpeRatioInference.MinimumTrackRecordLength(periodSharpe, 0, s.Skewness, s.Kurtosis, 0.95));
        TParameters parameters = rows[best].Parameters;
        return new OverfittingOutcome(TStrategy.StrategyName, run, failed, pbo.Periods, pbo.Blocks, pbo.Logits.Length, pbo.Probability,
            pbo.ProbabilityOfLoss, rows[best].Index, ParameterValues.Of(in parameters), rows[best].Summary.Sharpe, periodSharpe, variance, s.Skewness,
            s.Kurtosis, s.Count, psr, dsr, minTrl);
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
