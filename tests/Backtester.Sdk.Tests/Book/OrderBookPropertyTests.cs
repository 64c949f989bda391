using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using Xunit;

namespace Backtester.Sdk.Tests.Book;

/// <summary>
/// The book against a second implementation written the plain way: two sorted dictionaries of tick → size, the crossing
/// rule applied by a loop. Books of up to about 30 levels a side, so both ways <c>PriceLevels</c> finds a level (counting
/// the keys below it in books of up to 16 levels, scanning and bisecting deeper ones) and the step between them are
/// crossed many times; prices land on and between levels, on the best and through the other side.
/// </summary>
public class OrderBookPropertyTests
{
    private sealed record Update(bool Bid, int Tick, int Size);

    private static readonly Gen<Update[]> Feeds =
        from width in Gen.Int[4, 40]
        from updates in Gen.Select(Gen.Bool, Gen.Int[0, 40], Gen.Int[0, 5]).Array[1, 400]
        select updates.Select(u => new Update(u.Item1, Math.Min(u.Item2, width), u.Item3)).ToArray();

    [Fact]
    public void Every_update_leaves_the_levels_and_reports_the_touch_as_a_sorted_dictionary_book_does()
    {
        Feeds.Sample(feed =>
        {
            var book = new OrderBook(0);
            var bids = new SortedDictionary<int, double>(); // tick → size
            var asks = new SortedDictionary<int, double>();
            foreach (Update u in feed)
            {
                // A size of 0 removes the level; sizes 1..5 are 0.5 lots apart.
                double size = u.Size * 0.5;
                double price = u.Tick * 0.25;
                bool expectedTouch = ApplyToReference(u.Bid ? bids : asks, u.Bid ? asks : bids, u.Bid, u.Tick, size);

                bool touched = book.Apply(u.Bid ? BookSide.Bid : BookSide.Ask, price, size);

                Assert.Equal(expectedTouch, touched);
                AssertSame(bids, asks, book);
            }
        });
    }

    /// <summary>
    /// The update on the plain book; returns whether it concerned either best level: it set or removed the best level,
    /// or placed one better than it (or on an empty side), or removed levels of the other side that it crossed.
    /// </summary>
    private static bool ApplyToReference(SortedDictionary<int, double> own, SortedDictionary<int, double> other, bool bid, int tick, double size)
    {
        int? best = own.Count == 0 ? null : bid ? own.Keys.Max() : own.Keys.Min();
        bool touched = best == tick && own.ContainsKey(tick)
            || size != 0 && (best is null || (bid ? tick > best : tick < best));
        if (size == 0) own.Remove(tick);
        else own[tick] = size;
        if (size == 0) return touched;
        // The other side's levels at or through the new level are stale: an exchange book does not cross.
        int[] crossed = other.Keys.Where(k => bid ? k <= tick : k >= tick).ToArray();
        foreach (int k in crossed) other.Remove(k);
        return touched | crossed.Length != 0;
    }

    private static void AssertSame(SortedDictionary<int, double> bids, SortedDictionary<int, double> asks, OrderBook book)
    {
        int[] bidTicks = bids.Keys.Reverse().ToArray(), askTicks = asks.Keys.ToArray();
        Assert.Equal(bidTicks.Length, book.BidCount);
        Assert.Equal(askTicks.Length, book.AskCount);
        for (int i = 0; i < bidTicks.Length; i++) Assert.Equal(new BookLevel(bidTicks[i] * 0.25, bids[bidTicks[i]]), book.Level(BookSide.Bid, i));
        for (int i = 0; i < askTicks.Length; i++) Assert.Equal(new BookLevel(askTicks[i] * 0.25, asks[askTicks[i]]), book.Level(BookSide.Ask, i));
        foreach (int t in Enumerable.Range(0, 41))
        {
            Assert.Equal(bids.GetValueOrDefault(t), book.SizeAt(BookSide.Bid, t * 0.25));
            Assert.Equal(asks.GetValueOrDefault(t), book.SizeAt(BookSide.Ask, t * 0.25));
        }
    }

    [Theory]
    [InlineData((sbyte)0)]
    [InlineData((sbyte)2)]
    [InlineData((sbyte)-2)]
    public void A_side_that_is_neither_bid_nor_ask_is_refused_and_changes_nothing(sbyte side)
    {
        var book = new OrderBook(0);
        book.Apply(BookSide.Bid, 99, 1);
        book.Apply(BookSide.Ask, 101, 2);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => book.Apply((BookSide)side, 100, 3));

        Assert.Equal("side", e.ParamName);
        Assert.Equal((1, 1), (book.BidCount, book.AskCount));
        Assert.Equal((99.0, 101.0), (book.BestBid, book.BestAsk));
    }
    [Theory]
    [InlineData((sbyte)0)]
    [InlineData((sbyte)2)]
    [InlineData((sbyte)-2)]
    [InlineData(sbyte.MinValue)]
    [InlineData(sbyte.MaxValue)]
    public void Every_read_refuses_a_side_that_is_neither_bid_nor_ask_as_Apply_does(sbyte side)
    {
        // Reads used to take any side but Bid for the asks: LevelCount((BookSide)0) answered 1 here (the one ask).
        var book = new OrderBook(0);
        book.Apply(BookSide.Bid, 99, 1);
        book.Apply(BookSide.Ask, 101, 2);
        var bad = (BookSide)side;
        Action[] reads =
        [
            () => book.LevelCount(bad),
            () => book.Level(bad, 0),
            () => book.SizeAt(bad, 101),
            () => book.SizeThrough(bad, 101),
            () => book.PriceToFill(bad, 1),
            () => book.AveragePriceToFill(bad, 1),
        ];
        foreach (Action read in reads)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(read);
            Assert.Equal("side", e.ParamName);
            Assert.Equal(bad, e.ActualValue);
            Assert.Contains(side.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message); // names the value
        }
    }
}
