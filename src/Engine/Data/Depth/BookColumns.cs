using System;

namespace Backtester.Data;

/// <summary>
/// L2 book updates as columns, in time order: per row a symbol, a side, a price and the level's new total size
/// (0 = level removed), and flags marking snapshot rows and book resets. Read-only and shared by every run of a sweep;
/// the constructor validates every row, so the replay can trust the data. Row order within a timestamp is kept: it is
/// the order the exchange's message listed the levels in.
/// </summary>
public sealed class BookColumns
{
    /// <summary>An empty book-update table.</summary>
    public static BookColumns Empty { get; } = new("none", 0, default, default, default, default, default, default, checkRows: false);

    /// <summary>Wraps the columns (not copied) after validating them.</summary>
    /// <param name="source">Name of the data source, used in error messages.</param>
    /// <param name="symbolCount">Number of symbols; every symbol id must be below it.</param>
    /// <param name="timestamps">Nanoseconds since the Unix epoch, UTC, non-decreasing.</param>
    /// <param name="symbolIds">Symbol ids.</param>
    /// <param name="sides">Bid or Ask.</param>
    /// <param name="prices">Positive finite level prices.</param>
    /// <param name="sizes">Non-negative finite new level sizes (0 removes the level).</param>
    /// <param name="flags"><see cref="BookUpdateFlags.Reset"/> and/or <see cref="BookUpdateFlags.Snapshot"/>, or none.</param>
    /// <exception cref="MarketDataException">A row is invalid; the message names the row and column.</exception>
    public BookColumns(string source, int symbolCount, ReadOnlyMemory<long> timestamps, ReadOnlyMemory<int> symbolIds, ReadOnlyMemory<BookSide> sides,
        ReadOnlyMemory<double> prices, ReadOnlyMemory<double> sizes, ReadOnlyMemory<BookUpdateFlags> flags)
        : this(source, symbolCount, timestamps, symbolIds, sides, prices, sizes, flags, checkRows: true)
    {
    }

    /// <summary>Wraps the columns; with <paramref name="checkRows"/> false only their lengths are checked (see <see cref="TradeColumns"/>).</summary>
    internal BookColumns(string source, int symbolCount, ReadOnlyMemory<long> timestamps, ReadOnlyMemory<int> symbolIds, ReadOnlyMemory<BookSide> sides,
        ReadOnlyMemory<double> prices, ReadOnlyMemory<double> sizes, ReadOnlyMemory<BookUpdateFlags> flags, bool checkRows)
    {
        ArgumentNullException.ThrowIfNull(source);
        int n = timestamps.Length;
        ColumnChecks.SameLength(source, n, BookSchema.SymbolId, symbolIds.Length);
        ColumnChecks.SameLength(source, n, BookSchema.Side, sides.Length);
        ColumnChecks.SameLength(source, n, BookSchema.Price, prices.Length);
        ColumnChecks.SameLength(source, n, BookSchema.Size, sizes.Length);
        ColumnChecks.SameLength(source, n, BookSchema.Flags, flags.Length);
        if (checkRows) Validate(source, symbolCount, timestamps.Span, symbolIds.Span, sides.Span, prices.Span, sizes.Span, flags.Span);
        Source = source;
        Timestamps = timestamps;
        SymbolIds = symbolIds;
        Sides = sides;
        Prices = prices;
        Sizes = sizes;
        Flags = flags;
    }

    /// <summary>Name of the data source.</summary>
    public string Source { get; }

    /// <summary>Number of updates.</summary>
    public int Count => Timestamps.Length;

    /// <summary>Event times, ns since the Unix epoch, UTC.</summary>
    public ReadOnlyMemory<long> Timestamps { get; }

    /// <summary>Symbol ids.</summary>
    public ReadOnlyMemory<int> SymbolIds { get; }

    /// <summary>The side of each level.</summary>
    public ReadOnlyMemory<BookSide> Sides { get; }

    /// <summary>Level prices.</summary>
    public ReadOnlyMemory<double> Prices { get; }

    /// <summary>New level sizes; 0 removes the level.</summary>
    public ReadOnlyMemory<double> Sizes { get; }

    /// <summary>Reset and snapshot markers.</summary>
    public ReadOnlyMemory<BookUpdateFlags> Flags { get; }

    /// <summary>
    /// When the updates were derived from market-by-order data (<see cref="MarketByOrderColumns.Book"/>), the exchange
    /// order each row changed, for the venue's FIFO queue model; null for L2 data. A table built from these columns
    /// (a slice, a copy) does not carry it and replays as L2.
    /// </summary>
    internal OrderQueueFeed? Queue { get; init; }

