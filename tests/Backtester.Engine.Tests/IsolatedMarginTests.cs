using System;
using System.Linq;
using Xunit;
using Backtester.Data;

namespace Backtester.Engine.Tests;

/// <summary>Isolated margin (AccountOptions.IsolatedSymbols, docs/decisions/0088), every number worked out by hand.</summary>
public class IsolatedMarginTests
{
    // 10x (initial margin 10 %), maintenance 5 %, liquidation fee 50 bps, no trading fees.
    private static readonly AccountOptions TenX = AccountOptions.Margin(leverage: 10, maintenanceMargin: 0.05) with { LiquidationFeeBps = 50 };

    private static BacktestOptions Isolated(params string[] symbols) =>
        new() { InitialCapital = 1000, Account = TenX with { IsolatedSymbols = symbols } };

    /// <summary>
    /// BTC (symbol 0) and ETH (1), each trading at its own times. On the ETH print at 1 500 the strategy buys 1 BTC and
    /// 1 ETH at market and leaves a BTC sell limit 1 @ 200 and an ETH buy limit 1 @ 50 working. BTC fills at 2 000 @ 100,
    /// ETH at 2 500 @ 100; then BTC prints 96, 95, 94 and ETH 100 again.
    /// </summary>
    private static MarketData TwoSymbols() => new Tape("BTC", "ETH")
        .Trade(1_000, 100).Trade(1_500, 100, symbol: 1)
        .Trade(2_000, 100).Trade(2_500, 100, symbol: 1)
        .Trade(3_000, 96).Trade(4_000, 95).Trade(5_000, 94)
        .Trade(6_000, 100, symbol: 1).Trade(7_000, 94).Build();

    private static Script BuyBothWithWorkingOrders() => new Script()
        .Do(1, o => o.Market(0, Side.Buy, 1))
        .Do(1, o => o.Market(1, Side.Buy, 1))
        .Do(1, o => o.Limit(0, Side.Sell, 1, 200))
        .Do(1, o => o.Limit(1, Side.Buy, 1, 50));

    [Fact]
    public void An_isolated_liquidation_leaves_another_symbols_bracket_and_its_waiting_exits_alone()
    {
        // As below, with ETH's working order a bracket: an entry buy limit 1 @ 50 (id 4) with its take-profit 200 (5) and
        // stop-loss 40 (6) waiting at the venue for the entry to fill (decision 0086). BTC is liquidated alone at 94 (5 000):
        // its sell limit (3) is cancelled; the bracket's entry keeps working and its exits keep waiting (at a liquidation of
        // everything they would be cancelled too).
        var script = new Script()
            .Do(1, o => o.Market(0, Side.Buy, 1))
            .Do(1, o => o.Market(1, Side.Buy, 1))
            .Do(1, o => o.Limit(0, Side.Sell, 1, 200))
            .Do(1, o => o.Bracket(1, Side.Buy, 1, 50, 200, 40).Entry);

        Runs.Of(TwoSymbols(), script, Isolated("BTC"));

        Assert.Single(script.Fills, f => f.Kind == FillKind.Liquidation);
        Assert.Contains(script.UpdatesOf(3), u => u is { Status: OrderStatus.Cancelled, RejectReason: RejectReason.Liquidation, Timestamp: 5_000 });
        foreach (long id in new long[] { 4, 5, 6 })
            Assert.DoesNotContain(script.UpdatesOf(id), u => u.Status is OrderStatus.Cancelled or OrderStatus.Rejected);
        Assert.Contains(script.UpdatesOf(4), u => u.Status == OrderStatus.Accepted);
    }

