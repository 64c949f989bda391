using System;
using System.Collections.Generic;
using System.Linq;
using Backtester.Research;
using Xunit;

namespace Backtester.Engine.Tests.Research;

public class BacktestOverfittingTests
{
    [Fact]
    public void The_in_sample_winner_losing_out_of_sample_in_both_halves_gives_pbo_one()
    {
        // S = 2 blocks of 2 periods, so C(2, 1) = 2 combinations (Bailey, Borwein, López de Prado and Zhu 2015, CSCV).
        // A: block 0 [0.02, 0.04] Sharpe 0.03/0.01414 = 2.12, block 1 [−0.01, 0.01] Sharpe 0.
        // B: block 0 [0.00, 0.02] Sharpe 0.71, block 1 [0.01, 0.03] Sharpe 1.41.
        // Train on 0: A wins, tests 0 < 1.41, rank 1 of 2, ω = 1/3, λ = ln(1/2). Train on 1: B wins, tests 0.71 < 2.12, same.
        double[] a = [0.02, 0.04, -0.01, 0.01], b = [0.00, 0.02, 0.01, 0.03];
        OverfittingReport report = BacktestOverfitting.Cscv([a, b], blocks: 2);

        Assert.Equal(1.0, report.Probability);
        Assert.Equal(new[] { Math.Log(0.5), Math.Log(0.5) }, report.Logits.ToArray(), new RoundedComparer());
        Assert.Equal(new[] { 0.03 / Math.Sqrt(0.0002), 0.02 / Math.Sqrt(0.0002) }, report.InSample.ToArray(), new RoundedComparer());
        Assert.Equal(new[] { 0.0, 0.01 / Math.Sqrt(0.0002) }, report.OutOfSample.ToArray(), new RoundedComparer());
        Assert.Equal(0.0, report.ProbabilityOfLoss); // 0 and 0.71 are not below zero
    }

    [Fact]
    public void A_trial_better_in_every_block_gives_pbo_zero()
    {
        // C dominates D in each of 4 blocks; C(4, 2) = 6 combinations, each picks C and C ranks 2 of 2: ω = 2/3, λ = ln 2.
        double[] c = [0.03, 0.01, 0.04, 0.02, 0.05, 0.03, 0.02, 0.04], d = [0.01, 0.00, 0.00, 0.01, 0.01, -0.01, 0.00, 0.02];
        OverfittingReport report = BacktestOverfitting.Cscv([c, d], blocks: 4);
        Assert.Equal(6, report.Logits.Length);
        Assert.All(report.Logits.ToArray(), l => Assert.Equal(Math.Log(2), l, 12));
        Assert.Equal(0.0, report.Probability);
    }

    [Fact]
    public void Pure_noise_trials_are_overfit_about_half_the_time_and_a_real_edge_is_not()
    {
        var random = new Random(1234);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        double[][] noise = Enumerable.Range(0, 30).Select(_ => Enumerable.Range(0, 480).Select(_ => 0.01 * Gaussian()).ToArray()).ToArray();
        OverfittingReport none = BacktestOverfitting.Cscv(noise, blocks: 10);
        Assert.InRange(none.Probability, 0.3, 0.7);

        double[][] withEdge = noise.Select((row, n) => n == 7 ? row.Select(x => x + 0.01).ToArray() : row).ToArray();
        OverfittingReport edge = BacktestOverfitting.Cscv(withEdge, blocks: 10);
        Assert.Equal(0.0, edge.Probability);
        Assert.Equal(252, edge.Logits.Length); // C(10, 5)
    }

    [Fact]
    public void Rows_that_do_not_fill_a_block_are_dropped_from_the_start()
    {
        double[] a = [9, 0.02, 0.04, -0.01, 0.01], b = [-9, 0.00, 0.02, 0.01, 0.03];
        OverfittingReport report = BacktestOverfitting.Cscv([a, b], blocks: 2);
        Assert.Equal(4, report.Periods);
        Assert.Equal(1.0, report.Probability); // the same as without the first row
    }

    [Fact]
    public void Bad_matrices_are_refused_with_the_trial_named()
    {
        Assert.Contains("Trial 1 has 3 returns", Assert.Throws<ArgumentException>(() => BacktestOverfitting.Cscv([new double[4], new double[3]], 2)).Message);
        Assert.Contains("even", Assert.Throws<ArgumentOutOfRangeException>(() => BacktestOverfitting.Cscv([new double[4], new double[4]], 3)).Message);
        Assert.Contains("at least two trials", Assert.Throws<ArgumentException>(() => BacktestOverfitting.Cscv([new double[4]], 2)).Message);
    }

