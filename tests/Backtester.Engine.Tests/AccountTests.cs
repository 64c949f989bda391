using System.Collections.Generic;
using System.Linq;
using Xunit;
using Backtester.Infrastructure;

namespace Backtester.Engine.Tests;

public class AccountTests
{
    private static RejectReason ReasonOf(Script script, long id) => script.UpdatesOf(id).First().RejectReason;

    [Fact]
    public void A_margin_order_beyond_buying_power_is_rejected_counting_orders_in_flight()
    {
        // Capital 1000 at 2x leverage (initial margin 50%); trades at 100; orders take 5 µs, so nothing fills meanwhile.
        // Buy 15: requirement 0.5 × 100 × 15 = 750 ≤ 1000. Buy 6 more: 0.5 × 100 × (15 + 6) = 1050 > 1000: rejected.
        // Buy 5 more: 0.5 × 100 × 20 = 1000 ≤ 1000: accepted. A sell of 10 lowers the requirement: accepted.
        var script = new Script()
            .Do(0, o => o.Market(Side.Buy, 15))
            .Do(1, o => o.Market(Side.Buy, 6))
            .Do(1, o => o.Market(Side.Buy, 5))
            .Do(2, o => o.Market(Side.Sell, 10));
        var options = new BacktestOptions { InitialCapital = 1000, Account = AccountOptions.Margin(leverage: 2), OrderLatencyNs = 5_000 };

        var (result, _) = Runs.Of(new Tape().Trades(100, 100, 100, 100, 100, 100, 100, 100, 100, 100).Build(), script, options);

        Assert.Equal(new[] { RejectReason.None, RejectReason.InsufficientMargin, RejectReason.None, RejectReason.None },
            script.Placed.Select(p => ReasonOf(script, p.OrderId)).ToArray());
        var rejected = script.UpdatesOf(2).Single();
        Assert.Equal((OrderStatus.Rejected, 2_000L), (rejected.Status, rejected.Timestamp));
        Assert.Equal(10, result.Positions[0].Position); // 15 + 5 − 10
        Assert.Equal(1, result.Summary.BuyingPowerRejections);
    }

    [Fact]
    public void Margin_counts_every_symbol_at_its_own_rate()
    {
        // Capital 1000; X at 100 with an instrument margin of 10% (10x), Y at 50 at the account's 100%.
        // Long 50 X: 0.1 × 100 × 50 = 500. Then buying 11 Y needs 500 + 1.0 × 50 × 11 = 1050 > 1000: rejected; 10 Y (1000) passes.
        var script = new Script()
            .Do(0, o => o.Market(0, Side.Buy, 50))
            .Do(1, o => o.Market(1, Side.Buy, 11))
            .Do(1, o => o.Market(1, Side.Buy, 10));
        var options = new BacktestOptions { InitialCapital = 1000, Instruments = new[] { new Instrument("X") { InitialMargin = 0.1 } } };
        var tape = new Tape("X", "Y").Trade(1_000, 100).Trade(1_000, 50, symbol: 1).Trade(2_000, 100).Trade(2_000, 50, symbol: 1)
            .Trade(3_000, 100).Trade(3_000, 50, symbol: 1);

        var (result, _) = Runs.Of(tape.Build(), script, options);

        Assert.Equal(new[] { RejectReason.None, RejectReason.InsufficientMargin, RejectReason.None },
            script.Placed.Select(p => ReasonOf(script, p.OrderId)).ToArray());
        Assert.Equal((50.0, 10.0), (result.Positions[0].Position, result.Positions[1].Position));
    }

