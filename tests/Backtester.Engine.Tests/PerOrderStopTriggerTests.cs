using System.Linq;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// A stop's own trigger (<see cref="Orders.Stop(Side, double, double, StopTrigger, TimeInForce, bool)"/>, decision 0083):
/// each working stop triggers on its own trigger's prices, whatever the run's <see cref="BacktestOptions.StopTrigger"/>;
/// a stop sent without one uses the run's. Every figure worked by hand; no latency (a request decided on one event acts
/// on the next market event; marks are not events an order arrives on).
/// </summary>
public class PerOrderStopTriggerTests
{
    // Quotes 99 / 100 (1 000), 99.5 / 100.5 (2 000), 100.5 / 101.5 (3 000), 101 / 102 (4 000), then a trade at 101.2 (5 000).
    private static MarketData QuotesThenATrade() => new Tape()
        .Quote(1_000, 99, 10, 100, 10).Quote(2_000, 99.5, 10, 100.5, 10).Quote(3_000, 100.5, 10, 101.5, 10)
        .Quote(4_000, 101, 10, 102, 10).Trade(5_000, 101.2).Build();

    [Fact]
    public void In_a_last_price_run_a_stop_on_the_touch_triggers_on_a_quote_while_a_plain_stop_waits_for_the_trade()
    {
        // Both buy stops 101, working from 2 000. Order 1 (BidAsk): the ask 101.5 at 3 000 reaches it, bought at the ask 101.5.
        // Order 2 (the run's LastPrice): the quotes trigger nothing; the trade 101.2 at 5 000 does, and on a quoted symbol a
        // triggered stop meets the touch: the ask, 102.
        var script = new Script()
            .Do(0, o => o.Stop(Side.Buy, 1, 101, StopTrigger.BidAsk))
            .Do(0, o => o.Stop(Side.Buy, 1, 101));

        Runs.Of(QuotesThenATrade(), script);

        Assert.Equal(new[] { (3_000L, 1L, 101.5), (5_000L, 2L, 102.0) }, script.Fills.Select(f => (f.Timestamp, f.OrderId, f.Price)).ToArray());
    }

    [Fact]
    public void In_a_bid_ask_run_a_stop_on_the_last_price_waits_for_the_trade_while_a_plain_stop_triggers_on_the_quote()
    {
        // The same stops the other way round: order 1 (LastPrice, by the symbol-id overload) waits for the trade at 5 000
        // and takes the ask 102; order 2 (the run's BidAsk) is triggered by the ask 101.5 at 3 000.
        var script = new Script()
            .Do(0, o => o.Stop(0, Side.Buy, 1, 101, StopTrigger.LastPrice))
            .Do(0, o => o.Stop(Side.Buy, 1, 101));

        Runs.Of(QuotesThenATrade(), script, new BacktestOptions { StopTrigger = StopTrigger.BidAsk });

        Assert.Equal(new[] { (3_000L, 2L, 101.5), (5_000L, 1L, 102.0) }, script.Fills.Select(f => (f.Timestamp, f.OrderId, f.Price)).ToArray());
    }

    [Fact]
    public void A_stop_limit_on_the_touch_takes_the_bid_within_its_limit_in_a_last_price_run()
    {
        // Quotes alone: bids 99.5, 100.5, 101 stay above the stop 99; the bid 98.9 at 5 000 reaches it, and is within the
        // limit 98.8: sold at once at 98.9 as taker. The same stop-limit on the run's trigger never triggers (no trades).
        MarketData quotes = new Tape()
            .Quote(1_000, 99, 10, 100, 10).Quote(2_000, 99.5, 10, 100.5, 10).Quote(3_000, 100.5, 10, 101.5, 10)
            .Quote(4_000, 101, 10, 102, 10).Quote(5_000, 98.9, 10, 99.9, 10).Quote(6_000, 98, 10, 99, 10).Build();
        var script = new Script()
            .Do(0, o => o.StopLimit(Side.Sell, 1, 99, 98.8, StopTrigger.BidAsk))
            .Do(0, o => o.StopLimit(0, Side.Sell, 1, 99, 98.8));

        Runs.Of(quotes, script);

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((5_000L, 1L, 98.9, false), (fill.Timestamp, fill.OrderId, fill.Price, fill.IsMaker));
    }

