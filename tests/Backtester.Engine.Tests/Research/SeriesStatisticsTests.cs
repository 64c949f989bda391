using System;
using System.Collections.Generic;
using System.Linq;
using Backtester.Engine.Tests.Strategies;
using Backtester.Statistics;
using Xunit;

namespace Backtester.Engine.Tests.Research;

public class SeriesStatisticsTests
{
    [Fact]
    public void Statistics_of_a_tiny_equity_series_match_values_worked_by_hand()
    {
        // equity 1000, 1010, 999, 1021: returns 0.01, −11/1010, 22/999; 252 periods a year
        double[] equity = [1000, 1010, 999, 1021];
        double r1 = 0.01, r2 = -11.0 / 1010, r3 = 22.0 / 999;
        double[] r = [r1, r2, r3];
        double mean = r.Average();
        double m2 = r.Sum(x => (x - mean) * (x - mean)), m3 = r.Sum(x => Math.Pow(x - mean, 3)), m4 = r.Sum(x => Math.Pow(x - mean, 4));
        double std = Math.Sqrt(m2 / 2);

        SeriesSummary s = SeriesStatistics.OfEquity(equity, PeriodsPerYear.TradingDays);

        Assert.Equal(3, s.Count);
        Assert.Equal(0.021, s.TotalReturn, 12);
        Assert.Equal(mean / std * Math.Sqrt(252), s.Sharpe, 10);
        Assert.Equal(std * Math.Sqrt(252), s.AnnualizedVolatility, 10);
        Assert.Equal(mean / Math.Sqrt(r2 * r2 / 3) * Math.Sqrt(252), s.Sortino, 10);
        Assert.True(double.IsNaN(s.Cagr) && double.IsNaN(s.Calmar)); // 3 returns at 252 a year: less than a year
        Assert.Equal(11.0 / 1010, s.MaxDrawdown, 12);
        Assert.Equal(1, s.MaxDrawdownPeriods); // below the 1010 peak for one sample
        SeriesSummary year = SeriesStatistics.OfEquity(equity, 3); // the 3 returns are a year: 1.021^(3/3) − 1
        Assert.Equal(0.021, year.Cagr, 12);
        Assert.Equal(0.021 / (11.0 / 1010), year.Calmar, 10);
        // population moment ratios: √n m3 / m2^1.5 and n m4 / m2²
        Assert.Equal(Math.Sqrt(3) * m3 / Math.Pow(m2, 1.5), s.Skewness, 10);
        Assert.Equal(3 * m4 / (m2 * m2), s.Kurtosis, 10);
        // sorted r2 < r1 < r3; 5% quantile at h = 2 × 0.05 = 0.1, 95% at h = 1.9 (linear interpolation)
        double q05 = r2 + 0.1 * (r1 - r2), q95 = r1 + 0.9 * (r3 - r1);
        Assert.Equal(q05, s.ValueAtRisk, 14);
        Assert.Equal(r2, s.ConditionalValueAtRisk, 14); // only r2 is at or below q05
        Assert.Equal(Math.Abs(q95) / Math.Abs(q05), s.TailRatio, 10);
    }

    [Fact]
    public void Returns_and_the_equity_they_compound_to_give_the_same_statistics()
    {
        double[] r = [0.02, -0.01, 0.005, -0.03, 0.04, 0.0, -0.002];
        var equity = new List<double> { 50 };
        foreach (double x in r) equity.Add(equity[^1] * (1 + x));

        SeriesSummary a = SeriesStatistics.OfReturns(r, 6), b = SeriesStatistics.OfEquity(equity.ToArray(), 6); // 7 returns: more than a year

        Assert.Equal(a.Sharpe, b.Sharpe, 12);
        Assert.True(double.IsFinite(a.Cagr));
        Assert.Equal(a.Cagr, b.Cagr, 12);
        Assert.Equal(a.MaxDrawdown, b.MaxDrawdown, 12);
        Assert.Equal(a.Kurtosis, b.Kurtosis, 9);
        Assert.Equal(3, a.MaxDrawdownPeriods); // 1.02 peak, then −1%, +0.5%, −3% all below it; +4% is a new peak
    }

