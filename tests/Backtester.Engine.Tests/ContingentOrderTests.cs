using System.Linq;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// Contingent orders (<see cref="Orders.Bracket(Side, double, double?, double, double, TimeInForce)"/>,
/// <see cref="Orders.OneCancelsOther(long, long)"/>, <see cref="Orders.OneTriggersOther(long, long)"/>; decision 0086): a
/// group is checked and sent whole, with one latency; children wait, not working and not open, until their parent fills
/// and then work for their share of it; one-cancels-other legs reduce each other by each fill and cancel each other once
/// one is done, at the same event. Every figure worked by hand; without latency a request decided on one event arrives on
/// the next market event; trades 1 µs apart from 1 000 ns unless stated.
/// </summary>
public class ContingentOrderTests
{
    private static readonly BacktestOptions Unlimited = new() { Account = AccountOptions.Unlimited };

    private static (long Time, long Id, double Price, double Quantity)[] FillsOf(Script script) =>
        script.Fills.Select(f => (f.Timestamp, f.OrderId, f.Price, f.Quantity)).ToArray();

    private static (OrderStatus Status, RejectReason Reason, long Time)[] StatesOf(Script script, long orderId) =>
        script.UpdatesOf(orderId).Select(u => (u.Status, u.RejectReason, u.Timestamp)).ToArray();

    [Fact]
    public void Bracket_take_profit_fills_and_the_stop_loss_is_cancelled_on_the_same_event()
    {
        // Trades 100 (decided: buy 1 at market, take-profit 105, stop-loss 95), 100 (the entry arrives and buys at 100; the
        // exits are released with it), 103, 106 (prints through the take-profit: sold at 105 as maker), 94 (below the
        // stop-loss, which was cancelled at 4 000 by the take-profit's fill: nothing sells again). Realized 105 − 100 = 5.
        MarketData trades = new Tape().Trades(100, 100, 103, 106, 94).Build();
        BracketOrderIds ids = default;
        var script = new Script().Do(0, o => { ids = o.Bracket(Side.Buy, 1, entryPrice: null, takeProfitPrice: 105, stopLossPrice: 95); return 0L; });

        var (result, _) = Runs.Of(trades, script, Unlimited);

        Assert.Equal(new BracketOrderIds(1, 2, 3), ids);
        Assert.Equal(new[] { (2_000L, 1L, 100.0, 1.0), (4_000L, 2L, 105.0, 1.0) }, FillsOf(script));
        Assert.Equal(new[] { (OrderStatus.Accepted, RejectReason.None, 2_000L), (OrderStatus.Cancelled, RejectReason.Contingency, 4_000L) }, StatesOf(script, 3));
        // The fill is told first, then its order's state, then the other leg's cancel.
        int filled = script.Updates.FindIndex(u => u.OrderId == 2 && u.Status == OrderStatus.Filled);
        Assert.Equal(3, script.Updates[filled + 1].OrderId);
        Assert.Equal(5, result.Summary.RealizedPnl, 9);
        Assert.Equal(0, result.Positions[0].Position);
    }

    [Fact]
    public void A_bar_that_reaches_both_exits_takes_the_stop_loss()
    {
        // Bars (open, high, low, close): (100, 100, 100, 100) decided; (100, 106, 94, 100): the market entry buys at its open,
        // 100, and the exits work from there, so the whole bar comes after the entry. It reaches the take-profit 105 and the
        // stop-loss 95: the worse case first, the stop sells at min(open 100, stop 95) = 95, and the take-profit is
        // cancelled by it. Realized −5.
        MarketData bars = new Tape().Bar(1_000, 100, 100, 100, 100).Bar(2_000, 100, 106, 94, 100).Bar(3_000, 100, 107, 99, 100).Build();
        var script = new Script().Do(0, o => o.Bracket(Side.Buy, 1, null, 105, 95).Entry);

        var (result, _) = Runs.Of(bars, script, Unlimited);

        Assert.Equal(new[] { (2_000L, 1L, 100.0, 1.0), (2_000L, 3L, 95.0, 1.0) }, FillsOf(script));
        Assert.Equal((OrderStatus.Cancelled, RejectReason.Contingency, 2_000L), StatesOf(script, 2).Last());
        Assert.Equal(-5, result.Summary.RealizedPnl, 9);
    }

