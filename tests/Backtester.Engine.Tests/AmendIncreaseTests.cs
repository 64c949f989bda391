using System.Linq;
using Xunit;
using Backtester.Infrastructure;

namespace Backtester.Engine.Tests;

/// <summary>
/// An amend that raises a working order's quantity adds to the position as a new order of the increase would, so it
/// meets the same buying-power check and sanity bound, on arrival (docs/execution.md, "Rejections"). Worked by hand.
/// </summary>
public class AmendIncreaseTests
{
    private static readonly double[] Flat = Enumerable.Repeat(100.0, 20).ToArray(); // a trade at 100 every 1 µs, the first at 1 µs (event i at i + 1 µs)

    [Fact]
    public void An_amend_raising_quantity_beyond_margin_is_refused_on_arrival_and_the_order_keeps_working()
    {
        // Capital 1000 at 1x (initial margin 100%), trades at 100 every µs, latency 5 µs. Buy limit 5 @ 99 at 1 µs:
        // requirement 1 × 100 × 5 = 500 ≤ 1000, works from 6 µs. Amend to 20 decided at 7 µs, arriving at 12 µs: the
        // increase of 15 makes 1 × 100 × (0 + 5 + 15) = 2000 > 1000: AmendRejected(InsufficientMargin), still 5 working.
        // Amend to 9 decided at 13 µs, arriving at 18 µs: 1 × 100 × 9 = 900 ≤ 1000: Amended, 9 working.
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 5, 99)).Do(6, o => o.Amend(1, quantity: 20)).Do(12, o => o.Amend(1, quantity: 9));
        var options = new BacktestOptions { InitialCapital = 1000, Account = AccountOptions.Margin(leverage: 1), OrderLatencyNs = 5_000 };

        var (result, _) = Runs.Of(new Tape().Trades(Flat).Build(), script, options);

        Assert.Equal(new[]
        {
            new OrderUpdate(1, 0, OrderStatus.Accepted, RejectReason.None, 0, 5, 6_000),
            new OrderUpdate(1, 0, OrderStatus.AmendRejected, RejectReason.InsufficientMargin, 0, 5, 12_000),
            new OrderUpdate(1, 0, OrderStatus.Amended, RejectReason.None, 0, 9, 18_000),
        }, script.UpdatesOf(1).ToArray());
        Assert.Equal(1, result.Summary.BuyingPowerRejections);
    }

    [Fact]
    public void An_amend_raising_quantity_beyond_the_sanity_bound_is_refused_even_with_unlimited_credit()
    {
        // Unlimited account, capital 1000: the bound is 1000 × 1000 = 1e6 at the order's price. Buy limit 1 @ 99; an amend
        // to 20,000 would make 20,000 × 99 = 1.98e6 > 1e6: AmendRejected(InvalidQuantity) on arrival (12 µs). An amend to
        // 10,000 (990,000 ≤ 1e6) is taken at 18 µs.
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 1, 99)).Do(6, o => o.Amend(1, quantity: 20_000)).Do(12, o => o.Amend(1, quantity: 10_000));
        var options = new BacktestOptions { InitialCapital = 1000, Account = AccountOptions.Unlimited, OrderLatencyNs = 5_000 };

        Runs.Of(new Tape().Trades(Flat).Build(), script, options);

        Assert.Equal(new[]
        {
            new OrderUpdate(1, 0, OrderStatus.Accepted, RejectReason.None, 0, 1, 6_000),
            new OrderUpdate(1, 0, OrderStatus.AmendRejected, RejectReason.InvalidQuantity, 0, 1, 12_000),
            new OrderUpdate(1, 0, OrderStatus.Amended, RejectReason.None, 0, 10_000, 18_000),
        }, script.UpdatesOf(1).ToArray());
    }

    [Fact]
    public void An_amend_lowering_quantity_is_never_refused_for_buying_power()
    {
        // Capital 1000 at 1x: buy limit 10 @ 99 (1 × 100 × 10 = 1000 ≤ 1000). Equity cannot cover more, but an amend to 4
        // only lowers the requirement: Amended at 12 µs.
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 10, 99)).Do(6, o => o.Amend(1, quantity: 4));
        var options = new BacktestOptions { InitialCapital = 1000, Account = AccountOptions.Margin(leverage: 1), OrderLatencyNs = 5_000 };

        var (result, _) = Runs.Of(new Tape().Trades(Flat).Build(), script, options);

        Assert.Equal(new OrderUpdate(1, 0, OrderStatus.Amended, RejectReason.None, 0, 4, 12_000), script.UpdatesOf(1).Last());
        Assert.Equal(0, result.Summary.BuyingPowerRejections);
    }
}
