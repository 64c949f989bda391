using System;
using System.Collections.Generic;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using Backtester.Data;

namespace Backtester.Results;

/// <summary>
/// What identifies the market data of a result: its source, symbols, time range, rows of each kind and a fingerprint of
/// its content. Two data sets with the same fingerprint hold the same symbols and the same column values, whatever
/// their file names; the fingerprint is what resume and merge compare. See docs/results.md.
/// </summary>
/// <param name="Source">The source's name (file name, or synthetic data's description); informational.</param>
/// <param name="Symbols">The symbol names, indexed by symbol id.</param>
/// <param name="FirstTimeNs">The first event's time (ns since the Unix epoch), or null without events.</param>
/// <param name="LastTimeNs">The last event's time, or null without events.</param>
/// <param name="Trades">Trade rows.</param>
/// <param name="Quotes">Quote rows.</param>
/// <param name="Bars">Bar rows.</param>
/// <param name="Segments">The number of segments (files replayed one after another); 1 for one data set.</param>
/// <param name="Fingerprint">
/// <c>xxh128:</c> and 32 hex digits: XxHash128 over the symbol names and every column's bytes, kind by kind; for
/// segments, over the segments' fingerprints in order.
/// </param>
public sealed record DataIdentity(string Source, IReadOnlyList<string> Symbols, long? FirstTimeNs, long? LastTimeNs,
    long Trades, long Quotes, long Bars, int Segments, string Fingerprint)
{
    /// <summary>The prefix naming the fingerprint's algorithm.</summary>
    public const string FingerprintPrefix = "xxh128:";

    /// <summary>True when both describe the same content: the same fingerprint (the source's name may differ).</summary>
    public bool SameContent(DataIdentity other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Fingerprint == other.Fingerprint;
    }

    /// <inheritdoc/>
    public bool Equals(DataIdentity? other) =>
        other is not null && Source == other.Source && Fingerprint == other.Fingerprint && FirstTimeNs == other.FirstTimeNs
        && LastTimeNs == other.LastTimeNs && Trades == other.Trades && Quotes == other.Quotes && Bars == other.Bars
        && Segments == other.Segments && SymbolsEqual(Symbols, other.Symbols);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Source, Fingerprint);

    private static bool SymbolsEqual(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
            if (a[i] != b[i]) return false;
        return true;
    }

    /// <summary>Computes the identity of <paramref name="data"/>: one pass over its columns (use <see cref="MarketData.Identity"/>, which caches it).</summary>
    internal static DataIdentity Compute(MarketData data)
    {
        var hash = new XxHash128();
        var symbols = new string[data.Symbols.Count];
        for (int s = 0; s < symbols.Length; s++)
        {
            symbols[s] = data.Symbols[s];
            AppendText(hash, symbols[s]);
        }
        TradeColumns t = data.Trades;
        AppendLength(hash, t.Count);
        Append(hash, t.Timestamps.Span); Append(hash, t.SymbolIds.Span); Append(hash, t.Prices.Span); Append(hash, t.Sizes.Span); Append(hash, t.Aggressors.Span);
        QuoteColumns q = data.Quotes;
        AppendLength(hash, q.Count);
        Append(hash, q.Timestamps.Span); Append(hash, q.SymbolIds.Span); Append(hash, q.BidPrices.Span); Append(hash, q.BidSizes.Span);
        Append(hash, q.AskPrices.Span); Append(hash, q.AskSizes.Span);
        BarColumns b = data.Bars;
        AppendLength(hash, b.Count);
        Append(hash, b.Timestamps.Span); Append(hash, b.SymbolIds.Span); Append(hash, b.Open.Span); Append(hash, b.High.Span);
        Append(hash, b.Low.Span); Append(hash, b.Close.Span); Append(hash, b.Volume.Span);
        // Book updates and funding settlements follow only when the data has them, so data without them keeps the
        // fingerprint it had before they were kinds (result files written then still resume and merge).
        BookColumns book = data.Book;
        if (book.Count != 0)
        {
            AppendText(hash, "book");
            AppendLength(hash, book.Count);
            Append(hash, book.Timestamps.Span); Append(hash, book.SymbolIds.Span); Append(hash, book.Sides.Span);
            Append(hash, book.Prices.Span); Append(hash, book.Sizes.Span); Append(hash, book.Flags.Span);
            if (book.Queue is { } feed)
            {
                // The orders behind market-by-order rows: two L3 files making the same L2 book give different FIFO fills.
                AppendText(hash, "orders");
                Append(hash, feed.Priorities.Span); Append(hash, feed.Changes.Span); Append(hash, feed.Executions.Span);
            }
        }
        AppendFunding(hash, data.Funding);
        AppendMarkPrices(hash, data.MarkPrices);

        long first = MarketDataSegments.FirstTime(data);
        long last = Math.Max(Math.Max(Math.Max(LastOf(t.Timestamps.Span), LastOf(book.Timestamps.Span)), Math.Max(LastOf(q.Timestamps.Span), LastOf(b.Timestamps.Span))),
            LastOf(data.MarkPrices.Timestamps.Span)); // the first time counts mark prices too (MarketDataSegments.FirstTime)
        return new DataIdentity(data.Source, symbols, first == long.MaxValue ? null : first, last == long.MinValue ? null : last,
            t.Count, q.Count, b.Count, 1, Format(hash));
    }

    /// <summary>
    /// The identity of data in segments: each segment is opened, fingerprinted and disposed in turn (one pass over the
    /// data before a run; nothing is kept). Checks what the replay requires, before any run: the same symbols in every
    /// segment, and each segment starting at or after the previous one's last event.
    /// </summary>
    internal static DataIdentity Compute(MarketDataSegments segments)
    {
        var hash = new XxHash128();
        IReadOnlyList<string> symbols = Array.Empty<string>();
        long? first = null, last = null;
        string lastSource = "";
        long trades = 0, quotes = 0, bars = 0;
        for (int i = 0; i < segments.Count; i++)
        {
            DataIdentity part;
            using (MarketData segment = segments.OpenAsGiven(i)) part = Compute(segment);
            if (i == 0) symbols = part.Symbols;
            else if (!SymbolsEqual(symbols, part.Symbols))
                throw new MarketDataException(part.Source, -1, "symbol", $"segment {i} has symbols {string.Join(",", part.Symbols)}, the first segment {string.Join(",", symbols)}; segments share one symbol table");
            if (part.FirstTimeNs is { } start && last is { } previous && start < previous)
                throw MarketDataSegments.StartsBeforePrevious(part.Source, i, start, lastSource, previous);
            AppendText(hash, part.Fingerprint);
            first ??= part.FirstTimeNs;
            if (part.LastTimeNs is { } l) (last, lastSource) = (l, part.Source);
            trades += part.Trades;
            quotes += part.Quotes;
            bars += part.Bars;
        }
        // Attached to the segments as a whole (MarketDataSegments.WithFunding, WithMarkPrices): hashed once, not per segment.
        AppendFunding(hash, segments.Funding);
        AppendMarkPrices(hash, segments.MarkPrices);
        if (segments.MarkPrices.Count != 0)
        {
            ReadOnlySpan<long> marks = segments.MarkPrices.Timestamps.Span;
            first = first is { } f ? Math.Min(f, marks[0]) : marks[0];
            last = last is { } l2 ? Math.Max(l2, marks[^1]) : marks[^1];
        }
        return new DataIdentity(segments.Source, symbols, first, last, trades, quotes, bars, segments.Count, Format(hash));
    }

    /// <summary>Mark prices, when there are any (data without them keeps the fingerprint it had before mark prices were a kind).</summary>
    private static void AppendMarkPrices(XxHash128 hash, MarkPriceColumns m)
    {
        if (m.Count == 0) return;
        AppendText(hash, "mark_prices");
        AppendLength(hash, m.Count);
        Append(hash, m.Timestamps.Span); Append(hash, m.SymbolIds.Span); Append(hash, m.Prices.Span);
    }

    /// <summary>Funding settlements, when there are any (data without them keeps the fingerprint it had before funding was a kind).</summary>
    private static void AppendFunding(XxHash128 hash, FundingColumns f)
    {
        if (f.Count == 0) return;
        AppendText(hash, "funding");
        AppendLength(hash, f.Count);
        Append(hash, f.Timestamps.Span); Append(hash, f.SymbolIds.Span); Append(hash, f.Rates.Span); Append(hash, f.MarkPrices.Span);
    }

    private static long LastOf(ReadOnlySpan<long> timestamps) => timestamps.IsEmpty ? long.MinValue : timestamps[^1];

    private static void Append<T>(XxHash128 hash, ReadOnlySpan<T> column) where T : unmanaged => hash.Append(MemoryMarshal.AsBytes(column));

    private static void AppendLength(XxHash128 hash, long length)
    {
        Span<byte> bytes = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes, length);
        hash.Append(bytes);
    }

    private static void AppendText(XxHash128 hash, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        AppendLength(hash, bytes.Length);
        hash.Append(bytes);
    }

    private static string Format(XxHash128 hash) => FingerprintPrefix + Convert.ToHexStringLower(hash.GetCurrentHash());
}
