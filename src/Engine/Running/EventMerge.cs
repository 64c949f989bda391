using System;
using System.Runtime.CompilerServices;
using Backtester.Data;
using Backtester.Execution;
using Backtester.Infrastructure;
using Backtester.Timers;

namespace Backtester;

/// <summary>
/// The replay's one time-ordered merge of every event source of a segment. The sources, in the order they go at equal
/// timestamps: funding settlements, book updates, quotes, trades, bars, mark prices; then timers (decision 0038: a settlement
/// charges positions held up to its time, a timer sees every event stamped at or before its time; the book is current
/// before a quote or trade at its time, and a bar, stamped with its close, summarizes what came before it; a mark price,
/// which the exchange computes from the index and its book, comes after the market's events at its time, decision 0082).
/// </summary>
/// <remarks>
/// The merge picks the source whose next event goes first, then lets that source deliver a run of events, up to the
/// next event of any other source or the next timer, in one tight loop (<see cref="Drain"/>, specialized per source and
/// driver). Data of one kind, the common case, is one run; interleaved kinds cost one selection per run. Nothing is
/// allocated and nothing is called through an interface: each source is a <c>ref struct</c> cursor known at compile time.
/// Adding a kind is a cursor implementing <see cref="IEventSource"/> and one more slot here (docs/contributing-event-kinds.md).
/// Timestamps are below long.MaxValue, which marks a source past its end.
/// </remarks>
internal static class EventMerge
{
    /// <summary>Replays one segment's events in time order; returns the time of the last market event (or <paramref name="lastEvent"/> if none).</summary>
    /// <remarks>
    /// Data without mark prices, nearly all of it, replays through the merge compiled without their source
    /// (<see cref="WithoutMarkPrices"/>): the loop is then the five-source merge it was before mark prices were a kind.
    /// </remarks>
    public static long Replay<TDriver, TModels>(MarketData data, ref TDriver driver, Orders orders, RunParts<TModels> run, OrderBook[] books, TimerSchedule timers, long lastEvent)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels =>
        data.MarkPrices.Count == 0
            ? Merge<TDriver, TModels, WithoutMarkPrices>(data, ref driver, orders, run, books, timers, lastEvent)
            : Merge<TDriver, TModels, WithMarkPrices>(data, ref driver, orders, run, books, timers, lastEvent);

    /// <summary><see cref="Replay"/> for data with or without mark prices (<typeparamref name="TMarks"/>, a constant the JIT folds).</summary>
    /// <remarks>
    /// Compiled fully optimized straight away: it runs once per segment, so tiering would profile it only through
    /// on-stack replacement, and the specialized, fully inlined code needs no profile (see docs/performance.md).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Merge<TDriver, TModels, TMarks>(MarketData data, ref TDriver driver, Orders orders, RunParts<TModels> run, OrderBook[] books, TimerSchedule timers, long lastEvent)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
        where TMarks : struct, IMarkPriceSource
    {
        // In the order they go at equal times.
        var funding = new FundingCursor(data.Funding);
        var book = new BookCursor(data.Book, books);
        var quotes = new QuoteCursor(data.Quotes);
        var trades = new TradeCursor(data.Trades);
        var bars = new BarCursor(data.Bars);
        var marks = new MarkPriceCursor(data.MarkPrices);
        while (funding.HasNext | book.HasNext | quotes.HasNext | trades.HasNext | bars.HasNext | (TMarks.Present && marks.HasNext))
        {
            long tf = funding.NextTime, tl = book.NextTime, tq = quotes.NextTime, tt = trades.NextTime, tb = bars.NextTime;
            long tm = TMarks.Present ? marks.NextTime : long.MaxValue;
            long next = Min(tf, tl, tq, tt, tb);
            if (TMarks.Present) next = Math.Min(next, tm);
            // Timers due before the next event fire first: they have seen every event at or before their time.
            if (timers.NextDue < next) EventSteps.FireTimers(timers, next, ref driver, orders, run);
            long due = timers.NextDue;
            // The first source (in the order above) with an event at `next` delivers every event up to the bound: the
            // next timer, and any other source's next event, which goes first at an equal time when that source comes
            // earlier in the order (so the bound stops just before it) and after it when it comes later.
            if (funding.HasNext && tf == next)
                lastEvent = Drain(ref funding, AndMarks<TMarks>(Min(due, tl, tq, tt, tb), tm), ref driver, orders, run, lastEvent);
            else if (book.HasNext && tl == next)
                lastEvent = Drain(ref book, AndMarks<TMarks>(Min(due, Before(tf), tq, tt, tb), tm), ref driver, orders, run, lastEvent);
            else if (quotes.HasNext && tq == next)
                lastEvent = Drain(ref quotes, AndMarks<TMarks>(Min(due, Before(tf), Before(tl), tt, tb), tm), ref driver, orders, run, lastEvent);
            else if (trades.HasNext && tt == next)
                lastEvent = Drain(ref trades, AndMarks<TMarks>(Min(due, Before(tf), Before(tl), Before(tq), tb), tm), ref driver, orders, run, lastEvent);
            else if (!TMarks.Present || (bars.HasNext && tb == next))
                lastEvent = Drain(ref bars, AndMarks<TMarks>(Min(due, Before(tf), Before(tl), Before(tq), Before(tt)), tm), ref driver, orders, run, lastEvent);
            else
                lastEvent = Drain(ref marks, Math.Min(Min(due, Before(tf), Before(tl), Before(tq), Before(tt)), Before(tb)), ref driver, orders, run, lastEvent);
        }
        // Timers due up to the last market event, which has now been seen (none after it: the data says nothing of later times).
        if (lastEvent != long.MinValue && lastEvent != long.MaxValue) EventSteps.FireTimers(timers, lastEvent + 1, ref driver, orders, run);
        return lastEvent;
    }

