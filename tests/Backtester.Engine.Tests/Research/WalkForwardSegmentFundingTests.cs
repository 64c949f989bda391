using System;
using System.Collections.Generic;
using System.Linq;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Backtester.Research;
using Xunit;

namespace Backtester.Engine.Tests.Research;

/// <summary>Walk-forward windows over segments given funding get the settlements of their range, each once.</summary>
public class WalkForwardSegmentFundingTests
{
    // Segment 0: trades at t = 1000, 2000, 3000; segment 1: t = 4000, 5000. Rate 0.001 at t = 2500 (inside segment 0),
    // 4000 (segment 1's first instant) and 6000 (after the data's end).
    private static MarketData Day0() => new Tape("X").Trade(1_000, 100).Trade(2_000, 100).Trade(3_000, 105).Build();

    private static MarketData Day1() => new Tape("X").Trade(4_000, 200).Trade(5_000, 200).Build();

    private static FundingColumns Funding() => new("funding", 1, new[] { 2_500L, 4_000L, 6_000L }, new[] { 0, 0, 0 }, new[] { 0.001, 0.001, 0.001 },
        new[] { double.NaN, double.NaN, double.NaN });

    private static long[] FundingOf(WindowSource source, long from, long to)
    {
        using WindowSource.Lease lease = source.Open(from, to);
        return lease.Data.Funding.Timestamps.ToArray();
    }

    [Fact]
    public void A_windows_range_holds_the_settlements_due_in_it_whether_it_spans_one_segment_or_several()
    {
        var source = new WindowSource.Segmented(new MarketDataSegments("days", new Func<MarketData>[] { Day0, Day1 }).WithFunding(Funding()));

        // [1000, 4000): segment 0 alone; 2500 is due in it, 4000 is not (half-open).
        Assert.Equal(new[] { 2_500L }, FundingOf(source, 1_000, 4_000));
        // [4000, 5001): segment 1 alone (the last window ends just after the last event); 4000 is its first instant,
        // 6000 is after the window.
        Assert.Equal(new[] { 4_000L }, FundingOf(source, 4_000, 5_001));
        // [2000, 5000): both segments, merged into one copy: 2500 and 4000, each once.
        Assert.Equal(new[] { 2_500L, 4_000L }, FundingOf(source, 2_000, 5_000));
        // The same ranges over the data in one piece (MarketData.Between) give the same settlements.
        MarketData whole = new Tape("X").Trade(1_000, 100).Trade(2_000, 100).Trade(3_000, 105).Trade(4_000, 200).Trade(5_000, 200).Build().WithFunding(Funding());
        var inOnePiece = new WindowSource.Whole(whole);
        foreach (var (from, to) in new[] { (1_000L, 4_000L), (4_000L, 5_001L), (2_000L, 5_000L) })
            Assert.Equal(FundingOf(inOnePiece, from, to), FundingOf(source, from, to));
    }

