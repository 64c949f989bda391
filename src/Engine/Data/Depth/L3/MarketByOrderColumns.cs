using System;
using System.Collections.Generic;

namespace Backtester.Data;

/// <summary>
/// Market-by-order (L3) data as columns, in time order: per row an exchange order id, a side, a price, a size and what
/// happened to the order (<see cref="MarketByOrderAction"/>). The constructor checks every row and the life of every
/// order (an add of an id already in the book, a modify, cancel or execute of one that is not, an execution larger than
/// what the order has left, a price that is not the order's, a book that would cross) and derives the L2 book updates
/// the replay applies (<see cref="Book"/>: the new total size of each level an order changed), so a strategy reads the
/// aggregate book and the venue's FIFO queue model follows the orders themselves (docs/execution.md, "L3 FIFO").
/// Read-only and shared by every run of a sweep.
/// </summary>
public sealed class MarketByOrderColumns
{
    /// <summary>Wraps the columns (not copied) after validating them, and derives <see cref="Book"/>.</summary>
    /// <param name="source">Name of the data source, used in error messages.</param>
    /// <param name="symbolCount">Number of symbols; every symbol id must be below it.</param>
    /// <param name="timestamps">Nanoseconds since the Unix epoch, UTC, non-decreasing.</param>
    /// <param name="symbolIds">Symbol ids.</param>
    /// <param name="orderIds">Exchange order ids, unique per symbol among the orders in the book.</param>
    /// <param name="sides">Bid or Ask.</param>
    /// <param name="prices">Positive finite prices.</param>
    /// <param name="sizes">The added or new size (add, modify), the executed size (execute), any non-negative size (cancel).</param>
    /// <param name="actions">What each row does.</param>
    /// <exception cref="MarketDataException">A row is invalid; the message names the row, the column and what is wrong.</exception>
    public MarketByOrderColumns(string source, int symbolCount, ReadOnlyMemory<long> timestamps, ReadOnlyMemory<int> symbolIds,
        ReadOnlyMemory<long> orderIds, ReadOnlyMemory<BookSide> sides, ReadOnlyMemory<double> prices, ReadOnlyMemory<double> sizes,
        ReadOnlyMemory<MarketByOrderAction> actions)
        : this(source, symbolCount, timestamps, symbolIds, orderIds, sides, prices, sizes, actions, lines: default)
    {
    }

    /// <summary>As the public constructor; <paramref name="lines"/>, when given, is each row's line in its file, for error messages.</summary>
    internal MarketByOrderColumns(string source, int symbolCount, ReadOnlyMemory<long> timestamps, ReadOnlyMemory<int> symbolIds,
        ReadOnlyMemory<long> orderIds, ReadOnlyMemory<BookSide> sides, ReadOnlyMemory<double> prices, ReadOnlyMemory<double> sizes,
        ReadOnlyMemory<MarketByOrderAction> actions, ReadOnlyMemory<long> lines)
    {
        ArgumentNullException.ThrowIfNull(source);
        int n = timestamps.Length;
        ColumnChecks.SameLength(source, n, MarketByOrderSchema.SymbolId, symbolIds.Length);
        ColumnChecks.SameLength(source, n, MarketByOrderSchema.OrderId, orderIds.Length);
        ColumnChecks.SameLength(source, n, MarketByOrderSchema.Side, sides.Length);
        ColumnChecks.SameLength(source, n, MarketByOrderSchema.Price, prices.Length);
        ColumnChecks.SameLength(source, n, MarketByOrderSchema.Size, sizes.Length);
        ColumnChecks.SameLength(source, n, MarketByOrderSchema.Action, actions.Length);
        ColumnChecks.TimeOrdered(source, timestamps.Span);
        ColumnChecks.SymbolIds(source, symbolCount, symbolIds.Span);
        ColumnChecks.Positive(source, MarketByOrderSchema.Price, prices.Span);
        ColumnChecks.NonNegative(source, MarketByOrderSchema.Size, sizes.Span);
        Source = source;
        SymbolCount = symbolCount;
        Timestamps = timestamps;
        SymbolIds = symbolIds;
        OrderIds = orderIds;
        Sides = sides;
        Prices = prices;
        Sizes = sizes;
        Actions = actions;
        Book = MarketByOrderReplay.Derive(this, lines.Span);
    }

    /// <summary>Name of the data source.</summary>
    public string Source { get; }

    /// <summary>Number of symbols the ids index.</summary>
    public int SymbolCount { get; }

    /// <summary>Number of rows.</summary>
    public int Count => Timestamps.Length;

    /// <summary>Event times, ns since the Unix epoch, UTC.</summary>
    public ReadOnlyMemory<long> Timestamps { get; }

    /// <summary>Symbol ids.</summary>
    public ReadOnlyMemory<int> SymbolIds { get; }

    /// <summary>Exchange order ids.</summary>
    public ReadOnlyMemory<long> OrderIds { get; }

    /// <summary>The side of each order.</summary>
    public ReadOnlyMemory<BookSide> Sides { get; }

    /// <summary>Order prices (the new price of a modify).</summary>
    public ReadOnlyMemory<double> Prices { get; }

    /// <summary>Sizes: added, new (modify), executed (execute); not used by a cancel.</summary>
    public ReadOnlyMemory<double> Sizes { get; }

    /// <summary>What each row does.</summary>
    public ReadOnlyMemory<MarketByOrderAction> Actions { get; }

    /// <summary>
    /// The L2 book updates these rows make: one per row (two for a modify that moves the order to the back of its queue:
    /// the level without it, then with it), each the new total size of the level at the row's price, at the row's time.
    /// </summary>
    public BookColumns Book { get; }

    /// <summary>Market data holding these rows as the book updates they make (<see cref="Book"/>), for a backtest.</summary>
    /// <param name="symbols">The symbols the ids index.</param>
    public MarketData ToMarketData(SymbolTable symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (symbols.Count != SymbolCount)
            throw new ArgumentException($"expected {SymbolCount} symbols (the data's symbol count), got {symbols.Count}", nameof(symbols));
        return BookMarketData.Of(Source, symbols, Book);
    }
}
