using System.Linq;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// Trailing stops (<see cref="Orders.TrailingStop(Side, double, TrailingOffset, double?, TimeInForce, bool)"/>, decision
/// 0085): a sell keeps its stop at the highest trigger price since it started trailing less the offset, a buy at the lowest
/// plus it; a trade or quote trails first and then tests, a bar tests with its adverse extreme first; reaching the stop
/// executes as a triggered stop does. Every figure worked by hand; no latency (a request decided on one event arrives on
/// the next market event, whose trigger price is its first reference); an unlimited account, so sells may open shorts.
/// </summary>
public class TrailingStopTests
{
    private static readonly BacktestOptions Unlimited = new() { Account = AccountOptions.Unlimited };

    private static (long Time, long Id, double Price, double Quantity)[] FillsOf(Script script) =>
        script.Fills.Select(f => (f.Timestamp, f.OrderId, f.Price, f.Quantity)).ToArray();

    [Fact]
    public void Sell_trailing_stop_follows_the_high_and_sells_at_the_trade_that_reaches_it()
    {
        // Trades 100 (decided), 100 (arrives: stop 98), 103 (the high: stop 101), 101.5 (above 101), 100.9 (reaches it):
        // on an unquoted symbol it sells at the trigger trade's price, min(100.9, 101) = 100.9, at 5 000.
        MarketData trades = new Tape().Trades(100, 100, 103, 101.5, 100.9).Build();
        var script = new Script().Do(0, o => o.TrailingStop(Side.Sell, 1, TrailingOffset.Price(2)));

        Runs.Of(trades, script, Unlimited);

        Assert.Equal(new[] { (5_000L, 1L, 100.9, 1.0) }, FillsOf(script));
    }

    [Fact]
    public void Sell_trailing_stop_never_moves_down()
    {
        // After the high 103 the stop is 101; the trade at 102 does not lower it to 100, so the trade at 101 reaches it
        // (sold at 101, 5 000). A stop that followed every price would sit 2 below each and never trigger.
        MarketData trades = new Tape().Trades(100, 100, 103, 102, 101, 100.5).Build();
        var script = new Script().Do(0, o => o.TrailingStop(Side.Sell, 1, TrailingOffset.Price(2)));

        Runs.Of(trades, script, Unlimited);

        Assert.Equal(new[] { (5_000L, 1L, 101.0, 1.0) }, FillsOf(script));
    }

    [Fact]
    public void Buy_trailing_stop_follows_the_low_and_buys_at_the_trade_that_reaches_it()
    {
        // Trades 100, 100 (arrives: stop 102), 97 (the low: stop 99), 98.5 and 98 (below 99; not new lows), 99.1:
        // the last reaches 99 and buys there, max(99.1, 99) = 99.1, at 6 000 (symbol-id overload).
        MarketData trades = new Tape().Trades(100, 100, 97, 98.5, 98, 99.1).Build();
        var script = new Script().Do(0, o => o.TrailingStop(0, Side.Buy, 1, TrailingOffset.Price(2)));

        Runs.Of(trades, script, Unlimited);

        Assert.Equal(new[] { (6_000L, 1L, 99.1, 1.0) }, FillsOf(script));
    }

    [Fact]
    public void A_fractional_offset_trails_by_a_share_of_the_best_price()
    {
        // 100 basis points: the high 110 puts the stop at 110 − 1.1 = 108.9; the trade at 109 is above it, 108.5 reaches
        // it: sold at 108.5, 5 000. (With a price offset of 1 % of the first price, 1, the stop would be 109 and 109 would sell.)
        MarketData trades = new Tape().Trades(100, 100, 110, 109, 108.5).Build();
        var script = new Script().Do(0, o => o.TrailingStop(Side.Sell, 1, TrailingOffset.BasisPoints(100)));

        Runs.Of(trades, script, Unlimited);

        Assert.Equal(new[] { (5_000L, 1L, 108.5, 1.0) }, FillsOf(script));
    }

