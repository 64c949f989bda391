using System;
using System.Linq;
using Backtester.Data;
using Xunit;

namespace Backtester.Engine.Tests;

public class SegmentedFundingTests
{
    // Segment 0: trades at t = 1000, 2000, 3000 (100, 100, 105); segment 1: t = 4000, 5000 (200, 200).
    private static MarketData Day0() => new Tape("X").Trade(1_000, 100).Trade(2_000, 100).Trade(3_000, 105).Build();

    private static MarketData Day1() => new Tape("X").Trade(4_000, 200).Trade(5_000, 200).Build();

    // Rate 0.001 at t = 2500 (inside day 0), 4000 (the first instant of day 1) and 6000 (after the data's end); no mark price.
    private static FundingColumns Funding() => new("funding", 1, new[] { 2_500L, 4_000L, 6_000L }, new[] { 0, 0, 0 }, new[] { 0.001, 0.001, 0.001 },
        new[] { double.NaN, double.NaN, double.NaN });

    [Fact]
    public void Funding_over_segments_is_applied_once_each_and_a_settlement_at_a_boundary_before_the_next_segment_trades()
    {
        // Long 1 from the first event. The settlements are valued at the last price before them (no mark price):
        // t = 2500 at 100 → pays 0.1; t = 4000 at 105 (funding first: the 200 printed at 4000 comes after it) → 0.105;
        // t = 6000 at 200 → 0.2. Funding −0.405, each settlement seen once.
        var segments = new MarketDataSegments("days", new Func<MarketData>[] { Day0, Day1 }).WithFunding(Funding());
        var script = new Script().At(0, Side.Buy, 1);
        var driver = new ScriptedDriver(script);

        BacktestResult result = new BacktestRunner().Run(segments, ref driver);

        Assert.Equal(new[] { 2_500L, 4_000L, 6_000L }, script.FundingSeen.Select(f => f.Timestamp).ToArray());
        Assert.Equal(-0.405, result.Summary.Funding, 12);
        // Second method: the same data in one piece.
        var whole = new Tape("X").Trade(1_000, 100).Trade(2_000, 100).Trade(3_000, 105).Trade(4_000, 200).Trade(5_000, 200).Build().WithFunding(Funding());
        var (single, _) = Runs.Of(whole, new Script().At(0, Side.Buy, 1));
        Assert.Equal(single.Summary.Funding, result.Summary.Funding, 12);
        Assert.Equal(single.Summary.FinalEquity, result.Summary.FinalEquity, 12);
    }

    [Fact]
    public void The_fingerprint_of_segments_covers_their_funding()
    {
        var days = new Func<MarketData>[] { Day0, Day1 };
        var other = new FundingColumns("funding", 1, new[] { 2_500L, 4_000L, 6_000L }, new[] { 0, 0, 0 }, new[] { 0.001, 0.002, 0.001 },
            new[] { double.NaN, double.NaN, double.NaN });

        string bare = new MarketDataSegments("days", days).Identity.Fingerprint;
        string withFunding = new MarketDataSegments("days", days).WithFunding(Funding()).Identity.Fingerprint;
        string withOther = new MarketDataSegments("days", days).WithFunding(other).Identity.Fingerprint;

        Assert.NotEqual(bare, withFunding);
        Assert.NotEqual(withFunding, withOther); // one rate differs
        Assert.Equal(withFunding, new MarketDataSegments("days", days).WithFunding(Funding()).Identity.Fingerprint);
    }

    [Fact]
    public void A_segment_that_carries_funding_of_its_own_is_refused_when_the_segments_have_funding_too()
    {
        var segments = new MarketDataSegments("days", new Func<MarketData>[] { () => Day0().WithFunding(Funding()), Day1 }).WithFunding(Funding());
        var driver = new ScriptedDriver(new Script());

        var ex = Assert.Throws<ArgumentException>(() => new BacktestRunner().Run(segments, ref driver));

        Assert.Contains("Segment 0", ex.Message);
    }
}