    [Fact]
    public void A_cash_account_cannot_spend_more_than_its_cash_nor_sell_what_it_does_not_hold()
    {
        // Capital 1000, trades at 100. Buy 8 (800) fills at 2 000: cash 200. Then buy 3 (300 > 200): InsufficientFunds;
        // buy 2 (200): accepted. Sell 11 with 10 held (8 + 2 on order): ShortSellingNotAllowed; sell 10: accepted.
        var script = new Script()
            .Do(0, o => o.Market(Side.Buy, 8))
            .Do(1, o => o.Market(Side.Buy, 3))
            .Do(1, o => o.Market(Side.Buy, 2))
            .Do(1, o => o.Market(Side.Sell, 11))
            .Do(1, o => o.Market(Side.Sell, 10));
        var options = new BacktestOptions { InitialCapital = 1000, Account = AccountOptions.Cash() };

        var (result, _) = Runs.Of(new Tape().Trades(100, 100, 100, 100).Build(), script, options);

        Assert.Equal(new[] { RejectReason.None, RejectReason.InsufficientFunds, RejectReason.None, RejectReason.ShortSellingNotAllowed, RejectReason.None },
            script.Placed.Select(p => ReasonOf(script, p.OrderId)).ToArray());
        Assert.Equal(0, result.Positions[0].Position);
        Assert.Equal(2, result.Summary.BuyingPowerRejections);
    }

    [Fact]
    public void A_cash_account_that_allows_short_selling_needs_the_full_notional_of_the_short()
    {
        // Equity 1000 at 100: short 10 (1000) passes, short 10.5 (1050) does not.
        var options = new BacktestOptions { InitialCapital = 1000, Account = AccountOptions.Cash(allowShortSelling: true) };
        var script = new Script().Do(0, o => o.Market(Side.Sell, 10.5)).Do(0, o => o.Market(Side.Sell, 10));

        Runs.Of(new Tape().Trades(100, 100).Build(), script, options);

        Assert.Equal(new[] { RejectReason.InsufficientFunds, RejectReason.None }, script.Placed.Select(p => ReasonOf(script, p.OrderId)).ToArray());
    }

    [Fact]
    public void A_margin_account_below_maintenance_is_liquidated_at_the_last_price_with_the_liquidation_fee()
    {
        // Capital 1000, 5x (initial 20%), maintenance 10%, liquidation fee 50 bps. Buy 40 (requirement 0.2 × 100 × 40 = 800) fills at 100:
        // cash 1000 − 4000 = −3000; at price p equity = −3000 + 40p and maintenance = 0.1 × 40 × p = 4p.
        // p = 95: 800 ≥ 380; 90: 600 ≥ 360; 85: 400 ≥ 340; 80: 200 < 320 → liquidated: sell 40 @ 80, fee 40 × 80 × 0.005 = 16.
        var options = new BacktestOptions
        {
            InitialCapital = 1000,
            Account = AccountOptions.Margin(leverage: 5, maintenanceMargin: 0.1) with { LiquidationFeeBps = 50 },
        };
        var script = new Script().At(0, Side.Buy, 40);

        var (result, _) = Runs.Of(new Tape().Trades(100, 100, 95, 90, 85, 80, 85).Build(), script, options);

        Assert.Equal(2, script.Fills.Count);
        var liquidation = script.Fills[1];
        Assert.Equal((6_000L, -1L, Side.Sell, 80.0, 40.0, FillKind.Liquidation), (liquidation.Timestamp, liquidation.OrderId, liquidation.Side, liquidation.Price, liquidation.Quantity, liquidation.Kind));
        Assert.Equal(16, liquidation.Fee, 9);
        Assert.Equal(FillKind.Trade, script.Fills[0].Kind);
        var update = script.UpdatesOf(-1).Single();
        Assert.Equal((OrderStatus.Filled, RejectReason.Liquidation, 40.0, 0.0), (update.Status, update.RejectReason, update.FilledQuantity, update.RemainingQuantity));
        Assert.Equal(0, result.Positions[0].Position);
        Assert.Equal(-800, result.Summary.RealizedPnl, 9);       // 40 × (80 − 100)
        Assert.Equal(1000 - 800 - 16, result.Summary.FinalEquity, 9);
        Assert.Equal(1, result.Summary.Liquidations);
        Assert.Equal(1, result.Summary.RoundTrips);
        Assert.Equal(0, script.PositionSeenAtTrade[5]);          // the strategy sees the liquidation before its handler runs
    }

