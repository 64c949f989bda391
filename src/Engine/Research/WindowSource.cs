using System;
using System.Collections.Generic;
using Backtester.Data;

using Backtester.Results;

namespace Backtester.Research;

/// <summary>
/// Where a walk-forward gets the data of a time range: views over one <see cref="MarketData"/>, or the segments of a
/// <see cref="MarketDataSegments"/> that overlap the range, opened, sliced and (when more than one) concatenated for
/// that range only, then released. Either way the whole history is never in memory at once.
/// </summary>
internal abstract class WindowSource
{
    /// <summary>The first and last event time of the whole data.</summary>
    public abstract (long First, long Last) Span { get; }

    /// <summary>The data's name.</summary>
    public abstract string Source { get; }

    /// <summary>The whole data's identity for result metadata (fingerprinted once; a segmented history file by file).</summary>
    public abstract DataIdentity Identity { get; }

    /// <summary>The events in [from, to); dispose the lease when done with every slice of it.</summary>
    public abstract Lease Open(long from, long to);

    /// <summary>Data for a range, and what to release after it.</summary>
    public sealed class Lease(MarketData data, IReadOnlyList<IDisposable> owned) : IDisposable
    {
        public MarketData Data { get; } = data;

        public void Dispose()
        {
            foreach (IDisposable d in owned) d.Dispose();
        }
    }

    public sealed class Whole(MarketData data) : WindowSource
    {
        public override (long First, long Last) Span { get; } = TimesOf(data);

        public override string Source => data.Source;

        public override DataIdentity Identity => data.Identity;

        public override Lease Open(long from, long to) => new(data.Between(from, to), Array.Empty<IDisposable>());
    }

    public sealed class Segmented : WindowSource
    {
        private readonly MarketDataSegments _segments;
        private readonly (long First, long Last)[] _times;

        public Segmented(MarketDataSegments segments)
        {
            _segments = segments;
            _times = new (long, long)[segments.Count];
            long first = long.MaxValue, last = long.MinValue;
            for (int i = 0; i < segments.Count; i++)
            {
                // Only the first and last timestamps are read: a mapped segment's other pages are never touched.
                using MarketData segment = segments.OpenAsGiven(i);
                _times[i] = TimesOf(segment);
                if (_times[i].First != long.MaxValue)
                {
                    first = Math.Min(first, _times[i].First);
                    last = Math.Max(last, _times[i].Last);
                }
            }
            Span = first == long.MaxValue ? (0, -1) : (first, last);
        }

        public override (long First, long Last) Span { get; }

        public override string Source => _segments.Source;

        public override DataIdentity Identity => _segments.Identity;

        /// <summary>
        /// The segments overlapping [from, to), sliced to it and merged; funding and mark prices given to the segments are
        /// attached as the rows due in [from, to), as <see cref="MarketData.Between"/> slices the funding of data in one piece, so
        /// adjacent windows pay each settlement once, in the window whose half-open range holds it.
        /// </summary>
        public override Lease Open(long from, long to)
        {
            var owned = new List<IDisposable>();
            var parts = new List<MarketData>();
            FundingColumns funding = _segments.Funding;
            MarkPriceColumns marks = _segments.MarkPrices;
            try
            {
                for (int i = 0; i < _times.Length; i++)
                {
                    if (_times[i].First == long.MaxValue || _times[i].Last < from || _times[i].First >= to) continue;
                    MarketData segment = _segments.OpenAsGiven(i);
                    owned.Add(segment);
                    if (segment.Funding.Count != 0 && funding.Count != 0)
                        throw new ArgumentException($"Segment {i} ({segment.Source}) carries its own funding settlements and the segments were given funding too; give funding once.");
                    if (segment.MarkPrices.Count != 0 && marks.Count != 0)
                        throw new ArgumentException($"Segment {i} ({segment.Source}) carries its own mark prices and the segments were given mark prices too; give them once.");
                    parts.Add(segment.Between(from, to));
                }
                if (parts.Count == 0)
                {
                    MarketData empty = _segments.OpenAsGiven(0);
                    owned.Add(empty);
                    parts.Add(empty.Between(from, from));
                }
                if (parts.Count == 1) return new Lease(WithSeriesOf(parts[0], funding, marks, from, to), owned);
                // Several segments: one copy of this range's rows (the merge keeps the segments' time order).
                MarketData merged = WithSeriesOf(MarketDataMerger.Merge(parts), funding, marks, from, to);
                foreach (IDisposable d in owned) d.Dispose();
                return new Lease(merged, Array.Empty<IDisposable>());
            }
            catch
            {
                foreach (IDisposable d in owned) d.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// <paramref name="data"/> with the settlements of <paramref name="funding"/> and the mark prices of
    /// <paramref name="marks"/> due in [from, to) (series not given: as the data has them).
    /// </summary>
    private static MarketData WithSeriesOf(MarketData data, FundingColumns funding, MarkPriceColumns marks, long from, long to)
    {
        if (funding.Count != 0)
        {
            ReadOnlySpan<long> times = funding.Timestamps.Span;
            int start = MarketData.LowerBound(times, from);
            data = data.WithFunding(funding.Slice(start, MarketData.LowerBound(times, to) - start));
        }
        if (marks.Count != 0)
        {
            ReadOnlySpan<long> times = marks.Timestamps.Span;
            int start = MarketData.LowerBound(times, from);
            data = data.WithMarkPrices(marks.Slice(start, MarketData.LowerBound(times, to) - start));
        }
        return data;
    }

    /// <summary>The first and last event time of <paramref name="data"/>'s trades, quotes, bars and book; (long.MaxValue, long.MinValue) without events.</summary>
    internal static (long First, long Last) TimesOf(MarketData data)
    {
        long first = long.MaxValue, last = long.MinValue;
        Include(data.Trades.Timestamps.Span, ref first, ref last);
        Include(data.Quotes.Timestamps.Span, ref first, ref last);
        Include(data.Bars.Timestamps.Span, ref first, ref last);
        Include(data.Book.Timestamps.Span, ref first, ref last);
        return first == long.MaxValue ? (long.MaxValue, long.MinValue) : (first, last);
    }

    private static void Include(ReadOnlySpan<long> timestamps, ref long first, ref long last)
    {
        if (timestamps.IsEmpty) return;
        first = Math.Min(first, timestamps[0]);
        last = Math.Max(last, timestamps[^1]);
    }
}
