using System;
using Backtester.Execution;
using Backtester.Infrastructure;

namespace Backtester;

/// <summary>
/// One kind of event in the replay's merge (<see cref="EventMerge"/>): a cursor over that kind's columns, already in
/// time order, that delivers its next event through the kind's steps (<see cref="EventSteps"/>). Implemented by the
/// <c>ref struct</c> cursors, and only used as a constraint of generic methods specialized per cursor and driver, so
/// every call is direct and inlinable: no boxing, no interface dispatch.
/// </summary>
internal interface IEventSource
{
    /// <summary>Whether the cursor has an event left.</summary>
    bool HasNext { get; }

    /// <summary>The time of the next event; long.MaxValue past the end.</summary>
    long NextTime { get; }

    /// <summary>
    /// Whether the kind's events count as market events: the last one's time is the segment's end, up to which timers
    /// fire (funding settlements do not: the data says nothing of the market at a settlement).
    /// </summary>
    static abstract bool IsMarketEvent { get; }

    /// <summary>The time column, one row per event.</summary>
    ReadOnlySpan<long> Times { get; }

    /// <summary>The row of the next event: <see cref="EventMerge"/>'s per-event loop reads it, keeps it in a local and writes it back.</summary>
    int Row { get; set; }

    /// <summary>
    /// Runs row <paramref name="row"/> (below <see cref="Times"/>' length, its time <paramref name="time"/> already read)
    /// through the venue, the account and the strategy's handler. The cursor's <see cref="Row"/> is not moved: the loop
    /// that calls this keeps the row.
    /// </summary>
    void Deliver<TDriver, TModels>(int row, long time, ref TDriver driver, Orders orders, RunParts<TModels> run)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels;
}