    [Fact]
    public void A_margin_account_below_maintenance_is_liquidated_on_book_data_at_the_book_mid()
    {
        // An L2 book alone, one batch per time (its last update ends the batch): touch 99.5 / 100.5 at 1 000; at 2 000 only the
        // bid's size changes; from 3 000 the touch moves to mids 95, 90, 85, 80, 85 (bid mid − 0.5, ask mid + 0.5).
        // Capital 1000, 5x, maintenance 10%, liquidation fee 50 bps. Buy 40 at market, decided on the second update (the
        // book two-sided), fills at 2 000 on the ask, 100.5 (requirement 0.2 × 100.5 × 40 = 804 ≤ 1000): cash −3020; at mid
        // p equity = −3020 + 40p against maintenance 4p. 95: 780 ≥ 380; 90: 580 ≥ 360; 85: 380 ≥ 340; 80: 180 < 320 →
        // liquidated at the end of the 6 000 batch: sell 40 @ 80, fee 40 × 80 × 0.005 = 16.
        var tape = new Tape().Level(1_000, BookSide.Bid, 99.5, 100).Level(1_000, BookSide.Ask, 100.5, 100).Level(2_000, BookSide.Bid, 99.5, 120);
        double[] mids = [100, 95, 90, 85, 80, 85];
        for (int i = 1; i < mids.Length; i++)
        {
            long t = 2_000 + i * 1_000L;
            tape.Level(t, BookSide.Bid, mids[i - 1] - 0.5, 0).Level(t, BookSide.Ask, mids[i - 1] + 0.5, 0)
                .Level(t, BookSide.Bid, mids[i] - 0.5, 100).Level(t, BookSide.Ask, mids[i] + 0.5, 100);
        }
        var options = new BacktestOptions
        {
            InitialCapital = 1000,
            Account = AccountOptions.Margin(leverage: 5, maintenanceMargin: 0.1) with { LiquidationFeeBps = 50 },
        };
        var script = new Script().At(1, Side.Buy, 40);

        var (result, _) = Runs.Of(tape.Build(), script, options);

        Assert.Equal(2, script.Fills.Count);
        Assert.Equal((2_000L, 100.5, 40.0, FillKind.Trade), (script.Fills[0].Timestamp, script.Fills[0].Price, script.Fills[0].Quantity, script.Fills[0].Kind));
        var liquidation = script.Fills[1];
        Assert.Equal((6_000L, Side.Sell, 80.0, 40.0, FillKind.Liquidation), (liquidation.Timestamp, liquidation.Side, liquidation.Price, liquidation.Quantity, liquidation.Kind));
        Assert.Equal(16, liquidation.Fee, 9);
        Assert.Equal(0, result.Positions[0].Position);
        Assert.Equal(-820, result.Summary.RealizedPnl, 9); // 40 × (80 − 100.5)
        Assert.Equal(1000 - 820 - 16, result.Summary.FinalEquity, 9);
        Assert.Equal(1, result.Summary.Liquidations);
    }

