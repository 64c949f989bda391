using System;
using System.Collections.Generic;
using Xunit;

namespace Backtester.Engine.Tests;

public class OrderManagementTests
{
    [Fact]
    public void Cancel_takes_effect_after_the_latency_and_the_order_then_never_fills()
    {
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 1, 96)).Do(1, o => o.Cancel(1));

        Runs.Of(new Tape().Trades(100, 101, 102, 95).Build(), script);

        Assert.Empty(script.Fills);
        Assert.Equal(new[]
        {
            new OrderUpdate(1, 0, OrderStatus.Accepted, RejectReason.None, 0, 1, 2_000),
            new OrderUpdate(1, 0, OrderStatus.Cancelled, RejectReason.None, 0, 0, 3_000),
        }, script.Updates);
    }

    [Fact]
    public void An_order_can_fill_while_its_cancel_is_in_flight_and_the_late_cancel_is_rejected()
    {
        // latency 1500: the order arrives at 2500 (rests from the trade at 3000); the cancel sent at 3000 arrives at 4500,
        // after the trade at 4000 has filled the order
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 1, 99)).Do(2, o => o.Cancel(1));

        Runs.Of(new Tape().Trades(100, 100, 100, 95, 95).Build(), script, new BacktestOptions { OrderLatencyNs = 1_500 });

        Assert.Equal(4_000, Assert.Single(script.Fills).Timestamp);
        Assert.Equal(new OrderUpdate(1, 0, OrderStatus.CancelRejected, RejectReason.OrderClosed, 0, 0, 5_000), script.Updates[^1]);
    }

    [Fact]
    public void Amending_a_limits_price_lets_it_fill_where_the_old_price_would_not()
    {
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 1, 97)).Do(1, o => o.Amend(1, price: 98.5));

        Runs.Of(new Tape().Trades(100, 100, 100, 98, 97.5).Build(), script);

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((4_000L, 98.5), (fill.Timestamp, fill.Price));
        Assert.Contains(new OrderUpdate(1, 0, OrderStatus.Amended, RejectReason.None, 0, 1, 3_000), script.Updates);
    }

    [Fact]
    public void Amending_the_quantity_changes_how_much_fills()
    {
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 1, 99)).Do(1, o => o.Amend(1, quantity: 3));

        Runs.Of(new Tape().Trades(100, 100, 100, 98).Build(), script);

        Assert.Equal(3, Assert.Single(script.Fills).Quantity);
    }

    [Fact]
    public void Amend_to_a_crossing_price_of_a_post_only_order_is_rejected_and_the_order_keeps_working()
    {
        var data = new Tape().Quote(1_000, 99, 1, 100, 1).Quote(2_000, 99, 1, 100, 1).Quote(3_000, 99, 1, 100, 1).Quote(4_000, 97, 1, 98.5, 1).Build();
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 1, 99, TimeInForce.PostOnly)).Do(1, o => o.Amend(1, price: 100.5));

        Runs.Of(data, script);

        Assert.Contains(new OrderUpdate(1, 0, OrderStatus.AmendRejected, RejectReason.PostOnlyWouldCross, 0, 1, 3_000), script.Updates);
        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((99.0, true), (fill.Price, fill.IsMaker)); // the ask came down to the unchanged price
    }

    [Fact]
    public void Cancel_or_amend_of_an_order_id_never_issued_is_rejected_at_once()
    {
        var script = new Script().Do(0, o => o.Cancel(42)).Do(0, o => o.Amend(-1, price: 5));

        Runs.Of(new Tape().Trades(100, 100).Build(), script);

        Assert.Equal(new[]
        {
            new OrderUpdate(42, -1, OrderStatus.CancelRejected, RejectReason.UnknownOrder, 0, 0, 1_000),
            new OrderUpdate(-1, -1, OrderStatus.AmendRejected, RejectReason.UnknownOrder, 0, 0, 1_000),
        }, script.Updates);
    }

    public static IEnumerable<object[]> BadRequests() => new[]
    {
        new object[] { (Func<Orders, long>)(o => o.Limit(Side.Buy, 1, double.NaN)), RejectReason.InvalidPrice },
        new object[] { (Func<Orders, long>)(o => o.Limit(Side.Buy, 1, -3)), RejectReason.InvalidPrice },
        new object[] { (Func<Orders, long>)(o => o.Stop(Side.Sell, 1, 0)), RejectReason.InvalidPrice },
        new object[] { (Func<Orders, long>)(o => o.StopLimit(Side.Sell, 1, 99, double.PositiveInfinity)), RejectReason.InvalidPrice },
        new object[] { (Func<Orders, long>)(o => o.Limit(Side.Buy, double.NaN, 100)), RejectReason.InvalidQuantity },
        new object[] { (Func<Orders, long>)(o => o.Market(7, Side.Buy, 1)), RejectReason.UnknownSymbol },
        new object[] { (Func<Orders, long>)(o => o.Market((Side)0, 1)), RejectReason.InvalidSide },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Invalid_requests_are_rejected_with_a_reason_instead_of_throwing(Func<Orders, long> send, RejectReason reason)
    {
        var script = new Script().Do(0, send);

        Runs.Of(new Tape().Trades(100, 100).Build(), script);

        OrderUpdate update = Assert.Single(script.Updates);
        Assert.Equal((OrderStatus.Rejected, reason, 1_000L), (update.Status, update.RejectReason, update.Timestamp));
        Assert.Empty(script.Fills);
    }

    [Fact]
    public void Reduce_only_order_that_would_open_a_position_is_rejected_on_arrival()
    {
        var script = new Script().Do(0, o => o.Market(Side.Sell, 1, reduceOnly: true));

        Runs.Of(new Tape().Trades(100, 100).Build(), script);

        Assert.Equal(new OrderUpdate(1, 0, OrderStatus.Rejected, RejectReason.ReduceOnlyWouldIncrease, 0, 0, 2_000), Assert.Single(script.Updates));
    }

    [Fact]
    public void Reduce_only_order_larger_than_the_position_fills_the_position_and_cancels_the_rest()
    {
        var script = new Script().At(0, Side.Buy, 1).Do(1, o => o.Market(Side.Sell, 3, reduceOnly: true));

        var (result, _) = Runs.Of(new Tape().Trades(100, 100, 104).Build(), script);

        Assert.Equal(1, script.Fills[^1].Quantity);
        Assert.Equal(0, result.Positions[0].Position);
        Assert.Equal(new OrderUpdate(2, 0, OrderStatus.Cancelled, RejectReason.ReduceOnlyWouldIncrease, 1, 0, 3_000), script.Updates[^1]);
    }

    [Fact]
    public void Every_fill_reports_the_fill_then_the_orders_new_state()
    {
        var script = new Script().At(0, Side.Buy, 2);

        Runs.Of(new Tape().Trades(100, 100).Build(), script);

        Assert.Equal(new[]
        {
            new OrderUpdate(1, 0, OrderStatus.Accepted, RejectReason.None, 0, 2, 2_000),
            new OrderUpdate(1, 0, OrderStatus.Filled, RejectReason.None, 2, 0, 2_000),
        }, script.Updates);
    }

    [Fact]
    public void Amending_the_quantity_to_no_more_than_what_has_filled_is_rejected()
    {
        var data = new Tape().Trade(1_000, 100).Trade(2_000, 100).Trade(3_000, 98, 1).Trade(4_000, 100).Build();
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 3, 99)).Do(2, o => o.Amend(1, quantity: 1));

        Runs.Of(data, script, new BacktestOptions { LimitFillsToDisplayedSize = true });

        Assert.Equal(new OrderUpdate(1, 0, OrderStatus.AmendRejected, RejectReason.InvalidQuantity, 1, 2, 4_000), script.Updates[^1]);
    }
}
