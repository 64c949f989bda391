using System;
using System.Collections.Generic;

namespace Backtester.Data;

/// <summary>
/// Market data split into consecutive segments, typically one file per day: the replay opens a segment, replays it,
/// and disposes it before opening the next, so a memory-mapped segment's pages are released as the replay moves on and
/// memory stays at about one segment however long the data is. The segments must share one symbol table (the same
/// names in the same order) and follow each other in time (a segment starts at or after the previous one's last event).
/// Unlike <see cref="MarketDataFiles.Open(IReadOnlyList{string}, MarketDataReadOptions?)"/>, which merges
/// overlapping files into new columns, nothing is merged or copied.
/// </summary>
public sealed class MarketDataSegments
{
    private readonly IReadOnlyList<Func<MarketData>> _segments;

    /// <summary>Segments opened on demand, in replay order, by <paramref name="openers"/>.</summary>
    /// <param name="source">A name for the whole data, used in result metadata and messages.</param>
    /// <param name="openers">One function per segment that opens it (the replay disposes what it returns).</param>
    public MarketDataSegments(string source, IReadOnlyList<Func<MarketData>> openers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(openers);
        if (openers.Count == 0) throw new ArgumentException("Give at least one segment.", nameof(openers));
        Source = source;
        _segments = openers;
    }

    /// <summary>Arrow files (one per day, say), memory-mapped one at a time in the order given.</summary>
    public static MarketDataSegments FromFiles(IReadOnlyList<string> paths, MarketDataReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var openers = new Func<MarketData>[paths.Count];
        for (int i = 0; i < paths.Count; i++)
        {
            string path = paths[i];
            openers[i] = () => MarketDataFiles.Open(path, options);
        }
        string source = paths.Count == 0 ? "" : paths.Count == 1 ? paths[0] : $"{paths[0]} .. {paths[^1]} ({paths.Count} segments)";
        return new MarketDataSegments(source, openers);
    }

    /// <summary>A name for the whole data.</summary>
    public string Source { get; }

    /// <summary>Funding settlements of the whole data, handed to the segments by time (empty: none).</summary>
    public FundingColumns Funding { get; private init; } = FundingColumns.Empty;

    /// <summary>
    /// The same segments with <paramref name="funding"/> (whose symbol ids refer to the segments' symbol table) for the
    /// whole data. Each settlement is replayed once, in the segment where it falls in time: segment k replays those
    /// after the previous segment's last event and at or before its own last event (at equal times before the market
    /// events, docs/decisions/0038), and the last segment also those after the data's end. The segments themselves must
    /// carry no funding.
    /// </summary>
    public MarketDataSegments WithFunding(FundingColumns funding)
    {
        ArgumentNullException.ThrowIfNull(funding);
        return new MarketDataSegments(Source, _segments) { Funding = funding, MarkPrices = MarkPrices };
    }

    /// <summary>The exchange's mark prices of the whole data, handed to the segments by time (empty: none).</summary>
    public MarkPriceColumns MarkPrices { get; private init; } = MarkPriceColumns.Empty;

    /// <summary>
    /// The same segments with <paramref name="markPrices"/> (whose symbol ids refer to the segments' symbol table) for the
    /// whole data, handed out as <see cref="WithFunding"/> hands out settlements: each mark is replayed once, in the
    /// segment after whose predecessor's last event and at or before whose own last event it falls (the last segment
    /// also those after the data's end), so the run equals the data in one piece. The segments must carry none.
    /// </summary>
    public MarketDataSegments WithMarkPrices(MarkPriceColumns markPrices)
    {
        ArgumentNullException.ThrowIfNull(markPrices);
        return new MarketDataSegments(Source, _segments) { Funding = Funding, MarkPrices = markPrices };
    }

    /// <summary>
    /// The identity of the whole data for result metadata (see <see cref="Results.DataIdentity"/>): computed on first
    /// use by opening, fingerprinting and disposing each segment in turn, then kept.
    /// </summary>
    public Results.DataIdentity Identity
    {
        get
        {
            if (_identity is { } known) return known;
            lock (_identityLock) return _identity ??= Results.DataIdentity.Compute(this);
        }
    }

    private readonly object _identityLock = new();
    private volatile Results.DataIdentity? _identity;

    /// <summary>Number of segments.</summary>
    public int Count => _segments.Count;

