using System;
using System.Collections.Generic;
using System.IO;
using Backtester.Data;
using Backtester.Results;

namespace Backtester.Cli;

/// <summary>
/// The market data of <c>run</c> and <c>sweep</c>: one data set (<c>--data file</c> or synthetic), or several files
/// replayed as consecutive segments (<c>--data</c> repeated, a folder, or a glob such as <c>days/*.arrow</c>), in the
/// order given (a folder's or glob's files in ordinal order of their names). Segments are checked before any run (the
/// same symbols, each starting at or after the previous one's last event) by the pass that fingerprints them.
/// </summary>
internal sealed class ReplayData : IDisposable
{
    private static readonly string[] DataExtensions = [".arrow", ".feather", ".ipc", ".parquet", ".csv", ".gz"];

    private readonly MarketData? _owner; // the opened data set, when Single is it with funding attached (which owns no mapping)

    private ReplayData(MarketData? single, MarketDataSegments? segments, DataIdentity identity, MarketData? owner = null)
    {
        _owner = owner ?? single;
        Single = single;
        Segments = segments;
        Identity = identity;
    }

    /// <summary>The data when it is one data set.</summary>
    public MarketData? Single { get; }

    /// <summary>The data when it is several files.</summary>
    public MarketDataSegments? Segments { get; }

    /// <summary>Source, symbols, time range, rows and fingerprint.</summary>
    public DataIdentity Identity { get; }

    /// <summary>The events of every segment.</summary>
    public long EventCount => Identity.Trades + Identity.Quotes + Identity.Bars;

    /// <summary>
    /// Opens what <paramref name="inputs"/> name (each a file, a folder, a glob, or a synthetic spec alone), with the
    /// funding settlements of the <paramref name="funding"/> files (Binance fundingRate CSV, Tardis derivative_ticker)
    /// merged in time order and attached to the whole data (to segments by time, each settlement once), and the mark
    /// prices of the <paramref name="markPrices"/> files (Binance markPriceKlines, Tardis derivative_ticker), merged in
    /// time order and attached the same way. <paramref name="options"/> are the read options of every data file (the
    /// command's <c>--sort-if-unordered</c>).
    /// </summary>
    public static ReplayData Open(IReadOnlyList<string> inputs, IReadOnlyList<string>? funding = null, IReadOnlyList<string>? markPrices = null, MarketDataReadOptions? options = null)
    {
        List<string> paths = Expand(inputs);
        if (paths.Count == 1 || Overlap(paths, options))
        {
            // One file, or files of one stretch of time (the book and the trades of a day): one data set, merged by time.
            string name = paths.Count == 1 ? paths[0] : string.Join(" + ", paths);
            MarketData data = paths.Count == 1
                ? MarketDataInput.Open(paths[0], options)
                : BacktesterCli.Input($"cannot merge the data files {name}", () => MarketDataFiles.Open(paths, options));
            try
            {
                if (funding is not { Count: > 0 } && markPrices is not { Count: > 0 })
                    return new ReplayData(data, null, BacktesterCli.Input($"cannot read market data '{name}'", () => data.Identity));
                // The identity (fingerprint) is of the data with its funding and mark prices, so resume and merge tell those files apart.
                MarketData with = data;
                if (funding is { Count: > 0 }) with = with.WithFunding(ReadFunding(funding, data.Symbols, DataSpan.Of(data)));
                if (markPrices is { Count: > 0 }) with = with.WithMarkPrices(ReadMarkPrices(markPrices, data.Symbols, DataSpan.Of(data)));
                return new ReplayData(with, null, BacktesterCli.Input($"cannot read market data '{name}'", () => with.Identity), owner: data);
            }
            catch
            {
                data.Dispose();
                throw;
            }
        }
        var segments = MarketDataSegments.FromFiles(paths, options);
        if (funding is { Count: > 0 } || markPrices is { Count: > 0 })
        {
            // The funding and mark-price files name symbols of the data: read them against the first segment's table
            // (every segment has the same one, which the identity below checks), so the segments are fingerprinted once, with them.
            var (symbols, span) = SegmentsOutline(paths, options);
            if (funding is { Count: > 0 }) segments = segments.WithFunding(ReadFunding(funding, symbols, span));
            if (markPrices is { Count: > 0 }) segments = segments.WithMarkPrices(ReadMarkPrices(markPrices, symbols, span));
        }
        DataIdentity identity = BacktesterCli.Input("cannot replay the data files as segments", () => segments.Identity);
        return new ReplayData(null, segments, identity);
    }

