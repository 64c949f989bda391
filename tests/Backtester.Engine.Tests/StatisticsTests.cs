using System;
using System.Collections.Generic;
using System.Linq;
using Backtester.Data;
using Xunit;

namespace Backtester.Engine.Tests;

public class StatisticsTests
{
    private const long Day = BacktestOptions.OneDayNs;
    private const long T0 = 1_704_067_200_000_000_000L;

    [Fact]
    public void Return_statistics_of_a_tiny_daily_series_match_values_worked_by_hand()
    {
        // capital 1000, buy 1 at the first trade (100) and hold; trades once a day at 100, 110, 99, 121
        // equity samples 1000, 1010, 999, 1021: returns 0.01, −11/1010, 22/999
        var data = new Tape().Trade(T0, 100).Trade(T0 + Day, 110).Trade(T0 + 2 * Day, 99).Trade(T0 + 3 * Day, 121).Build();
        var script = new Script();
        script.OrdersAtStart.Add((0, Side.Buy, 1));

        BacktestSummary s = Runs.Of(data, script, new BacktestOptions { InitialCapital = 1_000, EquitySampleIntervalNs = Day }).Result.Summary;

        double r1 = 0.01, r2 = -11.0 / 1010, r3 = 22.0 / 999;
        double mean = (r1 + r2 + r3) / 3;
        double std = Math.Sqrt(((r1 - mean) * (r1 - mean) + (r2 - mean) * (r2 - mean) + (r3 - mean) * (r3 - mean)) / 2);
        Assert.Equal(3, s.EquitySamples);
        Assert.Equal(mean / std * Math.Sqrt(365), s.Sharpe, 9);
        Assert.Equal(std * Math.Sqrt(365), s.AnnualizedVolatility, 9);
        Assert.Equal(mean / Math.Sqrt(r2 * r2 / 3) * Math.Sqrt(365), s.Sortino, 9);
        // 3 daily returns are less than a year: no CAGR (it would be 1.021^(365/3) − 1, about 11.5), so no Calmar
        Assert.True(double.IsNaN(s.Cagr) && double.IsNaN(s.Calmar));
        Assert.Equal(11, s.MaxDrawdown, 9);
        Assert.Equal(11.0 / 1010, s.MaxDrawdownPercent, 12);
        Assert.Equal(2 * Day, s.MaxDrawdownDurationNs); // peak on day 1, recovered on day 3
        Assert.Equal(1.0, s.Exposure);
        Assert.Equal(0.021, s.Return, 12);
    }

    [Theory]
    [InlineData(null)] // 365 periods a year: 40 daily returns are less than a year, so no CAGR
    [InlineData(20.0)] // 40 returns at 20 a year: two years
    public void Return_statistics_match_a_naive_second_implementation_over_the_sampled_equity(double? periodsPerYear)
    {
        // one trade every 5 hours (never on a day boundary) for 40 days, with a 6-day gap in the middle
        var times = new List<long>();
        var prices = new List<double>();
        var random = new Random(7);
        double price = 100;
        for (int i = 0; i < 192; i++)
        {
            if (i >= 90 && i < 120) continue;
            price *= 1 + (random.NextDouble() - 0.5) * 0.06;
            times.Add(T0 + i * 5 * 3_600_000_000_000L + 1);
            prices.Add(Math.Round(price, 2));
        }
        var tape = new Tape();
        for (int i = 0; i < times.Count; i++) tape.Trade(times[i], prices[i]);
        var script = new Script();
        script.OrdersAtStart.Add((0, Side.Buy, 10));
        const double capital = 10_000;

        BacktestSummary s = Runs.Of(tape.Build(), script, new BacktestOptions { InitialCapital = capital, PeriodsPerYear = periodsPerYear }).Result.Summary;
        double periods = periodsPerYear ?? 365;

        // the sampled series, straight from the definition: equity after the last event at or before each boundary, then
        // the final equity at the last event (39 whole days end at 936 h; the last trade is at 955 h: a 19-hour period)
        double Equity(int i) => capital - 10 * prices[0] + 10 * prices[i];
        var samples = new List<double> { capital };
        for (long boundary = times[0] + Day; boundary <= times[^1]; boundary += Day)
            samples.Add(Equity(times.FindLastIndex(t => t <= boundary)));
        Assert.Equal(19 * 3_600_000_000_000L, times[^1] - (times[0] + 39 * Day));
        samples.Add(Equity(times.Count - 1));
        double[] r = samples.Zip(samples.Skip(1), (a, b) => b / a - 1).ToArray();
        double mean = r.Average();
        double std = Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / (r.Length - 1));
        double downside = Math.Sqrt(r.Sum(x => Math.Min(x, 0) * Math.Min(x, 0)) / r.Length);
        double cagr = r.Length >= periods ? Math.Pow(samples[^1] / samples[0], periods / r.Length) - 1 : double.NaN;
        double peak = samples[0], maxDd = 0;
        foreach (double e in samples) { peak = Math.Max(peak, e); maxDd = Math.Max(maxDd, (peak - e) / peak); }