    /// <summary>
    /// Opens segment <paramref name="index"/>, with the settlements of <see cref="Funding"/> that fall in it:
    /// after <paramref name="after"/> (the previous segment's last event) and at or before its own last event (the last
    /// segment: all the rest).
    /// </summary>
    internal MarketData Open(int index, long after = long.MinValue)
    {
        MarketData data = _segments[index]();
        if (Funding.Count == 0 && MarkPrices.Count == 0) return data;
        try
        {
            if (data.Funding.Count != 0 && Funding.Count != 0)
                throw new ArgumentException($"Segment {index} ({data.Source}) carries its own funding settlements and the segments were given funding too; give funding once.", nameof(Funding));
            if (data.MarkPrices.Count != 0 && MarkPrices.Count != 0)
                throw new ArgumentException($"Segment {index} ({data.Source}) carries its own mark prices and the segments were given mark prices too; give them once.", nameof(MarkPrices));
            if (data.Symbols.Count < Funding.SymbolCount)
                throw new MarketDataException(Funding.Source, -1, "symbol", $"the funding has {Funding.SymbolCount} symbols, segment {index} only {data.Symbols.Count}");
            if (data.Symbols.Count < MarkPrices.SymbolCount)
                throw new MarketDataException(MarkPrices.Source, -1, "symbol", $"the mark prices have {MarkPrices.SymbolCount} symbols, segment {index} only {data.Symbols.Count}");
            long last = LastTime(data);
            FundingColumns funding = data.Funding;
            if (Funding.Count != 0)
            {
                (int from, int to) = Share(Funding.Timestamps.Span, index, after, last);
                funding = Funding.Slice(from, to - from);
            }
            MarkPriceColumns marks = data.MarkPrices;
            if (MarkPrices.Count != 0)
            {
                (int from, int to) = Share(MarkPrices.Timestamps.Span, index, after, last);
                marks = MarkPrices.Slice(from, to - from);
            }
            return data.WithOwned(funding, marks);
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The rows of a whole-data series that segment <paramref name="index"/> replays: after <paramref name="after"/> (the
    /// previous segment's last event) and at or before <paramref name="last"/> (its own); the last segment all the rest.
    /// </summary>
    private (int From, int To) Share(ReadOnlySpan<long> times, int index, long after, long last)
    {
        int from = index == 0 ? 0 : UpperBound(times, after);
        int to = index == Count - 1 ? times.Length : Math.Max(from, UpperBound(times, last));
        return (from, to);
    }

    /// <summary>
    /// Opens segment <paramref name="index"/> as its opener gives it, without any of <see cref="Funding"/> or
    /// <see cref="MarkPrices"/>: for readers that cut the data by time themselves and attach the rows of their own range
    /// (walk-forward windows, the identity).
    /// </summary>
    internal MarketData OpenAsGiven(int index) => _segments[index]();

    /// <summary>Index of the first time after <paramref name="time"/> in the sorted <paramref name="times"/>.</summary>
    private static int UpperBound(ReadOnlySpan<long> times, long time)
    {
        int lo = 0, hi = times.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= time) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>The time of the segment's last event, or long.MinValue when it has none.</summary>
    internal static long LastTime(MarketData data) =>
        Math.Max(data.Trades.Count > 0 ? data.Trades.Timestamps.Span[^1] : long.MinValue,
            Math.Max(data.Quotes.Count > 0 ? data.Quotes.Timestamps.Span[^1] : long.MinValue,
                Math.Max(data.Bars.Count > 0 ? data.Bars.Timestamps.Span[^1] : long.MinValue, data.Book.LastTime)));

    /// <summary>The time of the segment's first event, or long.MaxValue when it has none.</summary>
    internal static long FirstTime(MarketData data) =>
        Math.Min(data.Trades.Count > 0 ? data.Trades.Timestamps.Span[0] : long.MaxValue,
            Math.Min(data.Quotes.Count > 0 ? data.Quotes.Timestamps.Span[0] : long.MaxValue,
                Math.Min(data.Bars.Count > 0 ? data.Bars.Timestamps.Span[0] : long.MaxValue,
                    Math.Min(data.Book.FirstTime, data.MarkPrices.Count > 0 ? data.MarkPrices.Timestamps.Span[0] : long.MaxValue))));

    /// <summary>
    /// Throws unless <paramref name="next"/> has the symbols <paramref name="a"/> and starts at or after <paramref name="lastTime"/>,
    /// the last event of <paramref name="previous"/> (the source of segment <paramref name="index"/> - 1).
    /// </summary>
    internal static void CheckFollows(SymbolTable a, MarketData next, int index, string previous, long lastTime)
    {
        SymbolTable b = next.Symbols;
        if (a.Count != b.Count)
            throw new MarketDataException(next.Source, -1, "symbol", $"segment {index} has {b.Count} symbols, the first segment {a.Count}; segments share one symbol table");
        for (int s = 0; s < a.Count; s++)
            if (a[s] != b[s])
                throw new MarketDataException(next.Source, -1, "symbol", $"segment {index} has symbol '{b[s]}' at id {s} where the first segment has '{a[s]}'");
        long start = FirstTime(next);
        if (start != long.MaxValue && start < lastTime) throw StartsBeforePrevious(next.Source, index, start, previous, lastTime);
    }

    /// <summary>
    /// The error for segment <paramref name="index"/> starting before its predecessor's last event. It names no row: the
    /// first event's row depends on the format (a CSV file's line counts its header, if it has one) and on a sort on read,
    /// and the segment's data no longer knows either.
    /// </summary>
    internal static MarketDataException StartsBeforePrevious(string source, int index, long start, string previous, long previousLast) =>
        new(source, -1, "timestamp",
            $"segment {index} starts at {start} ({Results.ResultFiles.Iso(start)}) with its first event, before the previous segment's last event at " +
            $"{previousLast} ({Results.ResultFiles.Iso(previousLast)}) in {previous}; segments replay in the order given and must follow each other in time");
}