    /// <summary>
    /// True when two of the files cover overlapping time and differ in what they hold (the kinds of events, or the
    /// symbols): parts of one stretch of time, such as a day's book updates and its trades, which are merged by time.
    /// Files that follow each other in time are segments; two files of the same kinds and symbols that overlap are left
    /// to the segments' check, which refuses them (most likely one history given twice or out of order).
    /// </summary>
    private static bool Overlap(List<string> paths, MarketDataReadOptions? options)
    {
        var spans = new List<(long First, long Last, int Kinds, string Symbols)>(paths.Count);
        foreach (string path in paths)
        {
            using MarketData data = MarketDataInput.Open(path, options);
            (long first, long last) = DataSpan.Of(data);
            int kinds = (data.Trades.Count > 0 ? 1 : 0) | (data.Quotes.Count > 0 ? 2 : 0) | (data.Bars.Count > 0 ? 4 : 0) | (data.Book.Count > 0 ? 8 : 0);
            var symbols = new string[data.Symbols.Count];
            for (int i = 0; i < symbols.Length; i++) symbols[i] = data.Symbols[i];
            if (data.EventCount > 0) spans.Add((first, last, kinds, string.Join('\n', symbols)));
        }
        for (int a = 0; a < spans.Count; a++)
            for (int b = a + 1; b < spans.Count; b++)
                if (spans[a].First <= spans[b].Last && spans[b].First <= spans[a].Last
                    && (spans[a].Kinds != spans[b].Kinds || spans[a].Symbols != spans[b].Symbols))
                    return true;
        return false;
    }

    /// <summary>Reads every <c>--funding</c> file and merges their settlements by time (ties: file order, then row order).</summary>
    internal static FundingColumns ReadFunding(IReadOnlyList<string> files, SymbolTable symbols, (long First, long Last) span)
    {
        FundingColumns merged = ReadFunding(files, symbols);
        RefuseNoneWithin("--funding", "settlement", "would pay no funding", files, merged.Timestamps.Span, span);
        return merged;
    }

    private static FundingColumns ReadFunding(IReadOnlyList<string> files, SymbolTable symbols)
    {
        var parts = new List<FundingColumns>(files.Count);
        foreach (string file in files)
        {
            if (!File.Exists(file)) throw new UserErrorException($"--funding {file}: file not found.");
            parts.Add(BacktesterCli.Input($"--funding {file}", () => FundingFile.Read(file, symbols), DataAdvice.SeriesFile));
        }
        int total = 0;
        foreach (FundingColumns part in parts) total += part.Count;
        RefuseNoneOfTheData("--funding", "settlement", files, total, symbols);
        if (parts.Count == 1) return parts[0];
        var rows = new List<(Funding Row, int Order)>();
        foreach (FundingColumns part in parts)
            for (int i = 0; i < part.Count; i++) rows.Add((part[i], rows.Count));
        rows.Sort((a, b) => a.Row.Timestamp != b.Row.Timestamp ? a.Row.Timestamp.CompareTo(b.Row.Timestamp) : a.Order.CompareTo(b.Order));
        var times = new long[rows.Count];
        var ids = new int[rows.Count];
        var rates = new double[rows.Count];
        var marks = new double[rows.Count];
        for (int i = 0; i < rows.Count; i++)
            (times[i], ids[i], rates[i], marks[i]) = (rows[i].Row.Timestamp, rows[i].Row.SymbolId, rows[i].Row.Rate, rows[i].Row.MarkPrice);
        return new FundingColumns(string.Join(", ", files), symbols.Count, times, ids, rates, marks);
    }

    /// <summary>Reads every <c>--mark-prices</c> file and merges their updates by time (ties: file order, then row order).</summary>
    internal static MarkPriceColumns ReadMarkPrices(IReadOnlyList<string> files, SymbolTable symbols, (long First, long Last) span)
    {
        MarkPriceColumns merged = ReadMarkPrices(files, symbols);
        RefuseNoneWithin("--mark-prices", "mark price", "would mark nothing at an exchange's mark price", files, merged.Timestamps.Span, span);
        return merged;
    }

    private static MarkPriceColumns ReadMarkPrices(IReadOnlyList<string> files, SymbolTable symbols)
    {
        var parts = new List<MarkPriceColumns>(files.Count);
        foreach (string file in files)
        {
            if (!File.Exists(file)) throw new UserErrorException($"--mark-prices {file}: file not found.");
            parts.Add(BacktesterCli.Input($"--mark-prices {file}", () => MarkPriceFile.Read(file, symbols), DataAdvice.SeriesFile));
        }
        int total = 0;
        foreach (MarkPriceColumns part in parts) total += part.Count;
        RefuseNoneOfTheData("--mark-prices", "mark price", files, total, symbols);
        if (parts.Count == 1) return parts[0];
        var rows = new List<(MarkPriceUpdate Row, int Order)>();
        foreach (MarkPriceColumns part in parts)
            for (int i = 0; i < part.Count; i++) rows.Add((part[i], rows.Count));
        rows.Sort((a, b) => a.Row.Timestamp != b.Row.Timestamp ? a.Row.Timestamp.CompareTo(b.Row.Timestamp) : a.Order.CompareTo(b.Order));
        var times = new long[rows.Count];
        var ids = new int[rows.Count];
        var prices = new double[rows.Count];
        for (int i = 0; i < rows.Count; i++) (times[i], ids[i], prices[i]) = (rows[i].Row.Timestamp, rows[i].Row.SymbolId, rows[i].Row.Price);
        return new MarkPriceColumns(string.Join(", ", files), symbols.Count, times, ids, prices);
    }

