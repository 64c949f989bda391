using System;
using System.Linq;
using Backtester.Data;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// The exchange's mark prices (<see cref="MarketData.MarkPrices"/>, decision 0082): <see cref="MarkSource.MarkPrice"/>
/// values positions, tests the maintenance margin and liquidates at them, not at the market's prices; and
/// <see cref="StopTrigger.MarkPrice"/> triggers stops on them. Every figure worked by hand; no latency (a request decided
/// on one market event acts on the symbol's next one).
/// </summary>
public class MarkPriceTests
{
    // Capital 1000, 5x (initial 20 %), maintenance 10 %, liquidation fee 50 bps. A buy of 40 decided on the first trade
    // (requirement 0.2 × 100 × 40 = 800 ≤ 1000) fills on the second at 100: cash 1000 − 4000 = −3000, and at a price p
    // equity = −3000 + 40p against maintenance 0.1 × 40 × p = 4p: liquidated below p = 83.33.
    private static readonly BacktestOptions Margin = new()
    {
        InitialCapital = 1000,
        Account = AccountOptions.Margin(leverage: 5, maintenanceMargin: 0.1) with { LiquidationFeeBps = 50 },
    };

    private static readonly BacktestOptions MarginAtMark = Margin with { MarkWith = MarkSource.MarkPrice };

    /// <summary>Trades at 100 but one wick to 80 at 3 000; the mark stays near 100 (100, 99, 98).</summary>
    private static MarketData TradeWick() => new Tape()
        .Trade(1_000, 100).Trade(2_000, 100).Trade(3_000, 80).Trade(4_000, 100).Trade(5_000, 100)
        .Mark(1_500, 100).Mark(3_500, 99).Mark(4_500, 98).Build();

    /// <summary>Trades at 100 throughout; the mark falls to 80 at 3 500.</summary>
    private static MarketData MarkWick() => new Tape()
        .Trade(1_000, 100).Trade(2_000, 100).Trade(3_000, 100).Trade(4_000, 100).Trade(5_000, 100)
        .Mark(1_500, 100).Mark(3_500, 80).Mark(4_500, 99).Build();

    [Fact]
    public void A_wick_of_the_last_price_liquidates_when_marking_by_events()
    {
        // The trade at 80: equity −3000 + 3200 = 200 < 320 → sold 40 @ 80, fee 40 × 80 × 0.005 = 16: final 1000 − 800 − 16.
        var script = new Script().At(0, Side.Buy, 40);

        var (result, _) = Runs.Of(TradeWick(), script, Margin);

        Assert.Equal(1, result.Summary.Liquidations);
        Fill liquidation = script.Fills[1];
        Assert.Equal((3_000L, 80.0, FillKind.Liquidation), (liquidation.Timestamp, liquidation.Price, liquidation.Kind));
        Assert.Equal(184, result.Summary.FinalEquity, 9);
    }

    [Fact]
    public void Marking_by_the_mark_price_the_same_wick_liquidates_nobody_and_equity_follows_the_mark()
    {
        // The mark at 1 500 (100) marks the symbol; from then on trades do not. Mark 99 at 3 500: equity −3000 + 3960 =
        // 960 ≥ 396; mark 98 at 4 500: 920 ≥ 392. The run ends at the last mark, 98: equity 920, unrealized 40 × (98 − 100).
        var script = new Script().At(0, Side.Buy, 40);

        var (result, _) = Runs.Of(TradeWick(), script, MarginAtMark);

        Assert.Equal(0, result.Summary.Liquidations);
        Assert.Equal((2_000L, 100.0, FillKind.Trade), (script.Fills.Single().Timestamp, script.Fills[0].Price, script.Fills[0].Kind));
        Assert.Equal(920, result.Summary.FinalEquity, 9);
        Assert.Equal(40, result.Positions[0].Position);
        Assert.Equal(98, result.Positions[0].LastPrice);
        Assert.Equal(-80, result.Positions[0].UnrealizedPnl, 9);
        Assert.Equal(80, result.Summary.MaxDrawdown, 9); // peak 1000, lowest 920 at the last mark: the 80 wick never counted
    }

    [Fact]
    public void Marking_by_the_mark_price_a_wick_of_the_mark_liquidates_at_the_mark()
    {
        // Mark 80 at 3 500: equity −3000 + 3200 = 200 < 320 → liquidated at the mark, 80, fee 16, while trades print 100.
        var script = new Script().At(0, Side.Buy, 40);

        var (result, _) = Runs.Of(MarkWick(), script, MarginAtMark);

        Assert.Equal(1, result.Summary.Liquidations);
        Fill liquidation = script.Fills[1];
        Assert.Equal((3_500L, Side.Sell, 80.0, 40.0, FillKind.Liquidation), (liquidation.Timestamp, liquidation.Side, liquidation.Price, liquidation.Quantity, liquidation.Kind));
        Assert.Equal(16, liquidation.Fee, 9);
        Assert.Equal(184, result.Summary.FinalEquity, 9);
        Assert.Equal(0, result.Positions[0].Position);
    }

    [Fact]
    public void Marking_by_events_the_mark_prices_move_nothing()
    {
        // The same mark wick with the default marking: trades at 100 value the position at no loss, nothing is liquidated.
        var script = new Script().At(0, Side.Buy, 40);

        var (result, _) = Runs.Of(MarkWick(), script, Margin);

        Assert.Equal(0, result.Summary.Liquidations);
        Assert.Equal(1000, result.Summary.FinalEquity, 9);
        Assert.Equal(0, result.Summary.MaxDrawdown, 9);
    }

