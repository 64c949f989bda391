using System;
using System.Linq;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// <see cref="BacktestOptions.StopTrigger"/>: stops trigger on trades and bars (<see cref="StopTrigger.LastPrice"/>, the
/// default) or on the touch of quotes and the L2 book (<see cref="StopTrigger.BidAsk"/>). No latency: a request decided
/// on one event acts on the next.
/// </summary>
public class StopTriggerTests
{
    private static readonly BacktestOptions BidAsk = new() { StopTrigger = StopTrigger.BidAsk };

    // Quotes 1 µs apart: 99 / 100, 99.5 / 100.5, 100.5 / 101.5, 101 / 102, then down to 98.9 / 99.9 and 98 / 99.
    private static MarketData Quotes() => new Tape()
        .Quote(1_000, 99, 10, 100, 10).Quote(2_000, 99.5, 10, 100.5, 10).Quote(3_000, 100.5, 10, 101.5, 10)
        .Quote(4_000, 101, 10, 102, 10).Quote(5_000, 98.9, 10, 99.9, 10).Quote(6_000, 98, 10, 99, 10).Build();

    [Fact]
    public void On_the_touch_a_buy_stop_triggers_when_the_ask_reaches_it_and_takes_the_ask()
    {
        // Buy stop 101, working from 2 000: ask 100.5 at 2 000 is below it; ask 101.5 at 3 000 reaches it: bought at 101.5.
        var script = new Script().Do(0, o => o.Stop(Side.Buy, 1, 101));

        Runs.Of(Quotes(), script, BidAsk);

        var fill = Assert.Single(script.Fills);
        Assert.Equal((3_000L, Side.Buy, 101.5, 1.0, false), (fill.Timestamp, fill.Side, fill.Price, fill.Quantity, fill.IsMaker));
    }

    [Fact]
    public void By_default_quotes_trigger_no_stop()
    {
        var script = new Script().Do(0, o => o.Stop(Side.Buy, 1, 101)).Do(0, o => o.Stop(Side.Sell, 1, 99));

        Runs.Of(Quotes(), script);

        Assert.Empty(script.Fills);
        Assert.All(script.Placed, p => Assert.DoesNotContain(script.UpdatesOf(p.OrderId), u => u.Status == OrderStatus.Filled));
    }

    [Fact]
    public void On_the_touch_a_sell_stop_triggers_on_the_bid_with_slippage()
    {
        // Sell stop 99: bids 99.5, 100.5, 101 stay above it; bid 98.9 at 5 000 reaches it: sold at 98.9 less 10 bps.
        var script = new Script().Do(0, o => o.Stop(Side.Sell, 2, 99));

        Runs.Of(Quotes(), script, BidAsk with { SlippageBps = 10 });

        var fill = Assert.Single(script.Fills);
        Assert.Equal((5_000L, Side.Sell, 2.0), (fill.Timestamp, fill.Side, fill.Quantity));
        Assert.Equal(98.9 * (1 - 0.001), fill.Price, 12);
    }

    [Fact]
    public void On_the_touch_a_stop_limit_within_its_limit_takes_the_touch_and_one_beyond_it_rests()
    {
        // Both sell stop-limits stop 99. At 5 000 the bid 98.9 triggers them. Limit 98.8: the bid is within it, sold at once
        // at 98.9 as taker. Limit 99.5: the bid is below it, so it rests at 99.5; nothing later reaches 99.5 (bids 98).
        var script = new Script()
            .Do(0, o => o.StopLimit(Side.Sell, 1, 99, 98.8))
            .Do(0, o => o.StopLimit(Side.Sell, 1, 99, 99.5));

        Runs.Of(Quotes(), script, BidAsk);

        var fill = Assert.Single(script.Fills);
        Assert.Equal((5_000L, 1L, 98.9, false), (fill.Timestamp, fill.OrderId, fill.Price, fill.IsMaker));
        Assert.DoesNotContain(script.UpdatesOf(2), u => u.Status is OrderStatus.Filled or OrderStatus.Cancelled);
    }

    [Fact]
    public void On_the_touch_trades_trigger_no_stop_and_by_default_they_do()
    {
        // Trades 100, 100, 102: the buy stop 101 is reached by the print at 102 (at 3 000) under LastPrice, never under BidAsk.
        MarketData trades = new Tape().Trades(100, 100, 102).Build();
        var last = new Script().Do(0, o => o.Stop(Side.Buy, 1, 101));
        var touch = new Script().Do(0, o => o.Stop(Side.Buy, 1, 101));

        Runs.Of(trades, last);
        Runs.Of(trades, touch, BidAsk);

        Assert.Equal((3_000L, 102.0), (Assert.Single(last.Fills).Timestamp, last.Fills[0].Price));
        Assert.Empty(touch.Fills);
    }

    [Fact]
    public void On_an_l2_book_alone_a_stop_triggers_on_the_touch_and_walks_the_levels()
    {
        // Book: bid 99 × 5 / ask 100 × 5 at 1 000 (the stop is decided on its last update); at 2 000 the bid size changes
        // only; at 3 000 the ask 100 goes and asks 101.5 × 1 and 102 × 5 come: the touch 101.5 reaches the buy stop 101,
        // which walks the asks: 1 @ 101.5, then 1 @ 102.
        MarketData book = new Tape()
            .Level(1_000, BookSide.Bid, 99, 5).Level(1_000, BookSide.Ask, 100, 5)
            .Level(2_000, BookSide.Bid, 99, 6)
            .Level(3_000, BookSide.Ask, 100, 0).Level(3_000, BookSide.Ask, 101.5, 1).Level(3_000, BookSide.Ask, 102, 5)
            .Build();
        var script = new Script().Do(1, o => o.Stop(Side.Buy, 2, 101));

        Runs.Of(book, script, BidAsk);

        Assert.Equal(new[] { (3_000L, 101.5, 1.0), (3_000L, 102.0, 1.0) }, script.Fills.Select(f => (f.Timestamp, f.Price, f.Quantity)).ToArray());
    }

    [Fact]
    public void An_unknown_stop_trigger_is_refused_naming_the_option()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new BacktestOptions { StopTrigger = (StopTrigger)7 }.Validate());
        Assert.Equal(nameof(BacktestOptions.StopTrigger), e.ParamName);
    }
}
