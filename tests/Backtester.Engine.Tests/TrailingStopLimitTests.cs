using System.Linq;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// Trailing stop-limits (<see cref="Orders.TrailingStopLimit(Side, double, TrailingOffset, double, double?, TimeInForce, bool)"/>,
/// decision 0087): the stop trails as a trailing stop's does, the limit follows it at the limit offset (a sell's at stop −
/// offset, a buy's at stop + offset), and on trigger the order is a limit at that price, working as a triggered stop-limit:
/// a taker at once when the trigger price is within the limit, else resting as a maker (not filled on the triggering event
/// itself). Every figure worked by hand; no latency (a request decided on one event arrives on the next market event);
/// an unlimited account; taker fee 10 bps, maker fee −2 bps (a rebate), so the fee tells taker from maker.
/// </summary>
public class TrailingStopLimitTests
{
    private static readonly BacktestOptions Options = new() { Account = AccountOptions.Unlimited, TakerFeeBps = 10, MakerFeeBps = -2 };

    private static (long Time, long Id, double Price, double Quantity, bool IsMaker, double Fee)[] FillsOf(Script script) =>
        script.Fills.Select(f => (f.Timestamp, f.OrderId, f.Price, f.Quantity, f.IsMaker, System.Math.Round(f.Fee, 10))).ToArray();

    [Fact]
    public void Sell_trails_and_when_the_trade_reaching_its_stop_is_within_its_limit_takes_at_once()
    {
        // Offset 2, limit offset 0.5. Trades 100 (decided), 100 (arrives: stop 98), 103 (the high: stop 101, limit 100.5),
        // 101 (reaches the stop). Triggered at 101 with limit 100.5: the trade 101 is within it (101 ≥ 100.5), so it sells
        // at once as a taker at 101 (an unquoted symbol: the trigger trade's price), at 4 000; fee 101 × 0.001 = 0.101.
        MarketData trades = new Tape().Trades(100, 100, 103, 101).Build();
        var script = new Script().Do(0, o => o.TrailingStopLimit(Side.Sell, 1, TrailingOffset.Price(2), limitOffset: 0.5));

        Runs.Of(trades, script, Options);

        Assert.Equal(new[] { (4_000L, 1L, 101.0, 1.0, false, 0.101) }, FillsOf(script));
    }

    [Fact]
    public void Sell_whose_trigger_trade_gaps_below_its_limit_rests_there_and_fills_later_as_a_maker()
    {
        // Offset 2, limit offset 0.5: stop 101, limit 100.5 after the high 103. The trade at 100.2 reaches the stop but is
        // below the limit: the order rests as a sell limit at 100.5 (not filled on its triggering trade). The print at
        // 100.5 does not fill it (a print at the price: QueuePosition.None); 100.8 prints through it and fills it as a
        // maker at its own price, 100.5, at 6 000: fee 100.5 × −0.0002 = −0.0201.
        MarketData trades = new Tape().Trades(100, 100, 103, 100.2, 100.5, 100.8).Build();
        var script = new Script().Do(0, o => o.TrailingStopLimit(Side.Sell, 1, TrailingOffset.Price(2), limitOffset: 0.5));

        Runs.Of(trades, script, Options);

        Assert.Equal(new[] { (6_000L, 1L, 100.5, 1.0, true, -0.0201) }, FillsOf(script));
    }

    [Fact]
    public void A_gap_through_the_limit_leaves_it_resting_unfilled()
    {
        // As above, but after the trigger at 100.2 the trades fall on, 99, 98: none prints above the limit 100.5, so the
        // order is still working at the end, unfilled (a trailing stop would have sold at 100.2).
        MarketData trades = new Tape().Trades(100, 100, 103, 100.2, 99, 98).Build();
        var script = new Script().Do(0, o => o.TrailingStopLimit(Side.Sell, 1, TrailingOffset.Price(2), limitOffset: 0.5));

        Runs.Of(trades, script, Options);

        Assert.Empty(script.Fills);
        Assert.Equal(new[] { OrderStatus.Accepted }, script.UpdatesOf(1).Select(u => u.Status).ToArray());
    }

    [Fact]
    public void Buy_mirrors_it_following_the_low()
    {
        // Offset 2, limit offset 0.5 (symbol-id overload). Trades 100, 100 (arrives: stop 102), 97 (the low: stop 99, limit
        // 99.5), 98 (not a new low, below the stop), 99.3 (reaches 99, within 99.5): bought at once as a taker at 99.3, at
        // 5 000; fee 0.0993.
        MarketData trades = new Tape().Trades(100, 100, 97, 98, 99.3).Build();
        var script = new Script().Do(0, o => o.TrailingStopLimit(0, Side.Buy, 1, TrailingOffset.Price(2), limitOffset: 0.5));

        Runs.Of(trades, script, Options);

        Assert.Equal(new[] { (5_000L, 1L, 99.3, 1.0, false, 0.0993) }, FillsOf(script));
    }

