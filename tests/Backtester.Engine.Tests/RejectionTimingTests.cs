using System.Linq;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// When a refused request is reported (docs/execution.md, "Rejections"; docs/decisions/0042): what the strategy's side
/// knows when it decides (the request's own price and quantity, ids never issued) at decision time; what depends on the
/// order at the venue (filled or closed, post-only crossing) on arrival, after the latency. A refused cancel or amend is
/// <see cref="OrderStatus.CancelRejected"/> / <see cref="OrderStatus.AmendRejected"/>, never <see cref="OrderStatus.Rejected"/>,
/// and leaves a working order working.
/// </summary>
public class RejectionTimingTests
{
    private const long Ms = 1_000_000;
    private static readonly BacktestOptions FiveMs = new() { OrderLatencyNs = 5 * Ms };

    [Theory]
    [InlineData(-5.0, double.NaN, RejectReason.InvalidPrice)]
    [InlineData(0.0, double.NaN, RejectReason.InvalidPrice)]
    [InlineData(double.PositiveInfinity, double.NaN, RejectReason.InvalidPrice)]
    [InlineData(double.NaN, 0.0, RejectReason.InvalidQuantity)]
    [InlineData(double.NaN, -2.0, RejectReason.InvalidQuantity)]
    [InlineData(double.NaN, double.PositiveInfinity, RejectReason.InvalidQuantity)]
    public void An_amend_with_a_price_or_quantity_not_positive_and_finite_is_refused_at_decision_time_and_the_order_fills_as_it_was(
        double price, double quantity, RejectReason reason)
    {
        // latency 5 ms: the buy limit 1 @ 99 decided at 90 ms arrives at 95 ms and works; the amend decided at 100 ms is
        // refused at once, at 100 ms, with the order's quantities (0 filled, 1 remaining); the trade at 98 at 110 ms
        // prints through 99 and fills the order at its unchanged price, 99.
        var data = new Tape().Trade(90 * Ms, 100).Trade(95 * Ms, 100).Trade(100 * Ms, 100).Trade(105 * Ms, 100).Trade(110 * Ms, 98).Build();
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 1, 99))
            .Do(2, o => o.Amend(1, double.IsNaN(price) ? null : price, double.IsNaN(quantity) ? null : quantity));

        Runs.Of(data, script, FiveMs);

        Assert.Equal(new[]
        {
            new OrderUpdate(1, 0, OrderStatus.Accepted, RejectReason.None, 0, 1, 95 * Ms),
            new OrderUpdate(1, 0, OrderStatus.AmendRejected, reason, 0, 1, 100 * Ms),
            new OrderUpdate(1, 0, OrderStatus.Filled, RejectReason.None, 1, 0, 110 * Ms),
        }, script.Updates);
        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((110 * Ms, 99.0, 1.0), (fill.Timestamp, fill.Price, fill.Quantity));
    }

    [Fact]
    public void A_refused_amend_of_an_order_still_in_flight_reports_its_whole_quantity_as_remaining()
    {
        // both decided at 90 ms: the order is in flight (nothing filled, 2 to go), the amend to price 0 is refused at once
        var data = new Tape().Trade(90 * Ms, 100).Trade(95 * Ms, 100).Build();
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 2, 99)).Do(0, o => o.Amend(1, price: 0));

        Runs.Of(data, script, FiveMs);

        Assert.Equal(new[]
        {
            new OrderUpdate(1, 0, OrderStatus.AmendRejected, RejectReason.InvalidPrice, 0, 2, 90 * Ms),
            new OrderUpdate(1, 0, OrderStatus.Accepted, RejectReason.None, 0, 2, 95 * Ms),
        }, script.Updates);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_cancel_or_amend_of_an_order_filled_before_it_was_decided_is_refused_on_arrival_after_the_latency(bool cancel)
    {
        // latency 5 ms: the market buy decided at 90 ms fills at 95 ms; the request decided at 100 ms travels like any
        // other and is answered when it arrives, at 105 ms: OrderClosed, nothing reported at 100 ms
        var data = new Tape().Trade(90 * Ms, 100).Trade(95 * Ms, 100).Trade(100 * Ms, 100).Trade(105 * Ms, 101).Build();
        var script = new Script().At(0, Side.Buy, 1).Do(2, o =>
        {
            if (cancel) o.Cancel(1);
            else o.Amend(1, quantity: 2);
        });

        Runs.Of(data, script, FiveMs);

        Assert.Equal(new[]
        {
            new OrderUpdate(1, 0, OrderStatus.Accepted, RejectReason.None, 0, 1, 95 * Ms),
            new OrderUpdate(1, 0, OrderStatus.Filled, RejectReason.None, 1, 0, 95 * Ms),
            // the venue no longer holds the order, so the refusal names no symbol and carries no quantities
            new OrderUpdate(1, -1, cancel ? OrderStatus.CancelRejected : OrderStatus.AmendRejected, RejectReason.OrderClosed, 0, 0, 105 * Ms),
        }, script.Updates);
    }

    [Fact]
    public void A_cancel_of_a_closed_order_is_answered_on_the_first_event_of_any_symbol_after_its_arrival()
    {
        // the order of X filled at 95 ms; the cancel decided at 100 ms arrives at 105 ms; the next event is Y's trade at
        // 106 ms (X trades again only at 120 ms), so the refusal comes at 106 ms
        var data = new Tape("X", "Y").Trade(90 * Ms, 100).Trade(95 * Ms, 100).Trade(100 * Ms, 100).Trade(106 * Ms, 50, symbol: 1).Trade(120 * Ms, 100).Build();
        var script = new Script().At(0, Side.Buy, 1).Do(2, o => o.Cancel(1));

        Runs.Of(data, script, FiveMs);

        Assert.Equal(new OrderUpdate(1, -1, OrderStatus.CancelRejected, RejectReason.OrderClosed, 0, 0, 106 * Ms), script.Updates[^1]);
        Assert.Equal(3, script.Updates.Count); // Accepted, Filled, then this
    }

    [Fact]
    public void An_amend_below_what_filled_while_it_travelled_is_refused_on_arrival_and_the_rest_fills_at_the_original_price()
    {
        // fills bounded by the trades' sizes; latency 5 ms. Buy limit 3 @ 99 decided at 90 ms works from 95 ms. At 100 ms
        // a trade of 1 at 98 fills 1 at 99. The amend to a total of 1, decided at 100 ms (after that fill), is about the
        // order's fills at the venue, so it is answered on arrival: at 105 ms, with 1 filled and 2 remaining. The trade
        // of 5 at 98 at 110 ms then fills the remaining 2 at the unchanged 99.
        var data = new Tape().Trade(90 * Ms, 100).Trade(95 * Ms, 100).Trade(100 * Ms, 98, 1).Trade(105 * Ms, 100).Trade(110 * Ms, 98, 5).Build();
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 3, 99)).Do(2, o => o.Amend(1, quantity: 1));

        Runs.Of(data, script, FiveMs with { LimitFillsToDisplayedSize = true });

        Assert.Equal(new[]
        {
            new OrderUpdate(1, 0, OrderStatus.Accepted, RejectReason.None, 0, 3, 95 * Ms),
            new OrderUpdate(1, 0, OrderStatus.PartiallyFilled, RejectReason.None, 1, 2, 100 * Ms),
            new OrderUpdate(1, 0, OrderStatus.AmendRejected, RejectReason.InvalidQuantity, 1, 2, 105 * Ms),
            new OrderUpdate(1, 0, OrderStatus.Filled, RejectReason.None, 3, 0, 110 * Ms),
        }, script.Updates);
        Assert.Equal(new[] { (100 * Ms, 99.0, 1.0), (110 * Ms, 99.0, 2.0) }, script.Fills.Select(f => (f.Timestamp, f.Price, f.Quantity)).ToArray());
    }

    [Fact]
    public void A_new_order_refused_on_arrival_is_rejected_and_never_accepted()
    {
        // a reduce-only sell with no position, decided at 90 ms, is refused by the venue when it arrives at 95 ms
        var data = new Tape().Trade(90 * Ms, 100).Trade(95 * Ms, 100).Build();
        var script = new Script().Do(0, o => o.Market(Side.Sell, 1, reduceOnly: true));

        Runs.Of(data, script, FiveMs);

        Assert.Equal(new OrderUpdate(1, 0, OrderStatus.Rejected, RejectReason.ReduceOnlyWouldIncrease, 0, 0, 95 * Ms), Assert.Single(script.Updates));
    }
}
