using System;

namespace Backtester;

/// <summary>
/// Whether a sweep's chunks replay in lockstep over time blocks (<see cref="LockstepLanes{TDriver}"/>) or each
/// combination over the whole data in turn, chosen from the data (decision 0099). Lockstep shares each event's merge and
/// dispatch among a chunk's combinations, and pays for it with the lanes' state taking turns in the core's caches. The
/// merge is what costs where the kind of event changes from one event to the next (the branch that picks the next
/// source follows the data), so lockstep pays where kinds interleave: the built-in market, whose quotes come with its
/// trades, ran in 0.74× the CPU time of whole runs, and its trades alone in 1.03–1.05× (chunks of 5).
/// </summary>
internal static class LockstepChoice
{
    /// <summary>
    /// The share of events whose kind differs from the previous event's at or above which lockstep is chosen. Measured
    /// on the README quickstart sweep over the built-in market with its quotes thinned (docs/performance.md, session 13),
    /// in chunks of 5 (decision 0101): lockstep took 0.74× the CPU time of whole runs at 0.93 of events switching kind
    /// (every quote), 0.79× at 0.64, 0.84× at 0.41, 0.91× at 0.26, 0.96–1.01× at 0.08 (trades and bars) and 1.03–1.05×
    /// at 0 (trades alone). In chunks of 10 the crossing was near 0.45 (decision 0099).
    /// </summary>
    internal const double MinKindSwitches = 0.05;

    /// <summary>The share of <paramref name="blocks"/>' events, in replay order, whose kind differs from the event before (0 for none).</summary>
    public static double KindSwitches(MarketData[] blocks)
    {
        byte[] kinds = new byte[SweepBlocks.EventsPerBlock + 1024];
        long events = 0, switches = 0;
        int previous = -1;
        foreach (MarketData block in blocks)
        {
            int n = BlockOrder.Build(block, ref kinds);
            for (int e = 0; e < n; e++)
            {
                if (kinds[e] != previous && previous >= 0) switches++;
                previous = kinds[e];
            }
            events += n;
        }
        return events <= 1 ? 0 : (double)switches / (events - 1);
    }

    /// <summary>
    /// True when <paramref name="data"/> holds events of one kind only (trades alone, say): then no event's kind differs
    /// from the one before, <see cref="KindSwitches"/> is 0 and lockstep does not pay, known without ordering the blocks'
    /// events (which took 2–3 % of a sweep of 80 combinations over 1M trades).
    /// </summary>
    public static bool OneKind(MarketData data)
    {
        int kinds = (data.Funding.Count != 0 ? 1 : 0) + (data.Book.Count != 0 ? 1 : 0) + (data.Quotes.Count != 0 ? 1 : 0)
            + (data.Trades.Count != 0 ? 1 : 0) + (data.Bars.Count != 0 ? 1 : 0) + (data.MarkPrices.Count != 0 ? 1 : 0);
        return kinds <= 1;
    }

    /// <summary>True when the blocks' kinds interleave enough for lockstep to pay (see <see cref="MinKindSwitches"/>).</summary>
    public static bool Pays(MarketData[] blocks) => KindSwitches(blocks) >= MinKindSwitches;
}
