using System.Collections.Generic;
using Backtester.Infrastructure;
using Xunit;

namespace Backtester.Engine.Tests.Depth;

/// <summary>Records what the book looked like at each update.</summary>
public struct BookWatcher(List<(long Time, double Bid, double Ask, bool End)> seen) : IStrategyDriver
{
    public OrderBook? Last;

    public void OnStart(Orders orders) { }
    public void OnTrade(in Trade trade, Orders orders) { }
    public void OnQuote(in Quote quote, Orders orders) { }
    public void OnBar(in Bar bar, Orders orders) { }
    public void OnFunding(in Funding funding, Orders orders) { }
    public void OnMarkPrice(in MarkPriceUpdate mark, Orders orders) { }
    public void OnTimer(in TimerTick timer, Orders orders) { }

    public void OnBook(in BookUpdate update, Orders orders)
    {
        seen.Add((update.Timestamp, update.Book.BestBid, update.Book.BestAsk, update.IsEndOfBatch));
        Last = update.Book;
    }

    public void OnFill(in Fill fill, Orders orders) { }
    public void OnOrder(in OrderUpdate update, Orders orders) { }
    public void OnFinish(Orders orders) { }
}

public class BookReplayTests
{
    private const BookUpdateFlags R = BookUpdateFlags.Reset | BookUpdateFlags.Snapshot, S = BookUpdateFlags.Snapshot;

    /// <summary>
    /// A snapshot at 1000 (bids 99 × 5, 98 × 2; asks 101 × 3, 102 × 4), a new best bid 100 × 1 at 2000, and at 3000
    /// the ask 101 removed and a new ask 100.5 × 2.
    /// </summary>
    private static Tape Snapshot_then_changes() => new Tape()
        .Level(1_000, BookSide.Bid, 99, 5, R).Level(1_000, BookSide.Bid, 98, 2, S)
        .Level(1_000, BookSide.Ask, 101, 3, S).Level(1_000, BookSide.Ask, 102, 4, S)
        .Level(2_000, BookSide.Bid, 100, 1)
        .Level(3_000, BookSide.Ask, 101, 0).Level(3_000, BookSide.Ask, 100.5, 2);

    [Fact]
    public void Book_handler_sees_each_update_applied_and_the_end_of_each_batch()
    {
        var seen = new List<(long, double, double, bool)>();
        var driver = new BookWatcher(seen);
        BacktestSummary summary = new BacktestRunner().RunSummary(Snapshot_then_changes().Build(), ref driver);

        Assert.Equal(7, summary.Events);
        Assert.Equal(new (long, double, double, bool)[]
        {
            (1_000, 99, double.NaN, false), (1_000, 99, double.NaN, false), (1_000, 99, 101, false), (1_000, 99, 101, true),
            (2_000, 100, 101, true),
            (3_000, 100, 102, false), (3_000, 100, 100.5, true),
        }, seen);
        OrderBook book = driver.Last!;
        Assert.Equal(new BookLevel(99, 5), book.Level(BookSide.Bid, 1));
        Assert.Equal(2 + 4, book.SizeThrough(BookSide.Ask, 102));
    }

    [Fact]
    public void At_equal_times_book_updates_come_before_quotes_and_trades()
    {
        MarketData data = new Tape().Trade(2_000, 100).Quote(2_000, 99, 1, 101, 1).Level(1_000, BookSide.Ask, 101, 1, R).Level(2_000, BookSide.Bid, 99, 1)
            .Build();
        var script = new Script();
        Runs.Of(data, script);
        Assert.Equal(new[] { "L0@1000", "L0@2000", "Q0@2000", "T0@2000" }, script.Seen);
    }

    [Fact]
    public void Market_buy_decided_on_the_book_fills_at_its_best_ask_on_the_next_batch()
    {
        // Decided at the end of the snapshot (event 3); the next batch, at 2000, shows bid 100 / ask 101 to the venue.
        var script = new Script().At(3, Side.Buy, 2);
        var (result, _) = Runs.Of(Snapshot_then_changes().Build(), script);

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((2_000L, 101.0, 2.0), (fill.Timestamp, fill.Price, fill.Quantity));
        // Marked at the last mid, (100 + 100.5) / 2 = 100.25: 2 × (100.25 − 101) = −1.5.
        Assert.Equal(-1.5, result.Summary.UnrealizedPnl, 12);
    }

    [Fact]
    public void A_second_run_on_the_same_runner_starts_from_empty_books()
    {
        // No reset row: only an empty book at the start makes the first best ask NaN.
        MarketData data = new Tape().Level(1_000, BookSide.Bid, 99, 1).Level(2_000, BookSide.Bid, 98, 1).Build();
        var runner = new BacktestRunner();
        var first = new List<(long, double, double, bool)>();
        var second = new List<(long, double, double, bool)>();
        var a = new BookWatcher(first);
        var b = new BookWatcher(second);
        runner.RunSummary(data, ref a);
        runner.RunSummary(data, ref b);
        Assert.Equal(new (long, double, double, bool)[] { (1_000, 99, double.NaN, true), (2_000, 99, double.NaN, true) }, first);
        Assert.Equal(first, second);
    }
}