    [Fact]
    public void An_isolated_position_below_its_maintenance_margin_is_liquidated_alone_and_only_its_orders_are_cancelled()
    {
        // BTC isolated: buy 1 @ 100 locks 0.1 × 100 = 10. At a price p its margin balance is 10 + (p − 100) against a
        // maintenance margin of 0.05 × p: breached when 0.95 p < 90, i.e. p < 94.737.
        // 96: 6 ≥ 4.8; 95: 5 ≥ 4.75; 94: 4 < 4.7 → sell 1 @ 94, fee min(1 × 94 × 0.005, 4) = 0.47.
        // ETH (cross) is untouched: its position stays, its buy limit stays working; BTC's sell limit is cancelled.
        var script = BuyBothWithWorkingOrders();

        var (result, _) = Runs.Of(TwoSymbols(), script, Isolated("BTC"));

        Assert.Equal(3, script.Fills.Count);
        var liquidation = script.Fills[2];
        Assert.Equal((5_000L, -1L, 0, Side.Sell, 94.0, 1.0, FillKind.Liquidation),
            (liquidation.Timestamp, liquidation.OrderId, liquidation.SymbolId, liquidation.Side, liquidation.Price, liquidation.Quantity, liquidation.Kind));
        Assert.Equal(0.47, liquidation.Fee, 12);
        var btcLimit = script.Placed[2].OrderId;
        var ethLimit = script.Placed[3].OrderId;
        Assert.Contains(script.UpdatesOf(btcLimit), u => u is { Status: OrderStatus.Cancelled, RejectReason: RejectReason.Liquidation, Timestamp: 5_000 });
        Assert.DoesNotContain(script.UpdatesOf(ethLimit), u => u.Status == OrderStatus.Cancelled);
        Assert.Equal(new[] { RejectReason.Liquidation }, script.UpdatesOf(-1).Select(u => u.RejectReason).ToArray());
        Assert.Equal((0.0, 1.0), (result.Positions[0].Position, result.Positions[1].Position));
        Assert.Equal(-6, result.Summary.RealizedPnl, 9);                 // 1 × (94 − 100)
        Assert.Equal(1000 - 6 - 0.47, result.Summary.FinalEquity, 9);    // ETH back at 100: 993.53
        Assert.Equal(1, result.Summary.Liquidations);
    }

    [Fact]
    public void The_same_prices_on_cross_margin_liquidate_nothing()
    {
        // One pool: at BTC 94 equity is 1000 − 6 = 994 against a maintenance margin of 0.05 × 94 + 0.05 × 100 = 9.7.
        var script = BuyBothWithWorkingOrders();

        var (result, _) = Runs.Of(TwoSymbols(), script, Isolated());

        Assert.Equal(0, result.Summary.Liquidations);
        Assert.Equal((1.0, 1.0), (result.Positions[0].Position, result.Positions[1].Position));
        Assert.Equal(994, result.Summary.FinalEquity, 9);
    }

    [Theory]
    // Long 1 @ 100 locks 10; the print at 80 jumps past the bankruptcy price 100 − 10 = 90 (balance 10 − 20 = −10 < 0):
    // the insurance fund takes the loss beyond the margin, the fill is at 90 without a fee, the account loses exactly 10.
    [InlineData(Side.Buy, 80.0, Side.Sell, 90.0)]
    // Short 1 @ 100 locks 10; the print at 125 jumps past 110 (balance 10 − 25 < 0): bought back at 110, the loss is 10.
    [InlineData(Side.Sell, 125.0, Side.Buy, 110.0)]
    public void A_gap_past_the_bankruptcy_price_loses_the_isolated_margin_and_no_more(Side open, double gap, Side close, double bankruptcy)
    {
        var script = new Script().At(0, open, 1);

        var (result, _) = Runs.Of(new Tape().Trades(100, 100, 100, gap, 100).Build(), script, Isolated("X"));

        var liquidation = script.Fills.Single(f => f.Kind == FillKind.Liquidation);
        Assert.Equal((4_000L, close, bankruptcy, 1.0, 0.0), (liquidation.Timestamp, liquidation.Side, liquidation.Price, liquidation.Quantity, liquidation.Fee));
        Assert.Equal(-10, result.Summary.RealizedPnl, 9);
        Assert.Equal(990, result.Summary.FinalEquity, 9);
    }