    // Quotes 99 / 100 at 1 000 and 2 000, 98 / 99 at 3 000; a trade wick to 90 at 1 500; marks 99.5, 94.9, 98.5.
    private static MarketData QuotedWithMarks() => new Tape()
        .Quote(1_000, 99, 10, 100, 10).Trade(1_500, 90).Quote(2_000, 99, 10, 100, 10).Quote(3_000, 98, 10, 99, 10)
        .Mark(1_200, 99.5).Mark(2_500, 94.9).Mark(3_500, 98.5).Build();

    [Fact]
    public void In_a_last_price_run_a_stop_on_the_mark_ignores_the_wick_and_triggers_on_the_mark()
    {
        // Both sell stops 95, working from the trade at 1 500. Order 2 (the run's LastPrice) is triggered by the wick to 90
        // and sold at the bid, 99, at 1 500. Order 1 (MarkPrice) ignores the wick; the mark 94.9 at 2 500 triggers it: sold
        // at the bid of the quote before, 99, at 2 500.
        var script = new Script()
            .Do(0, o => o.Stop(Side.Sell, 1, 95, StopTrigger.MarkPrice))
            .Do(0, o => o.Stop(Side.Sell, 1, 95));

        Runs.Of(QuotedWithMarks(), script, new BacktestOptions { Account = AccountOptions.Unlimited });

        Assert.Equal(new[] { (1_500L, 2L, 99.0), (2_500L, 1L, 99.0) }, script.Fills.Select(f => (f.Timestamp, f.OrderId, f.Price)).ToArray());
    }

    [Fact]
    public void In_a_mark_price_run_a_stop_on_the_last_price_triggers_on_the_wick()
    {
        // The run's trigger is the mark; order 1 asks for the last price and is sold on the wick at 1 500 (bid 99), order 2
        // on the mark 94.9 at 2 500 (bid 99).
        var script = new Script()
            .Do(0, o => o.Stop(Side.Sell, 1, 95, StopTrigger.LastPrice))
            .Do(0, o => o.Stop(Side.Sell, 1, 95));

        Runs.Of(QuotedWithMarks(), script, new BacktestOptions { Account = AccountOptions.Unlimited, StopTrigger = StopTrigger.MarkPrice });

        Assert.Equal(new[] { (1_500L, 1L, 99.0), (2_500L, 2L, 99.0) }, script.Fills.Select(f => (f.Timestamp, f.OrderId, f.Price)).ToArray());
    }

    [Fact]
    public void On_an_unquoted_symbol_a_stop_on_the_mark_sells_at_the_next_trade_and_the_mark_does_not_trigger_a_plain_stop()
    {
        // Trades 100, 100, 97, 96; marks 99 at 2 500 and 94 at 3 500. Both sell stops 95, working from 2 000. The mark 94
        // triggers order 1 (MarkPrice); with no touch to take it works as a market order: sold at the next trade, 96, at
        // 4 000. Order 2 (the run's LastPrice) sees no trade at or below 95 and the mark is not its trigger: never filled.
        MarketData data = new Tape().Trade(1_000, 100).Trade(2_000, 100).Trade(3_000, 97).Trade(4_000, 96).Mark(2_500, 99).Mark(3_500, 94).Build();
        var script = new Script()
            .Do(0, o => o.Stop(Side.Sell, 1, 95, StopTrigger.MarkPrice))
            .Do(0, o => o.Stop(Side.Sell, 1, 95));

        Runs.Of(data, script, new BacktestOptions { Account = AccountOptions.Unlimited });

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((4_000L, 1L, 96.0), (fill.Timestamp, fill.OrderId, fill.Price));
    }

    [Fact]
    public void A_stop_on_the_mark_of_a_symbol_without_marks_is_rejected_at_once_rather_than_left_to_wait_for_ever()
    {
        // Trades 100, 100, 94, 93. The plain sell stop 95 is triggered by the trade at 94 and sold there (unquoted: the
        // trigger trade's price). The stop on the mark could never trigger: the data has no mark for the symbol, so it is
        // refused at decision time, Unsupported, rather than left working and silent to the end.
        MarketData trades = new Tape().Trades(100, 100, 94, 93).Build();
        var script = new Script()
            .Do(0, o => o.Stop(Side.Sell, 1, 95, StopTrigger.MarkPrice))
            .Do(0, o => o.Stop(Side.Sell, 1, 95));

        var (result, _) = Runs.Of(trades, script, new BacktestOptions { Account = AccountOptions.Unlimited });

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((3_000L, 2L, 94.0), (fill.Timestamp, fill.OrderId, fill.Price));
        OrderUpdate update = Assert.Single(script.UpdatesOf(1));
        Assert.Equal((OrderStatus.Rejected, RejectReason.Unsupported, 1_000L), (update.Status, update.RejectReason, update.Timestamp));
        Assert.Equal(-1.0, result.Positions[0].Position, 12);
    }

