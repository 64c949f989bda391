using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Apache.Arrow.Ipc;
using Backtester.Engine.Tests.Strategies;
using Backtester.Statistics;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>Decision 0102: no CAGR or Calmar over less than a year of returns, and a warning naming the span and the Sharpe ratio's standard error.</summary>
public class AnnualizationTests
{
    private const long Day = BacktestOptions.OneDayNs;
    private const long Second = 1_000_000_000;
    private const long T0 = 1_704_067_200_000_000_000L;

    /// <summary>
    /// One trade a day at 100 from day 0 to <paramref name="lastDay"/>, but 90 on day 100 and <paramref name="lastPrice"/>
    /// on the last day, the last exactly on a daily boundary (no shorter final period).
    /// </summary>
    private static MarketData Daily(int lastDay, double lastPrice)
    {
        var tape = new Tape();
        for (int d = 0; d <= lastDay; d++) tape.Trade(T0 + d * Day, d == lastDay ? lastPrice : d == 100 ? 90 : 100);
        return tape.Build();
    }

    [Theory]
    [InlineData(730, 310, 0.1)]          // two years: 1210 / 1000 = 1.21 = 1.1², so 1.21^(365/730) − 1 = 10 %
    [InlineData(365, 200, 0.1)]          // one year: (1100 / 1000)^(365/365) − 1 = 10 %
    [InlineData(364, 200, double.NaN)]   // a day short of a year: none
    public void A_cagr_needs_returns_covering_a_year(int lastDay, double lastPrice, double cagr)
    {
        // capital 1000, buy 1 at the first trade (100) and hold: equity 900 + price; the sampled equity falls once, to
        // 990 on day 100, from its peak of 1000: a drawdown of 1 %
        var script = new Script();
        script.OrdersAtStart.Add((0, Side.Buy, 1));

        BacktestResult result = Runs.Of(Daily(lastDay, lastPrice), script, new BacktestOptions { InitialCapital = 1_000, EquitySampleIntervalNs = Day }).Result;
        BacktestSummary s = result.Summary;

        Assert.Equal(lastDay, s.EquitySamples);
        Assert.Equal(900 + lastPrice, s.FinalEquity, 9);
        if (double.IsNaN(cagr))
        {
            Assert.True(double.IsNaN(s.Cagr) && double.IsNaN(s.Calmar));
            Assert.Equal(
                "the equity samples cover 364d (364 returns of 1d), less than the 365 returns of a year: CAGR and Calmar are NaN, as a return over less "
                + "than a year is not annualized; Sharpe and Sortino are annualized from those 364d, and over 364 returns a Sharpe ratio's standard "
                + "error is at least 1 (√(365 / 364)). Replay a year of data or more for annualized figures.",
                Assert.Single(result.Warnings));
        }
        else
        {
            Assert.Equal(cagr, s.Cagr, 12);
            Assert.Equal(cagr / 0.01, s.Calmar, 9);
            Assert.Empty(result.Warnings);
        }
        Assert.True(double.IsFinite(s.Sharpe)); // the ratios are given over any span
    }

