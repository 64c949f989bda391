using System;

namespace Backtester.Data;

/// <summary>
/// What the venue's FIFO queue model needs of each L2 row derived from market-by-order data, aligned with the rows of
/// <see cref="MarketByOrderColumns.Book"/>: the one exchange order the row changed, as its queue priority (the L3 row
/// that put it at its place in the queue: its add, or the modify that sent it to the back), the change of its size at
/// the row's price (negative for cancels, reductions and executions) and whether the change was an execution. A row
/// with the priority <see cref="NotAnOrder"/> did not come from market-by-order data (an L2 row merged in from another
/// file) and the venue's FIFO seam skips it; a row with change 0 only tells the venue how far the queue's priorities
/// have come (the snapshot that opens a <see cref="MarketData.Between"/> slice).
/// </summary>
internal sealed class OrderQueueFeed(ReadOnlyMemory<long> priorities, ReadOnlyMemory<double> changes, ReadOnlyMemory<bool> executions)
{
    /// <summary>Per L2 row: the queue priority of the order it changed (smaller is earlier in the queue).</summary>
    public ReadOnlyMemory<long> Priorities { get; } = priorities;

    /// <summary>Per L2 row: the change of that order's size at the row's price.</summary>
    public ReadOnlyMemory<double> Changes { get; } = changes;

    /// <summary>Per L2 row: true when the change was an execution (a trade against the order).</summary>
    public ReadOnlyMemory<bool> Executions { get; } = executions;

    /// <summary>The priority of a row that is not an L3 row (an L2 row merged in from another file): the FIFO seam skips it.</summary>
    public const long NotAnOrder = -1;

    /// <summary>The feed of rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>), as a view.</summary>
    public OrderQueueFeed Slice(int start, int length) =>
        new(Priorities.Slice(start, length), Changes.Slice(start, length), Executions.Slice(start, length));
}
