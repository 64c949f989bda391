using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Backtester.Engine.Tests;

public class InstrumentTests
{
    private static BacktestOptions With(params Instrument[] instruments) => new() { Instruments = instruments };

    private static OrderUpdate OnlyUpdateOf(Script script, long id) => Assert.Single(script.UpdatesOf(id));

    [Fact]
    public void Binance_exchange_info_gives_grids_minimums_margin_and_contract_terms()
    {
        // Shapes of spot (NOTIONAL.minNotional), USDⓈ-M (MIN_NOTIONAL.notional, margin in percent) and COIN-M (contractSize, marginAsset).
        const string json = """
        { "timezone": "UTC", "symbols": [
          { "symbol": "BTCUSDT", "baseAsset": "BTC", "quoteAsset": "USDT", "filters": [
              { "filterType": "PRICE_FILTER", "minPrice": "0.01", "maxPrice": "1000000.00", "tickSize": "0.01" },
              { "filterType": "LOT_SIZE", "minQty": "0.00001", "maxQty": "9000.0", "stepSize": "0.00001" },
              { "filterType": "NOTIONAL", "minNotional": "5.00", "applyMinToMarket": true } ] },
          { "symbol": "ETHUSDT", "baseAsset": "ETH", "quoteAsset": "USDT", "marginAsset": "USDT", "contractType": "PERPETUAL",
            "requiredMarginPercent": "5.0000", "maintMarginPercent": "2.5000", "filters": [
              { "filterType": "PRICE_FILTER", "tickSize": "0.01" },
              { "filterType": "LOT_SIZE", "minQty": "0.001", "stepSize": "0.001" },
              { "filterType": "MIN_NOTIONAL", "notional": "20" } ] },
          { "symbol": "BTCUSD_PERP", "baseAsset": "BTC", "quoteAsset": "USD", "marginAsset": "BTC", "contractSize": 100, "filters": [
              { "filterType": "PRICE_FILTER", "tickSize": "0.1" } ] } ] }
        """;

        var byName = InstrumentFile.Parse(json, "exchangeInfo.json").ToDictionary(i => i.Symbol);

        var spot = byName["BTCUSDT"];
        Assert.Equal((0.01, 0.00001, 0.00001, 5.0, 1.0, ContractKind.Linear), (spot.TickSize, spot.LotSize, spot.MinQuantity, spot.MinNotional, spot.ContractMultiplier, spot.Kind));
        Assert.Equal(("BTC", "USDT", "USDT"), (spot.BaseCurrency, spot.QuoteCurrency, spot.SettlementCurrency));
        Assert.Null(spot.InitialMargin);
        var perp = byName["ETHUSDT"];
        Assert.Equal((0.01, 0.001, 20.0, 0.05, 0.025), (perp.TickSize, perp.LotSize, perp.MinNotional, perp.InitialMargin, perp.MaintenanceMargin));
        var inverse = byName["BTCUSD_PERP"];
        Assert.Equal((ContractKind.Inverse, 100.0, "BTC"), (inverse.Kind, inverse.ContractMultiplier, inverse.SettlementCurrency));
    }

    [Fact]
    public void The_own_format_reads_every_field_and_names_a_bad_one()
    {
        const string json = """
        { "instruments": [ { "symbol": "X", "tickSize": 0.5, "lotSize": 0.1, "minQuantity": 0.2, "minNotional": 10, "contractMultiplier": 10,
            "kind": "linear", "baseCurrency": "XB", "quoteCurrency": "USD", "settlementCurrency": "USD", "makerFeeBps": -1, "takerFeeBps": 4,
            "initialMargin": 0.1, "maintenanceMargin": 0.05 } ] }
        """;
        var x = Assert.Single(InstrumentFile.Parse(json));
        Assert.Equal(new Instrument("X")
        {
            TickSize = 0.5, LotSize = 0.1, MinQuantity = 0.2, MinNotional = 10, ContractMultiplier = 10, Kind = ContractKind.Linear,
            BaseCurrency = "XB", QuoteCurrency = "USD", SettlementCurrency = "USD", MakerFeeBps = -1, TakerFeeBps = 4, InitialMargin = 0.1, MaintenanceMargin = 0.05,
        }, x);

        var bad = Assert.Throws<FormatException>(() => InstrumentFile.Parse("""{ "instruments": [ { "symbol": "Y", "tickSize": "abc" } ] }""", "specs.json"));
        Assert.Contains("specs.json: instruments[0] ('Y')", bad.Message);
        Assert.Contains("\"tickSize\"", bad.Message);
        var negative = Assert.Throws<FormatException>(() => InstrumentFile.Parse("""{ "instruments": [ { "symbol": "Y", "lotSize": -1 } ] }"""));
        Assert.Contains("LotSize", negative.Message);
        Assert.Throws<FormatException>(() => InstrumentFile.Parse("""{ "other": [] }"""));
    }