    [Fact]
    public void On_cross_margin_the_same_gap_loses_the_whole_move_and_the_fee()
    {
        // Long 1 @ 100 on cross: equity at 80 is 980 against maintenance 4, nothing is liquidated; the position loses 20
        // and comes back to 100 at the end: final equity 1000. (The contrast to the isolated gap above, which books −10.)
        var script = new Script().At(0, Side.Buy, 1);

        var (result, _) = Runs.Of(new Tape().Trades(100, 100, 100, 80, 100).Build(), script, Isolated());

        Assert.Equal(0, result.Summary.Liquidations);
        Assert.Equal(1000, result.Summary.FinalEquity, 9);
    }

    [Fact]
    public void The_liquidation_fee_is_taken_only_from_what_is_left_of_the_margin()
    {
        // A liquidation fee of 500 bps: buy 1 @ 100 locks 10; at 94 the balance is 4 < 4.7, and the fee would be
        // 1 × 94 × 0.05 = 4.7 > 4: only the 4 left is taken. The account loses exactly its margin: 6 + 4 = 10.
        var script = new Script().At(0, Side.Buy, 1);
        var options = Isolated("X") with { Account = TenX with { IsolatedSymbols = new[] { "X" }, LiquidationFeeBps = 500 } };

        var (result, _) = Runs.Of(new Tape().Trades(100, 100, 95, 94, 100).Build(), script, options);

        var liquidation = script.Fills.Single(f => f.Kind == FillKind.Liquidation);
        Assert.Equal((4_000L, 94.0), (liquidation.Timestamp, liquidation.Price));
        Assert.Equal(4, liquidation.Fee, 12);
        Assert.Equal(990, result.Summary.FinalEquity, 9);
    }

    [Fact]
    public void A_partial_reduce_releases_the_isolated_margin_pro_rata()
    {
        // Buy 2 @ 100 locks 0.1 × 100 × 2 = 20. Sell 1 @ 110: realizes +10 into cash and releases half the margin: 10 left
        // for the 1 still held at 100. Breached when 10 + (p − 100) < 0.05 p, p < 94.737: 95 holds (5 ≥ 4.75), 94 does not
        // (4 < 4.7) → sell 1 @ 94, fee 0.47. Realized 10 − 6 = 4; final equity 1000 + 4 − 0.47 = 1003.53.
        // (Margin not released, 20: the balance at 94 would be 14, no liquidation; all released, 0: liquidated at 95.)
        var script = new Script().At(0, Side.Buy, 2).At(1, Side.Sell, 1);

        var (result, _) = Runs.Of(new Tape().Trades(100, 100, 110, 95, 94, 100).Build(), script, Isolated("X"));

        var liquidation = script.Fills.Single(f => f.Kind == FillKind.Liquidation);
        Assert.Equal((5_000L, Side.Sell, 94.0, 1.0), (liquidation.Timestamp, liquidation.Side, liquidation.Price, liquidation.Quantity));
        Assert.Equal(0.47, liquidation.Fee, 12);
        Assert.Equal(4, result.Summary.RealizedPnl, 9);
        Assert.Equal(1000 + 4 - 0.47, result.Summary.FinalEquity, 9);
    }