    [Fact]
    public void A_stop_on_the_mark_of_a_symbol_the_marks_cover_is_taken_even_before_its_first_mark()
    {
        // Two symbols; marks for A only (94 at 3 500, after the stop is placed at 1 000). A sell stop 95 on A's mark is
        // accepted and triggered by that mark (sold at the next trade of A, 93 at 4 000); the same stop on B's mark is refused.
        MarketData data = new Tape("A", "B").Trade(1_000, 100).Trade(1_000, 50, symbol: 1).Trade(2_000, 100).Trade(3_000, 96).Trade(4_000, 93)
            .Mark(3_500, 94).Build();
        var script = new Script()
            .Do(0, o => o.Stop(0, Side.Sell, 1, 95, StopTrigger.MarkPrice))
            .Do(0, o => o.Stop(1, Side.Sell, 1, 45, StopTrigger.MarkPrice));

        Runs.Of(data, script, new BacktestOptions { Account = AccountOptions.Unlimited });

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((4_000L, 1L, 93.0), (fill.Timestamp, fill.OrderId, fill.Price));
        Assert.Equal((OrderStatus.Rejected, RejectReason.Unsupported), (script.UpdatesOf(2).Single().Status, script.UpdatesOf(2).Single().RejectReason));
    }

    [Fact]
    public void Under_the_runs_mark_price_trigger_a_stop_on_a_symbol_without_marks_is_rejected_as_one_of_its_own_is()
    {
        // The same two symbols and marks (A only: 94 at 3 500), the run's trigger the mark price. A's sell stop 95 without
        // a trigger of its own takes the run's: triggered by A's mark 94, sold at A's next trade, 93 at 4 000. B's sell stop
        // 45 without one would wait for ever for a mark of B: refused at decision time (1 000), Unsupported. B's sell stop
        // 45 on the last price, its own trigger, is taken and never triggers (B trades only at 50).
        MarketData data = new Tape("A", "B").Trade(1_000, 100).Trade(1_000, 50, symbol: 1).Trade(2_000, 100).Trade(3_000, 96).Trade(4_000, 93)
            .Mark(3_500, 94).Build();
        var script = new Script()
            .Do(0, o => o.Stop(0, Side.Sell, 1, 95))
            .Do(0, o => o.Stop(1, Side.Sell, 1, 45))
            .Do(0, o => o.Stop(1, Side.Sell, 1, 45, StopTrigger.LastPrice));

        Runs.Of(data, script, new BacktestOptions { Account = AccountOptions.Unlimited, StopTrigger = StopTrigger.MarkPrice });

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((4_000L, 1L, 93.0), (fill.Timestamp, fill.OrderId, fill.Price));
        OrderUpdate refused = Assert.Single(script.UpdatesOf(2));
        Assert.Equal((OrderStatus.Rejected, RejectReason.Unsupported, 1_000L), (refused.Status, refused.RejectReason, refused.Timestamp));
        Assert.DoesNotContain(script.UpdatesOf(3), u => u.Status == OrderStatus.Rejected);
    }

    [Fact]
    public void An_amended_stop_keeps_the_trigger_it_was_placed_with()
    {
        // A buy stop 103 on the touch, amended on the quote at 2 000 to 101; the amend reaches the venue on the quote at
        // 3 000, whose ask 101.5 then triggers it: bought at 101.5. Had the amend given it the run's trigger (LastPrice) it
        // would wait for the trade at 5 000 and pay the ask 102.
        var script = new Script()
            .Do(0, o => o.Stop(Side.Buy, 1, 103, StopTrigger.BidAsk))
            .Do(1, o => o.Amend(1, price: 101));

        Runs.Of(QuotesThenATrade(), script);

        Assert.Contains(script.UpdatesOf(1), u => u.Status == OrderStatus.Amended && u.Timestamp == 3_000);
        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((3_000L, 101.5), (fill.Timestamp, fill.Price));
    }

    [Fact]
    public void A_stop_trigger_the_venue_does_not_know_is_rejected_as_unsupported()
    {
        var script = new Script().Do(0, o => o.Stop(Side.Buy, 1, 101, (StopTrigger)7));

        Runs.Of(QuotesThenATrade(), script);

        OrderUpdate update = Assert.Single(script.UpdatesOf(1));
        Assert.Equal((OrderStatus.Rejected, RejectReason.Unsupported), (update.Status, update.RejectReason));
        Assert.Empty(script.Fills);
    }
}