    [Fact]
    public void Ten_seconds_of_data_have_no_cagr_and_the_warning_gives_the_span_and_the_sharpe_ratios_standard_error()
    {
        // capital 1000, buy 1 at 100; one trade a second at 100, 101, ..., 110; sampled every second: equity 1000, 1001,
        // ..., 1010, returns 1/1000, 1/1001, ..., 1/1009, at 365 × 86,400 = 31,536,000 periods a year. The CAGR would be
        // 1.01^(31,536,000 / 10) − 1 = e^(3,153,600 × 0.00995) − 1, far beyond double's range: +∞.
        var tape = new Tape();
        for (int k = 0; k <= 10; k++) tape.Trade(T0 + k * Second, 100 + k);
        var script = new Script();
        script.OrdersAtStart.Add((0, Side.Buy, 1));

        BacktestResult result = Runs.Of(tape.Build(), script, new BacktestOptions { InitialCapital = 1_000, EquitySampleIntervalNs = Second }).Result;
        BacktestSummary s = result.Summary;

        Assert.Equal(10, s.EquitySamples);
        Assert.Equal(double.PositiveInfinity, Math.Pow(1.01, 31_536_000.0 / 10) - 1);
        Assert.True(double.IsNaN(s.Cagr) && double.IsNaN(s.Calmar));
        double[] r = Enumerable.Range(0, 10).Select(k => 1.0 / (1000 + k)).ToArray();
        double mean = r.Average(), std = Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / 9);
        double sharpe = mean / std * Math.Sqrt(31_536_000); // about 1.86 million, from a steady climb: the ratio stays, its standard error in the warning
        Assert.Equal(sharpe, s.Sharpe, sharpe * 1e-9);
        Assert.Equal(std * Math.Sqrt(31_536_000), s.AnnualizedVolatility, 9);
        // √(31,536,000 / 10) = √3,153,600 = 1,775.8
        Assert.Equal(
            "the equity samples cover 10s (10 returns of 1s), less than the 31,536,000 returns of a year: CAGR and Calmar are NaN, as a return over "
            + "less than a year is not annualized; Sharpe and Sortino are annualized from those 10s, and over 10 returns a Sharpe ratio's standard "
            + "error is at least 1,776 (√(31,536,000 / 10)). Replay a year of data or more for annualized figures.",
            Assert.Single(result.Warnings));
    }

    [Fact]
    public void The_summary_file_carries_the_warning_and_the_files_written_before_the_run_do_not()
    {
        using var dir = new TempDirectory();
        var tape = new Tape();
        for (int k = 0; k <= 10; k++) tape.Trade(T0 + k * Second, 100 + k % 3);

        BacktestResult result = Backtest.Run(tape.Build(), new EveryNth { Every = 2 }, new BacktestOptions { EquitySampleIntervalNs = Second, Output = new RunOutput(dir.Path) });

        string warning = Assert.Single(result.Warnings);
        Assert.StartsWith("the equity samples cover 10s (10 returns of 1s)", warning);
        Assert.Equal(warning, Metadata("summary.arrow").GetValueOrDefault(StrategyWarnings.MetadataKey));
        Assert.Equal(warning, Metadata("orders.arrow").GetValueOrDefault(StrategyWarnings.MetadataKey));
        Assert.False(Metadata("fills.arrow").ContainsKey(StrategyWarnings.MetadataKey)); // its metadata was written before the replay
        using (FileStream stream = File.OpenRead(Path.Combine(dir.Path, "summary.arrow")))
        using (var reader = new ArrowFileReader(stream))
            Assert.True(double.IsNaN(((Apache.Arrow.DoubleArray)reader.ReadNextRecordBatch().Column("cagr")).GetValue(0)!.Value));

        IReadOnlyDictionary<string, string> Metadata(string file)
        {
            using FileStream stream = File.OpenRead(Path.Combine(dir.Path, file));
            using var reader = new ArrowFileReader(stream);
            return reader.Schema.Metadata;
        }
    }

    [Fact]
    public void The_warning_gives_no_standard_error_without_two_returns_and_is_absent_without_returns_or_over_a_year()
    {
        Assert.Equal(
            "the equity samples cover 1h (1 return of 1h), less than the 8,760 returns of a year: CAGR and Calmar are NaN, as a return over less "
            + "than a year is not annualized. Replay a year of data or more for annualized figures.",
            Annualization.ShortHistoryWarning(1, 3_600_000_000_000, 8_760));
        Assert.Null(Annualization.ShortHistoryWarning(0, Day, 365));
        Assert.Null(Annualization.ShortHistoryWarning(365, Day, 365));
        Assert.Null(Annualization.ShortHistoryWarning(300, Day, 252)); // 300 trading days at 252 a year
        Assert.True(Annualization.CoversAYear(252, 252) && !Annualization.CoversAYear(251, 252) && !Annualization.CoversAYear(0, 0.5));
        // 28 daily returns (the built-in market): √(365 / 28) = 3.61
        Assert.Contains("over 28 returns a Sharpe ratio's standard error is at least 3.61 (√(365 / 28))", Annualization.ShortHistoryWarning(28, Day, 365));
        Assert.Throws<ArgumentOutOfRangeException>(() => Annualization.ShortHistoryWarning(-1, Day, 365));
        Assert.Throws<ArgumentOutOfRangeException>(() => Annualization.ShortHistoryWarning(1, 0, 365));
        Assert.Throws<ArgumentOutOfRangeException>(() => Annualization.ShortHistoryWarning(1, Day, double.NaN));
    }

    [Fact]
    public void The_series_statistics_give_a_cagr_only_over_a_year_of_returns()
    {
        // equity 100, 90, 121 at 2 periods a year: the two returns are a year, 121 / 100 − 1 = 21 %; max drawdown 10 %
        SeriesSummary year = SeriesStatistics.OfEquity([100, 90, 121], 2);
        Assert.Equal(0.21, year.Cagr, 12);
        Assert.Equal(2.1, year.Calmar, 12);
        // at 1 a year they are two years: 1.21^(1/2) − 1 = 10 %
        SeriesSummary twoYears = SeriesStatistics.OfEquity([100, 90, 121], 1);
        Assert.Equal(0.1, twoYears.Cagr, 12);
        Assert.Equal(1, twoYears.Calmar, 12);
        // one return at 2 a year is half a year: none (it would be 1.1² − 1 = 21 %)
        SeriesSummary half = SeriesStatistics.OfEquity([100, 110], 2);
        Assert.True(double.IsNaN(half.Cagr) && double.IsNaN(half.Calmar));
        Assert.Equal(0.1, half.TotalReturn, 12);
        Assert.True(double.IsNaN(SeriesStatistics.OfReturns([0.1], 1.5).Cagr));
        Assert.Equal(Math.Pow(1.21, 0.75) - 1, SeriesStatistics.OfReturns([0.1, 0.1], 1.5).Cagr, 12);
    }
}