    [Fact]
    public void A_flip_releases_the_old_margin_and_locks_the_remainder_at_the_fill_price()
    {
        // Buy 1 @ 100 locks 10. Sell 2 @ 110: the long closes (+10 realized, its margin released) and the short of 1 opens at
        // 110 with 0.1 × 110 = 11. A short's balance is 11 + (110 − p) against 0.05 p at the mark: breached when
        // 1.05 p > 121, p > 115.238. 115: 6 ≥ 5.75 holds; 115.3: 5.7 < 5.765 → bought 1 @ 115.3 (a maintenance margin at the
        // entry price, 5.5, would hold it), fee min(0.5765, 5.7) = 0.5765. Realized 10 − 5.3 = 4.7; final 1000 + 4.7 − 0.5765.
        var script = new Script().At(0, Side.Buy, 1).At(1, Side.Sell, 2);

        var (result, _) = Runs.Of(new Tape().Trades(100, 100, 110, 115, 115.3, 100).Build(), script, Isolated("X"));

        var liquidation = script.Fills.Single(f => f.Kind == FillKind.Liquidation);
        Assert.Equal((5_000L, Side.Buy, 115.3, 1.0), (liquidation.Timestamp, liquidation.Side, liquidation.Price, liquidation.Quantity));
        Assert.Equal(115.3 * 0.005, liquidation.Fee, 12);
        Assert.Equal(4.7, result.Summary.RealizedPnl, 9);
        Assert.Equal(1000 + 4.7 - 115.3 * 0.005, result.Summary.FinalEquity, 9);
    }

    [Fact]
    public void Buying_power_counts_isolated_margins_and_not_the_isolated_profit()
    {
        // Capital 1000, 10x, BTC (0) isolated, ETH (1) cross, both at 100. At 1 500: buy ETH 50 (requirement 0.1 × 100 × 50
        // = 500), then BTC 51 (500 + 510 = 1010 > 1000): refused, then BTC 50 (1000): accepted. Both fill at 100.
        // BTC prints 120 at 4 000: the isolated position gains 50 × 20 = 1000, equity 2000, but the pool that backs orders is
        // the wallet plus the cross PnL, 1000. At 4 000: buy ETH 1 → 500 (BTC's margin) + 0.1 × 100 × 51 = 1010 > 1000:
        // refused (on one pool it would pass: 0.1 × 120 × 50 + 510 = 1110 ≤ 2000). Sell BTC 10 lowers nothing that is
        // charged (its margin stays 500 until the fill) and adds nothing: it passes, as every reducing order does.
        var tape = new Tape("BTC", "ETH")
            .Trade(1_000, 100).Trade(1_500, 100, symbol: 1).Trade(2_000, 100).Trade(2_500, 100, symbol: 1)
            .Trade(4_000, 120).Trade(5_000, 100, symbol: 1).Trade(6_000, 120);
        var script = new Script()
            .Do(1, o => o.Market(1, Side.Buy, 50))
            .Do(1, o => o.Market(0, Side.Buy, 51))
            .Do(1, o => o.Market(0, Side.Buy, 50))
            .Do(4, o => o.Market(1, Side.Buy, 1))
            .Do(4, o => o.Market(0, Side.Sell, 10));

        var (result, _) = Runs.Of(tape.Build(), script, Isolated("BTC"));

        Assert.Equal(new[] { RejectReason.None, RejectReason.InsufficientMargin, RejectReason.None, RejectReason.InsufficientMargin, RejectReason.None },
            script.Placed.Select(p => script.UpdatesOf(p.OrderId).First().RejectReason).ToArray());
        Assert.Equal((40.0, 50.0), (result.Positions[0].Position, result.Positions[1].Position));
        Assert.Equal(2, result.Summary.BuyingPowerRejections);
    }

