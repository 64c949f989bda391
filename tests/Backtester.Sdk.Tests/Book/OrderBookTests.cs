using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Backtester.Sdk.Tests.Book;

public class OrderBookTests
{
    /// <summary>Bids 100.0 × 3, 99.5 × 2, 99.0 × 5; asks 100.5 × 1, 101.0 × 4, 102.0 × 6 (applied out of price order).</summary>
    private static OrderBook ThreeByThree()
    {
        var book = new OrderBook(0);
        book.Apply(BookSide.Bid, 99.5, 2);
        book.Apply(BookSide.Ask, 102.0, 6);
        book.Apply(BookSide.Bid, 100.0, 3);
        book.Apply(BookSide.Ask, 100.5, 1);
        book.Apply(BookSide.Bid, 99.0, 5);
        book.Apply(BookSide.Ask, 101.0, 4);
        return book;
    }

    [Fact]
    public void Levels_are_indexed_from_the_best_on_each_side()
    {
        OrderBook book = ThreeByThree();
        Assert.Equal((3, 3), (book.BidCount, book.AskCount));
        Assert.Equal((100.0, 3.0, 100.5, 1.0), (book.BestBid, book.BestBidSize, book.BestAsk, book.BestAskSize));
        Assert.Equal(new BookLevel(99.5, 2), book.Level(BookSide.Bid, 1));
        Assert.Equal(new BookLevel(99.0, 5), book.Level(BookSide.Bid, 2));
        Assert.Equal(new BookLevel(101.0, 4), book.Level(BookSide.Ask, 1));
        Assert.Equal(new BookLevel(102.0, 6), book.Level(BookSide.Ask, 2));
        Assert.True(double.IsNaN(book.Level(BookSide.Ask, 3).Price));
        Assert.Equal(0, book.Level(BookSide.Ask, 3).Size);
        Assert.Equal(100.25, book.Mid);
        Assert.Equal(0.5, book.Spread);
    }

    [Fact]
    public void Size_zero_removes_a_level_and_a_new_size_replaces_the_old()
    {
        OrderBook book = ThreeByThree();
        Assert.True(book.Apply(BookSide.Bid, 100.0, 0)); // the best bid goes: touch changed
        Assert.Equal((99.5, 2.0), (book.BestBid, book.BestBidSize));
        Assert.False(book.Apply(BookSide.Ask, 101.0, 7)); // second level: touch unchanged
        Assert.Equal(7, book.SizeAt(BookSide.Ask, 101.0));
        Assert.False(book.Apply(BookSide.Ask, 101.5, 0)); // removing a level that is not there changes nothing
        Assert.Equal(3, book.AskCount);
        Assert.Equal(0, book.SizeAt(BookSide.Bid, 100.0));
    }

    [Fact]
    public void Size_through_a_price_sums_the_levels_at_or_better_than_it()
    {
        OrderBook book = ThreeByThree();
        Assert.Equal(3 + 2, book.SizeThrough(BookSide.Bid, 99.5));
        Assert.Equal(3 + 2, book.SizeThrough(BookSide.Bid, 99.2)); // between levels: only the better ones
        Assert.Equal(0, book.SizeThrough(BookSide.Bid, 100.1));
        Assert.Equal(1 + 4 + 6, book.SizeThrough(BookSide.Ask, 200));
    }

    [Fact]
    public void Walking_the_asks_for_a_quantity_gives_the_last_price_and_the_average()
    {
        OrderBook book = ThreeByThree();
        // 7 lots: 1 at 100.5, 4 at 101.0, 2 at 102.0 → (100.5 + 404 + 204) / 7 = 708.5 / 7.
        Assert.Equal(102.0, book.PriceToFill(BookSide.Ask, 7));
        Assert.Equal(708.5 / 7, book.AveragePriceToFill(BookSide.Ask, 7), 12);
        // Exactly the best level.
        Assert.Equal(100.5, book.AveragePriceToFill(BookSide.Ask, 1));
        // Selling 4 into the bids: 3 at 100, 1 at 99.5 → 399.5 / 4.
        Assert.Equal(99.875, book.AveragePriceToFill(BookSide.Bid, 4));
        // More than the side holds (1 + 4 + 6 = 11).
        Assert.True(double.IsNaN(book.PriceToFill(BookSide.Ask, 11.5)));
        Assert.True(double.IsNaN(book.AveragePriceToFill(BookSide.Ask, 11.5)));
    }

