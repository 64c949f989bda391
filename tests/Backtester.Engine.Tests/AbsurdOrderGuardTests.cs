using System;
using System.Linq;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// A sizing mistake cannot pass silently: orders beyond the sanity bound (a position worth 1,000 times the account) are
/// rejected as <see cref="RejectReason.InvalidQuantity"/>, a fill that makes the account non-finite halts the run naming
/// time, symbol and order, and latencies are bounded so decision time plus latency cannot wrap around.
/// </summary>
public class AbsurdOrderGuardTests
{
    [Theory]
    [InlineData(1e30)]
    [InlineData(1e308)]
    public void An_absurd_market_order_is_rejected_and_never_fills(double quantity)
    {
        var script = new Script().At(0, Side.Buy, quantity);

        var (result, _) = Runs.Of(new Tape().Trades(100, 101, 102).Build(), script);

        Assert.Empty(script.Fills);
        Assert.Equal(new OrderUpdate(1, 0, OrderStatus.Rejected, RejectReason.InvalidQuantity, 0, 0, 1_000), Assert.Single(script.Updates));
        Assert.Equal(100_000, result.Summary.FinalEquity);
    }

    [Fact]
    public void A_position_worth_exactly_1000_times_the_account_is_allowed_and_one_unit_more_is_rejected()
    {
        // Capital 100,000, price 100: the bound is 1,000 × 100,000 = 1e8 of notional, i.e. 1,000,000 units. After the
        // first fill equity is still 100,000 (cash 100,000 − 1e8, position worth 1e8), so one more unit is beyond it.
        var script = new Script().At(0, Side.Buy, 1_000_000).At(2, Side.Buy, 1).At(3, Side.Sell, 1_000_000);

        var (result, _) = Runs.Of(new Tape().Trades(100, 100, 100, 100, 100).Build(), script);

        Assert.Equal(new[] { (1L, 1_000_000.0), (3L, 1_000_000.0) }, script.Fills.Select(f => (f.OrderId, f.Quantity)).ToArray());
        Assert.Contains(new OrderUpdate(2, 0, OrderStatus.Rejected, RejectReason.InvalidQuantity, 0, 0, 3_000), script.Updates);
        Assert.Equal(0, result.Positions[0].Position); // the reducing sell always passes
    }

    [Fact]
    public void Orders_in_flight_count_towards_the_bound()
    {
        // With 10 µs latency nothing has filled when the second order is decided: 600,000 on its way plus 600,000 more
        // would be 1.2e8 of notional at 100, beyond 1e8. Sizing against Position alone is the mistake this catches.
        var script = new Script().At(0, Side.Buy, 600_000).At(1, Side.Buy, 600_000);

        Runs.Of(new Tape().Trades(Enumerable.Repeat(100.0, 20).ToArray()).Build(), script, new BacktestOptions { OrderLatencyNs = 10_000 });

        Assert.Equal(1L, Assert.Single(script.Fills).OrderId);
        Assert.Contains(new OrderUpdate(2, 0, OrderStatus.Rejected, RejectReason.InvalidQuantity, 0, 0, 2_000), script.Updates);
    }

    [Fact]
    public void A_fill_that_makes_cash_infinite_halts_the_run_naming_time_symbol_and_order()
    {
        // 10 units decided at 100 (1,000 of notional, well inside the bound) fill on the next trade at 1.7e308:
        // the notional 10 × 1.7e308 overflows to ∞, the fee ∞ × 0 bps is NaN, so cash = 100,000 − (∞ + NaN) is NaN.
        var script = new Script().At(0, Side.Buy, 10);

        var e = Assert.Throws<RunHaltedException>(() => Runs.Of(new Tape("BTCUSDT").Trades(100, 1.7e308, 100).Build(), script));

        Assert.Equal("run halted at 1970-01-01T00:00:00.000002000Z (2000 ns), symbol BTCUSDT, order 1: cash became NaN "
            + "after a buy fill of 10 at 1.7E+308 (position, cash and equity must stay finite)", e.Message);
        Assert.Equal((2_000L, "BTCUSDT", 1L), (e.Time, e.Symbol, e.OrderId));
        Assert.IsAssignableFrom<BacktesterException>(e);
    }

    [Theory]
    [InlineData(nameof(BacktestOptions.OrderLatencyNs))]
    [InlineData(nameof(BacktestOptions.FeedLatencyNs))]
    public void A_latency_beyond_365_days_is_refused_naming_the_option(string option)
    {
        const long wraps = 9_200_000_000_000_000_000; // 9.2e12 ms: decision time + this overflowed to "instant" arrival
        BacktestOptions options = option == nameof(BacktestOptions.OrderLatencyNs) ? new() { OrderLatencyNs = wraps } : new() { FeedLatencyNs = wraps };

        var e = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(option, e.ParamName);
        Assert.Equal(wraps, e.ActualValue);
    }

    [Fact]
    public void The_largest_latencies_delay_an_order_past_the_data_instead_of_wrapping_around()
    {
        var script = new Script().At(0, Side.Buy, 1);
        var options = new BacktestOptions { OrderLatencyNs = BacktestOptions.MaxLatencyNs, FeedLatencyNs = BacktestOptions.MaxLatencyNs };

        Runs.Of(new Tape().Trades(100, 101, 102).Build(), script, options);

        Assert.Empty(script.Fills);
    }
}