    [Fact]
    public void A_cross_liquidation_leaves_the_isolated_position_and_its_orders_alone()
    {
        // BTC (0) isolated: buy 50 @ 100 locks 500. ETH (1) cross: buy 50 @ 100 (requirement 500: 1000 in all). BTC then
        // prints 110: its profit of 500 is not in the cross pool, which without BTC's margin is 1000 − 500 + 50 (p − 100)
        // against 0.05 × 50 × p = 2.5 p: breached when 47.5 p < 4500, p < 94.737. ETH 95: 250 ≥ 237.5; ETH 94: 200 < 235
        // (with BTC's profit it would be 700) → ETH sold 50 @ 94, fee 50 × 94 × 0.005 = 23.5;
        // its buy limit @ 50 is cancelled, BTC's sell limit @ 200 keeps working and BTC's position stays.
        // (On one pool: equity 700 against 235 + 250 = 485, nothing liquidated.) Final equity 1000 − 300 − 23.5 = 676.5.
        var tape = new Tape("BTC", "ETH")
            .Trade(1_000, 100).Trade(1_500, 100, symbol: 1).Trade(2_000, 100).Trade(2_500, 100, symbol: 1)
            .Trade(2_700, 110).Trade(3_000, 95, symbol: 1).Trade(4_000, 94, symbol: 1).Trade(5_000, 100);
        var script = new Script()
            .Do(1, o => o.Market(0, Side.Buy, 50))
            .Do(1, o => o.Market(1, Side.Buy, 50))
            .Do(1, o => o.Limit(0, Side.Sell, 1, 200))
            .Do(1, o => o.Limit(1, Side.Buy, 1, 50));

        var (result, _) = Runs.Of(tape.Build(), script, Isolated("BTC"));

        var liquidation = script.Fills.Single(f => f.Kind == FillKind.Liquidation);
        Assert.Equal((4_000L, 1, Side.Sell, 94.0, 50.0), (liquidation.Timestamp, liquidation.SymbolId, liquidation.Side, liquidation.Price, liquidation.Quantity));
        Assert.Equal(23.5, liquidation.Fee, 9);
        Assert.Contains(script.UpdatesOf(script.Placed[3].OrderId), u => u is { Status: OrderStatus.Cancelled, RejectReason: RejectReason.Liquidation });
        Assert.DoesNotContain(script.UpdatesOf(script.Placed[2].OrderId), u => u.Status == OrderStatus.Cancelled);
        Assert.Equal((50.0, 0.0), (result.Positions[0].Position, result.Positions[1].Position));
        Assert.Equal(1000 - 300 - 23.5, result.Summary.FinalEquity, 9);
    }

    [Fact]
    public void Funding_of_an_isolated_position_is_booked_into_its_margin()
    {
        // Buy 1 @ 100 locks 10. A settlement at 2 500 at rate 0.01, mark 100, costs the long 1: its margin is 9, breached
        // when 9 + (p − 100) < 0.05 p, p < 95.79. 96: 5 ≥ 4.8 holds; 95.5: 4.5 < 4.775 → sold 1 @ 95.5.
        // (With the funding paid from the wallet instead, the margin would stay 10 and 95.5 would hold: 5.5 ≥ 4.775.)
        var data = new Tape().Trades(100, 100, 96, 95.5, 100).Build();
        data = data.WithFunding(new FundingColumns("funding", 1, new[] { 2_500L }, new[] { 0 }, new[] { 0.01 }, new[] { 100.0 }));
        var script = new Script().At(0, Side.Buy, 1);

        var (result, _) = Runs.Of(data, script, Isolated("X"));

        var liquidation = script.Fills.Single(f => f.Kind == FillKind.Liquidation);
        Assert.Equal((4_000L, 95.5), (liquidation.Timestamp, liquidation.Price));
        Assert.Equal(-1, result.Summary.Funding, 12);
        Assert.Equal(1000 - 1 - 4.5 - 95.5 * 0.005, result.Summary.FinalEquity, 9);
    }

    [Fact]
    public void Under_mark_prices_an_isolated_position_is_liquidated_at_the_mark_and_not_by_a_trade_wick()
    {
        // Buy 1 @ 100 locks 10 (p < 94.737 breaches). Trades 100, 100, 80 (a wick: nothing, trades no longer mark), 100;
        // marks 100, 96, 94 (breach: sold 1 @ 94, fee 0.47). Final equity 1000 − 6 − 0.47.
        var data = new Tape().Trades(100, 100, 80, 100).Mark(1_500, 100).Mark(3_500, 96).Mark(4_500, 94).Build();
        var script = new Script().At(0, Side.Buy, 1);

        var (result, _) = Runs.Of(data, script, Isolated("X") with { MarkWith = MarkSource.MarkPrice });

        var liquidation = script.Fills.Single(f => f.Kind == FillKind.Liquidation);
        Assert.Equal((4_500L, 94.0, 0.47), (liquidation.Timestamp, liquidation.Price, Math.Round(liquidation.Fee, 12)));
        Assert.Equal(1000 - 6 - 0.47, result.Summary.FinalEquity, 9);
    }