    [Fact]
    public void A_level_through_the_other_side_removes_the_stale_levels_it_crosses()
    {
        OrderBook book = ThreeByThree();
        // A bid at 101.0 crosses asks 100.5 and 101.0; 102.0 stays.
        Assert.True(book.Apply(BookSide.Bid, 101.0, 2));
        Assert.Equal((101.0, 102.0), (book.BestBid, book.BestAsk));
        Assert.Equal(1, book.AskCount);
        Assert.Equal(4, book.BidCount);
    }

    [Fact]
    public void An_empty_book_reports_nan_prices_and_zero_sizes()
    {
        var book = new OrderBook(3);
        Assert.Equal(3, book.SymbolId);
        Assert.False(book.IsTwoSided);
        Assert.True(double.IsNaN(book.BestBid) && double.IsNaN(book.BestAsk) && double.IsNaN(book.Mid));
        Assert.Equal((0.0, 0.0), (book.BestBidSize, book.BestAskSize));
        Assert.Throws<ArgumentOutOfRangeException>(() => book.Level(BookSide.Bid, -1));
    }

    [Fact]
    public void Random_updates_agree_with_a_sorted_dictionary_book()
    {
        var rng = new Random(7);
        var book = new OrderBook(0);
        var bids = new SortedDictionary<int, double>();
        var asks = new SortedDictionary<int, double>();
        for (int step = 0; step < 20_000; step++)
        {
            // Bids at ticks 0..99, asks at 100..199, so the reference never needs the crossing rule.
            bool bid = rng.Next(2) == 0;
            int tick = bid ? rng.Next(100) : 100 + rng.Next(100);
            double size = rng.Next(4) == 0 ? 0 : rng.Next(1, 50);
            var side = bid ? bids : asks;
            if (size == 0) side.Remove(tick);
            else side[tick] = size;
            book.Apply(bid ? BookSide.Bid : BookSide.Ask, tick * 0.5, size);

            if (step % 97 != 0) continue;
            int[] bidTicks = bids.Keys.Reverse().ToArray(), askTicks = asks.Keys.ToArray();
            Assert.Equal(bidTicks.Length, book.BidCount);
            Assert.Equal(askTicks.Length, book.AskCount);
            for (int i = 0; i < bidTicks.Length; i++) Assert.Equal(new BookLevel(bidTicks[i] * 0.5, bids[bidTicks[i]]), book.Level(BookSide.Bid, i));
            for (int i = 0; i < askTicks.Length; i++) Assert.Equal(new BookLevel(askTicks[i] * 0.5, asks[askTicks[i]]), book.Level(BookSide.Ask, i));
            double through = asks.Where(kv => kv.Key <= 150).Sum(kv => kv.Value);
            Assert.Equal(through, book.SizeThrough(BookSide.Ask, 75.0));
        }
    }

    [Fact]
    public void Updates_after_warm_up_allocate_nothing()
    {
        var book = new OrderBook(0);
        for (int i = 0; i < 64; i++) { book.Apply(BookSide.Bid, 100 - i, 1); book.Apply(BookSide.Ask, 101 + i, 1); }
        book.Clear();
        long before = GC.GetAllocatedBytesForCurrentThread();
        double sink = 0;
        for (int i = 0; i < 100_000; i++)
        {
            int k = i & 63;
            book.Apply(BookSide.Bid, 100 - k, (i & 3) == 0 ? 0 : 1 + k);
            book.Apply(BookSide.Ask, 101 + k, (i & 5) == 0 ? 0 : 1 + k);
            sink += book.BestBid + book.Level(BookSide.Ask, 2).Size + book.SizeThrough(BookSide.Bid, 90) + book.AveragePriceToFill(BookSide.Ask, 3);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.False(double.IsInfinity(sink));
        Assert.Equal(0, allocated);
    }
}
