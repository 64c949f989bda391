using System.Linq;
using Xunit;

namespace Backtester.Engine.Tests.Depth;

/// <summary>
/// Market and marketable limit orders on L2 book data walk the levels (docs/execution.md, "Market orders on the book").
/// Every scenario starts from one book: bid 99 × 10; asks 100 × 1, 101 × 2, 102 × 5 (8 in all). Orders are decided at
/// the end of the snapshot (event 3) and act at the next batch, which never touches the asks unless the test says so.
/// </summary>
public class BookWalkTests
{
    private const BookUpdateFlags R = BookUpdateFlags.Reset | BookUpdateFlags.Snapshot, S = BookUpdateFlags.Snapshot;

    /// <summary>Events 0-3: the snapshot at 1000. Events 4, 5: new bid levels below the best at 2000, 3000 (asks unchanged).</summary>
    private static Tape Book() => new Tape()
        .Level(1_000, BookSide.Bid, 99, 10, R).Level(1_000, BookSide.Ask, 100, 1, S)
        .Level(1_000, BookSide.Ask, 101, 2, S).Level(1_000, BookSide.Ask, 102, 5, S)
        .Level(2_000, BookSide.Bid, 98, 1)
        .Level(3_000, BookSide.Bid, 97, 1);

    private static (double Price, double Quantity)[] PricesAndQuantities(Script script) => script.Fills.Select(f => (f.Price, f.Quantity)).ToArray();

    [Fact]
    public void Market_buy_takes_each_level_at_its_price_one_fill_per_level()
    {
        var script = new Script().At(3, Side.Buy, 4);
        Runs.Of(Book().Build(), script, new BacktestOptions { TakerFeeBps = 10 });

        // 1 of 1 at 100, 2 of 2 at 101, 1 of 5 at 102.
        Assert.Equal(new[] { (100.0, 1.0), (101.0, 2.0), (102.0, 1.0) }, PricesAndQuantities(script));
        Assert.All(script.Fills, f => Assert.Equal(2_000L, f.Timestamp));
        // A taker fee on each fill: 10 bp of 100, of 202, of 102.
        Assert.Equal(new[] { 0.1, 0.202, 0.102 }, script.Fills.Select(f => System.Math.Round(f.Fee, 12)).ToArray());
        Assert.All(script.Fills, f => Assert.False(f.IsMaker));
        // Average (100 + 2 × 101 + 102) / 4 = 404 / 4 = 101 exactly; the order reports Filled once, after the last fill.
        Assert.Equal(101.0, script.Fills.Sum(f => f.Price * f.Quantity) / script.Fills.Sum(f => f.Quantity));
        Assert.Equal(new[] { OrderStatus.Accepted, OrderStatus.PartiallyFilled, OrderStatus.PartiallyFilled, OrderStatus.Filled },
            script.UpdatesOf(1).Select(u => u.Status).ToArray());
    }

    [Fact]
    public void Our_consumption_stays_until_the_data_sets_the_level_again()
    {
        // Event 4 (2000): buy 4 takes 100, 101 and 1 of 102. Event 5 (3000): buy 1 finds 100 and 101 used up, 4 left at 102.
        // Event 6 (4000): the feed sets ask 100 to 3, which replaces our consumption there: buy 1 takes it at 100.
        MarketData data = Book().Level(4_000, BookSide.Ask, 100, 3).Build();
        var script = new Script().At(3, Side.Buy, 4).At(4, Side.Buy, 1).At(5, Side.Buy, 1);
        Runs.Of(data, script);

        Assert.Equal(new[] { (100.0, 1.0), (101.0, 2.0), (102.0, 1.0), (102.0, 1.0), (100.0, 1.0) }, PricesAndQuantities(script));
        Assert.Equal(new[] { 2_000L, 2_000, 2_000, 3_000, 4_000 }, script.Fills.Select(f => f.Timestamp).ToArray());
    }

