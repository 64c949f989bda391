using System;
using System.Linq;
using Backtester.Data;
using Xunit;

namespace Backtester.Engine.Tests.Depth;

/// <summary>
/// The L3 FIFO queue model on market-by-order data (docs/execution.md, "L3 FIFO"): ahead of a resting order are exactly
/// the exchange orders at its price that were there when it arrived. Worked by hand; "row" is the L3 row, "event" the
/// L2 update it makes (a modify that loses its place makes two).
/// </summary>
public class FifoQueueTests
{
    private const BookSide Bid = BookSide.Bid, Ask = BookSide.Ask;

    /// <summary>
    /// Rows 0-2 at 1000: ask X 101×5 (id 10), bids A 100×2 (id 1), B 100×3 (id 2). A buy limit 2 @ 100 is decided at the
    /// end of that batch (event 2) and arrives at 2000 (row 3 adds bid D 99×1): A and B, 5, are ahead. 3000: C 100×5
    /// (id 3) joins behind it. 4000: B cancels. 5000: A executes 2, then C executes 1. 6000: C executes its other 4.
    /// </summary>
    private static OrderTape Tape() => new OrderTape()
        .Add(1_000, 10, Ask, 101, 5).Add(1_000, 1, Bid, 100, 2).Add(1_000, 2, Bid, 100, 3)
        .Add(2_000, 4, Bid, 99, 1)
        .Add(3_000, 3, Bid, 100, 5)
        .Cancel(4_000, 2, Bid, 100)
        .Execute(5_000, 1, Bid, 100, 2).Execute(5_000, 3, Bid, 100, 1)
        .Execute(6_000, 3, Bid, 100, 4);

    private static Script Run(QueuePosition model)
    {
        var script = new Script().Do(2, o => o.Limit(Side.Buy, 2, 100));
        Runs.Of(Tape().Build(), script, new BacktestOptions { QueuePosition = model });
        return script;
    }

    [Fact]
    public void The_l3_feed_keeps_the_aggregate_book_per_price()
    {
        // Level totals after each row: ask 101: 5; bid 100: 2, 2 + 3 = 5; bid 99: 1; bid 100: 5 + 5 = 10, − 3 (B) = 7,
        // − 2 (A) = 5, − 1 (C) = 4, − 4 = 0 (removed).
        Backtester.Data.BookColumns book = Tape().Columns().Book;
        Assert.Equal(new[] { 101.0, 100, 100, 99, 100, 100, 100, 100, 100 }, book.Prices.ToArray());
        Assert.Equal(new[] { 5.0, 2, 5, 1, 10, 7, 5, 4, 0 }, book.Sizes.ToArray());
        Assert.Equal(new[] { Ask, Bid, Bid, Bid, Bid, Bid, Bid, Bid, Bid }, book.Sides.ToArray());
    }

    [Fact]
    public void Fifo_counts_only_the_orders_there_before_it_and_an_execution_behind_it_fills_it()
    {
        // Arrival: ahead = A 2 + B 3 = 5. C joins after it: not counted. B cancels: ahead 5 − 3 = 2.
        // At 5000 the aggressor of 3 meets A first (A executes 2: ahead 0), then our order, then C: C's execution of 1 is
        // what traded past us, so we fill 1 of 2 at 100 as a maker. At 6000 C executes 4 more: we fill the other 1.
        Script script = Run(QueuePosition.Fifo);
        Assert.Equal(new[] { (5_000L, 100.0, 1.0, true), (6_000L, 100.0, 1.0, true) },
            script.Fills.Select(f => (f.Timestamp, f.Price, f.Quantity, f.IsMaker)).ToArray());
        Assert.Equal(new[] { OrderStatus.Accepted, OrderStatus.PartiallyFilled, OrderStatus.Filled }, script.UpdatesOf(1).Select(u => u.Status).ToArray());
    }

    [Fact]
    public void On_the_same_feed_the_risk_averse_model_never_advances_without_trades()
    {
        // Control: the level sizes the feed makes at 100 after the arrival (10, 7, 5, 4, 0) only cap the 5 ahead
        // (5, 5, 5, 4, 0), and only trades fill a risk-averse order: no trade prints at 100, so nothing fills.
        Assert.Empty(Run(QueuePosition.Conservative).Fills);
    }

