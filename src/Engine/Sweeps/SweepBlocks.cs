using System;

namespace Backtester;

/// <summary>
/// The data of a sweep cut by time into blocks of about <see cref="EventsPerBlock"/> events, so that a worker can run
/// its chunk of combinations in lockstep: every combination over one block while its columns are in cache, then the
/// next block. The blocks are <see cref="MarketData.Between"/> views (nothing copied), made once per sweep and shared
/// by every worker. Cutting by time keeps the events of one timestamp in one block and every event of a block before
/// every event of the next, so each combination replays exactly the events, in exactly the order, of an independent run.
/// </summary>
internal static class SweepBlocks
{
    /// <summary>
    /// Events per block: about 16k trades, quotes and bars (a few hundred KB of columns) stay in a core's L2 cache while
    /// up to <see cref="SweepRun{TStrategy, TParameters, TDriver}.MaxLockstepChunk"/> combinations replay them (measured in
    /// docs/performance.md).
    /// </summary>
    internal const int EventsPerBlock = 16_384;

    /// <summary><see cref="SweepOptions.EventsPerBlock"/>'s default: lockstep over blocks of <see cref="EventsPerBlock"/> when it pays (<see cref="LockstepChoice"/>).</summary>
    internal const int Chosen = -1;

    /// <summary>
    /// The blocks of <paramref name="data"/>, or null when the data cannot be cut this way or gains nothing: book
    /// updates (a <see cref="MarketData.Between"/> slice starts with a snapshot of the book, which a block must not replay:
    /// its runs carry the book over), or one block only. Funding settlements go with the block whose half-open range
    /// holds them (decision 0069): one at a cut is replayed first in the next block, as it goes before the market events
    /// of its time in a whole run; the first block takes those before the data, the last those after it. Cuts are chosen
    /// by market events alone.
    /// </summary>
    public static MarketData[]? Split(MarketData data, int eventsPerBlock = EventsPerBlock)
    {
        if (data.Book.Count != 0) return null;
        ReadOnlySpan<long> trades = data.Trades.Timestamps.Span, quotes = data.Quotes.Timestamps.Span, bars = data.Bars.Timestamps.Span;
        long total = (long)trades.Length + quotes.Length + bars.Length;
        if (total <= eventsPerBlock) return null;
        long first = Math.Min(Math.Min(At(trades, 0), At(quotes, 0)), At(bars, 0));
        long last = Math.Max(Math.Max(Last(trades), Last(quotes)), Last(bars));
        long blocks = (total + eventsPerBlock - 1) / eventsPerBlock;
        var cuts = new System.Collections.Generic.List<long>((int)blocks);
        long previous = first;
        for (long j = 1; j < blocks; j++)
        {
            // The earliest time before which at least j blocks' worth of events lie.
            long target = j * eventsPerBlock, lo = previous + 1, hi = last;
            while (lo < hi)
            {
                long mid = lo + (hi - lo) / 2;
                if (CountBefore(trades, mid) + CountBefore(quotes, mid) + CountBefore(bars, mid) >= target) hi = mid;
                else lo = mid + 1;
            }
            if (lo > previous && lo <= last)
            {
                cuts.Add(lo);
                previous = lo;
            }
        }
        if (cuts.Count == 0) return null;
        var result = new MarketData[cuts.Count + 1];
        long from = long.MinValue;
        for (int k = 0; k < cuts.Count; k++)
        {
            result[k] = data.Between(from, cuts[k]);
            from = cuts[k];
        }
        result[^1] = data.Between(from, long.MaxValue);
        return result;
    }

    private static long At(ReadOnlySpan<long> times, int i) => times.Length > i ? times[i] : long.MaxValue;

    private static long Last(ReadOnlySpan<long> times) => times.Length > 0 ? times[^1] : long.MinValue;

    /// <summary>Rows of time-ordered <paramref name="times"/> before <paramref name="time"/>.</summary>
    private static long CountBefore(ReadOnlySpan<long> times, long time)
    {
        int lo = 0, hi = times.Length;
        while (lo < hi)
        {
            int mid = lo + (hi - lo) / 2;
            if (times[mid] < time) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
