using System;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// An equity interval set by hand that would take more than 10 million samples is refused before anything runs: 1 ns
/// over a day asked for 8.6 × 10¹³ samples, a sweep that never ended and a run that filled the disk with equity.arrow.
/// </summary>
public sealed class EquityIntervalBoundTests
{
    // 1,000 trades a second apart: 999 s of data
    private static readonly MarketData Data = SyntheticData.Trades(new SyntheticDataOptions { Events = 1_000, Symbols = 1, IntervalNs = 1_000_000_000 });

    [Fact]
    public void The_smallest_interval_allowed_takes_at_most_ten_million_samples()
    {
        // 999e9 / 99,900 = 10,000,000 boundaries and the final sample: one too many; at 99,901 ns, 9,999,900
        Assert.Equal(10_000_001, EquitySampling.SamplesFor(99_900, 999_000_000_000));
        Assert.Equal(9_999_900, EquitySampling.SamplesFor(99_901, 999_000_000_000));
        EquitySampling.CheckRequested(99_901, 999_000_000_000);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => EquitySampling.CheckRequested(99_900, 999_000_000_000));
        Assert.Equal(nameof(BacktestOptions.EquitySampleIntervalNs), e.ParamName);
        Assert.StartsWith("an equity sample every 99,900 ns over the data's 999,000,000,000 ns takes 10,000,001 samples; at most 10,000,000 are taken (EquitySampling.MaxRequestedSamples): sample every 99,901 ns or more.", e.Message);
    }

    [Fact]
    public void A_run_with_a_nanosecond_interval_is_refused_before_it_starts()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Backtest.Run(Data, new EveryNth { Every = 64 }, new BacktestOptions { EquitySampleIntervalNs = 1 }));

        Assert.Equal(nameof(BacktestOptions.EquitySampleIntervalNs), e.ParamName);
        Assert.Contains("takes 999,000,000,001 samples", e.Message);
    }

    [Fact]
    public void A_sweep_with_a_nanosecond_interval_is_refused_too()
    {
        Exception e = Record.Exception(() =>
            Sweep.Run(Data, EveryNth.Grid, new SweepOptions { MaxDegreeOfParallelism = 1, Backtest = new BacktestOptions { EquitySampleIntervalNs = 1 } }));

        var refused = Assert.IsType<ArgumentOutOfRangeException>(e);
        Assert.Equal(nameof(BacktestOptions.EquitySampleIntervalNs), refused.ParamName);
    }
}
