using System;
using System.Collections.Generic;
using System.Linq;
using Backtester.Data;
using Xunit;

namespace Backtester.Engine.Tests.Depth;

public class SyntheticBookTests
{
    /// <summary>A book kept with sorted dictionaries, independent of <see cref="OrderBook"/>.</summary>
    private sealed class ReferenceBook
    {
        public readonly SortedDictionary<double, double> Bids = new(), Asks = new();

        public void Apply(BookSide side, double price, double size)
        {
            var levels = side == BookSide.Bid ? Bids : Asks;
            if (size == 0) levels.Remove(price);
            else levels[price] = size;
        }

        public double BestBid => Bids.Keys.Max();
        public double BestAsk => Asks.Keys.Min();
    }

    [Fact]
    public void The_market_never_crosses_keeps_its_depth_and_trades_at_the_touch()
    {
        var options = new SyntheticBookOptions { Steps = 30_000, Symbols = 3, Levels = 5, Seed = 11 };
        MarketData data = SyntheticBook.Generate(options);
        BookColumns b = data.Book;
        TradeColumns t = data.Trades;
        var books = new[] { new ReferenceBook(), new ReferenceBook(), new ReferenceBook() };
        ReadOnlySpan<long> ts = b.Timestamps.Span;
        int trade = 0, tradesChecked = 0;
        for (int i = 0; i < b.Count; i++)
        {
            // Trades stamped before this update saw the book as it was: check them first.
            for (; trade < t.Count && t.Timestamps.Span[trade] < ts[i]; trade++, tradesChecked++) CheckTrade(t[trade], books[t[trade].SymbolId]);
            int s = b.SymbolIds.Span[i];
            if ((b.Flags.Span[i] & BookUpdateFlags.Reset) != 0) { books[s].Bids.Clear(); books[s].Asks.Clear(); }
            Assert.True(b.Sizes.Span[i] >= 0);
            books[s].Apply(b.Sides.Span[i], b.Prices.Span[i], b.Sizes.Span[i]);
            bool endOfBatch = i + 1 == b.Count || ts[i + 1] != ts[i] || b.SymbolIds.Span[i + 1] != s;
            if (!endOfBatch || ts[i] == options.StartTime) continue;
            ReferenceBook r = books[s];
            Assert.True(r.BestBid < r.BestAsk, $"row {i}: bid {r.BestBid} not below ask {r.BestAsk}");
            Assert.Equal((5, 5), (r.Bids.Count, r.Asks.Count));
        }
        Assert.True(tradesChecked > 5_000, $"expected thousands of trades, checked {tradesChecked}");
        Assert.InRange(b.Count, 30_000, 3 * 30_000 + 30);
    }

    private static void CheckTrade(Trade trade, ReferenceBook book)
    {
        double touch = trade.Aggressor == Side.Buy ? book.BestAsk : book.BestBid;
        var levels = trade.Aggressor == Side.Buy ? book.Asks : book.Bids;
        Assert.Equal(touch, trade.Price);
        Assert.InRange(trade.Size, 1, levels[touch]);
    }

    [Fact]
    public void The_same_seed_gives_the_same_market_and_another_seed_another()
    {
        var o = new SyntheticBookOptions { Steps = 2_000, Seed = 5 };
        MarketData a = SyntheticBook.Generate(o), b = SyntheticBook.Generate(o), c = SyntheticBook.Generate(o with { Seed = 6 });
        Assert.Equal(a.Book.Prices.ToArray(), b.Book.Prices.ToArray());
        Assert.Equal(a.Book.Sizes.ToArray(), b.Book.Sizes.ToArray());
        Assert.Equal(a.Trades.Prices.ToArray(), b.Trades.Prices.ToArray());
        Assert.NotEqual(a.Book.Sizes.ToArray(), c.Book.Sizes.ToArray());
    }

    [Fact]
    public void The_opening_snapshot_has_the_configured_levels_one_tick_apart()
    {
        MarketData data = SyntheticBook.Generate(new SyntheticBookOptions { Steps = 0, Levels = 3, TickSize = 0.5 });
        Assert.Equal(6, data.Book.Count);
        // Mid 10,000 ticks = 5,000: bids 4999.5, 4999, 4998.5 and asks 5000.5, 5001, 5001.5, interleaved.
        Assert.Equal(new[] { 4999.5, 5000.5, 4999, 5001, 4998.5, 5001.5 }, data.Book.Prices.ToArray());
        Assert.Equal(BookUpdateFlags.Reset | BookUpdateFlags.Snapshot, data.Book.Flags.Span[0]);
        Assert.All(data.Book.Flags.ToArray()[1..], f => Assert.Equal(BookUpdateFlags.Snapshot, f));
    }

    [Fact]
    public void Invalid_options_are_named()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticBook.Generate(new SyntheticBookOptions { IntervalNs = 1 }));
        Assert.Equal("IntervalNs", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticBook.Generate(new SyntheticBookOptions { TradeShare = 0.8, CancelShare = 0.3 }));
        Assert.Equal("TradeShare", e.ParamName);
    }
}
