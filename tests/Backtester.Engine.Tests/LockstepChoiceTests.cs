using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>A sweep runs lockstep only over data whose kinds of events interleave (decision 0099).</summary>
public class LockstepChoiceTests
{
    [Fact]
    public void The_share_of_kind_switches_counts_the_merge_order_of_equal_times()
    {
        // Replay order: quotes before trades before bars at equal times, so T(1) Q(2) T(2) T(3) B(3) Q(4):
        // T->Q, Q->T, T->T, T->B, B->Q is 4 switches between 5 pairs of neighbours.
        MarketData data = new Tape().Trade(1, 100).Trade(2, 101).Trade(3, 102).Quote(2, 99, 1, 101, 1).Quote(4, 100, 1, 102, 1)
            .Bar(3, 100, 102, 99, 101).Build();
        Assert.Equal(4.0 / 5, LockstepChoice.KindSwitches(new[] { data }), 15);
    }

    [Fact]
    public void A_switch_across_two_blocks_counts_once()
    {
        // T(1) Q(2) | Q(3) T(4): T->Q, Q->Q (across the cut), Q->T is 2 switches between 3 pairs.
        MarketData first = new Tape().Trade(1, 100).Quote(2, 99, 1, 101, 1).Build();
        MarketData second = new Tape().Quote(3, 99, 1, 101, 1).Trade(4, 100).Build();
        Assert.Equal(2.0 / 3, LockstepChoice.KindSwitches(new[] { first, second }), 15);
        Assert.Equal(0, LockstepChoice.KindSwitches(new[] { new Tape().Trades(1, 2, 3).Build() }));
    }

    [Fact]
    public void The_built_in_market_runs_lockstep_and_its_trades_alone_run_whole_unless_blocks_are_asked_for()
    {
        MarketData market = SyntheticData.Market(new SyntheticMarketOptions { Days = 2 });
        // A quote with every trade: nearly every event switches kind.
        Assert.True(LockstepChoice.KindSwitches(SweepBlocks.Split(market)!) > 0.9);
        Assert.NotNull(new SweepData(market).Blocks(SweepBlocks.Chosen));

        MarketData trades = new MarketData(market.Symbols, market.Trades);
        Assert.Equal(0, LockstepChoice.KindSwitches(SweepBlocks.Split(trades)!));
        Assert.Null(new SweepData(trades).Blocks(SweepBlocks.Chosen));
        Assert.NotNull(new SweepData(trades).Blocks(1_000)); // asked for: lockstep all the same
        Assert.Null(new SweepData(trades).Blocks(0));

        // Trades and one-minute bars: the four symbols' bars come together on the minute, two switches per group of
        // four, about 0.08 of events: above the 0.05 from which lockstep pays.
        MarketData withBars = new MarketData(market.Symbols, market.Trades, null, market.Bars);
        double share = LockstepChoice.KindSwitches(SweepBlocks.Split(withBars)!);
        Assert.InRange(share, LockstepChoice.MinKindSwitches, 0.2);
        Assert.NotNull(new SweepData(withBars).Blocks(SweepBlocks.Chosen));
    }

    [Fact]
    public void Data_of_one_kind_is_known_to_run_whole_without_ordering_its_events()
    {
        MarketData market = SyntheticData.Market(new SyntheticMarketOptions { Days = 1, Activity = 0.25 });
        // One kind: trades alone, quotes alone, bars alone (and no events at all) never switch kind.
        foreach (MarketData one in new[] { new MarketData(market.Symbols, market.Trades), new Tape().Quote(1, 99, 1, 101, 1).Quote(2, 100, 1, 102, 1).Build(),
                     new Tape().Bar(1, 100, 102, 99, 101).Bar(2, 101, 103, 100, 102).Build(), new Tape().Build() })
            Assert.True(LockstepChoice.OneKind(one));
        // Two kinds, even where one is a single event among thousands: the share decides, not the shortcut.
        Assert.False(LockstepChoice.OneKind(market));
        Assert.False(LockstepChoice.OneKind(new Tape().Trades(1, 2, 3).Quote(2, 99, 1, 101, 1).Build()));
    }

    [Fact]
    public void A_default_sweep_over_trades_alone_gives_the_rows_of_a_lockstep_one()
    {
        MarketData market = SyntheticData.Market(new SyntheticMarketOptions { Days = 1, Activity = 0.25 });
        MarketData trades = new MarketData(market.Symbols, market.Trades);
        var backtest = new BacktestOptions { TakerFeeBps = 2, OrderLatencyNs = 2_000_000 };
        var chosen = Sweep.Run(trades, ReadmeSmaCross.Grid, new SweepOptions { Backtest = backtest, MaxDegreeOfParallelism = 2 });
        var lockstep = Sweep.Run(trades, ReadmeSmaCross.Grid, new SweepOptions { Backtest = backtest, MaxDegreeOfParallelism = 2, EventsPerBlock = 1_000 });
        Assert.Equal(lockstep.Count, chosen.Count);
        for (int i = 0; i < chosen.Count; i++) Assert.Equal(lockstep.Rows[i].Summary, chosen.Rows[i].Summary);
    }
}