    [Fact]
    public void Before_a_symbols_first_mark_its_events_mark_it()
    {
        // No mark until 3 500: the trade at 3 000 (90) marks the position (equity −3000 + 3600 = 600 ≥ 360, no
        // liquidation test until a mark), then the mark at 3 500 (95) takes over: the last trade at 50 changes nothing.
        MarketData data = new Tape().Trade(1_000, 100).Trade(2_000, 100).Trade(3_000, 90).Trade(4_000, 50).Mark(3_500, 95).Build();
        var script = new Script().At(0, Side.Buy, 40);

        var (result, _) = Runs.Of(data, script, MarginAtMark);

        Assert.Equal(0, result.Summary.Liquidations);
        Assert.Equal(-3000 + 40 * 95, result.Summary.FinalEquity, 9);
        Assert.Equal(1000 - (-3000 + 40 * 90), result.Summary.MaxDrawdown, 9); // the trade at 90 was a mark: 400 below the peak
    }

    [Fact]
    public void Marking_by_the_mark_price_is_refused_on_data_without_mark_prices_for_every_symbol()
    {
        MarketData none = new Tape().Trades(100, 101).Build();
        var e = Assert.Throws<MarketDataException>(() => Runs.Of(none, new Script(), MarginAtMark));
        Assert.Contains("has no mark prices", e.Message);
        Assert.Contains("--mark-with mark-price", e.Message);

        MarketData one = new Tape("BTCUSDT", "ETHUSDT").Trade(1_000, 100).Trade(1_000, 10, symbol: 1).Mark(1_000, 100).Build();
        e = Assert.Throws<MarketDataException>(() => Runs.Of(one, new Script(), MarginAtMark));
        Assert.Contains("has no mark price for ETHUSDT", e.Message);
    }

    // Quotes 99 / 100 at 1 000 and 2 000, 98 / 99 at 3 000; a trade wick to 90 at 1 500; marks 99.5, 94.9, 98.5.
    private static MarketData Quoted() => new Tape()
        .Quote(1_000, 99, 10, 100, 10).Trade(1_500, 90).Quote(2_000, 99, 10, 100, 10).Quote(3_000, 98, 10, 99, 10)
        .Mark(1_200, 99.5).Mark(2_500, 94.9).Mark(3_500, 98.5).Build();

    [Fact]
    public void A_stop_on_the_mark_price_triggers_on_the_mark_and_takes_the_touch_there()
    {
        // Sell stop 95 decided on the first quote, working from the trade at 1 500 (marks are not events an order arrives
        // on). The trade wick to 90 does not trigger it; the mark 94.9 at 2 500 does: sold at the bid of the quote before, 99.
        var options = new BacktestOptions { Account = AccountOptions.Unlimited, StopTrigger = StopTrigger.MarkPrice };
        var script = new Script().Do(0, o => o.Stop(Side.Sell, 1, 95));

        Runs.Of(Quoted(), script, options);

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((2_500L, Side.Sell, 99.0, 1.0, false), (fill.Timestamp, fill.Side, fill.Price, fill.Quantity, fill.IsMaker));
    }

    [Fact]
    public void A_stop_on_the_last_price_triggers_on_the_wick_instead()
    {
        // The default trigger: the trade at 90 reaches 95 as the stop arrives; a trade on a quoted symbol meets the bid, 99.
        var options = new BacktestOptions { Account = AccountOptions.Unlimited };
        var script = new Script().Do(0, o => o.Stop(Side.Sell, 1, 95));

        Runs.Of(Quoted(), script, options);

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((1_500L, 99.0), (fill.Timestamp, fill.Price));
    }

    [Fact]
    public void A_stop_triggered_by_the_mark_of_an_unquoted_symbol_takes_the_next_trade()
    {
        // Trades 100, 100, 97, 96; marks 99 at 2 500 and 94 at 3 500. Sell stop 95, working from 2 000: the trade at 97 is
        // no trigger; the mark 94 is, with no touch to take, so the stop works as a market order: sold at the next trade, 96.
        // On the last price it would never trigger (no trade at or below 95).
        MarketData data = new Tape().Trade(1_000, 100).Trade(2_000, 100).Trade(3_000, 97).Trade(4_000, 96).Mark(2_500, 99).Mark(3_500, 94).Build();
        var atMark = new Script().Do(0, o => o.Stop(Side.Sell, 1, 95));
        var atLast = new Script().Do(0, o => o.Stop(Side.Sell, 1, 95));

        Runs.Of(data, atMark, new BacktestOptions { Account = AccountOptions.Unlimited, StopTrigger = StopTrigger.MarkPrice });
        Runs.Of(data, atLast, new BacktestOptions { Account = AccountOptions.Unlimited });

        Fill fill = Assert.Single(atMark.Fills);
        Assert.Equal((4_000L, Side.Sell, 96.0), (fill.Timestamp, fill.Side, fill.Price));
        Assert.Empty(atLast.Fills);
    }

    [Fact]
    public void A_handler_hears_every_mark_price_at_its_time_and_symbol()
    {
        var seen = new System.Collections.Generic.List<(long, double, long, double)>();
        var script = new Script().At(0, Side.Buy, 40);
        script.AtMark = (mark, orders) => seen.Add((mark.Timestamp, mark.Price, orders.Time, orders.Position));

        Runs.Of(TradeWick(), script, MarginAtMark);

        // At 1 500 the buy is still on its way (it fills on the trade at 2 000); after that the strategy holds 40.
        Assert.Equal(new[] { (1_500L, 100.0, 1_500L, 0.0), (3_500L, 99.0, 3_500L, 40.0), (4_500L, 98.0, 4_500L, 40.0) }, seen);
    }
}