    [Fact]
    public void A_bar_that_fills_a_limit_entry_and_reaches_the_stop_loss_stops_it_out_in_that_bar()
    {
        // Buy limit 99 with take-profit 105 and stop-loss 95. The bar (100, 106, 94, 100) does not open through the limit;
        // its low 94 fills it at 99 as maker, which releases the exits after the bar's matching. The stop-loss is then
        // tested against the same bar, the worse case: its low 94 reaches 95, sold at min(100, 95) = 95; the take-profit
        // (which the bar's high 106 also reached) is not assumed and is cancelled. Realized 95 − 99 = −4.
        MarketData bars = new Tape().Bar(1_000, 100, 100, 100, 100).Bar(2_000, 100, 106, 94, 100).Bar(3_000, 100, 107, 99, 100).Build();
        var script = new Script().Do(0, o => o.Bracket(Side.Buy, 1, 99, 105, 95).Entry);

        var (result, _) = Runs.Of(bars, script, Unlimited);

        Assert.Equal(new[] { (2_000L, 1L, 99.0, 1.0), (2_000L, 3L, 95.0, 1.0) }, FillsOf(script));
        Assert.Equal((OrderStatus.Cancelled, RejectReason.Contingency, 2_000L), StatesOf(script, 2).Last());
        Assert.Equal(-4, result.Summary.RealizedPnl, 9);
    }

    [Fact]
    public void An_entry_that_never_fills_leaves_no_exits()
    {
        // Buy limit 90 with take-profit 105 and stop-loss 95. Trades 100, 100, 94, 106, 100: the exits' prices are reached
        // but they wait for the entry, not working: no fill, no update, and only the entry counts as open (+1, not −1).
        // The entry cancelled at 5 000 (decided on the trade at 4 000) cancels both exits there.
        MarketData trades = new Tape().Trades(100, 100, 94, 106, 100).Build();
        double open = double.NaN;
        var script = new Script().Do(0, o => o.Bracket(Side.Buy, 1, 90, 105, 95).Entry).Do(2, o => { open = o.OpenQuantity; return 0L; }).Do(3, o => o.Cancel(1));

        Runs.Of(trades, script, Unlimited);

        Assert.Empty(script.Fills);
        Assert.Equal(1, open);
        Assert.Equal(new[] { (OrderStatus.Cancelled, RejectReason.Contingency, 5_000L) }, StatesOf(script, 2));
        Assert.Equal(new[] { (OrderStatus.Cancelled, RejectReason.Contingency, 5_000L) }, StatesOf(script, 3));
        Assert.Equal((OrderStatus.Cancelled, RejectReason.None, 5_000L), StatesOf(script, 1).Last());
    }

