using System;
using System.Linq;
using Backtester.Data;
using Backtester.Results;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>Mark prices given to <see cref="MarketDataSegments"/> as a whole: each replayed once, in the segment where it falls in time.</summary>
public class SegmentedMarkPriceTests
{
    // Segment 0: trades at t = 1000, 2000, 3000 (100, 100, 105); segment 1: t = 4000, 5000 (200, 200).
    private static MarketData Day0() => new Tape("X").Trade(1_000, 100).Trade(2_000, 100).Trade(3_000, 105).Build();

    private static MarketData Day1() => new Tape("X").Trade(4_000, 200).Trade(5_000, 200).Build();

    private static MarketData Whole() => new Tape("X").Trade(1_000, 100).Trade(2_000, 100).Trade(3_000, 105).Trade(4_000, 200).Trade(5_000, 200).Build();

    // Marks at 500 (before the data), 2 500 (inside day 0), 3 500 (between the days), 4 000 (day 1's first instant) and
    // 6 000 (after the data's end).
    private static MarkPriceColumns Marks() => new("marks", 1, new[] { 500L, 2_500L, 3_500L, 4_000L, 6_000L }, new int[5], new[] { 99.0, 101.0, 150.0, 190.0, 210.0 });

    [Fact]
    public void Marks_over_segments_are_replayed_once_each_in_time_order_and_the_run_equals_the_data_in_one_piece()
    {
        // Segment 0 replays the marks up to its last event (500, 2 500), segment 1 the rest, the one between the days (3 500)
        // before its first trade and the one at its first instant (4 000) after the trade there (marks come last at a time).
        // Long 1 bought at 100 (decided at 1 000, filled at 2 000; the mark at 500 came first, so trades never mark): the
        // run ends at the last mark, 210: final equity 100 000 − 100 + 210.
        var options = new BacktestOptions { MarkWith = MarkSource.MarkPrice };
        var segments = new MarketDataSegments("days", new Func<MarketData>[] { Day0, Day1 }).WithMarkPrices(Marks());
        var script = new Script().At(0, Side.Buy, 1);
        var driver = new ScriptedDriver(script);

        BacktestResult result = new BacktestRunner().Run(segments, ref driver, options);

        Assert.Equal(new[] { "M0@500", "T0@1000", "T0@2000", "M0@2500", "T0@3000", "M0@3500", "T0@4000", "M0@4000", "T0@5000", "M0@6000" }, script.Seen);
        Assert.Equal(100_000 - 100 + 210, result.Summary.FinalEquity, 9);
        var (single, _) = Runs.Of(Whole().WithMarkPrices(Marks()), new Script().At(0, Side.Buy, 1), options);
        Assert.Equal(single.Summary.FinalEquity, result.Summary.FinalEquity, 12);
        Assert.Equal(single.Summary.MaxDrawdown, result.Summary.MaxDrawdown, 12);
        Assert.Equal(single.Summary.Events, result.Summary.Events);
    }

    [Fact]
    public void The_fingerprint_and_time_range_of_segments_cover_their_mark_prices_and_a_segment_with_its_own_is_refused()
    {
        var days = new Func<MarketData>[] { Day0, Day1 };
        DataIdentity bare = new MarketDataSegments("days", days).Identity;
        DataIdentity marked = new MarketDataSegments("days", days).WithMarkPrices(Marks()).Identity;
        Assert.NotEqual(bare.Fingerprint, marked.Fingerprint);
        Assert.Equal((500L, 6_000L), (marked.FirstTimeNs, marked.LastTimeNs));
        Assert.Equal((1_000L, 5_000L), (bare.FirstTimeNs, bare.LastTimeNs));

        var twice = new MarketDataSegments("days", new Func<MarketData>[] { () => Day0().WithMarkPrices(Marks()), Day1 }).WithMarkPrices(Marks());
        var driver = new ScriptedDriver(new Script());
        var ex = Assert.Throws<ArgumentException>(() => new BacktestRunner().Run(twice, ref driver));
        Assert.Contains("Segment 0", ex.Message);
    }
}