    [Theory]
    [InlineData(null)]
    [InlineData(252.0)]
    [InlineData(52.0)]
    public void The_engine_summary_equals_the_series_api_over_its_own_equity_samples_bit_for_bit(double? periodsPerYear)
    {
        MarketData data = SyntheticData.Trades(new SyntheticDataOptions { Events = 60_000, Symbols = 2, Seed = 11, IntervalNs = 60_000_000_000 });
        var options = new BacktestOptions { PeriodsPerYear = periodsPerYear, EquitySampleIntervalNs = 3_600_000_000_000 };
        var samples = new List<EquitySample>();
        var runner = new BacktestRunner { SampleCapture = samples };
        var driver = EveryNth.Create(new EveryNth.Parameters { Every = 128, Size = 1 }).CreateDriver();

        BacktestSummary summary = runner.RunSummary(data, ref driver, options);

        var equity = new List<double> { options.InitialCapital };
        equity.AddRange(samples.Select(s => s.Equity));
        Assert.True(samples.Count > 100);
        SeriesSummary series = SeriesStatistics.OfEquity(equity.ToArray(), options.AnnualizationFactor);
        Assert.Equal(periodsPerYear ?? 365 * 24, options.AnnualizationFactor, 9);
        Assert.Equal(summary.EquitySamples, series.Count);
        Assert.Equal(summary.Sharpe, series.Sharpe);
        Assert.Equal(summary.Sortino, series.Sortino);
        Assert.Equal(summary.Cagr, series.Cagr);
        Assert.Equal(periodsPerYear is not null, double.IsFinite(summary.Cagr)); // 1,000 hourly returns: a year at 252 or 52 a year, not at 8,760
        Assert.Equal(summary.AnnualizedVolatility, series.AnnualizedVolatility);
        Assert.Equal(summary.Calmar, series.Calmar);
        Assert.Equal(samples.Select(s => s.Return), samples.Select((s, i) => equity[i + 1] / equity[i] - 1));
    }

    [Fact]
    public void Periods_per_year_scale_the_annualized_ratios_by_the_square_root()
    {
        MarketData data = SyntheticData.Trades(new SyntheticDataOptions { Events = 20_000, Symbols = 1, Seed = 5, IntervalNs = 60_000_000_000 });
        var driver = EveryNth.Create(new EveryNth.Parameters { Every = 64, Size = 1 }).CreateDriver();
        BacktestSummary calendar = new BacktestRunner().RunSummary(data, ref driver, new BacktestOptions());
        driver = EveryNth.Create(new EveryNth.Parameters { Every = 64, Size = 1 }).CreateDriver();
        BacktestSummary trading = new BacktestRunner().RunSummary(data, ref driver, new BacktestOptions { PeriodsPerYear = 252 });
        Assert.Equal(calendar.Sharpe * Math.Sqrt(252.0 / 365), trading.Sharpe, 10);
    }

    [Fact]
    public void Bad_inputs_name_what_is_wrong()
    {
        Assert.Contains("Periods per year", Assert.Throws<ArgumentOutOfRangeException>(() => SeriesStatistics.OfReturns([0.1], 0)).Message);
        Assert.Contains("Return 1 is NaN", Assert.Throws<ArgumentException>(() => SeriesStatistics.OfReturns([0.1, double.NaN], 12)).Message);
        Assert.Contains("Equity value 2 is -1", Assert.Throws<ArgumentException>(() => SeriesStatistics.OfEquity([1, 2, -1], 12)).Message);
        Assert.Contains("PeriodsPerYear", Assert.Throws<ArgumentOutOfRangeException>(() => new BacktestOptions { PeriodsPerYear = -5 }.Validate()).Message);
    }
}
