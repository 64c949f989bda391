using System;
using Backtester.Data;

namespace Backtester;

public sealed partial class MarketData
{
    /// <summary>
    /// The events with timestamps in [<paramref name="fromNs"/>, <paramref name="toNs"/>): views over this data's columns
    /// (found by binary search, nothing copied or validated again), sharing its symbol table. The slice does not own the
    /// memory: keep this data (and its file mapping) alive while the slice is used; disposing the slice does nothing.
    /// Funding settlements and mark prices in the range come along, and so do book updates: those in the range, preceded by the book each
    /// symbol had just before <paramref name="fromNs"/> as a snapshot stamped <paramref name="fromNs"/> (decision 0068), so a
    /// run over the slice sees the levels the data set before it. Book data is copied (the snapshot rows, then the range's
    /// rows); the other kinds are views.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="toNs"/> is before <paramref name="fromNs"/>.</exception>
    public MarketData Between(long fromNs, long toNs)
    {
        if (toNs < fromNs) throw new ArgumentOutOfRangeException(nameof(toNs), toNs, $"The end {toNs} is before the start {fromNs}.");
        int n = Symbols.Count;
        TradeColumns t = Trades;
        (int ts, int tl) = Range(t.Timestamps.Span, fromNs, toNs);
        var trades = new TradeColumns(t.Source, n, t.Timestamps.Slice(ts, tl), t.SymbolIds.Slice(ts, tl), t.Prices.Slice(ts, tl), t.Sizes.Slice(ts, tl),
            t.Aggressors.Slice(ts, tl), checkRows: false);
        QuoteColumns q = Quotes;
        (int qs, int ql) = Range(q.Timestamps.Span, fromNs, toNs);
        QuoteColumns? quotes = q.Count == 0 ? null : new QuoteColumns(q.Source, n, q.Timestamps.Slice(qs, ql), q.SymbolIds.Slice(qs, ql),
            q.BidPrices.Slice(qs, ql), q.BidSizes.Slice(qs, ql), q.AskPrices.Slice(qs, ql), q.AskSizes.Slice(qs, ql), checkRows: false);
        BarColumns b = Bars;
        (int bs, int bl) = Range(b.Timestamps.Span, fromNs, toNs);
        BarColumns? bars = b.Count == 0 ? null : new BarColumns(b.Source, n, b.Timestamps.Slice(bs, bl), b.SymbolIds.Slice(bs, bl),
            b.Open.Slice(bs, bl), b.High.Slice(bs, bl), b.Low.Slice(bs, bl), b.Close.Slice(bs, bl), b.Volume.Slice(bs, bl), checkRows: false);
        var slice = new MarketData(Symbols, trades, quotes, bars) { Book = Book.Count == 0 ? BookColumns.Empty : BookBetween(Book, n, fromNs, toNs) };
        MarkPriceColumns m = MarkPrices;
        if (m.Count != 0)
        {
            (int ms, int ml) = Range(m.Timestamps.Span, fromNs, toNs);
            slice = slice.WithMarkPrices(m.Slice(ms, ml));
        }
        FundingColumns f = Funding;
        if (f.Count == 0) return slice;
        (int fs, int fl) = Range(f.Timestamps.Span, fromNs, toNs);
        return slice.WithFunding(f.Slice(fs, fl)); // the settlements due within the slice, so a window pays what it holds through
    }