    [Fact]
    public void Buy_whose_trigger_trade_gaps_above_its_limit_rests_and_fills_when_a_trade_prints_below_it()
    {
        // Stop 99, limit 99.5 after the low 97; the trade at 100 reaches the stop above the limit: it rests as a buy limit at
        // 99.5; 99.4 prints below it: filled as a maker at 99.5, at 5 000; fee 99.5 × −0.0002 = −0.0199.
        MarketData trades = new Tape().Trades(100, 100, 97, 100, 99.4).Build();
        var script = new Script().Do(0, o => o.TrailingStopLimit(Side.Buy, 1, TrailingOffset.Price(2), limitOffset: 0.5));

        Runs.Of(trades, script, Options);

        Assert.Equal(new[] { (5_000L, 1L, 99.5, 1.0, true, -0.0199) }, FillsOf(script));
    }

    [Fact]
    public void A_fractional_offset_trails_by_a_share_of_the_best_price_and_the_limit_follows_the_stop()
    {
        // 100 bps: the high 110 puts the stop at 108.9 and the limit 1 below it, at 107.9. The trade at 107.5 reaches the
        // stop below the limit: it rests; 108 prints through 107.9: a maker fill at 107.9, at 5 000; fee −0.02158.
        MarketData trades = new Tape().Trades(100, 100, 110, 107.5, 108).Build();
        var script = new Script().Do(0, o => o.TrailingStopLimit(Side.Sell, 1, TrailingOffset.BasisPoints(100), limitOffset: 1));

        Runs.Of(trades, script, Options);

        Assert.Equal(new[] { (5_000L, 1L, 107.9, 1.0, true, -0.021580) }, FillsOf(script));
    }

    [Fact]
    public void With_an_activation_price_it_trails_only_from_it()
    {
        // Activation 105: 104 and 101 do not activate it (without one, stop 102 after 104, and 101 would trigger it). 106
        // activates it: stop 104, limit 103.5; 103.9 reaches it within the limit: sold at once at 103.9, 6 000.
        MarketData trades = new Tape().Trades(100, 100, 104, 101, 106, 103.9).Build();
        var script = new Script().Do(0, o => o.TrailingStopLimit(Side.Sell, 1, TrailingOffset.Price(2), 0.5, activationPrice: 105));

        Runs.Of(trades, script, Options);

        Assert.Equal(new[] { (6_000L, 1L, 103.9, 1.0, false, 0.1039) }, FillsOf(script));
    }

    [Fact]
    public void On_bars_the_low_tests_the_stop_before_the_high_moves_it_and_a_trigger_within_the_limit_takes_at_the_stop()
    {
        // Bars (open, high, low): (100, 100, 100) decided; (100, 105, 100) arrives: nothing to test yet, then the high 105
        // moves the stop to 103, limit 102.5 (its low 100 does not trigger it: the low may have come first). (104, 104.5,
        // 102): the low reaches 103; the bar's price is min(open 104, stop 103) = 103, within the limit 102.5: sold at once
        // as a taker at 103, at 3 000; fee 0.103.
        MarketData bars = new Tape().Bar(1_000, 100, 100, 100, 100).Bar(2_000, 100, 105, 100, 104).Bar(3_000, 104, 104.5, 102, 102.5).Build();
        var script = new Script().Do(0, o => o.TrailingStopLimit(Side.Sell, 1, TrailingOffset.Price(2), limitOffset: 0.5));

        Runs.Of(bars, script, Options);

        Assert.Equal(new[] { (3_000L, 1L, 103.0, 1.0, false, 0.103) }, FillsOf(script));
    }

    [Fact]
    public void A_bar_that_gaps_below_the_limit_leaves_it_resting_until_a_later_bar_trades_above_it()
    {
        // The high 110 leaves the stop at 108 (limit 107.5) above the bar's close. The next bar opens at 101, through the
        // stop and the limit: min(101, 108) = 101 < 107.5, so it rests at 107.5; that bar's own high 109 does not fill it
        // (the order within the bar is unknown: no fill on the triggering bar). The next bar's high 108 trades above it:
        // a maker fill at 107.5, at 4 000; fee 107.5 × −0.0002 = −0.0215.
        MarketData bars = new Tape().Bar(1_000, 100, 100, 100, 100).Bar(2_000, 100, 110, 100, 101).Bar(3_000, 101, 109, 100, 101)
            .Bar(4_000, 101, 108, 101, 107).Build();
        var script = new Script().Do(0, o => o.TrailingStopLimit(Side.Sell, 1, TrailingOffset.Price(2), limitOffset: 0.5));

        Runs.Of(bars, script, Options);

        Assert.Equal(new[] { (4_000L, 1L, 107.5, 1.0, true, -0.0215) }, FillsOf(script));
    }