    [Fact]
    public void A_partial_entry_fill_releases_the_exits_for_what_filled_and_a_partial_exit_reduces_the_other()
    {
        // Fills bounded by the trade's size. Buy 3 at market with take-profit 105 and stop-loss 95, decided on the trade at
        // 1 000. 2 000 (100 × 1): the entry fills 1; the exits are released for 1 each. 3 000 (100 × 2): it fills the other
        // 2; the exits grow to 3 (Amended, Contingency). 4 000 (106 × 1): the take-profit sells 1 at 105; the stop-loss is
        // reduced to 2. 5 000 (94 × 5): the stop sells 2 at 94 and cancels the take-profit's last 2.
        // Realized 1 × (105 − 100) + 2 × (94 − 100) = −7; flat.
        MarketData trades = new Tape().Trade(1_000, 100).Trade(2_000, 100).Trade(3_000, 100, 2).Trade(4_000, 106).Trade(5_000, 94, 5).Build();
        var script = new Script().Do(0, o => o.Bracket(Side.Buy, 3, null, 105, 95).Entry);

        var (result, _) = Runs.Of(trades, script, Unlimited with { LimitFillsToDisplayedSize = true });

        Assert.Equal(new[] { (2_000L, 1L, 100.0, 1.0), (3_000L, 1L, 100.0, 2.0), (4_000L, 2L, 105.0, 1.0), (5_000L, 3L, 94.0, 2.0) }, FillsOf(script));
        var stopLoss = script.UpdatesOf(3).Select(u => (u.Status, u.FilledQuantity, u.RemainingQuantity, u.Timestamp)).ToArray();
        Assert.Equal(new[]
        {
            (OrderStatus.Accepted, 0.0, 1.0, 2_000L), (OrderStatus.Amended, 0.0, 3.0, 3_000L), (OrderStatus.Amended, 0.0, 2.0, 4_000L),
            (OrderStatus.Filled, 2.0, 0.0, 5_000L),
        }, stopLoss);
        Assert.Equal((OrderStatus.Cancelled, RejectReason.Contingency, 1.0), script.UpdatesOf(2).Select(u => (u.Status, u.RejectReason, u.FilledQuantity)).Last());
        Assert.Equal(-7, result.Summary.RealizedPnl, 9);
        Assert.Equal(0, result.Positions[0].Position);
    }

    [Fact]
    public void A_bracket_refused_at_decision_time_is_refused_whole()
    {
        // Capital 1000 at 1x, last price 100: a bracket of 11 needs 1100 of margin: the entry is InsufficientMargin, its
        // exits Contingency, all at 1 000. With a tick of 0.5 a take-profit at 105.3 is OffTickSize, the entry and the
        // stop-loss Contingency. Nothing works, nothing fills, nothing is open.
        MarketData trades = new Tape().Trades(100, 100, 106, 94).Build();
        var script = new Script().Do(0, o => o.Bracket(Side.Buy, 11, null, 105, 95).Entry).Do(0, o => o.Bracket(Side.Buy, 1, null, 105.3, 95).Entry);

        Runs.Of(trades, script, new BacktestOptions { InitialCapital = 1000, Instruments = [new Instrument("X") { TickSize = 0.5 }] });

        Assert.Empty(script.Fills);
        var reasons = script.Updates.Select(u => (u.OrderId, u.Status, u.RejectReason, u.Timestamp)).ToArray();
        Assert.Equal(new[]
        {
            (1L, OrderStatus.Rejected, RejectReason.InsufficientMargin, 1_000L), (2L, OrderStatus.Rejected, RejectReason.Contingency, 1_000L),
            (3L, OrderStatus.Rejected, RejectReason.Contingency, 1_000L), (4L, OrderStatus.Rejected, RejectReason.Contingency, 1_000L),
            (5L, OrderStatus.Rejected, RejectReason.OffTickSize, 1_000L), (6L, OrderStatus.Rejected, RejectReason.Contingency, 1_000L),
        }, reasons);
    }

    [Fact]
    public void A_bracket_in_a_cash_account_is_accepted_since_its_waiting_exits_are_not_open()
    {
        // A cash account of 1000 without short selling: an entry of 10 at 100 costs all of it. Its exits, waiting, are not
        // open: each sell of 10 is checked against position 0 + the entry's 10, so none would sell short. (Had the first
        // exit counted as open, the second would be a sell of 10 beyond 10 − 10 = 0 held: ShortSellingNotAllowed.) All three
        // accepted; the entry fills 10 at 100 at 2 000, and the trade at 94 sets off the stop-loss: 10 sold at 94.
        MarketData trades = new Tape().Trades(100, 100, 94).Build();
        var script = new Script().Do(0, o => o.Bracket(Side.Buy, 10, null, 105, 95).Entry);

        Runs.Of(trades, script, new BacktestOptions { InitialCapital = 1000, Account = AccountOptions.Cash() });

        Assert.Equal(new[] { (2_000L, 1L, 100.0, 10.0), (3_000L, 3L, 94.0, 10.0) }, FillsOf(script));
    }