    [Fact]
    public void Orders_off_the_tick_or_lot_grid_or_below_the_minimums_are_rejected_at_decision_time()
    {
        var x = new Instrument("X") { TickSize = 0.5, LotSize = 0.1, MinQuantity = 0.2, MinNotional = 50 };
        var script = new Script()
            .Do(0, o => o.Limit(Side.Buy, 1, 99.7))    // 99.7 / 0.5 = 199.4 ticks
            .Do(0, o => o.Limit(Side.Buy, 1.05, 99.5)) // 10.5 lots
            .Do(0, o => o.Market(Side.Buy, 0.1))       // below 0.2
            .Do(0, o => o.Market(Side.Buy, 0.4))       // 0.4 × 100 = 40 < 50, valued at the last trade
            .Do(0, o => o.Market(Side.Buy, 0.5))       // 0.5 × 100 = 50: accepted
            .Do(0, o => o.Limit(Side.Buy, 0.3, 99.5)); // 0.3 lots on the grid, but 0.3 × 99.5 = 29.85 < 50

        var (result, _) = Runs.Of(new Tape().Trades(100, 100).Build(), script, With(x));

        RejectReason[] reasons = script.Placed.Select(p => script.UpdatesOf(p.OrderId).First().RejectReason).ToArray();
        Assert.Equal(new[] { RejectReason.OffTickSize, RejectReason.OffLotSize, RejectReason.BelowMinQuantity, RejectReason.BelowMinNotional,
            RejectReason.None, RejectReason.BelowMinNotional }, reasons);
        Assert.All(script.Placed.Where((_, i) => i != 4), p => Assert.Equal(1_000L, OnlyUpdateOf(script, p.OrderId).Timestamp));
        Assert.Equal(0.5, Assert.Single(script.Fills).Quantity);
        Assert.Equal(0.5, result.Positions[0].Position);
    }

    [Fact]
    public void Rounding_puts_quantity_down_on_the_lot_and_limits_on_the_tick_never_at_a_worse_price()
    {
        var x = new Instrument("X") { TickSize = 0.5, LotSize = 0.1 };
        var script = new Script()
            .Do(0, o => o.Limit(Side.Buy, 0.27, 100.9))  // → 0.2 @ 100.5 (down for a buy)
            .Do(0, o => o.Limit(Side.Sell, 0.31, 99.1)); // → 0.3 @ 99.5 (up for a sell)
        var options = With(x) with { OffGridOrders = OffGridOrders.Round };

        // Both arrive on the trade at 101: the sell limit 99.5 is marketable (taker at 101); the buy limit 100.5 rests
        // and fills as maker at 100.5 when 99 prints through it.
        Runs.Of(new Tape().Trades(100, 101, 99).Build(), script, options);

        var buy = script.Fills.Single(f => f.Side == Side.Buy);
        var sell = script.Fills.Single(f => f.Side == Side.Sell);
        Assert.Equal((0.2, 100.5, true), (buy.Quantity, buy.Price, buy.IsMaker));
        Assert.Equal((0.3, 101.0, false), (sell.Quantity, sell.Price, sell.IsMaker));
        Assert.Contains(script.Updates, u => u.OrderId == 1 && u.Status == OrderStatus.Filled && u.FilledQuantity == 0.2);
        Assert.Contains(script.Updates, u => u.OrderId == 2 && u.Status == OrderStatus.Filled && u.FilledQuantity == 0.3);
    }

    [Fact]
    public void Rounded_orders_are_checked_against_the_minimums_after_rounding()
    {
        // The orders of the rounding test with the minimums of the rejection test: 0.2 @ 100.5 is 20.1 and 0.3 @ 99.5
        // is 29.85 of notional, both on the grids and above the minimum quantity but below the minimum notional of 50.
        var x = new Instrument("X") { TickSize = 0.5, LotSize = 0.1, MinQuantity = 0.2, MinNotional = 50 };
        // 0.49 @ 102.2 is 50.078 as sent, above the minimum, but 0.4 @ 102 = 40.8 once rounded: the minimums are checked
        // on the order as it would work, after rounding.
        var script = new Script()
            .Do(0, o => o.Limit(Side.Buy, 0.27, 100.9))
            .Do(0, o => o.Limit(Side.Sell, 0.31, 99.1))
            .Do(0, o => o.Limit(Side.Buy, 0.49, 102.2));

        Runs.Of(new Tape().Trades(100, 101, 99).Build(), script, With(x) with { OffGridOrders = OffGridOrders.Round });

        Assert.Equal(new[] { RejectReason.BelowMinNotional, RejectReason.BelowMinNotional, RejectReason.BelowMinNotional },
            script.Placed.Select(p => OnlyUpdateOf(script, p.OrderId).RejectReason).ToArray());
        Assert.Empty(script.Fills);
    }