    /// <summary>A bound of a source ahead of the mark prices: it also stops at the next mark (mark prices come last at equal times).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long AndMarks<TMarks>(long bound, long nextMark)
        where TMarks : struct, IMarkPriceSource => TMarks.Present ? Math.Min(bound, nextMark) : bound;

    /// <summary>
    /// Delivers the source's events while their time is at most <paramref name="last"/>; returns the time of the last
    /// market event delivered (or <paramref name="lastEvent"/>). This is the per-event loop.
    /// </summary>
    /// <remarks>
    /// Tiered, unlike <see cref="Merge"/> (decision 0108): a process that replays more than once (a sweep, a service)
    /// recompiles it with a profile, and then the JIT inlines the strategy's handler into the loop, which it does not
    /// for a handler of more than about a hundred bytes of IL without one. A sweep of 80 SmaCross combinations over 1M
    /// trades took 0.87–0.90× the CPU time, and SmaCrossBench's single replay 0.92–0.93×. A process whose runtime
    /// compiles fully optimized straight away (the CLI, the quickstart sample: quick JIT off, decisions 0072 and 0089)
    /// compiles it as before.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Drain<TSource, TDriver, TModels>(ref TSource source, long last, ref TDriver driver, Orders orders, RunParts<TModels> run, long lastEvent)
        where TSource : struct, IEventSource, allows ref struct
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        // The row and the time column in locals: the cursor, reached through a reference, would otherwise be stored to and
        // read back on every event, and its time read twice with two bounds checks.
        ReadOnlySpan<long> times = source.Times;
        int row = source.Row;
        while ((uint)row < (uint)times.Length)
        {
            long time = times[row];
            if (time > last) break;
            if (TSource.IsMarketEvent) lastEvent = time;
            source.Deliver(row, time, ref driver, orders, run);
            row++;
        }
        source.Row = row;
        return lastEvent;
    }

    /// <summary>The last time a later source may deliver before an earlier source's event at <paramref name="time"/> (none past its end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Before(long time) => time == long.MaxValue ? long.MaxValue : time - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Min(long a, long b, long c, long d, long e) => Math.Min(Math.Min(Math.Min(a, b), Math.Min(c, d)), e);
}

/// <summary>Whether the merge is compiled with the mark-price source (<see cref="EventMerge"/>): a constant of the type, folded by the JIT.</summary>
internal interface IMarkPriceSource
{
    static abstract bool Present { get; }
}

/// <summary>The merge of data without mark prices: their cursor is never read.</summary>
internal readonly struct WithoutMarkPrices : IMarkPriceSource
{
    public static bool Present => false;
}

/// <summary>The merge of data with mark prices.</summary>
internal readonly struct WithMarkPrices : IMarkPriceSource
{
    public static bool Present => true;
}