    [Fact]
    public void An_entry_rejected_on_arrival_cancels_its_exits()
    {
        // A post-only buy limit at 101 with the last trade at 100 would take liquidity: rejected on arrival at 2 000
        // (PostOnlyWouldCross), and its waiting exits are cancelled there (Contingency).
        MarketData trades = new Tape().Trades(100, 100, 106, 94).Build();
        var script = new Script().Do(0, o => o.Bracket(Side.Buy, 1, 101, 105, 95, TimeInForce.PostOnly).Entry);

        Runs.Of(trades, script, Unlimited);

        Assert.Empty(script.Fills);
        Assert.Equal(new[] { (OrderStatus.Rejected, RejectReason.PostOnlyWouldCross, 2_000L) }, StatesOf(script, 1));
        Assert.Equal(new[] { (OrderStatus.Cancelled, RejectReason.Contingency, 2_000L) }, StatesOf(script, 2));
        Assert.Equal(new[] { (OrderStatus.Cancelled, RejectReason.Contingency, 2_000L) }, StatesOf(script, 3));
    }

    [Fact]
    public void A_liquidation_cancels_working_and_waiting_exits()
    {
        // The margin example of Accounts: capital 1000, 5x, maintenance 10 %, fee 50 bps; a bracket buying 40 at market
        // (take-profit 200, stop-loss 50) fills at 100 at 2 000; a second bracket's entry, a buy limit 1 @ 50, rests with its
        // exits waiting; a buy limit 50 and a buy stop 200 linked one-cancels-other (7, 8;
        // the open sells of 80 make them lower the margin needed), decided on the trade at 85 (5 000), is
        // still on its way at 6 000. The
        // trade at 80 (6 000) liquidates before the venue acts on it: every order is cancelled first — the working exits 2
        // and 3, the entry 4 and its waiting exits 5 and 6, the leg 7 in flight and the leg 8 riding with it, all with
        // reason Liquidation — then 40 sold at 80, fee 16: equity 184.
        var options = new BacktestOptions { InitialCapital = 1000, Account = AccountOptions.Margin(leverage: 5, maintenanceMargin: 0.1) with { LiquidationFeeBps = 50 } };
        var script = new Script().Do(0, o => o.Bracket(Side.Buy, 40, null, 200, 50).Entry).Do(1, o => o.Bracket(Side.Buy, 1, 50, 200, 40).Entry)
            .Do(4, o =>
            {
                long leg = o.Limit(Side.Buy, 1, 50);
                o.OneCancelsOther(leg, o.Stop(Side.Buy, 1, 200));
                return leg;
            });

        var (result, _) = Runs.Of(new Tape().Trades(100, 100, 95, 90, 85, 80, 85).Build(), script, options);

        foreach (long id in new long[] { 2, 3, 4, 5, 6, 7, 8 })
            Assert.Equal((OrderStatus.Cancelled, RejectReason.Liquidation, 6_000L), StatesOf(script, id).Last());
        Assert.Equal(new[] { (2_000L, 1L, 100.0, 40.0), (6_000L, -1L, 80.0, 40.0) }, FillsOf(script));
        Assert.Equal(1000 - 800 - 16, result.Summary.FinalEquity, 9);
    }

    [Fact]
    public void One_cancels_other_links_a_limit_and_a_trailing_stop()
    {
        // Buy 1 at market on the trade at 1 000 (fills at 2 000); then, decided at 2 000, a reduce-only sell limit 105 and a
        // reduce-only sell trailing stop 2 below, linked. They arrive at 3 000 on the trade at 103 (the stop's first
        // reference: stop 101); 101.5 stays above it, 100.9 reaches it: sold at 100.9 at 5 000, and the limit is cancelled
        // there. The trade at 106 then fills nothing.
        MarketData trades = new Tape().Trades(100, 100, 103, 101.5, 100.9, 106).Build();
        var script = new Script().At(0, Side.Buy, 1).Do(1, o =>
        {
            long takeProfit = o.Limit(Side.Sell, 1, 105, reduceOnly: true);
            long trailing = o.TrailingStop(Side.Sell, 1, TrailingOffset.Price(2), reduceOnly: true);
            o.OneCancelsOther(takeProfit, trailing);
            return 0L;
        });

        Runs.Of(trades, script, Unlimited);

        Assert.Equal(new[] { (2_000L, 1L, 100.0, 1.0), (5_000L, 3L, 100.9, 1.0) }, FillsOf(script));
        Assert.Equal(new[] { (OrderStatus.Accepted, RejectReason.None, 3_000L), (OrderStatus.Cancelled, RejectReason.Contingency, 5_000L) }, StatesOf(script, 2));
    }

