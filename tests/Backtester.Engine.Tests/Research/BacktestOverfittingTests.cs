using System;
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
        Assert.Equal(new[] { 0.03 / Math.Sqrt(0.0002), 0.02 / Math.Sqrt(0.0002) }, report.InSampleSharpe.ToArray(), new RoundedComparer());
        Assert.Equal(new[] { 0.0, 0.01 / Math.Sqrt(0.0002) }, report.OutOfSampleSharpe.ToArray(), new RoundedComparer());
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

    private sealed class RoundedComparer : System.Collections.Generic.IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;
        public int GetHashCode(double obj) => 0;
    }
}
