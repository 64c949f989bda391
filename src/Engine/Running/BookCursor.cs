using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Backtester.Data;
using Backtester.Execution;
using Backtester.Infrastructure;

namespace Backtester;

/// <summary>
/// The replay's cursor over book updates: each <see cref="Deliver"/> applies its row to the symbol's
/// <see cref="OrderBook"/> (clearing it first on a reset row) and hands the update on, marked
/// <see cref="BookUpdateFlags.EndOfBatch"/> when the next row is for another symbol or time. Whether the batch moved
/// the touch is reported at its end, when the book is consistent again.
/// </summary>
internal ref struct BookCursor(BookColumns c, OrderBook[] books) : IEventSource
{
    private RowCursor _rows = new(c.Timestamps.Span);
    private readonly ReadOnlySpan<int> _symbol = c.SymbolIds.Span;
    // Data without book updates reads none of their columns: the spans of these enum columns are framework code with no
    // ReadyToRun code, which a fresh process would otherwise compile for nothing in its first run (decision 0112).
    private readonly ReadOnlySpan<BookSide> _side = c.Count == 0 ? default : c.Sides.Span;
    private readonly ReadOnlySpan<double> _price = c.Prices.Span, _size = c.Sizes.Span;
    private readonly ReadOnlySpan<BookUpdateFlags> _flags = c.Count == 0 ? default : c.Flags.Span;
    private readonly OrderBook[] _books = books;
    // Market-by-order data: the exchange order each row changed (empty for L2 data).
    private readonly ReadOnlySpan<long> _priority = c.Queue is null ? default : c.Queue.Priorities.Span;
    private readonly ReadOnlySpan<double> _change = c.Queue is null ? default : c.Queue.Changes.Span;
    private readonly ReadOnlySpan<bool> _execution = c.Queue is null ? default : c.Queue.Executions.Span;
    private bool _touched;

    public readonly bool HasNext => _rows.HasNext;

    public readonly long NextTime => _rows.NextTime;

    public readonly ReadOnlySpan<long> Times => _rows.Times;

    public int Row
    {
        readonly get => _rows.Row;
        set => _rows.Row = value;
    }

    /// <summary>
    /// Applies row <paramref name="i"/> (its time already read) and returns it as an update; <paramref name="touchChanged"/>
    /// is true at the end of a batch that changed the best bid or ask.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private BookUpdate Apply(int i, long time, out bool touchChanged)
    {
        int symbol = RowCursor.At(_symbol, i);
        BookSide side = RowCursor.At(_side, i);
        double price = RowCursor.At(_price, i), size = RowCursor.At(_size, i);
        BookUpdateFlags flags = RowCursor.At(_flags, i);
        OrderBook book = _books[symbol];
        if ((flags & BookUpdateFlags.Reset) != 0)
        {
            book.Clear();
            _touched = true;
        }
        _touched |= book.Apply(side, price, size);
        int next = i + 1;
        touchChanged = false;
        if (next == _rows.Times.Length || _rows.Times[next] != time || RowCursor.At(_symbol, next) != symbol)
        {
            flags |= BookUpdateFlags.EndOfBatch;
            touchChanged = _touched;
            _touched = false;
        }
        return new BookUpdate(time, symbol, side, price, size, flags, book);
    }

    public static bool IsMarketEvent => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Deliver<TDriver, TModels>(int row, long time, ref TDriver driver, Orders orders, RunParts<TModels> run)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        BookUpdate update = Apply(row, time, out bool touchChanged);
        if (!_priority.IsEmpty)
        {
            if (row == 0) run.Venue.StartOrderFeed(); // a new L3 table (segment): its priorities count from here
            long priority = _priority[row];
            if (priority != OrderQueueFeed.NotAnOrder) // an L2 row merged in from another file is not an order's
                run.Venue.ApplyOrderEvent(update.SymbolId, update.Side, update.Price, priority, _change[row], _execution[row]);
        }
        EventSteps.OnBook(in update, touchChanged, ref driver, orders, run);
    }
}