    [Fact]
    public void A_new_snapshot_offers_every_level_again()
    {
        // A new snapshot at 4000 with the same asks: every row sets its level again, so everything we took is back.
        MarketData data = Book().Level(4_000, BookSide.Bid, 99, 10, R).Level(4_000, BookSide.Ask, 100, 1, S).Level(4_000, BookSide.Ask, 101, 2, S).Build();
        var script = new Script().At(3, Side.Buy, 3).At(5, Side.Buy, 2);
        Runs.Of(data, script);

        // Buy 3 at 2000: 1 @ 100, 2 @ 101. Buy 2 at 4000 (end of the new snapshot): 1 @ 100, 1 @ 101.
        Assert.Equal(new[] { (100.0, 1.0), (101.0, 2.0), (100.0, 1.0), (101.0, 1.0) }, PricesAndQuantities(script));
        Assert.Equal(4_000L, script.Fills[^1].Timestamp);
    }

    [Fact]
    public void Marketable_limit_buy_takes_up_to_its_price_and_rests_the_rest_at_it()
    {
        // Buy 4 @ 101: 1 @ 100, 2 @ 101, then 102 is beyond the limit: 1 rests at 101. At 3000 the asks up to 101 are still
        // used up, so it does not fill; at 4000 the feed sets ask 101 to 2 and the resting buy fills its 1 there as a maker.
        MarketData data = Book().Level(4_000, BookSide.Ask, 101, 2).Build();
        var script = new Script().Do(3, o => o.Limit(Side.Buy, 4, 101));
        Runs.Of(data, script, new BacktestOptions { TakerFeeBps = 10, MakerFeeBps = -2 });

        Assert.Equal(new[] { (100.0, 1.0), (101.0, 2.0), (101.0, 1.0) }, PricesAndQuantities(script));
        Assert.Equal(new[] { false, false, true }, script.Fills.Select(f => f.IsMaker).ToArray());
        Assert.Equal(new[] { 2_000L, 2_000, 4_000 }, script.Fills.Select(f => f.Timestamp).ToArray());
        // Fees per fill: taker 10 bp of 100 and of 202, maker −2 bp of 101.
        Assert.Equal(new[] { 0.1, 0.202, -0.0202 }, script.Fills.Select(f => System.Math.Round(f.Fee, 12)).ToArray());
        OrderUpdate afterWalk = script.UpdatesOf(1).ElementAt(2);
        Assert.Equal((OrderStatus.PartiallyFilled, 3.0, 1.0), (afterWalk.Status, afterWalk.FilledQuantity, afterWalk.RemainingQuantity));
    }

    [Fact]
    public void Fok_larger_than_the_book_is_cancelled_without_a_fill_and_takes_nothing()
    {
        // FOK 10 against 8 displayed: cancelled. The buy of 1 after it still finds 100 × 1 untouched.
        var script = new Script().Do(3, o => o.Market(Side.Buy, 10, TimeInForce.Fok)).At(4, Side.Buy, 1);
        Runs.Of(Book().Build(), script);

        Assert.Equal(new[] { OrderStatus.Accepted, OrderStatus.Cancelled }, script.UpdatesOf(1).Select(u => u.Status).ToArray());
        Assert.Equal(new[] { (100.0, 1.0) }, PricesAndQuantities(script));
        Assert.Equal(2L, script.Fills[0].OrderId);
    }

    [Fact]
    public void Fok_limit_counts_only_the_levels_within_its_price()
    {
        // FOK 4 @ 101: 1 + 2 = 3 within the limit, so cancelled; FOK 3 @ 101 fills 1 @ 100 and 2 @ 101.
        var script = new Script().Do(3, o => o.Limit(Side.Buy, 4, 101, TimeInForce.Fok)).Do(4, o => o.Limit(Side.Buy, 3, 101, TimeInForce.Fok));
        Runs.Of(Book().Build(), script);

        Assert.Equal(OrderStatus.Cancelled, script.UpdatesOf(1).Last().Status);
        Assert.Equal(new[] { (100.0, 1.0), (101.0, 2.0) }, PricesAndQuantities(script));
        Assert.All(script.Fills, f => Assert.Equal(2L, f.OrderId));
    }