    [Fact]
    public void Halves_of_one_period_are_refused_for_a_ratio_and_allowed_for_the_return()
    {
        // 3 periods in 2 blocks: blocks of 1 (the first period dropped), so each half holds one period, where a Sharpe or
        // Sortino ratio is NaN for every trial and the "best" would be trial 0 whatever the returns.
        double[] a = [0.01, 0.02, -0.01], b = [0.03, -0.02, 0.01];
        foreach (CscvStatistic ratio in new[] { CscvStatistic.Sharpe, CscvStatistic.Sortino })
        {
            var refused = Assert.Throws<ArgumentOutOfRangeException>(() => BacktestOverfitting.Cscv([a, b], 2, ratio));
            Assert.Contains("each half holds 1 period", refused.Message);
            Assert.Contains("at least 4 periods", refused.Message);
        }
        // By return one period is enough. Block 0 is period 1 (a 0.02, b -0.02), block 1 period 2 (a -0.01, b 0.01): trained
        // on block 0, a wins and is the worse on block 1; trained on block 1, b wins and is the worse on block 0. PBO 1.
        Assert.Equal(1.0, BacktestOverfitting.Cscv([a, b], 2, CscvStatistic.Return).Probability);
        // Four periods in 2 blocks give halves of two: allowed for the ratios.
        Assert.Equal(2, BacktestOverfitting.Cscv([[0.01, 0.02, -0.01, 0.03], [0.03, -0.02, 0.01, 0.0]], 2).Blocks);
    }

    [Fact]
    public void By_sortino_and_by_return_the_trial_with_upside_spikes_is_chosen_where_by_sharpe_it_is_not()
    {
        // S = 2 blocks of 3 periods. Worked by hand (per period; mean over sample sd for Sharpe, mean over √(Σ min(r,0)² / n)
        // for Sortino, Π(1 + r) − 1 for the return):
        //   A block 0 [0.09, 0, −0.01]:     mean 0.08/3, sd √0.0273/3, Sharpe 0.08/√0.0273 = 0.4842, downside 0.01/√3, Sortino 8/√3,
        //                                    return 1.09 × 0.99 − 1 = 0.0791
        //   A block 1 [0.01, 0.01, −0.01]:  mean 0.01/3, sd √0.0012/3, Sharpe 1/(2√3), Sortino 1/√3, return 1.0201 × 0.99 − 1 = 0.009899
        //   B blocks 0 and 1 [0.02, 0.02, −0.01]: mean 0.01, sd 0.01√3, Sharpe 1/√3, Sortino √3, return 1.0404 × 0.99 − 1 = 0.029996
        // By Sharpe B wins both training halves and beats A on the other: rank 2 of 2, ω = 2/3, λ = ln 2 twice, PBO 0.
        // By Sortino or return A wins block 0 and loses block 1, B wins block 1 and loses block 0: ω = 1/3 twice, PBO 1.
        double[] a = [0.09, 0.00, -0.01, 0.01, 0.01, -0.01], b = [0.02, 0.02, -0.01, 0.02, 0.02, -0.01];
        var rounded = new RoundedComparer();

        OverfittingReport sharpe = BacktestOverfitting.Cscv([a, b], blocks: 2);
        Assert.Equal(CscvStatistic.Sharpe, sharpe.Statistic);
        Assert.Equal(0.0, sharpe.Probability);
        Assert.Equal(new[] { Math.Log(2), Math.Log(2) }, sharpe.Logits.ToArray(), rounded);
        Assert.Equal(new[] { 1 / Math.Sqrt(3), 1 / Math.Sqrt(3) }, sharpe.InSample.ToArray(), rounded);
        Assert.Equal(new[] { 1 / Math.Sqrt(3), 1 / Math.Sqrt(3) }, sharpe.OutOfSample.ToArray(), rounded);

        OverfittingReport sortino = BacktestOverfitting.Cscv([a, b], blocks: 2, CscvStatistic.Sortino);
        Assert.Equal(CscvStatistic.Sortino, sortino.Statistic);
        Assert.Equal(1.0, sortino.Probability);
        Assert.Equal(new[] { Math.Log(0.5), Math.Log(0.5) }, sortino.Logits.ToArray(), rounded);
        Assert.Equal(new[] { 8 / Math.Sqrt(3), Math.Sqrt(3) }, sortino.InSample.ToArray(), rounded);
        Assert.Equal(new[] { 1 / Math.Sqrt(3), Math.Sqrt(3) }, sortino.OutOfSample.ToArray(), rounded);
        Assert.Equal(0.0, sortino.ProbabilityOfLoss);

        OverfittingReport growth = BacktestOverfitting.Cscv([a, b], blocks: 2, CscvStatistic.Return);
        Assert.Equal(1.0, growth.Probability);
        Assert.Equal(new[] { Math.Log(0.5), Math.Log(0.5) }, growth.Logits.ToArray(), rounded);
        Assert.Equal(new[] { 0.0791, 0.029996 }, growth.InSample.ToArray(), rounded);
        Assert.Equal(new[] { 0.009899, 0.029996 }, growth.OutOfSample.ToArray(), rounded);
    }