    [Fact]
    public void A_walk_forward_over_day_files_with_funding_equals_the_data_in_one_piece_with_it()
    {
        const long Second = 1_000_000_000, T0 = 1_704_067_200_000_000_000L;
        // 60,000 trades 1 ms apart on two symbols (T0 .. T0 + 59.999 s) in six 10 s files; a settlement every 2.5 s on
        // both symbols at rate 0.01, so some fall on the files' first instants and on the windows' starts (20, 30, 40,
        // 50 s), where half-open ranges must hand each to exactly one window.
        MarketData data = SyntheticData.Trades(new SyntheticDataOptions { Events = 60_000, Symbols = 2, Seed = 9, IntervalNs = 1_000_000 });
        var times = new List<long>();
        var ids = new List<int>();
        for (long t = T0; t < T0 + 60 * Second; t += Second * 5 / 2)
            for (int s = 0; s < 2; s++)
            {
                times.Add(t);
                ids.Add(s);
            }
        var funding = new FundingColumns("funding", 2, times.ToArray(), ids.ToArray(), times.Select(_ => 0.01).ToArray(), times.Select(_ => double.NaN).ToArray());
        var options = new WalkForwardOptions
        {
            InSampleNs = 20 * Second,
            OutOfSampleNs = 10 * Second,
            Sweep = new SweepOptions { MaxDegreeOfParallelism = 2, Backtest = new BacktestOptions { EquitySampleIntervalNs = Second / 2, TakerFeeBps = 1 } },
            Objective = ResearchObjective.NetPnl,
        };
        using var dir = new TempDirectory();
        var paths = new List<string>();
        for (int k = 0; k < 6; k++)
        {
            string path = dir.File($"part-{k}.arrow");
            ArrowMarketDataWriter.Write(data.Between(T0 + k * 10 * Second, T0 + (k + 1) * 10 * Second), path);
            paths.Add(path);
        }

        WalkForwardResult whole = WalkForward.Run(data.WithFunding(funding), EveryNth.Grid, options);
        WalkForwardResult segmented = WalkForward.Run(MarketDataSegments.FromFiles(paths).WithFunding(funding), EveryNth.Grid, options);
        WalkForwardResult without = WalkForward.Run(data, EveryNth.Grid, options);

        Assert.Equal(whole.Windows, segmented.Windows);
        Assert.Equal(whole.Equity.ToArray(), segmented.Equity.ToArray());
        Assert.Equal(whole.Fills.ToArray(), segmented.Fills.ToArray());
        // The control: funding is paid at all (a window holds a position at some settlement), so equal results mean equal funding.
        Assert.NotEqual(without.Equity.ToArray()[^1].Equity, whole.Equity.ToArray()[^1].Equity);
    }

    [Fact]
    public void A_walk_forward_over_day_files_marked_at_mark_prices_equals_the_data_in_one_piece_with_them()
    {
        const long Second = 1_000_000_000, T0 = 1_704_067_200_000_000_000L;
        // The same six 10 s files; marks every 2.5 s on both symbols off the last trade price (MarkPriceSeries), some at the
        // files' first instants and at the windows' starts. Marked at them, with a margin account at 5x.
        MarketData data = SyntheticData.Trades(new SyntheticDataOptions { Events = 60_000, Symbols = 2, Seed = 9, IntervalNs = 1_000_000 });
        MarketData marked = MarkPriceSeries.With(data, Second * 5 / 2);
        var options = new WalkForwardOptions
        {
            InSampleNs = 20 * Second,
            OutOfSampleNs = 10 * Second,
            Sweep = new SweepOptions
            {
                MaxDegreeOfParallelism = 2,
                Backtest = new BacktestOptions { EquitySampleIntervalNs = Second / 2, TakerFeeBps = 1, MarkWith = MarkSource.MarkPrice, Account = AccountOptions.Margin(5) },
            },
            Objective = ResearchObjective.NetPnl,
        };
        using var dir = new TempDirectory();
        var paths = new List<string>();
        for (int k = 0; k < 6; k++)
        {
            string path = dir.File($"part-{k}.arrow");
            ArrowMarketDataWriter.Write(data.Between(T0 + k * 10 * Second, T0 + (k + 1) * 10 * Second), path);
            paths.Add(path);
        }

        WalkForwardResult whole = WalkForward.Run(marked, EveryNth.Grid, options);
        WalkForwardResult segmented = WalkForward.Run(MarketDataSegments.FromFiles(paths).WithMarkPrices(marked.MarkPrices), EveryNth.Grid, options);
        WalkForwardResult byEvents = WalkForward.Run(marked, EveryNth.Grid, options with { Sweep = options.Sweep with { Backtest = options.Sweep.Backtest with { MarkWith = MarkSource.Events } } });

        Assert.Equal(whole.Windows, segmented.Windows);
        Assert.Equal(whole.Equity.ToArray(), segmented.Equity.ToArray());
        Assert.Equal(whole.Fills.ToArray(), segmented.Fills.ToArray());
        // The control: the marks move equity (they sit off the trades), so equal results mean the same marks in each window.
        Assert.NotEqual(byEvents.Equity.ToArray()[^1].Equity, whole.Equity.ToArray()[^1].Equity);
    }
}