    [Fact]
    public void With_an_activation_price_it_trails_only_once_the_trigger_price_reaches_it()
    {
        // Activation 105: the trades 100, 104 and 101 do not activate it (without one, the stop 102 after 104 would sell at
        // 101). The trade at 106 activates it (stop 104); 103.9 reaches it: sold at 103.9, 6 000.
        MarketData trades = new Tape().Trades(100, 100, 104, 101, 106, 103.9).Build();
        var script = new Script().Do(0, o => o.TrailingStop(Side.Sell, 1, TrailingOffset.Price(2), activationPrice: 105));

        Runs.Of(trades, script, Unlimited);

        Assert.Equal(new[] { (6_000L, 1L, 103.9, 1.0) }, FillsOf(script));
    }

    [Fact]
    public void On_a_bar_the_low_tests_the_stop_from_before_the_bar_and_the_high_moves_it_after()
    {
        // Bars (open, high, low): (100, 100, 100) decided; (100, 105, 100) arrives: nothing to test yet, then the high 105
        // moves the stop to 103 (its low 100 does not sell it: the low may have come first). (104, 104.5, 102): the low 102
        // reaches 103, sold at min(open 104, stop 103) = 103, at 3 000.
        MarketData bars = new Tape().Bar(1_000, 100, 100, 100, 100).Bar(2_000, 100, 105, 100, 104).Bar(3_000, 104, 104.5, 102, 102.5).Build();
        var script = new Script().Do(0, o => o.TrailingStop(Side.Sell, 1, TrailingOffset.Price(2)));

        Runs.Of(bars, script, Unlimited);

        Assert.Equal(new[] { (3_000L, 1L, 103.0, 1.0) }, FillsOf(script));
    }

    [Fact]
    public void A_bar_that_gaps_below_the_stop_sells_at_its_open()
    {
        // The high 110 leaves the stop at 108 above the bar's close 101; the next bar opens at 101, through the stop: sold at 101.
        MarketData bars = new Tape().Bar(1_000, 100, 100, 100, 100).Bar(2_000, 100, 110, 100, 101).Bar(3_000, 101, 102, 100, 101).Build();
        var script = new Script().Do(0, o => o.TrailingStop(Side.Sell, 1, TrailingOffset.Price(2)));

        Runs.Of(bars, script, Unlimited);

        Assert.Equal(new[] { (3_000L, 1L, 101.0, 1.0) }, FillsOf(script));
    }

    [Fact]
    public void A_trailing_stop_on_the_touch_trails_the_bid_and_ignores_trades()
    {
        // Last-price run; the sell trails the bid: 99 on arrival (stop 98), 101 (stop 100), 100.5 (above), 99.8 reaches it:
        // sold at the bid 99.8, 5 000. The trade at 105 is not its trigger (had it trailed it, the stop 104 would sell at
        // 100.5), nor is the ask (the wide ask 103 would put the stop at 102, and the ask 101.5 would sell at 100.5).
        MarketData data = new Tape()
            .Quote(1_000, 99, 10, 100, 10).Quote(2_000, 99, 10, 100, 10).Trade(2_500, 105).Quote(3_000, 101, 10, 103, 10)
            .Quote(4_000, 100.5, 10, 101.5, 10).Quote(5_000, 99.8, 10, 100.8, 10).Build();
        var script = new Script().Do(0, o => o.TrailingStop(Side.Sell, 1, TrailingOffset.Price(1), StopTrigger.BidAsk));

        Runs.Of(data, script, Unlimited);

        Assert.Equal(new[] { (5_000L, 1L, 99.8, 1.0) }, FillsOf(script));
    }

    [Fact]
    public void A_buy_trailing_stop_on_the_touch_trails_the_ask()
    {
        // Touch run; the buy trails the ask: 100 on arrival (stop 101), 99 (stop 100), 99.5 (below), 100.2 reaches it:
        // bought at the ask 100.2, 5 000.
        MarketData data = new Tape()
            .Quote(1_000, 99, 10, 100, 10).Quote(2_000, 99, 10, 100, 10).Quote(3_000, 98, 10, 99, 10)
            .Quote(4_000, 98.5, 10, 99.5, 10).Quote(5_000, 99.2, 10, 100.2, 10).Build();
        var script = new Script().Do(0, o => o.TrailingStop(0, Side.Buy, 1, TrailingOffset.Price(1), StopTrigger.BidAsk));

        Runs.Of(data, script, new BacktestOptions { Account = AccountOptions.Unlimited, StopTrigger = StopTrigger.BidAsk });

        Assert.Equal(new[] { (5_000L, 1L, 100.2, 1.0) }, FillsOf(script));
    }