    /// <summary>
    /// Refuses funding or mark-price files of which no row is of a symbol of the data: rows of other symbols are skipped,
    /// so a file of another symbol (ETHUSDT's funding beside BTCUSDT's trades) paid or marked nothing, with exit 0.
    /// </summary>
    private static void RefuseNoneOfTheData(string flag, string what, IReadOnlyList<string> files, int rows, SymbolTable symbols)
    {
        if (rows > 0) return;
        var names = new List<string>(symbols.Count);
        for (int i = 0; i < symbols.Count; i++) names.Add(symbols[i]);
        throw new UserErrorException(
            $"{flag} {string.Join(", ", files)}: no {what} of a symbol of the data ({string.Join(", ", names)}): the {(files.Count == 1 ? "file's rows are" : "files' rows are all")} of other symbols (a Binance file's symbol is the start of its name), or there are none. Give the {what}s of the data's symbols.");
    }

    /// <summary>
    /// Refuses funding or mark-price files none of whose rows falls within the data's span (another month's file beside
    /// a day of trades): the replay only reaches rows between its first and last event, so the run paid no funding (or
    /// took no mark) and ended with exit 0. Rows outside the span beside some inside it are the usual case (a month's
    /// funding file over a week of trades) and are skipped as before.
    /// </summary>
    private static void RefuseNoneWithin(string flag, string what, string consequence, IReadOnlyList<string> files, ReadOnlySpan<long> times, (long First, long Last) span)
    {
        if (times.IsEmpty) return;
        foreach (long t in times)
            if (t >= span.First && t <= span.Last) return;
        throw new UserErrorException(
            $"{flag} {string.Join(", ", files)}: none of its {times.Length:N0} {what}s ({DataSpan.Iso(times[0])} to {DataSpan.Iso(times[^1])}) falls within the data's span ({DataSpan.Iso(span.First)} to {DataSpan.Iso(span.Last)}), so the run {consequence}. Give the {what}s of the data's days.");
    }

    /// <summary>
    /// Files replayed as segments, in order, from their ends: the first file's symbol table (every segment has the same
    /// one, which the segments' identity checks) and the span from the first file's first event to the last file's last.
    /// </summary>
    internal static (SymbolTable Symbols, (long First, long Last) Span) SegmentsOutline(IReadOnlyList<string> files, MarketDataReadOptions? options)
    {
        using MarketData first = MarketDataInput.Open(files[0], options);
        using MarketData last = MarketDataInput.Open(files[^1], options);
        return (first.Symbols, (DataSpan.Of(first).First, DataSpan.Of(last).Last));
    }

    /// <summary>Files in ordinal order; folders and globs expanded to their data files.</summary>
    internal static List<string> Expand(IReadOnlyList<string> inputs)
    {
        if (inputs.Count == 0) throw new UserErrorException("--data needs at least one file, folder or glob.");
        var paths = new List<string>();
        foreach (string input in inputs)
        {
            if (input.StartsWith("synthetic:", StringComparison.OrdinalIgnoreCase))
            {
                if (inputs.Count > 1) throw new UserErrorException($"--data {input}: synthetic data cannot be combined with other --data inputs.");
                paths.Add(input);
            }
            else if (Directory.Exists(input))
            {
                var found = new List<string>();
                foreach (string file in Directory.GetFiles(input))
                    if (IsDataFile(file)) found.Add(file);
                if (found.Count == 0)
                {
                    // data.binance.vision serves zips: a folder of downloads holds nothing else.
                    int zips = Directory.GetFiles(input, "*.zip").Length;
                    throw new UserErrorException($"--data {input}: the folder has no market data files (.arrow, .feather, .ipc, .parquet, .csv, .csv.gz)" +
                        (zips > 0 ? $"; it holds {zips} .zip archive{(zips == 1 ? "" : "s")}, which are not read: unzip {(zips == 1 ? "it" : "them")} (Binance's dumps are one CSV file in a zip)." : "."));
                }
                found.Sort(StringComparer.Ordinal);
                paths.AddRange(found);
            }
            else if (input.IndexOfAny(['*', '?']) >= 0)
            {
                string folder = Path.GetDirectoryName(input) is { Length: > 0 } d ? d : ".";
                string pattern = Path.GetFileName(input);
                if (folder.IndexOfAny(['*', '?']) >= 0) throw new UserErrorException($"--data {input}: wildcards are allowed in the file name only.");
                if (!Directory.Exists(folder)) throw new UserErrorException($"--data {input}: folder '{folder}' not found.");
                var found = new List<string>(Directory.GetFiles(folder, pattern));
                if (found.Count == 0) throw new UserErrorException($"--data {input}: no file matches.");
                found.Sort(StringComparer.Ordinal);
                paths.AddRange(found);
            }
            else paths.Add(input);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in paths)
            if (!seen.Add(Path.GetFullPath(path))) throw new UserErrorException($"--data names '{path}' twice.");
        return paths;
    }

    private static bool IsDataFile(string path)
    {
        string name = Path.GetFileName(path);
        if (name.StartsWith('.')) return false;
        foreach (string extension in DataExtensions)
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) return extension != ".gz" || name.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase);
        return false;
    }

    public void Dispose() => _owner?.Dispose();
}
