using System.Linq;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// <see cref="Orders.TargetPosition(double)"/>: one market order for the difference between the target and the position
/// plus working and in-flight entry orders; reduce-only protective orders do not count. Trades are 1 µs apart from
/// t = 1 000; without latency an order decided on trade i fills on trade i + 1.
/// </summary>
public class TargetPositionTests
{
    [Fact]
    public void A_resting_reduce_only_stop_loss_does_not_make_the_target_buy_again()
    {
        // Trade 0: buy 1. Trade 1: it fills; a reduce-only stop-loss of 1 rests at 90. Trades 2-5: the target is met.
        var script = new Script { AtEachEvent = o => o.TargetPosition(1) }
            .Do(1, o => o.Stop(Side.Sell, 1, 90, reduceOnly: true));

        var (result, _) = Runs.Of(new Tape().Trades(100, 100, 100, 100, 100, 100).Build(), script);

        Assert.Equal(1, result.Positions[0].Position);
        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((2_000L, Side.Buy, 1.0), (fill.Timestamp, fill.Side, fill.Quantity));
    }

    [Fact]
    public void The_position_plus_open_quantity_idiom_buys_again_against_the_same_stop_loss()
    {
        // The same script sized with Position + OpenQuantity: from trade 2 the stop's -1 cancels the position's +1, so it
        // buys 1 more (filled on trade 3, ending at 2); then 2 - 1 = 1 meets the target.
        var script = new Script
        {
            AtEachEvent = o =>
            {
                double delta = 1 - (o.Position + o.OpenQuantity);
                if (delta > 0) o.Market(Side.Buy, delta);
            },
        }.Do(1, o => o.Stop(Side.Sell, 1, 90, reduceOnly: true));

        var (result, _) = Runs.Of(new Tape().Trades(100, 100, 100, 100, 100, 100).Build(), script);

        Assert.Equal(2, result.Positions[0].Position);
    }

    [Fact]
    public void Orders_on_their_way_count_so_a_target_repeated_on_every_event_sends_one_order()
    {
        // 5 µs of latency: the buy decided at 1 000 arrives at 6 000 and fills on trade 5.
        var script = new Script();
        for (int i = 0; i < 8; i++) script.Do(i, o => o.TargetPosition(2.5));

        var (result, _) = Runs.Of(new Tape().Trades(100, 100, 100, 100, 100, 100, 100, 100).Build(), script, new BacktestOptions { OrderLatencyNs = 5_000 });

        Assert.Single(script.Placed);
        Assert.Equal(2.5, result.Positions[0].Position);
        Assert.Equal(6_000, Assert.Single(script.Fills).Timestamp);
    }

    [Fact]
    public void A_working_entry_limit_counts_and_a_flip_sends_the_whole_difference()
    {
        // Trade 0: a buy limit of 1 at 50 rests (never fills). Trade 1: target 1 is met by it, no order. Trade 2: target
        // -1.5 against 0 + 1 working: a sell of 2.5, filled on trade 3.
        var script = new Script()
            .Do(0, o => o.Limit(Side.Buy, 1, 50))
            .Do(1, o => o.TargetPosition(1))
            .Do(2, o => o.TargetPosition(-1.5));

        var (result, _) = Runs.Of(new Tape().Trades(100, 100, 100, 100, 100).Build(), script);

        Assert.Equal(2, script.Placed.Count); // the limit and the sell; TargetPosition(1) returned 0
        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((4_000L, Side.Sell, 2.5), (fill.Timestamp, fill.Side, fill.Quantity));
        Assert.Equal(-2.5, result.Positions[0].Position);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)] // its difference from the position is infinite too: it was taken as "already there"
    [InlineData(double.NegativeInfinity)]
    public void A_target_that_is_not_finite_reaches_the_venue_and_is_rejected(double target)
    {
        var script = new Script().Do(0, o => o.TargetPosition(target));

        Runs.Of(new Tape().Trades(100, 100).Build(), script);

        Assert.Contains(script.Updates, u => u.Status == OrderStatus.Rejected && u.RejectReason == RejectReason.InvalidQuantity);
        Assert.Empty(script.Fills);
    }
}
