using Backtester.Execution;
using Xunit;

namespace Backtester.Engine.Tests;

public class LimitOrderTests
{
    [Fact]
    public void Limit_buy_fills_as_maker_at_its_price_when_a_trade_prints_below_it_and_a_negative_maker_fee_is_a_rebate()
    {
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 1, 99.5));

        var (result, _) = Runs.Of(new Tape().Trades(100, 100, 99.5, 98).Build(), script, new BacktestOptions { MakerFeeBps = -2 });

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((4_000L, 99.5, true), (fill.Timestamp, fill.Price, fill.IsMaker));
        Assert.Equal(-0.0199, fill.Fee, 12); // 99.5 × 1 × −0.0002
        Assert.Equal(-0.0199, result.Summary.Fees, 12);
        Assert.Equal(-1.5 + 0.0199, result.Summary.NetPnl, 9); // marked at 98
    }

    [Fact]
    public void Limit_sell_fills_when_a_trade_prints_above_it()
    {
        var script = new Script().Do(0, o => o.Limit(Side.Sell, 2, 101));

        Runs.Of(new Tape().Trades(100, 100.5, 101, 101.25).Build(), script);

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((4_000L, 101.0, 2.0, Side.Sell), (fill.Timestamp, fill.Price, fill.Quantity, fill.Side));
    }

    [Fact]
    public void A_trade_at_the_limit_price_does_not_fill_without_a_queue_model_and_fills_at_once_when_optimistic()
    {
        var none = new Script().Do(0, o => o.Limit(Side.Buy, 1, 99.5));
        var optimistic = new Script().Do(0, o => o.Limit(Side.Buy, 1, 99.5));
        var data = new Tape().Trades(100, 100, 99.5, 99.6).Build();

        Runs.Of(data, none);
        Runs.Of(data, optimistic, new BacktestOptions { QueuePosition = QueuePosition.Optimistic });

        Assert.Empty(none.Fills);
        Assert.Equal(3_000, Assert.Single(optimistic.Fills).Timestamp);
    }

    [Fact]
    public void Conservative_queue_fills_at_price_only_after_the_size_displayed_ahead_on_arrival_has_traded()
    {
        // arrives with 3 bid at 99 ahead; trades at 99 of 2, 2, 2: the first leaves 1 ahead, the second trades 1 beyond
        // the queue (fills 1 of 2, bounded), the third fills the last 1
        var data = new Tape().Quote(1_000, 99, 3, 100, 5).Trade(2_000, 99, 2).Trade(3_000, 99, 2).Trade(4_000, 99, 2).Build();
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 2, 99));

        Runs.Of(data, script, new BacktestOptions { QueuePosition = QueuePosition.Conservative, LimitFillsToDisplayedSize = true });

        Assert.Equal(new[] { (3_000L, 1.0), (4_000L, 1.0) }, script.Fills.ConvertAll(f => (f.Timestamp, f.Quantity)));
        Assert.All(script.Fills, f => Assert.True(f.IsMaker));
    }

    [Fact]
    public void Conservative_queue_without_a_size_bound_fills_the_whole_order_once_the_queue_is_through()
    {
        var data = new Tape().Quote(1_000, 99, 3, 100, 5).Trade(2_000, 99, 2).Trade(3_000, 99, 2).Build();
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 5, 99));

        Runs.Of(data, script, new BacktestOptions { QueuePosition = QueuePosition.Conservative });

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((3_000L, 5.0), (fill.Timestamp, fill.Quantity));
    }

    [Fact]
    public void Resting_limit_buy_fills_at_its_price_when_the_ask_comes_down_to_it()
    {
        var data = new Tape().Quote(1_000, 99, 1, 100, 1).Quote(2_000, 99, 1, 100, 1).Quote(3_000, 98, 1, 98.5, 1).Build();
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 1, 99));

        Runs.Of(data, script);

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((3_000L, 99.0, true), (fill.Timestamp, fill.Price, fill.IsMaker));
    }

    [Fact]
    public void Marketable_limit_fills_on_arrival_as_taker_at_the_touch_when_better_than_its_price()
    {
        var data = new Tape().Quote(1_000, 99, 1, 100, 1).Quote(2_000, 99, 1, 100, 1).Build();
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 1, 101));

        Runs.Of(data, script, new BacktestOptions { TakerFeeBps = 10, MakerFeeBps = -1 });

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((2_000L, 100.0, false), (fill.Timestamp, fill.Price, fill.IsMaker));
        Assert.Equal(0.1, fill.Fee, 12); // 100 × 0.001
    }

    [Fact]
    public void Post_only_limit_that_would_cross_is_rejected_and_one_that_would_not_rests()
    {
        var data = new Tape().Quote(1_000, 99, 1, 100, 1).Quote(2_000, 99, 1, 100, 1).Build();
        var script = new Script()
            .Do(0, o => o.Limit(Side.Buy, 1, 100, TimeInForce.PostOnly))
            .Do(0, o => o.Limit(Side.Buy, 1, 99.5, TimeInForce.PostOnly));

        Runs.Of(data, script);

        Assert.Empty(script.Fills);
        Assert.Equal(new[]
        {
            new OrderUpdate(1, 0, OrderStatus.Rejected, RejectReason.PostOnlyWouldCross, 0, 0, 2_000),
            new OrderUpdate(2, 0, OrderStatus.Accepted, RejectReason.None, 0, 1, 2_000),
        }, script.Updates);
    }

    [Fact]
    public void Ioc_limit_that_is_not_marketable_is_cancelled_on_arrival()
    {
        var data = new Tape().Quote(1_000, 99, 1, 100, 1).Quote(2_000, 99, 1, 100, 1).Quote(3_000, 97, 1, 98, 1).Build();
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 1, 99, TimeInForce.Ioc));

        Runs.Of(data, script);

        Assert.Empty(script.Fills);
        Assert.Equal(OrderStatus.Cancelled, script.Updates[^1].Status);
    }

    [Fact]
    public void Limit_on_bars_fills_only_when_the_bar_trades_strictly_through_it()
    {
        var data = new Tape()
            .Bar(60_000, 100, 101, 99, 100)
            .Bar(120_000, 100, 100.5, 99.5, 100)  // low equals the limit: no fill
            .Bar(180_000, 100, 100, 98, 99)       // low below: fills at 99.5
            .Build();
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 1, 99.5));

        Runs.Of(data, script);

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((180_000L, 99.5, true), (fill.Timestamp, fill.Price, fill.IsMaker));
    }

    [Fact]
    public void Limit_arriving_on_a_bar_that_opens_through_it_fills_as_taker_at_the_open()
    {
        var data = new Tape().Bar(60_000, 100, 101, 99, 100).Bar(120_000, 98, 99, 97, 98).Build();
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 1, 99.5));

        Runs.Of(data, script);

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((98.0, false), (fill.Price, fill.IsMaker));
    }

    [Fact]
    public void Resting_limit_sell_fills_at_its_price_when_the_bid_comes_up_to_it()
    {
        var data = new Tape().Quote(1_000, 99, 1, 100, 1).Quote(2_000, 99, 1, 100, 1).Quote(3_000, 101.5, 1, 102, 1).Build();
        var script = new Script().Do(0, o => o.Limit(Side.Sell, 1, 101));

        Runs.Of(data, script);

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((3_000L, 101.0, true, Side.Sell), (fill.Timestamp, fill.Price, fill.IsMaker, fill.Side));
    }

    [Fact]
    public void Marketable_ioc_limit_takes_the_displayed_size_and_cancels_the_rest()
    {
        var data = new Tape().Quote(1_000, 99, 1, 100, 1.5).Quote(2_000, 99, 1, 100, 1.5).Quote(3_000, 99, 1, 100, 5).Build();
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 4, 100, TimeInForce.Ioc));

        Runs.Of(data, script, new BacktestOptions { LimitFillsToDisplayedSize = true });

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((1.5, 100.0, false), (fill.Quantity, fill.Price, fill.IsMaker));
        Assert.Equal(new OrderUpdate(1, 0, OrderStatus.Cancelled, RejectReason.None, 1.5, 0, 2_000), script.Updates[^1]);
    }

    [Fact]
    public void Partly_filled_gtc_limit_keeps_working_until_cancelled()
    {
        // bounded by trade sizes: 0.5 fills at 98, then the cancel sent on that trade removes the other 1.5
        var data = new Tape().Trade(1_000, 100).Trade(2_000, 100).Trade(3_000, 98, 0.5).Trade(4_000, 97, 5).Trade(5_000, 97, 5).Build();
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 2, 99)).Do(2, o => o.Cancel(1));

        var (result, _) = Runs.Of(data, script, new BacktestOptions { LimitFillsToDisplayedSize = true });

        Assert.Equal(0.5, Assert.Single(script.Fills).Quantity);
        Assert.Equal(new OrderUpdate(1, 0, OrderStatus.Cancelled, RejectReason.None, 0.5, 0, 4_000), script.Updates[^1]);
        Assert.Equal(0.5, result.Positions[0].Position);
        Assert.Equal(49.5, result.Positions[0].Turnover, 12); // 0.5 × 99
    }
}