    [Fact]
    public void A_trailing_stop_on_the_mark_trails_the_marks_and_sells_at_the_next_trade_of_an_unquoted_symbol()
    {
        // Trades 100, 100, 104 (not its trigger), 101, 99; marks 100 (2 500: stop 98), 102 (3 500: stop 100), 99.5 (4 500:
        // reaches it). Unquoted, the triggered order works as a market order: sold at the next trade, 99, at 5 000.
        MarketData data = new Tape().Trades(100, 100, 104, 101, 99).Mark(2_500, 100).Mark(3_500, 102).Mark(4_500, 99.5).Build();
        var script = new Script().Do(0, o => o.TrailingStop(Side.Sell, 1, TrailingOffset.Price(2), StopTrigger.MarkPrice));

        Runs.Of(data, script, Unlimited);

        Assert.Equal(new[] { (5_000L, 1L, 99.0, 1.0) }, FillsOf(script));
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(-1.0, false)]
    [InlineData(double.NaN, false)]
    [InlineData(double.PositiveInfinity, false)]
    [InlineData(1.0, true)]
    [InlineData(-0.01, true)]
    public void A_bad_offset_is_rejected_at_decision_time(double value, bool fraction)
    {
        MarketData trades = new Tape().Trades(100, 100, 90).Build();
        TrailingOffset offset = fraction ? TrailingOffset.Fraction(value) : TrailingOffset.Price(value);
        var script = new Script().Do(0, o => o.TrailingStop(Side.Sell, 1, offset));

        Runs.Of(trades, script, Unlimited);

        OrderUpdate update = Assert.Single(script.UpdatesOf(1));
        Assert.Equal((OrderStatus.Rejected, RejectReason.InvalidPrice, 1_000L), (update.Status, update.RejectReason, update.Timestamp));
        Assert.Empty(script.Fills);
    }

    [Fact]
    public void A_bad_activation_price_and_the_default_offset_are_rejected_and_post_only_is_unsupported()
    {
        MarketData trades = new Tape().Trades(100, 100, 90).Build();
        var script = new Script()
            .Do(0, o => o.TrailingStop(Side.Sell, 1, TrailingOffset.Price(2), activationPrice: 0))
            .Do(0, o => o.TrailingStop(Side.Sell, 1, TrailingOffset.Price(2), activationPrice: double.NaN))
            .Do(0, o => o.TrailingStop(Side.Sell, 1, default(TrailingOffset)))
            .Do(0, o => o.TrailingStop(Side.Sell, 1, TrailingOffset.Price(2), timeInForce: TimeInForce.PostOnly));

        Runs.Of(trades, script, Unlimited);

        Assert.Equal(new[] { RejectReason.InvalidPrice, RejectReason.InvalidPrice, RejectReason.InvalidPrice, RejectReason.Unsupported },
            script.Updates.Select(u => u.RejectReason).ToArray());
        Assert.All(script.Updates, u => Assert.Equal(OrderStatus.Rejected, u.Status));
    }

    [Fact]
    public void An_amend_may_change_the_quantity_but_not_the_price()
    {
        // Trades 100, 100 (arrives), 103 (amends arrive: the price one refused, Unsupported; the quantity one to 3), 100.9:
        // the stop 101 (after 103) sells 3 at 100.9.
        MarketData trades = new Tape().Trades(100, 100, 103, 100.9).Build();
        var script = new Script()
            .Do(0, o => o.TrailingStop(Side.Sell, 1, TrailingOffset.Price(2)))
            .Do(1, o => o.Amend(1, price: 99))
            .Do(1, o => o.Amend(1, quantity: 3));

        Runs.Of(trades, script, Unlimited);

        Assert.Equal(new[] { (OrderStatus.AmendRejected, RejectReason.Unsupported), (OrderStatus.Amended, RejectReason.None) },
            script.UpdatesOf(1).Where(u => u.Status is OrderStatus.AmendRejected or OrderStatus.Amended).Select(u => (u.Status, u.RejectReason)).ToArray());
        Assert.Equal(new[] { (4_000L, 1L, 100.9, 3.0) }, FillsOf(script));
    }
}
