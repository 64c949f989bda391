using System.Linq;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// The summary counts every new order the venue refused (<see cref="BacktestSummary.RejectedOrders"/>), whatever the
/// reason and whenever it was refused: before, a run whose every order was rejected for its quantity showed no fills,
/// no buying-power rejections and nothing else.
/// </summary>
public sealed class RejectedOrdersTests
{
    [Fact]
    public void A_run_whose_every_order_is_refused_for_its_quantity_counts_them()
    {
        // three trades, an absurd target on each of the first two (1e300 units at 100: beyond the sanity bound)
        var script = new Script().Do(0, o => o.TargetPosition(1e300)).Do(1, o => o.TargetPosition(1e300));

        var (result, _) = Runs.Of(new Tape().Trades(100, 101, 102).Build(), script);

        Assert.Equal(2, script.Updates.Count(u => u.Status == OrderStatus.Rejected && u.RejectReason == RejectReason.InvalidQuantity));
        Assert.Equal((0L, 0L, 2L), (result.Summary.Fills, result.Summary.BuyingPowerRejections, result.Summary.RejectedOrders));
    }

    [Fact]
    public void Buying_power_refusals_and_refusals_on_arrival_are_counted_too()
    {
        // capital 1000 in a margin account at 1x, trades at 100: a reduce-only sell with nothing held passes the checks
        // and is refused on arrival; buy 8 (800) fills; buy 3 more (1,100 of notional > 1,000) is refused at once
        var script = new Script()
            .Do(0, o => o.Market(Side.Sell, 1, reduceOnly: true))
            .Do(1, o => o.Market(Side.Buy, 8))
            .Do(2, o => o.Market(Side.Buy, 3));
        var options = new BacktestOptions { InitialCapital = 1000 };

        var (result, _) = Runs.Of(new Tape().Trades(100, 100, 100, 100, 100).Build(), script, options);

        var refused = script.Updates.Where(u => u.Status == OrderStatus.Rejected).Select(u => u.RejectReason).ToArray();
        Assert.Equal(new[] { RejectReason.ReduceOnlyWouldIncrease, RejectReason.InsufficientMargin }, refused);
        Assert.Equal((1L, 1L, 2L), (result.Summary.Fills, result.Summary.BuyingPowerRejections, result.Summary.RejectedOrders));
    }

    [Fact]
    public void A_refused_cancel_is_not_a_refused_order()
    {
        var script = new Script().Do(0, o => o.Cancel(12345));

        var (result, _) = Runs.Of(new Tape().Trades(100, 100, 100).Build(), script);

        Assert.Contains(script.Updates, u => u.Status == OrderStatus.CancelRejected);
        Assert.Equal(0, result.Summary.RejectedOrders);
    }
}