    [Fact]
    public void Cancelling_one_leg_cancels_the_other()
    {
        // A sell limit 110 and a sell stop 90 linked on the trade at 1 000 (both rest from 2 000); the limit's cancel,
        // decided at 2 000, arrives at 3 000: the limit is Cancelled (None) and the stop with it (Contingency), so the trade at
        // 85 sells nothing.
        MarketData trades = new Tape().Trades(100, 100, 100, 85).Build();
        var script = new Script().Do(0, o =>
        {
            long a = o.Limit(Side.Sell, 1, 110);
            o.OneCancelsOther(a, o.Stop(Side.Sell, 1, 90));
            return a;
        }).Do(1, o => o.Cancel(1));

        Runs.Of(trades, script, Unlimited);

        Assert.Empty(script.Fills);
        Assert.Equal((OrderStatus.Cancelled, RejectReason.None, 3_000L), StatesOf(script, 1).Last());
        Assert.Equal((OrderStatus.Cancelled, RejectReason.Contingency, 3_000L), StatesOf(script, 2).Last());
    }

    [Fact]
    public void A_link_naming_an_order_not_sent_in_the_same_handler_is_rejected()
    {
        // Order 1 is sent at 1 000; at 2 000 order 2 is linked to it: 2 is rejected at once (InvalidContingency), 1 works on
        // and fills at 3 000. Orders 3 and 4 of two symbols linked at 2 000: both rejected.
        MarketData trades = new Tape("X", "Y").Trade(1_000, 100).Trade(2_000, 100).Trade(2_500, 50, symbol: 1).Trade(3_000, 98).Build();
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 1, 99)).Do(1, o =>
        {
            o.OneCancelsOther(1, o.Limit(Side.Buy, 1, 98.5));
            o.OneCancelsOther(o.Limit(0, Side.Sell, 1, 110), o.Limit(1, Side.Sell, 1, 60));
            return 0L;
        });

        Runs.Of(trades, script, Unlimited);

        Assert.Equal(new[] { (3_000L, 1L, 99.0, 1.0) }, FillsOf(script));
        foreach (long id in new long[] { 2, 3, 4 })
            Assert.Equal(new[] { (OrderStatus.Rejected, RejectReason.InvalidContingency, 2_000L) }, StatesOf(script, id));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(3L)]
    [InlineData(4L)]
    public void A_group_travels_with_one_latency(long seed)
    {
        // Lognormal order latency (median 3 000 ns, σ 1): two orders sent together each draw their own (the second never
        // before the first), but a linked pair arrives together: both Accepted at the same event.
        MarketData trades = new Tape().Trades(Enumerable.Repeat(100.0, 60).ToArray()).Build();
        var script = new Script().Do(0, o =>
        {
            long a = o.Limit(Side.Buy, 1, 90);
            o.OneCancelsOther(a, o.Limit(Side.Buy, 1, 80));
            return a;
        });

        Runs.Of(trades, script, Unlimited with { OrderLatency = LatencyModel.LogNormal(3_000, 1, seed) });

        Assert.Equal(StatesOf(script, 1).Single().Time, StatesOf(script, 2).Single().Time);
    }

    [Fact]
    public void On_the_book_a_stop_loss_walking_the_bids_reduces_the_take_profit_then_cancels_it()
    {
        // Snapshot at 1 000: bid 99 × 10, asks 100 × 1, 101 × 2. A bracket buying 3 at market (take-profit 110, stop-loss 96)
        // decided at its end walks the asks at 2 000, where a bid 99.5 × 3 moves the touch: 1 @ 100, 2 @ 101, average 302 / 3;
        // the exits work for 3 (released once, after both fills of the walk). At 3 000 the bids become 95 × 1, 94 × 5; the trade at 94 (4 000) triggers the stop-loss, which walks them: 1 @ 95 (the take-profit
        // is reduced to 2), 2 @ 94 (it is cancelled). Realized 95 + 188 − 302 = −19.
        MarketData data = new Tape()
            .Level(1_000, BookSide.Bid, 99, 10).Level(1_000, BookSide.Ask, 100, 1).Level(1_000, BookSide.Ask, 101, 2)
            .Level(2_000, BookSide.Bid, 99.5, 3)
            .Level(3_000, BookSide.Bid, 99.5, 0).Level(3_000, BookSide.Bid, 99, 0).Level(3_000, BookSide.Bid, 95, 1).Level(3_000, BookSide.Bid, 94, 5)
            .Trade(4_000, 94).Build();
        var script = new Script().Do(2, o => o.Bracket(Side.Buy, 3, null, 110, 96).Entry);

        var (result, _) = Runs.Of(data, script, Unlimited);

        Assert.Equal(new[] { (2_000L, 1L, 100.0, 1.0), (2_000L, 1L, 101.0, 2.0), (4_000L, 3L, 95.0, 1.0), (4_000L, 3L, 94.0, 2.0) }, FillsOf(script));
        var takeProfit = script.UpdatesOf(2).Select(u => (u.Status, u.RejectReason, u.RemainingQuantity)).ToArray();
        Assert.Equal(new[] { (OrderStatus.Accepted, RejectReason.None, 3.0), (OrderStatus.Amended, RejectReason.Contingency, 2.0), (OrderStatus.Cancelled, RejectReason.Contingency, 0.0) }, takeProfit);
        Assert.Equal(-19, result.Summary.RealizedPnl, 9);
    }

    [Fact]
    public void On_quotes_a_waiting_stop_loss_amended_before_the_entry_fills_works_at_its_new_price()
    {
        // Quotes, a run on the touch: bid/ask 99/100 at 1 000 and 2 000. A bracket buying 1 with a limit at 98 (take-profit
        // 103, stop-loss 95) decided at 1 000; the amend of the waiting stop-loss to 97, decided at 2 000, reaches it at 3 000
        // (Amended, not yet working), before that event matches: the ask 97.5 fills the entry at 98 as maker; the bid 96.8 at 4 000 reaches the stop-loss at 97: sold at the
        // bid, 96.8 (at 95 it would have waited). The take-profit is cancelled. Realized 96.8 − 98 = −1.2.
        MarketData data = new Tape().Quote(1_000, 99, 5, 100, 5).Quote(2_000, 99, 5, 100, 5).Quote(3_000, 97, 5, 97.5, 5)
            .Quote(4_000, 96.8, 5, 97.2, 5).Quote(5_000, 94, 5, 94.5, 5).Build();
        var script = new Script().Do(0, o => o.Bracket(Side.Buy, 1, 98, 103, 95).Entry).Do(1, o => o.Amend(3, price: 97));

        var (result, _) = Runs.Of(data, script, Unlimited with { StopTrigger = StopTrigger.BidAsk });

        Assert.Equal(new[] { (3_000L, 1L, 98.0, 1.0), (4_000L, 3L, 96.8, 1.0) }, FillsOf(script));
        Assert.Equal((OrderStatus.Amended, RejectReason.None, 3_000L), StatesOf(script, 3)[0]);
        Assert.Equal((OrderStatus.Cancelled, RejectReason.Contingency, 4_000L), StatesOf(script, 2).Last());
        Assert.Equal(-1.2, result.Summary.RealizedPnl, 9);
    }
}