    [Fact]
    public void Ioc_market_takes_the_whole_book_and_cancels_the_rest()
    {
        var script = new Script().Do(3, o => o.Market(Side.Buy, 10, TimeInForce.Ioc));
        Runs.Of(Book().Build(), script);

        Assert.Equal(new[] { (100.0, 1.0), (101.0, 2.0), (102.0, 5.0) }, PricesAndQuantities(script));
        OrderUpdate last = script.UpdatesOf(1).Last();
        Assert.Equal((OrderStatus.Cancelled, 8.0, 0.0), (last.Status, last.FilledQuantity, last.RemainingQuantity));
    }

    [Fact]
    public void Gtc_market_larger_than_the_book_keeps_working_and_takes_what_the_feed_adds()
    {
        // Buy 10 takes all 8 at 2000; 2 keep working. At 3000 nothing new; at 4000 the feed adds ask 103 × 5: 2 @ 103.
        MarketData data = Book().Level(4_000, BookSide.Ask, 103, 5).Build();
        var script = new Script().At(3, Side.Buy, 10);
        Runs.Of(data, script);

        Assert.Equal(new[] { (100.0, 1.0), (101.0, 2.0), (102.0, 5.0), (103.0, 2.0) }, PricesAndQuantities(script));
        Assert.Equal(4_000L, script.Fills[^1].Timestamp);
        Assert.Equal(OrderStatus.Filled, script.UpdatesOf(1).Last().Status);
    }

    [Fact]
    public void Market_sell_walks_the_bids_down()
    {
        // Bids 99 × 10 (snapshot), then 98 × 1 and 97 × 1 below it; sell 12 decided at event 5 acts at 4000: 10 @ 99, 1 @ 98, 1 @ 97.
        MarketData data = Book().Level(4_000, BookSide.Ask, 100, 1).Build();
        var script = new Script().At(5, Side.Sell, 12);
        Runs.Of(data, script);

        Assert.Equal(new[] { (99.0, 10.0), (98.0, 1.0), (97.0, 1.0) }, PricesAndQuantities(script));
    }

    [Fact]
    public void Slippage_does_not_apply_to_fills_on_the_book()
    {
        // 10 bp of slippage would move the fills to 100.1, 101.101, 102.102: the walk's level prices are the impact.
        var script = new Script().At(3, Side.Buy, 4);
        Runs.Of(Book().Build(), script, new BacktestOptions { SlippageBps = 10 });

        Assert.Equal(new[] { (100.0, 1.0), (101.0, 2.0), (102.0, 1.0) }, PricesAndQuantities(script));
    }

    [Fact]
    public void A_limit_amended_through_the_asks_walks_them()
    {
        // Buy 3 @ 99.5 rests at 2000 (ask 100 is above it); amended at 2000 to 101, it acts at 3000: 1 @ 100, 2 @ 101, as taker.
        var script = new Script().Do(3, o => o.Limit(Side.Buy, 3, 99.5)).Do(4, o => o.Amend(1, price: 101));
        Runs.Of(Book().Build(), script);

        Assert.Equal(new[] { (100.0, 1.0), (101.0, 2.0) }, PricesAndQuantities(script));
        Assert.All(script.Fills, f => Assert.Equal((3_000L, false), (f.Timestamp, f.IsMaker)));
    }

    [Fact]
    public void A_stop_triggered_by_a_trade_walks_the_book()
    {
        // Buy stop 3 @ 100 works from 2000; the trade at 100 at 2500 triggers it at the touch: 1 @ 100, 2 @ 101.
        MarketData data = Book().Trade(2_500, 100).Build();
        var script = new Script().Do(3, o => o.Stop(Side.Buy, 3, 100));
        Runs.Of(data, script, new BacktestOptions { SlippageBps = 10 });

        Assert.Equal(new[] { (100.0, 1.0), (101.0, 2.0) }, PricesAndQuantities(script));
        Assert.All(script.Fills, f => Assert.Equal(2_500L, f.Timestamp));
    }
}