    /// <summary>
    /// The book updates of [from, to): the books rebuilt from every row before <paramref name="from"/> (with the replay's
    /// own <see cref="OrderBook"/>, so crossing levels are dropped as the replay drops them), each non-empty one written as a
    /// snapshot at <paramref name="from"/> (bids best first, then asks; the first row <c>Reset | Snapshot</c>), then the
    /// range's rows as they are. Without rows before the range, a view.
    /// </summary>
    private static BookColumns BookBetween(BookColumns c, int symbolCount, long from, long to)
    {
        (int start, int length) = Range(c.Timestamps.Span, from, to);
        if (start == 0)
            return new BookColumns(c.Source, symbolCount, c.Timestamps.Slice(0, length), c.SymbolIds.Slice(0, length), c.Sides.Slice(0, length),
                c.Prices.Slice(0, length), c.Sizes.Slice(0, length), c.Flags.Slice(0, length), checkRows: false)
            {
                Queue = c.Queue?.Slice(0, length),
            };
        ReadOnlySpan<int> sym = c.SymbolIds.Span;
        ReadOnlySpan<BookSide> side = c.Sides.Span;
        ReadOnlySpan<double> px = c.Prices.Span, sz = c.Sizes.Span;
        ReadOnlySpan<BookUpdateFlags> flags = c.Flags.Span;
        var books = new OrderBook?[symbolCount];
        for (int i = 0; i < start; i++)
        {
            OrderBook book = books[sym[i]] ??= new OrderBook(sym[i]);
            if ((flags[i] & BookUpdateFlags.Reset) != 0) book.Clear();
            book.Apply(side[i], px[i], sz[i]);
        }
        int levels = 0;
        foreach (OrderBook? book in books) levels += book is null ? 0 : book.BidCount + book.AskCount;
        int rows = levels + length;
        var ts = new long[rows];
        var ids = new int[rows];
        var sides = new BookSide[rows];
        var prices = new double[rows];
        var sizes = new double[rows];
        var marks = new BookUpdateFlags[rows];
        int r = 0;
        foreach (OrderBook? book in books)
        {
            if (book is null || book.BidCount + book.AskCount == 0) continue;
            int first = r;
            foreach (BookSide s in (ReadOnlySpan<BookSide>)[BookSide.Bid, BookSide.Ask])
                for (int k = 0; k < book.LevelCount(s); k++, r++)
                {
                    BookLevel level = book.Level(s, k);
                    (ts[r], ids[r], sides[r], prices[r], sizes[r], marks[r]) =
                        (from, book.SymbolId, s, level.Price, level.Size, r == first ? BookUpdateFlags.Reset | BookUpdateFlags.Snapshot : BookUpdateFlags.Snapshot);
                }
        }
        c.Timestamps.Span.Slice(start, length).CopyTo(ts.AsSpan(r));
        sym.Slice(start, length).CopyTo(ids.AsSpan(r));
        side.Slice(start, length).CopyTo(sides.AsSpan(r));
        px.Slice(start, length).CopyTo(prices.AsSpan(r));
        sz.Slice(start, length).CopyTo(sizes.AsSpan(r));
        flags.Slice(start, length).CopyTo(marks.AsSpan(r));
        return new BookColumns(c.Source, symbolCount, ts, ids, sides, prices, sizes, marks, checkRows: false)
        {
            Queue = c.Queue is null ? null : FeedBetween(c.Queue, start, length, r),
        };
    }

    /// <summary>
    /// The market-by-order feed of a slice whose first <paramref name="snapshotRows"/> rows are the opening snapshot: those
    /// change no order and carry the largest priority before the slice, so every exchange order resting at its start stays
    /// ahead of an order of ours placed in it; then the range's rows as they are (decision 0067).
    /// </summary>
    private static OrderQueueFeed FeedBetween(OrderQueueFeed feed, int start, int length, int snapshotRows)
    {
        ReadOnlySpan<long> before = feed.Priorities.Span[..start];
        long reached = OrderQueueFeed.NotAnOrder;
        foreach (long p in before) reached = Math.Max(reached, p);
        var priorities = new long[snapshotRows + length];
        var changes = new double[snapshotRows + length];
        var executions = new bool[snapshotRows + length];
        priorities.AsSpan(0, snapshotRows).Fill(reached);
        feed.Priorities.Span.Slice(start, length).CopyTo(priorities.AsSpan(snapshotRows));
        feed.Changes.Span.Slice(start, length).CopyTo(changes.AsSpan(snapshotRows));
        feed.Executions.Span.Slice(start, length).CopyTo(executions.AsSpan(snapshotRows));
        return new OrderQueueFeed(priorities, changes, executions);
    }

    /// <summary>Start and length of the rows of time-ordered <paramref name="timestamps"/> in [from, to).</summary>
    private static (int Start, int Length) Range(ReadOnlySpan<long> timestamps, long from, long to)
    {
        int start = LowerBound(timestamps, from);
        return (start, LowerBound(timestamps, to) - start);
    }

    /// <summary>The first row whose timestamp is at or after <paramref name="time"/>.</summary>
    internal static int LowerBound(ReadOnlySpan<long> timestamps, long time)
    {
        int lo = 0, hi = timestamps.Length;
        while (lo < hi)
        {
            int mid = lo + (hi - lo) / 2;
            if (timestamps[mid] < time) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