    [Fact]
    public void A_smaller_modify_keeps_its_place_and_a_larger_one_goes_behind_us()
    {
        // Rows 0-2, 3 as above (A 2, B 3 ahead: 5). 3000: B modifies to 1 (smaller, keeps its place): ahead 5 − 2 = 3.
        // 4000: A modifies to 4 (larger: out of the queue, back in behind us): ahead 3 − 2 = 1 (B's 1).
        // 5000: B executes 1: ahead 0; A executes 3: A is behind us now, so 3 traded past us: we fill all 2.
        MarketData data = new OrderTape()
            .Add(1_000, 10, Ask, 101, 5).Add(1_000, 1, Bid, 100, 2).Add(1_000, 2, Bid, 100, 3)
            .Add(2_000, 4, Bid, 99, 1)
            .Modify(3_000, 2, Bid, 100, 1)
            .Modify(4_000, 1, Bid, 100, 4)
            .Execute(5_000, 2, Bid, 100, 1).Execute(5_000, 1, Bid, 100, 3).Build();
        var script = new Script().Do(2, o => o.Limit(Side.Buy, 2, 100));
        Runs.Of(data, script, new BacktestOptions { QueuePosition = QueuePosition.Fifo });

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((5_000L, 100.0, 2.0), (fill.Timestamp, fill.Price, fill.Quantity));
        // The book: bid 100 = 2 + 3 = 5, then 5 − 2 = 3 (B to 1), then A out (1) and back in at 4 (5), then 4, then 1.
        Assert.Equal(new[] { 5.0, 2, 5, 1, 3, 1, 5, 4, 1 }, data.Book.Sizes.ToArray());
    }

    [Fact]
    public void An_execution_behind_us_with_orders_still_ahead_first_consumes_them()
    {
        // A 2, B 3 ahead (5). C 6 joins behind. C executes 4 while A and B are still there (data an exchange would not
        // send, since FIFO would have filled them first): the front goes first, 4 − 5 < 0 beyond, ahead 5 − 4 = 1.
        // C executes 0.5: ahead 0.5, nothing beyond; 0.5 again: ahead 0, 0 beyond. C executes 1: all beyond: we fill 1.
        MarketData data = new OrderTape()
            .Add(1_000, 10, Ask, 101, 5).Add(1_000, 1, Bid, 100, 2).Add(1_000, 2, Bid, 100, 3)
            .Add(2_000, 4, Bid, 99, 1)
            .Add(3_000, 3, Bid, 100, 6)
            .Execute(4_000, 3, Bid, 100, 4).Execute(5_000, 3, Bid, 100, 0.5).Execute(6_000, 3, Bid, 100, 0.5)
            .Execute(7_000, 3, Bid, 100, 1).Build();
        var script = new Script().Do(2, o => o.Limit(Side.Buy, 2, 100));
        Runs.Of(data, script, new BacktestOptions { QueuePosition = QueuePosition.Fifo });

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((7_000L, 1.0), (fill.Timestamp, fill.Quantity));
    }

    [Fact]
    public void A_later_segments_orders_are_placed_behind_an_order_resting_from_an_earlier_one()
    {
        // Segment 1 (its own L3 table, rows 0-3): A 2, B 3 at 100, ask 101×5; our buy 2 @ 100 arrives at 2000 with 5
        // ahead. Segment 2 (a new table whose row numbers start at 0 again): E adds 100×6 at 3000, then executes 6 at 4000.
        // E is placed behind our order (its table starts after every priority seen), so the execution first takes the 5
        // still counted ahead, then fills 1 of ours. (Compared by raw row number, E would look ahead of us, no fill.)
        MarketData first = new OrderTape().Add(1_000, 10, Ask, 101, 5).Add(1_000, 1, Bid, 100, 2).Add(1_000, 2, Bid, 100, 3)
            .Add(2_000, 4, Bid, 99, 1).Build();
        MarketData second = new OrderTape().Add(3_000, 20, Ask, 101, 5).Add(3_000, 21, Bid, 100, 6).Execute(4_000, 21, Bid, 100, 6).Build();
        var segments = new MarketDataSegments("days", new Func<MarketData>[] { () => first, () => second });
        var script = new Script().Do(2, o => o.Limit(Side.Buy, 2, 100));
        var driver = new ScriptedDriver(script);
        new BacktestRunner().RunSummary(segments, ref driver, new BacktestOptions { QueuePosition = QueuePosition.Fifo });

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((4_000L, 100.0, 1.0), (fill.Timestamp, fill.Price, fill.Quantity));
    }