    [Fact]
    public void A_set_without_a_losing_period_has_an_infinite_sortino_ratio_and_a_flat_one_zero()
    {
        // C: block 0 [0.01, 0.02] gains without a loss (+∞), block 1 [0, 0] is flat (0). D: [−0.01, 0.01] and [0.01, −0.01],
        // mean 0 in both (0). Train on 0: C (∞ > 0), tested 0 against D's 0: a tie, ω = (1 + 0.5) / 3 = 1/2, λ = 0, overfit.
        // Train on 1: a tie at 0 goes to the lower trial, C, tested ∞ against 0: ω = 2/3, λ = ln 2. PBO 1/2.
        double[] c = [0.01, 0.02, 0, 0], d = [-0.01, 0.01, 0.01, -0.01];
        OverfittingReport report = BacktestOverfitting.Cscv([c, d], blocks: 2, CscvStatistic.Sortino);
        Assert.Equal(0.5, report.Probability);
        Assert.Equal(new[] { 0.0, Math.Log(2) }, report.Logits.ToArray(), new RoundedComparer());
        Assert.Equal(new[] { double.PositiveInfinity, 0 }, report.InSample.ToArray());
        Assert.Equal(new[] { 0, double.PositiveInfinity }, report.OutOfSample.ToArray());
    }

    [Theory]
    [InlineData(CscvStatistic.Sharpe)]
    [InlineData(CscvStatistic.Sortino)]
    [InlineData(CscvStatistic.Return)]
    public void Each_statistic_gives_what_a_brute_force_cscv_over_the_joined_blocks_gives(CscvStatistic statistic)
    {
        // A second method: each training and test set joined from its blocks in their order and summarized by
        // SeriesStatistics (the engine's statistics of a return series, with one period a year: per-period values), every
        // half of the blocks taken in ascending order of its bit mask, the best trial by a plain scan.
        var random = new Random(77);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        double[][] returns = Enumerable.Range(0, 7).Select(n => Enumerable.Range(0, 51).Select(_ => 0.01 * Gaussian() + 0.0005 * n).ToArray()).ToArray();
        const int Blocks = 6, Size = 51 / Blocks, Skip = 51 - Size * Blocks;
        double Score(double[] trial, IEnumerable<int> blocks)
        {
            Statistics.SeriesSummary s = Statistics.SeriesStatistics.OfReturns(blocks.SelectMany(b => trial.Skip(Skip + b * Size).Take(Size)).ToArray(), 1);
            return statistic switch { CscvStatistic.Sharpe => s.Sharpe, CscvStatistic.Sortino => s.Sortino, _ => s.TotalReturn };
        }
        var logits = new List<double>();
        var inSample = new List<double>();
        var outOfSample = new List<double>();
        for (int mask = 0; mask < 1 << Blocks; mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) != Blocks / 2) continue;
            int[] train = Enumerable.Range(0, Blocks).Where(b => (mask & (1 << b)) != 0).ToArray(), test = Enumerable.Range(0, Blocks).Except(train).ToArray();
            double[] trained = returns.Select(r => Score(r, train)).ToArray(), tested = returns.Select(r => Score(r, test)).ToArray();
            int best = Array.IndexOf(trained, trained.Max());
            double rank = 1 + tested.Count(x => x < tested[best]) + 0.5 * (tested.Count(x => x == tested[best]) - 1);
            double omega = rank / (returns.Length + 1);
            logits.Add(Math.Log(omega / (1 - omega)));
            inSample.Add(trained[best]);
            outOfSample.Add(tested[best]);
        }

        OverfittingReport report = BacktestOverfitting.Cscv(returns, Blocks, statistic);

        Assert.Equal(20, logits.Count); // C(6, 3)
        Assert.Equal(logits, report.Logits.ToArray(), new RoundedComparer());
        Assert.Equal(inSample, report.InSample.ToArray(), new RoundedComparer());
        Assert.Equal(outOfSample, report.OutOfSample.ToArray(), new RoundedComparer());
        Assert.Equal(logits.Count(l => l <= 0) / 20.0, report.Probability);
        Assert.Equal(outOfSample.Count(x => x < 0) / 20.0, report.ProbabilityOfLoss);
        // Not every split agrees, so the test ranks something.
        Assert.InRange(report.Probability, 0.01, 0.99);
    }

    private sealed class RoundedComparer : System.Collections.Generic.IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;
        public int GetHashCode(double obj) => 0;
    }
}
