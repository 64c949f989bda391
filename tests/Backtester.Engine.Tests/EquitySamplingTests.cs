using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>The one equity-sampling rule: daily from ten days of data, else a round interval giving at most 1,000 samples.</summary>
public class EquitySamplingTests
{
    private const long Day = BacktestOptions.OneDayNs;
    private const long T0 = 1_704_067_200_000_000_000L;

    [Theory]
    [InlineData(10 * Day, Day)]                  // ten days and more: daily
    [InlineData(400 * Day, Day)]
    [InlineData(3 * Day, 600_000_000_000L)]      // 259.2 s per 1/1000 of the span: 10 min, 432 samples
    [InlineData(9 * Day, 3_600_000_000_000L)]    // 777.6 s: 1 h
    [InlineData(1_000_000_000L, 1_000_000L)]     // one second: 1 ms
    [InlineData(2_000L, 1_000L)]                 // 2 µs: the smallest, 1 µs
    [InlineData(0L, Day)]                        // a single instant: nothing to sample, daily
    public void Interval_follows_the_span_of_the_data(long span, long expected) =>
        Assert.Equal(expected, EquitySampling.IntervalFor(span));

    [Theory]
    [InlineData(Day / 2, 28 * Day, 60_000_000_000L)]            // 12 h windows over 28 days: 43.2 s per 1/1000 of 12 h, 1 min (720 a window)
    [InlineData(Day, 20 * Day, 600_000_000_000L)]               // 1 day windows: 86.4 s, 10 min (not the span's daily)
    [InlineData(30 * Day, 365 * Day, Day)]                      // windows of ten days and more: daily
    [InlineData(Day / 24, 3650 * Day, 60_000_000_000L)]         // 1 h windows: 3.6 s gives 10 s, 31.5M samples over ten years; 1 min, 5.3M
    public void A_walk_forward_samples_by_its_shortest_window_within_the_sample_limit_of_the_whole_span(long shortest, long span, long expected) =>
        Assert.Equal(expected, EquitySampling.IntervalForWindows(shortest, span));

    [Fact]
    public void Backtest_run_uses_the_rule_by_default_and_an_explicit_interval_when_given()
    {
        // trades at day 0, 1, 2 and 3: a span of 3 days samples every 10 minutes, 432 returns
        var data = new Tape().Trade(T0, 100).Trade(T0 + Day, 110).Trade(T0 + 2 * Day, 99).Trade(T0 + 3 * Day, 121).Build();
        var script = new Script();
        script.OrdersAtStart.Add((0, Side.Buy, 1));

        BacktestResult automatic = Runs.Of(data, script).Result;
        Assert.Equal(600_000_000_000L, automatic.EquitySampleIntervalNs);
        Assert.Equal(3 * 144, automatic.Summary.EquitySamples);
        Assert.True(double.IsFinite(automatic.Summary.Sharpe));

        BacktestResult daily = Runs.Of(data, new Script(), new BacktestOptions { EquitySampleIntervalNs = Day }).Result;
        Assert.Equal(Day, daily.EquitySampleIntervalNs);
        Assert.Equal(3, daily.Summary.EquitySamples);
    }

    [Fact]
    public void An_automatic_interval_is_annualized_by_the_interval_the_run_resolves()
    {
        // Same data as above: Auto resolves to 10 minutes, 365 × 144 = 52,560 intervals a year.
        var options = new BacktestOptions();
        Assert.Equal(365 * 144.0, options.AnnualizationFactorFor(600_000_000_000L));
        Assert.Equal(252.0, (options with { PeriodsPerYear = 252 }).AnnualizationFactorFor(600_000_000_000L));
        Assert.Throws<System.InvalidOperationException>(() => options.AnnualizationFactor);
        Assert.Throws<System.ArgumentOutOfRangeException>(() => options.AnnualizationFactorFor(0));

        var data = new Tape().Trade(T0, 100).Trade(T0 + Day, 110).Trade(T0 + 2 * Day, 99).Trade(T0 + 3 * Day, 121).Build();
        var script = new Script();
        script.OrdersAtStart.Add((0, Side.Buy, 1));
        BacktestSummary automatic = Runs.Of(data, script).Result.Summary;
        var explicitScript = new Script();
        explicitScript.OrdersAtStart.Add((0, Side.Buy, 1));
        BacktestSummary tenMinutes = Runs.Of(data, explicitScript, new BacktestOptions { EquitySampleIntervalNs = 600_000_000_000L }).Result.Summary;
        Assert.Equal(tenMinutes.Sharpe, automatic.Sharpe);
        Assert.Equal(tenMinutes.AnnualizedVolatility, automatic.AnnualizedVolatility);
    }
}