    [Fact]
    public void Rounded_limit_prices_rest_at_the_rounded_price()
    {
        var x = new Instrument("X") { TickSize = 0.5 };
        // A buy limit 99.9 rounds down to 99.5: the print at 99.6 does not fill it, the print at 99 fills it at 99.5.
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 1, 99.9));

        Runs.Of(new Tape().Trades(100, 100, 99.6, 99).Build(), script, With(x) with { OffGridOrders = OffGridOrders.Round });

        var fill = Assert.Single(script.Fills);
        Assert.Equal((4_000L, 99.5, true), (fill.Timestamp, fill.Price, fill.IsMaker));
    }

    [Fact]
    public void An_amend_off_the_grid_is_rejected_and_the_order_keeps_working()
    {
        var x = new Instrument("X") { TickSize = 0.5, LotSize = 1 };
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 1, 99)).Do(1, o => o.Amend(1, price: 99.2)).Do(1, o => o.Amend(1, quantity: 1.5));

        Runs.Of(new Tape().Trades(100, 100, 100, 98).Build(), script, With(x));

        // both decided at 2000, when the order (accepted at 2000) works with nothing filled: refused at once, quantities unchanged
        Assert.Equal(new[]
        {
            new OrderUpdate(1, 0, OrderStatus.AmendRejected, RejectReason.OffTickSize, 0, 1, 2_000),
            new OrderUpdate(1, 0, OrderStatus.AmendRejected, RejectReason.OffLotSize, 0, 1, 2_000),
        }, script.UpdatesOf(1).Where(u => u.Status == OrderStatus.AmendRejected).ToArray());
        Assert.Equal(99.0, Assert.Single(script.Fills).Price);
    }

    [Fact]
    public void The_contract_multiplier_scales_cash_pnl_and_turnover()
    {
        var x = new Instrument("X") { ContractMultiplier = 10 };
        var script = new Script().At(0, Side.Buy, 2).At(2, Side.Sell, 2);

        var (result, _) = Runs.Of(new Tape().Trades(100, 100, 101, 103).Build(), script, With(x) with { TakerFeeBps = 10 });

        // bought 2 × 10 @ 100, sold 2 × 10 @ 103: realized 2 × 10 × 3 = 60; fees 0.001 × (2000 + 2060) = 4.06
        Assert.Equal(60, result.Summary.RealizedPnl, 9);
        Assert.Equal(4060, result.Summary.Turnover, 9);
        Assert.Equal(4.06, result.Summary.Fees, 9);
        Assert.Equal(60 - 4.06, result.Summary.NetPnl, 9);
    }

    [Fact]
    public void Instrument_fees_replace_the_run_fees_and_symbol_fees_replace_them()
    {
        var x = new Instrument("X") { TakerFeeBps = 5 };
        var y = new Instrument("Y") { TakerFeeBps = 5 };
        var script = new Script().At(0, Side.Buy, 1, symbol: 0).At(0, Side.Buy, 1, symbol: 1);
        var options = With(x, y) with { TakerFeeBps = 10, SymbolFees = new Dictionary<string, FeeSchedule> { ["Y"] = new(0, 50) } };

        Runs.Of(new Tape("X", "Y").Trade(1_000, 100).Trade(1_000, 200, symbol: 1).Trade(2_000, 100).Trade(2_000, 200, symbol: 1).Build(), script, options);

        // X: 100 × 0.0005 = 0.05 (instrument); Y: 200 × 0.005 = 1.0 (SymbolFees wins)
        Assert.Equal(new[] { 0.05, 1.0 }, script.Fills.OrderBy(f => f.SymbolId).Select(f => Math.Round(f.Fee, 12)).ToArray());
    }

    [Fact]
    public void Instruments_of_symbols_not_in_the_data_are_ignored()
    {
        var script = new Script().At(0, Side.Buy, 1.234);
        var (result, _) = Runs.Of(new Tape().Trades(100, 100).Build(), script, With(new Instrument("OTHER") { LotSize = 1 }));
        Assert.Equal(1.234, result.Positions[0].Position);
    }
}
