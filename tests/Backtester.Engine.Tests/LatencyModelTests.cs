using System;
using System.Linq;
using Backtester.Execution;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// Seeded latency models (docs/execution.md, "Latency models"): the draws follow the analytic distribution within a
/// tolerance derived from the sample size (4 standard errors, so a correct sampler fails about once in 15,000 seeds;
/// the seeds are fixed, so the tests are deterministic), and no request reaches the venue before its decision time
/// plus its drawn latency, or before a request sent earlier.
/// </summary>
public sealed class LatencyModelTests
{
    private const int N = 20_000;

    private static double[] Draw(LatencyModel model, int n = N)
    {
        var sampler = new LatencySampler(model);
        var draws = new double[n];
        for (int i = 0; i < n; i++) draws[i] = sampler.Next();
        return draws;
    }

    private static double Quantile(double[] values, double p)
    {
        double[] sorted = values.Order().ToArray();
        return sorted[(int)Math.Round(p * (sorted.Length - 1))];
    }

    private static double StandardDeviation(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    private static double Phi(double x) => Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI); // standard normal density

    [Fact]
    public void Lognormal_latencies_have_the_analytic_median_and_mean()
    {
        const double median = 5_000, sigma = 0.5;
        double[] d = Draw(LatencyModel.LogNormal(5_000, sigma, seed: 42));

        // mean = m e^(σ²/2) = 5665.7; sd = mean √(e^σ² − 1) = 3019.5; standard error of the mean sd/√N = 21.4
        double mean = median * Math.Exp(sigma * sigma / 2);
        double sd = mean * Math.Sqrt(Math.Exp(sigma * sigma) - 1);
        Assert.InRange(d.Average(), mean - 4 * sd / Math.Sqrt(N), mean + 4 * sd / Math.Sqrt(N));
        // the sample median's standard error is 1 / (2 f(m) √N), with the density at the median f(m) = 1 / (m σ √(2π)): 22.2
        double medianError = median * sigma * Math.Sqrt(2 * Math.PI) / (2 * Math.Sqrt(N));
        Assert.InRange(Quantile(d, 0.5), median - 4 * medianError, median + 4 * medianError);
        // the 84.13th percentile is m e^σ = 8243.6; the density there is f(q) = φ(1) / (q σ), so its standard error is √(p(1−p)) q σ / (φ(1) √N): 60.2
        double q84 = median * Math.Exp(sigma), q84Error = Math.Sqrt(0.8413 * 0.1587) * q84 * sigma / (Phi(1) * Math.Sqrt(N));
        Assert.InRange(Quantile(d, 0.8413), q84 - 4 * q84Error, q84 + 4 * q84Error);
    }

    [Fact]
    public void Normal_latencies_have_the_analytic_mean_and_90th_percentile()
    {
        const double mean = 5_000, sd = 1_000;
        double[] d = Draw(LatencyModel.Normal(5_000, 1_000, seed: 7)); // 0 is 5 sd away: truncation changes nothing visible

        Assert.InRange(d.Average(), mean - 4 * sd / Math.Sqrt(N), mean + 4 * sd / Math.Sqrt(N)); // ± 28.3
        Assert.InRange(StandardDeviation(d), sd * (1 - 4 / Math.Sqrt(2.0 * N)), sd * (1 + 4 / Math.Sqrt(2.0 * N))); // se of sd ≈ sd/√(2N)
        // q90 = μ + 1.28155 σ = 6281.6; its standard error √(p(1−p)) / (f(q) √N), f(q) = φ(1.28155)/σ: 12.1
        double q90 = mean + 1.28155 * sd, q90Error = Math.Sqrt(0.9 * 0.1) * sd / (Phi(1.28155) * Math.Sqrt(N));
        Assert.InRange(Quantile(d, 0.9), q90 - 4 * q90Error, q90 + 4 * q90Error);
    }

