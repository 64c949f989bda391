using Xunit;

namespace Backtester.Engine.Tests;

public class StopOrderTests
{
    [Fact]
    public void Buy_stop_triggers_when_a_trade_prints_at_or_above_it_and_fills_at_that_trade_as_taker()
    {
        var script = new Script().Do(0, o => o.Stop(Side.Buy, 1, 102));

        Runs.Of(new Tape().Trades(100, 100, 101, 102.5, 103).Build(), script, new BacktestOptions { SlippageBps = 10 });

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal(4_000, fill.Timestamp);
        Assert.Equal(102.5 * 1.001, fill.Price, 12);
        Assert.False(fill.IsMaker);
    }

    [Fact]
    public void Sell_stop_triggers_when_a_trade_prints_at_or_below_it()
    {
        var script = new Script().Do(0, o => o.Stop(Side.Sell, 1, 99));

        Runs.Of(new Tape().Trades(100, 99.5, 99, 98).Build(), script);

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((3_000L, 99.0), (fill.Timestamp, fill.Price));
    }

    [Fact]
    public void Stop_limit_that_triggers_above_its_limit_rests_and_fills_later_as_maker_at_its_limit()
    {
        // triggered by 102.5 > limit 102.2: not marketable, rests (not on the trigger trade); 102 then prints through it
        var script = new Script().Do(0, o => o.StopLimit(Side.Buy, 1, stopPrice: 102, limitPrice: 102.2));

        Runs.Of(new Tape().Trades(100, 100, 101, 102.5, 102).Build(), script);

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((5_000L, 102.2, true), (fill.Timestamp, fill.Price, fill.IsMaker));
    }

    [Fact]
    public void Stop_limit_that_triggers_within_its_limit_fills_at_once_as_taker_at_the_trigger_trade()
    {
        var script = new Script().Do(0, o => o.StopLimit(Side.Buy, 1, stopPrice: 102, limitPrice: 103));

        Runs.Of(new Tape().Trades(100, 100, 101, 102.5, 102).Build(), script);

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((4_000L, 102.5, false), (fill.Timestamp, fill.Price, fill.IsMaker));
    }

    [Fact]
    public void When_stop_and_target_are_both_inside_one_bar_the_stop_fills_first_and_the_reduce_only_target_is_cancelled()
    {
        var data = new Tape()
            .Bar(60_000, 100, 101, 99, 100)
            .Bar(120_000, 100, 100, 100, 100)
            .Bar(180_000, 100, 106, 94, 100)
            .Build();
        long stopId = 0, targetId = 0;
        var script = new Script()
            .At(0, Side.Buy, 1) // fills at the open of bar 1, 100
            .Do(1, o => stopId = o.Stop(Side.Sell, 1, 95, reduceOnly: true))
            .Do(1, o => targetId = o.Limit(Side.Sell, 1, 105, reduceOnly: true));

        var (result, _) = Runs.Of(data, script);

        Assert.Equal(new[] { (1L, 100.0), (stopId, 95.0) }, script.Fills.ConvertAll(f => (f.OrderId, f.Price)));
        Assert.Equal(-5, result.Summary.RealizedPnl, 12);
        Assert.Equal(new OrderUpdate(targetId, 0, OrderStatus.Cancelled, RejectReason.ReduceOnlyWouldIncrease, 0, 0, 180_000), script.Updates[^1]);
    }

    [Fact]
    public void Sell_stop_on_a_bar_that_gaps_below_it_fills_at_the_open()
    {
        var data = new Tape().Bar(60_000, 100, 101, 99, 100).Bar(120_000, 90, 106, 89, 100).Build();
        var script = new Script().Do(0, o => o.Stop(Side.Sell, 1, 95));

        Runs.Of(data, script);

        Assert.Equal(90, Assert.Single(script.Fills).Price);
    }
}