    /// <summary>
    /// The market-by-order rows these updates were derived from, all of them (<see cref="MarketByOrderColumns.Book"/>);
    /// null for L2 data and for a slice or merge of L3 data, whose rows are not the file's. A writer writes these rows
    /// rather than the derived L2 updates, so the order feed survives a conversion.
    /// </summary>
    internal MarketByOrderColumns? OrderRows { get; init; }

    /// <summary>The time of the first update, <see cref="long.MaxValue"/> when there is none.</summary>
    internal long FirstTime => Count > 0 ? Timestamps.Span[0] : long.MaxValue;

    /// <summary>The time of the last update, <see cref="long.MinValue"/> when there is none.</summary>
    internal long LastTime => Count > 0 ? Timestamps.Span[Count - 1] : long.MinValue;

    /// <summary>
    /// The columns of a book file (Arrow or Parquet) after the checks every book file gets: a symbol's rows must not go
    /// back in time (unless <see cref="MarketDataReadOptions.SortIfUnordered"/>; rows out of order across symbols are
    /// stable-sorted, which keeps each exchange message's rows in order), then every row's values (the public constructor's
    /// checks). Each failure is a <see cref="MarketDataException"/> naming the source, the row and the column. <c>sorted</c>
    /// is true when the rows were reordered into new arrays (so they no longer view the file's memory).
    /// </summary>
    internal static BookColumns FromFile(string source, int symbolCount, ReadOnlyMemory<long> ts, ReadOnlyMemory<int> sym, ReadOnlyMemory<BookSide> side,
        ReadOnlyMemory<double> px, ReadOnlyMemory<double> sz, ReadOnlyMemory<BookUpdateFlags> flags, MarketDataReadOptions options, out bool sorted)
    {
        sorted = false;
        if (!EventOrder.IsSorted(ts.Span))
        {
            ColumnChecks.SameLength(source, ts.Length, BookSchema.SymbolId, sym.Length);
            long bad = EventOrder.FirstBackwardsWithinSymbol(ts.Span, sym.Span, symbolCount);
            if (bad >= 0 && !options.SortIfUnordered)
                throw new MarketDataException(source, bad, BookSchema.Timestamp, EventOrder.BackwardsProblem(ts.Span, sym.Span, (int)bad), MarketDataRemedy.SortIfUnordered);
            SortByTime(ref ts, ref sym, ref side, ref px, ref sz, ref flags);
            sorted = true;
        }
        return new BookColumns(source, symbolCount, ts, sym, side, px, sz, flags);
    }

    /// <summary>
    /// Puts the six columns of book rows in time order, into new arrays. The sort is stable, so a symbol's rows at one
    /// timestamp (one exchange message) keep their order.
    /// </summary>
    internal static void SortByTime(ref ReadOnlyMemory<long> ts, ref ReadOnlyMemory<int> sym, ref ReadOnlyMemory<BookSide> side,
        ref ReadOnlyMemory<double> px, ref ReadOnlyMemory<double> sz, ref ReadOnlyMemory<BookUpdateFlags> flags)
    {
        int[] order = EventOrder.StableSortByTime(ts.Span);
        ts = EventOrder.Gather(ts.Span, order);
        sym = EventOrder.Gather(sym.Span, order);
        side = EventOrder.Gather(side.Span, order);
        px = EventOrder.Gather(px.Span, order);
        sz = EventOrder.Gather(sz.Span, order);
        flags = EventOrder.Gather(flags.Span, order);
    }

    private static void Validate(string source, int symbolCount, ReadOnlySpan<long> ts, ReadOnlySpan<int> sym, ReadOnlySpan<BookSide> side,
        ReadOnlySpan<double> px, ReadOnlySpan<double> sz, ReadOnlySpan<BookUpdateFlags> flags)
    {
        ColumnChecks.TimeOrdered(source, ts);
        ColumnChecks.SymbolIds(source, symbolCount, sym);
        ColumnChecks.Positive(source, BookSchema.Price, px);
        ColumnChecks.NonNegative(source, BookSchema.Size, sz);
        for (int i = 0; i < side.Length; i++)
            if (side[i] != BookSide.Bid && side[i] != BookSide.Ask)
                throw new MarketDataException(source, i, BookSchema.Side, $"expected Bid (1) or Ask (-1), got {(sbyte)side[i]}");
        for (int i = 0; i < flags.Length; i++)
            if ((flags[i] & ~BookSchema.StoredFlags) != 0)
                throw new MarketDataException(source, i, BookSchema.Flags, $"expected 0 (update), 1 (reset), 2 (snapshot) or 3 (reset, first row of a snapshot), got {(byte)flags[i]}");
    }
}