        Assert.Equal(r.Length, s.EquitySamples);
        Assert.Equal(40, r.Length);
        Assert.Equal(s.NetPnl, samples[^1] - capital, 9); // the samples end at the final equity
        Assert.Equal(mean / std * Math.Sqrt(periods), s.Sharpe, 9);
        Assert.Equal(std * Math.Sqrt(periods), s.AnnualizedVolatility, 9);
        Assert.Equal(mean / downside * Math.Sqrt(periods), s.Sortino, 9);
        Assert.Equal(double.IsNaN(cagr), double.IsNaN(s.Cagr));
        Assert.Equal(periodsPerYear is not null, double.IsFinite(s.Cagr));
        if (double.IsFinite(cagr))
        {
            Assert.Equal(cagr, s.Cagr, 9);
            Assert.Equal(cagr / maxDd, s.Calmar, 6);
        }
        else Assert.True(double.IsNaN(s.Calmar));
    }

    [Fact]
    public void A_loss_after_the_last_whole_interval_is_in_the_samples_so_cagr_has_the_sign_of_the_net_pnl()
    {
        // capital 1000, long 1 bought at 100; 110 a day later, 90 half a day after that (the last trade)
        var tape = new Tape().Trade(T0 + 1, 100).Trade(T0 + 1 + Day, 110).Trade(T0 + 1 + Day + Day / 2, 90);
        var script = new Script();
        script.OrdersAtStart.Add((0, Side.Buy, 1));

        // two periods a year, so that the two returns are a year and have a CAGR
        BacktestSummary s = Runs.Of(tape.Build(), script, new BacktestOptions { InitialCapital = 1000, EquitySampleIntervalNs = Day, PeriodsPerYear = 2 }).Result.Summary;

        // samples 1000, 1010 (the boundary after one day), 990 (the final equity, half a day later): two returns
        Assert.Equal(-10, s.NetPnl, 9);
        Assert.Equal(2, s.EquitySamples);
        Assert.Equal(990.0 / 1000 - 1, s.Cagr, 12); // (990 / 1000)^(2 / 2) − 1
        Assert.True(s.Cagr < 0); // without the final sample: 1010 / 1000 − 1 = +1 %
        double[] r = [0.01, 990.0 / 1010 - 1];
        double mean = r.Average(), std = Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)));
        Assert.Equal(mean / std * Math.Sqrt(2), s.Sharpe, 9);
    }

    [Fact]
    public void Round_trip_averages_and_expectancy_are_net_of_fees()
    {
        // +10 and −4 then +2 round trips of 1 unit, fixed fee 0.5 per fill: trips net 9, −5, 1
        var script = new Script().At(0, Side.Buy, 1).At(1, Side.Sell, 1).At(2, Side.Buy, 1).At(3, Side.Sell, 1).At(4, Side.Buy, 1).At(5, Side.Sell, 1);

        BacktestSummary s = Runs.Of(new Tape().Trades(100, 100, 110, 110, 106, 106, 108).Build(), script, new BacktestOptions { FeePerFill = 0.5 }).Result.Summary;

        Assert.Equal((3L, 2L, 1L), (s.RoundTrips, s.Wins, s.Losses));
        Assert.Equal(5, s.AverageWin, 12);
        Assert.Equal(-5, s.AverageLoss, 12);
        Assert.Equal(5.0 / 3, s.Expectancy, 12);
        Assert.Equal(2, s.ProfitFactor, 12);
        Assert.Equal(2.0 / 3, s.WinRate, 12);
    }

    [Fact]
    public void Exposure_is_the_fraction_of_time_with_an_open_position()
    {
        // trades at 1, 2, 3, 4, 5 µs: long from the fill at 2 µs until the fill at 4 µs: 2 of 4 µs
        var script = new Script().At(0, Side.Buy, 1).At(2, Side.Sell, 1);

        BacktestSummary s = Runs.Of(Data.OneSymbol(100, 100, 100, 100, 100), script).Result.Summary;

        Assert.Equal(0.5, s.Exposure, 12);
    }

    [Fact]
    public void Exposure_adds_every_span_with_an_open_position_and_the_one_still_open_at_the_end()
    {
        // trades at 0, 1, 3, 6, 10, 15, 21 µs; each order fills at the trade after the one it is sent on:
        // long from the fill at 1 µs to the fill at 6 µs (5 µs), flat until the fill at 15 µs, then long to the end
        // at 21 µs (6 µs, a span no later event closes): 11 of the 21 µs from the first trade to the last
        const long Us = 1_000;
        var tape = new Tape();
        foreach (long t in new long[] { 0, 1, 3, 6, 10, 15, 21 }) tape.Trade(T0 + t * Us, 100);
        var script = new Script().At(0, Side.Buy, 1).At(2, Side.Sell, 1).At(4, Side.Buy, 1);

        BacktestSummary s = Runs.Of(tape.Build(), script).Result.Summary;

        Assert.Equal(11.0 / 21, s.Exposure, 12);
    }

    [Fact]
    public void Drawdown_duration_runs_to_the_last_event_when_equity_never_recovers()
    {
        // long 1 from 100: equity peaks with the trade at 110 (t = 3000) and stays below it until the last trade (t = 6000)
        var script = new Script().At(0, Side.Buy, 1);

        BacktestSummary s = Runs.Of(Data.OneSymbol(100, 100, 110, 105, 108, 109), script).Result.Summary;

        Assert.Equal(3_000, s.MaxDrawdownDurationNs);
        Assert.Equal(5, s.MaxDrawdown, 12);
    }

    [Fact]
    public void With_fewer_than_two_sampled_returns_sharpe_and_sortino_are_undefined()
    {
        BacktestSummary s = Runs.Of(Data.OneSymbol(100, 101, 102), new Script(), new BacktestOptions { EquitySampleIntervalNs = Day }).Result.Summary;

        // 2 µs of data sampled daily: no whole day, only the final sample at the last event; CAGR would annualize a
        // fraction of a day, so it is undefined too
        Assert.Equal(1, s.EquitySamples);
        Assert.True(double.IsNaN(s.Sharpe) && double.IsNaN(s.Sortino) && double.IsNaN(s.Cagr));
    }
}