    [Fact]
    public void An_isolated_inverse_contract_is_liquidated_on_its_coin_margin()
    {
        // BTCUSD inverse, 100 USD a contract, capital 1 BTC, 10x, maintenance 5 %. Buy 10 @ 20 000: notional 10 × 100 / 20 000
        // = 0.05 BTC, margin 0.005. At p the balance is 0.005 + 1000 (1/20 000 − 1/p) against 0.05 × 1000 / p: breached when
        // 0.055 < 1050 / p, p < 19 090.9. 19 100 holds; 19 000: balance 0.005 − 1000 / 380 000 = 0.0023684 → sold 10 @ 19 000,
        // fee 1000 / 19 000 × 0.005 = 0.00026316 (less than the balance). Realized −0.0026316 BTC.
        var perp = new Instrument("BTCUSD") { Kind = ContractKind.Inverse, ContractMultiplier = 100, BaseCurrency = "BTC", QuoteCurrency = "USD", SettlementCurrency = "BTC" };
        var options = new BacktestOptions { InitialCapital = 1, Account = TenX with { IsolatedSymbols = new[] { "BTCUSD" } }, Instruments = new[] { perp } };
        var script = new Script().At(0, Side.Buy, 10);

        var (result, _) = Runs.Of(new Tape("BTCUSD").Trades(20_000, 20_000, 19_100, 19_000, 20_000).Build(), script, options);

        var liquidation = script.Fills.Single(f => f.Kind == FillKind.Liquidation);
        Assert.Equal((4_000L, 19_000.0), (liquidation.Timestamp, liquidation.Price));
        Assert.Equal(1000.0 / 19_000 * 0.005, liquidation.Fee, 12);
        Assert.Equal(1000 * (1.0 / 20_000 - 1.0 / 19_000), result.Summary.RealizedPnl, 12);
        Assert.Equal(1 + 1000 * (1.0 / 20_000 - 1.0 / 19_000) - 1000.0 / 19_000 * 0.005, result.Summary.FinalEquity, 12);
    }

    [Fact]
    public void Isolated_symbols_are_refused_when_the_data_lacks_them_the_account_is_not_margin_or_the_run_has_several_currencies()
    {
        var data = new Tape().Trades(100, 100).Build();
        var unknown = Assert.Throws<ArgumentException>(() => Runs.Of(data, new Script(), Isolated("BTC")));
        Assert.Equal("IsolatedSymbols", unknown.ParamName);
        Assert.Contains("'BTC'", unknown.Message);

        var cash = Assert.Throws<ArgumentException>(() => Runs.Of(data, new Script(), new BacktestOptions { Account = AccountOptions.Cash() with { IsolatedSymbols = new[] { "X" } } }));
        Assert.Equal("IsolatedSymbols", cash.ParamName);

        var linear = new Instrument("BTCUSDT") { BaseCurrency = "BTC", QuoteCurrency = "USDT" };
        var inverse = new Instrument("BTCUSD") { Kind = ContractKind.Inverse, ContractMultiplier = 100, BaseCurrency = "BTC", QuoteCurrency = "USD" };
        var twoCurrencies = new Tape("BTCUSDT", "BTCUSD").Trade(1_000, 20_000).Trade(1_000, 20_000, symbol: 1).Build();
        var several = Assert.Throws<ArgumentException>(() => Runs.Of(twoCurrencies, new Script(),
            Isolated("BTCUSDT") with { Instruments = new[] { linear, inverse } }));
        Assert.Equal("IsolatedSymbols", several.ParamName);
        Assert.Contains("one currency", several.Message);
    }
}