    [Fact]
    public void On_the_touch_it_trails_the_bid_takes_the_bid_within_its_limit_and_otherwise_rests_for_it()
    {
        // The same sell on the touch in two symbols, offset 1, limit offset 0.5: the bid is 99 on arrival (stop 98), then 101
        // (stop 100, limit 99.5); the trade at 105 is not its trigger in this last-price run (trailing it would have put the
        // stops at 104). In A the bid 99.8 reaches the stop within the limit: sold at the bid 99.8 as a taker, at 4 000;
        // fee 0.0998. In B the bid 99.2 reaches it below the limit: it rests at 99.5 (nothing ahead: it betters the ask
        // 100.2), and the bid 99.6 at 5 000 reaches it: a maker fill at 99.5; fee −0.0199.
        MarketData data = new Tape("A", "B")
            .Quote(1_000, 99, 10, 100, 10).Quote(1_000, 99, 10, 100, 10, symbol: 1)
            .Quote(2_000, 99, 10, 100, 10).Quote(2_000, 99, 10, 100, 10, symbol: 1)
            .Trade(2_500, 105).Trade(2_500, 105, symbol: 1)
            .Quote(3_000, 101, 10, 102, 10).Quote(3_000, 101, 10, 102, 10, symbol: 1)
            .Quote(4_000, 99.8, 10, 100.8, 10).Quote(4_000, 99.2, 10, 100.2, 10, symbol: 1)
            .Quote(5_000, 99.6, 10, 100.5, 10, symbol: 1).Build();
        var script = new Script()
            .Do(0, o => o.TrailingStopLimit(0, Side.Sell, 1, TrailingOffset.Price(1), 0.5, StopTrigger.BidAsk))
            .Do(0, o => o.TrailingStopLimit(1, Side.Sell, 1, TrailingOffset.Price(1), 0.5, StopTrigger.BidAsk));

        Runs.Of(data, script, Options);

        Assert.Equal(new[] { (4_000L, 1L, 99.8, 1.0, false, 0.0998), (5_000L, 2L, 99.5, 1.0, true, -0.0199) }, FillsOf(script));
    }

    [Fact]
    public void On_the_mark_it_trails_the_marks_and_triggered_on_a_quoted_symbol_meets_the_touch_as_a_limit()
    {
        // Offset 2, limit offset 0.5, on the mark. Marks 100 (2 500: stop 98), 102 (3 500: stop 100, limit 99.5), 99.5
        // (4 500: reaches the stop). The quote at 3 000 (bid 103) is not its trigger. At 4 500 the touch is the quote of
        // 4 000, bid 99.2, below the limit: it rests at 99.5, and the bid 99.6 at 5 000 fills it as a maker; fee −0.0199.
        MarketData data = new Tape()
            .Quote(1_000, 99, 10, 100, 10).Quote(2_000, 99, 10, 100, 10).Quote(3_000, 103, 10, 104, 10).Quote(4_000, 99.2, 10, 100.2, 10)
            .Quote(5_000, 99.6, 10, 100.6, 10).Mark(2_500, 100).Mark(3_500, 102).Mark(4_500, 99.5).Build();
        var script = new Script().Do(0, o => o.TrailingStopLimit(Side.Sell, 1, TrailingOffset.Price(2), 0.5, StopTrigger.MarkPrice));

        Runs.Of(data, script, Options);

        Assert.Equal(new[] { (5_000L, 1L, 99.5, 1.0, true, -0.0199) }, FillsOf(script));
    }