    [Fact]
    public void A_liquidation_cancels_every_order_first()
    {
        // 5x, maintenance 10%, latency 1 500: the buy 40 decided at 1 000 fills on the trade at 3 000 @ 95, so cash is
        // 1000 − 3800 = −2800, equity −2800 + 40p against maintenance 4p: breached below 77.8, i.e. on the print at 40
        // (t = 7 000). A buy limit 50 (decided at 2 000) rests, a sell limit 90 decided at 5 000 arrives at 6 500 and acts on
        // the next event, 7 000: when the account is liquidated, before the venue acts on that event, one is working and
        // the other in flight; both are cancelled, and the print at 40 fills neither.
        var options = new BacktestOptions
        {
            InitialCapital = 1000,
            Account = AccountOptions.Margin(leverage: 5, maintenanceMargin: 0.1) with { LiquidationFeeBps = 50 },
        };
        var script = new Script().At(0, Side.Buy, 40).Do(1, o => o.Limit(Side.Buy, 1, 50)).Do(4, o => o.Limit(Side.Sell, 1, 90));
        var open = new List<double>();
        script.AtEachEvent = o => open.Add(o.OpenQuantity);

        var (result, _) = Runs.Of(new Tape().Trades(100, 100, 95, 90, 85, 80, 40, 100).Build(), script, options with { OrderLatencyNs = 1_500 });

        // Seen before each event's own orders: the market 40 in flight (t 2 000), the buy limit 1 in flight then working
        // (3 000-5 000), plus the sell 1 in flight (6 000: +1 − 1), and nothing once the liquidation ended both (7 000, 8 000).
        Assert.Equal(new[] { 0.0, 40, 1, 1, 1, 0, 0, 0 }, open);

        Assert.Equal(new[] { (2L, OrderStatus.Cancelled, RejectReason.Liquidation, 7_000L), (3L, OrderStatus.Cancelled, RejectReason.Liquidation, 7_000L) },
            script.Updates.Where(u => u.OrderId is 2 or 3 && u.Status != OrderStatus.Accepted).Select(u => (u.OrderId, u.Status, u.RejectReason, u.Timestamp)).ToArray());
        Assert.Equal(new[] { (3_000L, 95.0, FillKind.Trade), (7_000L, 40.0, FillKind.Liquidation) },
            script.Fills.Select(f => (f.Timestamp, f.Price, f.Kind)).ToArray());
        Assert.Equal(0, result.Positions[0].Position);
    }

    [Fact]
    public void Unlimited_accounts_never_reject_for_money_nor_liquidate()
    {
        var options = new BacktestOptions { InitialCapital = 1000, Account = AccountOptions.Unlimited };
        var script = new Script().At(0, Side.Buy, 1_000);

        var (result, _) = Runs.Of(new Tape().Trades(100, 100, 1, 1).Build(), script, options);

        Assert.Equal(1_000, result.Positions[0].Position);
        Assert.Equal(1000 - 99_000, result.Summary.FinalEquity, 9);
        Assert.Equal(0, result.Summary.Liquidations);
    }

    /// <summary>The template's mistake: sizing against the filled position alone, while orders travel.</summary>
    private struct NaiveTarget : IStrategyDriver
    {
        public void OnTrade(in Trade trade, Orders orders)
        {
            double delta = 10 - orders.Position;
            if (delta > 0) orders.Market(Side.Buy, delta * 2);
        }

        public void OnStart(Orders orders) { }
        public void OnQuote(in Quote quote, Orders orders) { }
        public void OnBar(in Bar bar, Orders orders) { }
        public void OnBook(in BookUpdate update, Orders orders) { }
        public void OnFunding(in Funding funding, Orders orders) { }
        public void OnMarkPrice(in MarkPriceUpdate mark, Orders orders) { }
        public void OnTimer(in TimerTick timer, Orders orders) { }
        public void OnFill(in Fill fill, Orders orders) { }
        public void OnOrder(in OrderUpdate update, Orders orders) { }
        public void OnFinish(Orders orders) { }
    }

    [Fact]
    public void The_default_account_stops_an_overshooting_strategy_at_its_equity_and_counts_the_refusals()
    {
        // Trades 1 µs apart at 100, orders take 100 µs: the strategy buys 20 on each of the first 100 trades.
        // Capital 100 000 at 1x: the first 50 orders (50 × 20 × 100 = 100 000) pass, the other 50 are refused.
        var data = new Tape().Trades(Enumerable.Repeat(100.0, 200).ToArray()).Build();
        var driver = new NaiveTarget();

        var result = new BacktestRunner().Run(data, ref driver, new BacktestOptions { OrderLatencyNs = 100_000 });
        var unlimited = new BacktestRunner().Run(data, ref driver, new BacktestOptions { OrderLatencyNs = 100_000, Account = AccountOptions.Unlimited });

        Assert.Equal(1_000, result.Positions[0].Position);
        Assert.Equal(50, result.Summary.BuyingPowerRejections);
        Assert.Equal(2_000, unlimited.Positions[0].Position);
    }
}