    [Fact]
    public void Fifo_on_data_without_order_by_order_rows_is_refused_naming_the_data()
    {
        // FIFO follows the exchange's orders; on L2 data it could only be the risk-averse model under another name, so
        // the run refuses rather than hand back Conservative's fills labelled Fifo.
        MarketData data = new Tape()
            .Level(1_000, BookSide.Bid, 100, 3, BookUpdateFlags.Reset | BookUpdateFlags.Snapshot).Level(1_000, BookSide.Ask, 101, 5, BookUpdateFlags.Snapshot)
            .Trade(6_000, 100, 8).Build();
        var script = new Script().Do(1, o => o.Limit(Side.Buy, 2, 100));
        var error = Assert.Throws<MarketDataException>(() => Runs.Of(data, script, new BacktestOptions { QueuePosition = QueuePosition.Fifo }));
        Assert.Contains("tape", error.Message);
        Assert.Contains("market-by-order (L3)", error.Message);
        Assert.Contains("L2 book updates", error.Message);
    }

    [Fact]
    public void A_between_slice_of_l3_data_keeps_the_orders_resting_at_its_start_ahead()
    {
        // The slice from 1500 opens with the book as a snapshot at 1500 (bid 100×5, ask 101×5: two rows) and then the
        // rows from 2000. Our buy 2 @ 100, decided at the end of that snapshot (event 1), arrives at 2000 as in the whole
        // tape: A and B (there before the slice) are the 5 ahead, C joins behind, so the fills are the whole tape's:
        // 1 at 5000 (C's execution of 1 past us), 1 at 6000.
        MarketData slice = Tape().Build().Between(1_500, long.MaxValue);
        var script = new Script().Do(1, o => o.Limit(Side.Buy, 2, 100));
        Runs.Of(slice, script, new BacktestOptions { QueuePosition = QueuePosition.Fifo });

        Assert.Equal(new[] { (5_000L, 100.0, 1.0), (6_000L, 100.0, 1.0) }, script.Fills.Select(f => (f.Timestamp, f.Price, f.Quantity)).ToArray());
    }

    [Fact]
    public void L3_data_merged_with_an_l2_file_of_another_symbol_keeps_its_order_feed()
    {
        // The L3 tape of X merged with L2 levels of Y at 1000 (after X's rows: file order) and 2500. X's events keep their
        // order, and event 2 is still the end of X's first batch, so the fills are the plain tape's: 1 at 5000, 1 at 6000.
        // Y's rows are not orders: the FIFO seam skips them.
        MarketData y = new Tape("Y").Level(1_000, BookSide.Bid, 50, 1, BookUpdateFlags.Reset | BookUpdateFlags.Snapshot)
            .Level(1_000, BookSide.Ask, 51, 1, BookUpdateFlags.Snapshot).Level(2_500, BookSide.Bid, 50, 4).Build();
        MarketData merged = MarketDataMerger.Merge(new[] { Tape().Build(), y });
        var script = new Script().Do(2, o => o.Limit(Side.Buy, 2, 100));
        Runs.Of(merged, script, new BacktestOptions { QueuePosition = QueuePosition.Fifo });

        Assert.Equal(new[] { (5_000L, 100.0, 1.0), (6_000L, 100.0, 1.0) }, script.Fills.Select(f => (f.Timestamp, f.Price, f.Quantity)).ToArray());
        Assert.All(script.Fills, f => Assert.Equal(0, f.SymbolId));
    }

    [Fact]
    public void Two_l3_files_are_not_merged_into_one_order_feed()
    {
        // Each table numbers its queue priorities by its own rows, so two cannot share one time line: refused, naming both.
        MarketData second = new OrderTape().Add(1_500, 7, Bid, 100, 1).Build();
        var error = Assert.Throws<MarketDataException>(() => MarketDataMerger.Merge(new[] { Tape().Build(), second }));
        Assert.Contains("second L3 file", error.Message);
    }

    [Fact]
    public void Two_l3_files_making_the_same_l2_book_have_different_fingerprints()
    {
        // A 100×2 then B 100×2, then one of them cancels: the L2 rows are the same (2, 4, 2) either way, but a FIFO order
        // between A and B advances only when A cancels, so results from the two must not resume or merge as one data set.
        OrderTape Base() => new OrderTape().Add(1_000, 9, Ask, 101, 1).Add(1_000, 1, Bid, 100, 2).Add(2_000, 2, Bid, 100, 2);
        MarketData cancelsA = Base().Cancel(3_000, 1, Bid, 100).Build(), cancelsB = Base().Cancel(3_000, 2, Bid, 100).Build();
        Assert.Equal(cancelsA.Book.Sizes.ToArray(), cancelsB.Book.Sizes.ToArray());
        Assert.Equal(cancelsA.Book.Prices.ToArray(), cancelsB.Book.Prices.ToArray());
        Assert.NotEqual(cancelsA.Identity.Fingerprint, cancelsB.Identity.Fingerprint);
    }
}