    [Fact]
    public void A_normal_latency_is_truncated_at_zero_by_drawing_again_not_clamped()
    {
        // μ = σ = 1000: 15.9% of raw draws are negative. Truncated (redrawn): mean μ + σ φ(1)/Φ(1) = 1000 + 1000 × 0.24197 / 0.84134
        // = 1287.6, sd σ √(1 − φ(1)/Φ(1) − (φ(1)/Φ(1))²) = 793.5. Clamping to 0 would give mean μΦ(1) + σφ(1) = 1083.3 instead.
        double[] d = Draw(LatencyModel.Normal(1_000, 1_000, seed: 3));
        double lambda = Phi(1) / 0.841345;
        double mean = 1_000 + 1_000 * lambda, sd = 1_000 * Math.Sqrt(1 - lambda - lambda * lambda);

        Assert.True(d.Min() >= 0);
        // Draws round to whole ns: [0, 0.5) gives 0, with probability φ(1)/Φ(1) × 0.5/σ = 1.4e-4, about 3 of 20,000; clamping would put 3,170 there.
        Assert.True(d.Count(x => x == 0) < 20);
        Assert.InRange(d.Average(), mean - 4 * sd / Math.Sqrt(N), mean + 4 * sd / Math.Sqrt(N));
    }

    [Fact]
    public void The_same_seed_draws_the_same_sequence_and_another_seed_another()
    {
        double[] a = Draw(LatencyModel.LogNormal(5_000, 0.5, seed: 1), 100), b = Draw(LatencyModel.LogNormal(5_000, 0.5, seed: 1), 100);
        double[] c = Draw(LatencyModel.LogNormal(5_000, 0.5, seed: 2), 100);
        Assert.Equal(a, b);
        Assert.True(a.Zip(c).Count(p => p.First != p.Second) > 90);
        Assert.All(Draw(LatencyModel.Constant(1_234), 10), x => Assert.Equal(1_234, x));
    }

    [Fact]
    public void A_constant_latency_model_acts_as_OrderLatencyNs()
    {
        // As Feed_latency_adds_to_order_latency_before_an_order_can_fill: decided at 1000 + 1500 feed + 1000 order = 3500: fills on the trade at 4000.
        var script = new Script().At(0, Side.Buy, 1);
        Runs.Of(Data.OneSymbol(100, 101, 102, 103, 104), script, new BacktestOptions { OrderLatency = LatencyModel.Constant(1_000), FeedLatencyNs = 1_500 });

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((4_000L, 103.0), (fill.Timestamp, fill.Price));
    }

    [Fact]
    public void No_order_reaches_the_venue_before_its_decision_time_plus_its_drawn_latency_nor_before_an_earlier_order()
    {
        // A market order on each of the first 200 trades (1 µs apart); lognormal latency, median 3 µs, σ = 1: wide enough
        // that without the one-connection order later orders would often overtake earlier ones.
        const int orders = 200;
        LatencyModel model = LatencyModel.LogNormal(3_000, 1.0, seed: 11);
        var script = new Script();
        for (int i = 0; i < orders; i++) script.At(i, i % 2 == 0 ? Side.Buy : Side.Sell, 1);
        Runs.Of(Data.OneSymbol(Enumerable.Repeat(100.0, orders + 100).ToArray()), script, new BacktestOptions { OrderLatency = model, FeedLatencyNs = 500 });

        // Expected by hand from the draws: arrival_i = max(t_i + 500 + d_i, arrival_(i−1)); the order fills on the first
        // trade at or after its arrival, and never on the trade it was decided on.
        var draws = new LatencySampler(model);
        long previous = long.MinValue;
        Assert.Equal(orders, script.Fills.Count);
        for (int i = 0; i < orders; i++)
        {
            long decided = 1_000 + i * 1_000L, d = draws.Next();
            long arrival = Math.Max(decided + 500 + d, previous);
            previous = arrival;
            long expected = Math.Max((arrival + 999) / 1_000 * 1_000, decided + 1_000);
            Fill fill = script.Fills[i];
            Assert.Equal(script.Placed[i].OrderId, fill.OrderId); // in the order sent
            Assert.Equal(expected, fill.Timestamp);
            Assert.True(fill.Timestamp >= decided + 500 + d && fill.Timestamp > decided);
        }
    }

    [Fact]
    public void Order_latency_set_twice_is_refused_naming_both()
    {
        var options = new BacktestOptions { OrderLatency = LatencyModel.Constant(5), OrderLatencyNs = 5 };
        var e = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(nameof(BacktestOptions.OrderLatencyNs), e.ParamName);
        Assert.Contains("OrderLatency is set", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyModel.Normal(1_000, 2_000, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyModel.LogNormal(0, 0.5, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyModel.Constant(-1));
    }
}