    [Fact]
    public void Post_only_rests_a_limit_beyond_the_trigger_as_a_maker_and_cancels_one_that_would_take()
    {
        // Offset 2 after the high 103: stop 101. Limit offset −0.5 puts the first's limit above the stop, at 101.5: the trade
        // 101 triggers it and is not within 101.5, so it rests (post-only); 101.5 prints at it (no fill), 102 through it:
        // a maker fill at 101.5, at 6 000. The second, limit offset 0.5 (limit 100.5), would take the trade 101: post-only
        // cancels it, PostOnlyWouldCross, at 4 000 (as a triggered post-only stop-limit).
        MarketData trades = new Tape().Trades(100, 100, 103, 101, 101.5, 102).Build();
        var script = new Script()
            .Do(0, o => o.TrailingStopLimit(Side.Sell, 1, TrailingOffset.Price(2), limitOffset: -0.5, timeInForce: TimeInForce.PostOnly))
            .Do(0, o => o.TrailingStopLimit(Side.Sell, 1, TrailingOffset.Price(2), limitOffset: 0.5, timeInForce: TimeInForce.PostOnly));

        Runs.Of(trades, script, Options);

        Assert.Equal(new[] { (6_000L, 1L, 101.5, 1.0, true, -0.0203) }, FillsOf(script));
        OrderUpdate cancelled = script.UpdatesOf(2).Last();
        Assert.Equal((OrderStatus.Cancelled, RejectReason.PostOnlyWouldCross, 4_000L), (cancelled.Status, cancelled.RejectReason, cancelled.Timestamp));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_limit_offset_that_is_not_finite_is_rejected_at_decision_time(double limitOffset)
    {
        MarketData trades = new Tape().Trades(100, 100, 90).Build();
        var script = new Script().Do(0, o => o.TrailingStopLimit(Side.Sell, 1, TrailingOffset.Price(2), limitOffset));

        Runs.Of(trades, script, Options);

        OrderUpdate update = Assert.Single(script.UpdatesOf(1));
        Assert.Equal((OrderStatus.Rejected, RejectReason.InvalidPrice, 1_000L), (update.Status, update.RejectReason, update.Timestamp));
    }

    [Fact]
    public void A_bad_offset_or_activation_price_is_rejected_and_a_limit_offset_of_zero_puts_the_limit_at_the_stop()
    {
        // The first three are refused at decision time (InvalidPrice). The fourth, limit offset 0, trails to stop 101 = limit
        // after 103; the trade 101 reaches it at its limit: sold at once at 101, 4 000.
        MarketData trades = new Tape().Trades(100, 100, 103, 101).Build();
        var script = new Script()
            .Do(0, o => o.TrailingStopLimit(Side.Sell, 1, default(TrailingOffset), 0.5))
            .Do(0, o => o.TrailingStopLimit(Side.Sell, 1, TrailingOffset.Fraction(1), 0.5))
            .Do(0, o => o.TrailingStopLimit(Side.Sell, 1, TrailingOffset.Price(2), 0.5, activationPrice: 0))
            .Do(0, o => o.TrailingStopLimit(Side.Sell, 1, TrailingOffset.Price(2), 0));

        Runs.Of(trades, script, Options);

        Assert.Equal(new[] { RejectReason.InvalidPrice, RejectReason.InvalidPrice, RejectReason.InvalidPrice },
            script.Updates.Where(u => u.Status == OrderStatus.Rejected).Select(u => u.RejectReason).ToArray());
        Assert.Equal(new[] { (4_000L, 4L, 101.0, 1.0, false, 0.101) }, FillsOf(script));
    }

    [Fact]
    public void Before_it_triggers_an_amend_may_change_the_quantity_only_and_after_it_moves_the_limit()
    {
        // Trades 100, 100 (arrives), 103 (amends arrive: the price one refused, Unsupported; the quantity one to 3), 100.2
        // (triggers at stop 101 below the limit 100.5: it rests for 3; an amend of the limit to 100 is sent), 100.3 (the amend
        // arrives: the limit 100 is within the trade 100.3, so it takes at once as a taker, 3 at 100.3, at 5 000).
        MarketData trades = new Tape().Trades(100, 100, 103, 100.2, 100.3).Build();
        var script = new Script()
            .Do(0, o => o.TrailingStopLimit(Side.Sell, 1, TrailingOffset.Price(2), limitOffset: 0.5))
            .Do(1, o => o.Amend(1, price: 99))
            .Do(1, o => o.Amend(1, quantity: 3))
            .Do(3, o => o.Amend(1, price: 100));

        Runs.Of(trades, script, Options);

        Assert.Equal(new[] { (OrderStatus.AmendRejected, RejectReason.Unsupported), (OrderStatus.Amended, RejectReason.None), (OrderStatus.Amended, RejectReason.None) },
            script.UpdatesOf(1).Where(u => u.Status is OrderStatus.AmendRejected or OrderStatus.Amended).Select(u => (u.Status, u.RejectReason)).ToArray());
        Assert.Equal(new[] { (5_000L, 1L, 100.3, 3.0, false, 0.3009) }, FillsOf(script));
    }
}
