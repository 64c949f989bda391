using System;
using Backtester.Data;

namespace Backtester;

/// <summary>
/// The kinds of a block's events in replay order: the time-ordered merge <see cref="EventMerge"/> makes, with funding
/// settlements, quotes, trades, bars and mark prices in that order at equal times (a block has no book updates). Each kind's rows are
/// taken in their own order, so the kind of each event is all a replay needs to follow the merge. A worker builds it
/// once per block of a chunk, and every combination of the chunk replays by it (<see cref="LockstepLanes{TDriver}"/>).
/// </summary>
internal static class BlockOrder
{
    public const byte Funding = 0, Quote = 1, Trade = 2, Bar = 3, Mark = 4;

    /// <summary>Writes the kinds of <paramref name="block"/>'s events into <paramref name="kinds"/> (grown when short); returns their count.</summary>
    public static int Build(MarketData block, ref byte[] kinds)
    {
        ReadOnlySpan<long> f = block.Funding.Timestamps.Span, q = block.Quotes.Timestamps.Span, t = block.Trades.Timestamps.Span, b = block.Bars.Timestamps.Span;
        ReadOnlySpan<long> m = block.MarkPrices.Timestamps.Span;
        int n = f.Length + q.Length + t.Length + b.Length + m.Length;
        if (kinds.Length < n) kinds = new byte[Math.Max(n, 2 * kinds.Length)];
        int fi = 0, qi = 0, ti = 0, bi = 0, mi = 0;
        for (int e = 0; e < n; e++)
        {
            long tf = fi < f.Length ? f[fi] : long.MaxValue, tq = qi < q.Length ? q[qi] : long.MaxValue;
            long tt = ti < t.Length ? t[ti] : long.MaxValue, tb = bi < b.Length ? b[bi] : long.MaxValue;
            long tm = mi < m.Length ? m[mi] : long.MaxValue;
            // The first kind, in the order above, whose next event is the earliest (past-the-end kinds are at long.MaxValue).
            if (fi < f.Length && tf <= tq && tf <= tt && tf <= tb && tf <= tm) { kinds[e] = Funding; fi++; }
            else if (qi < q.Length && tq <= tt && tq <= tb && tq <= tm) { kinds[e] = Quote; qi++; }
            else if (ti < t.Length && tt <= tb && tt <= tm) { kinds[e] = Trade; ti++; }
            else if (bi < b.Length && tb <= tm) { kinds[e] = Bar; bi++; }
            else { kinds[e] = Mark; mi++; }
        }
        return n;
    }
}
