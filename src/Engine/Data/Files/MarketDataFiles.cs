using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace Backtester.Data;

/// <summary>
/// The one entry point for market data: picks the reader from the path. <c>.arrow</c>/<c>.feather</c>/<c>.ipc</c>
/// are memory-mapped Arrow files, <c>.parquet</c> Parquet, <c>.csv</c>/<c>.csv.gz</c> CSV (layout from
/// <see cref="MarketDataReadOptions.CsvFormat"/>, else the file name or header), and
/// <c>synthetic:market</c> (the realistic built-in market, <see cref="SyntheticData.Market"/>) or
/// <c>synthetic:events=1000000,symbols=4,seed=42</c> (the one-second benchmark walk, <see cref="SyntheticData.Trades"/>).
/// </summary>
public static partial class MarketDataFiles
{
    /// <summary>The prefix of synthetic data sources.</summary>
    public const string SyntheticPrefix = "synthetic:";

    /// <summary>Opens one file or synthetic source.</summary>
    /// <exception cref="MarketDataException">The data is invalid, or the file cannot be read (missing, permission denied, a symlink loop).</exception>
    /// <exception cref="ArgumentException">The path's kind cannot be told, or a synthetic setting is unknown.</exception>
    public static MarketData Open(string path, MarketDataReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new MarketDataReadOptions();
        if (SyntheticMarketSpec.Matches(path)) return SyntheticData.Market(SyntheticMarketSpec.Parse(path));
        if (path.StartsWith(SyntheticPrefix, StringComparison.OrdinalIgnoreCase))
            return SyntheticData.Trades(SyntheticSpec.Parse(path));
        // A folder opens as a "file" on Unix and fails later as "access denied"; say what it is.
        if (Directory.Exists(path)) throw new MarketDataException(path, -1, null, "expected a file, got a folder (open its files as a list, or as MarketDataSegments)");
        try
        {
            return OpenFile(path, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Missing file, permission denied, a symlink loop, a read error: named with the file, like bad data.
            throw new MarketDataException(path, -1, null, $"cannot read the file: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static MarketData OpenFile(string path, MarketDataReadOptions options)
    {
        string name = Path.GetFileName(path).ToLowerInvariant();
        if (name.EndsWith(".arrow") || name.EndsWith(".feather") || name.EndsWith(".ipc")) return ArrowMarketData.Open(path, options);
        if (name.EndsWith(".parquet")) return ParquetMarketData.Read(path, options);
        if (name.EndsWith(".csv") || name.EndsWith(".csv.gz"))
            return CsvMarketData.Read(path, options.CsvFormat ?? DetectCsvFormat(path, options), options);
        // data.binance.vision serves its dumps zipped: the file a user downloads first.
        if (name.EndsWith(".zip"))
            throw new ArgumentException($"'{path}' is a zip archive, which is not read: unzip it (Binance's dumps are one CSV file in a zip) and give the .csv, or gzip it (.csv.gz).", nameof(path));
        throw new ArgumentException($"Cannot tell the format of '{path}': expected .arrow, .feather, .ipc, .parquet, .csv, .csv.gz or '{SyntheticPrefix}...'.", nameof(path));
    }

    /// <summary>
    /// Opens several files (e.g. one per day or per symbol) and merges them in time order (a k-way merge into new
    /// columns; rows with equal times keep the order of <paramref name="paths"/>). Symbols are matched by name.
    /// </summary>
    /// <exception cref="MarketDataException">A file is invalid.</exception>
    public static MarketData Open(IReadOnlyList<string> paths, MarketDataReadOptions? options = null)
    {
        return MarketDataMerger.OpenAll(paths, path => Open(path, options));
    }

    /// <summary>
    /// The CSV layout of a file: Binance dump names (<c>SYMBOL-trades-…</c>, <c>SYMBOL-aggTrades-…</c>,
    /// <c>SYMBOL-1m-…</c>), else the Tardis header, else <see cref="CsvFormat.Generic"/> when a mapping is given.
    /// </summary>
    public static CsvFormat DetectCsvFormat(string path, MarketDataReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string name = Path.GetFileName(path);
        if (name.Contains("-aggTrades-", StringComparison.OrdinalIgnoreCase)) return CsvFormat.BinanceAggTrades;
        if (name.Contains("-trades-", StringComparison.OrdinalIgnoreCase)) return CsvFormat.BinanceTrades;
        if (KlineName().IsMatch(name)) return CsvFormat.BinanceKlines;
        string header;
        using (Stream stream = CsvMarketData.OpenStream(path, out long length))
        using (var reader = new StreamReader(stream))
        {
            if (length == 0) throw new MarketDataException(path, -1, null, "the file is empty");
            header = reader.ReadLine() ?? "";
        }
        if (header.StartsWith("exchange,symbol,timestamp,local_timestamp,", StringComparison.Ordinal))
        {
            // Depth first: incremental_book_L2 also ends in ",side,price,amount".
            if (header.Contains(",is_snapshot,", StringComparison.Ordinal)) return CsvFormat.TardisIncrementalBookL2;
            if (header.Contains("asks[0].price", StringComparison.Ordinal)) return CsvFormat.TardisBookSnapshot;
            if (header.Contains(",side,price,amount", StringComparison.Ordinal)) return CsvFormat.TardisTrades;
            if (header.Contains("ask_amount", StringComparison.Ordinal)) return CsvFormat.TardisQuotes;
        }
        if (header.StartsWith("timestamp,symbol,order_id,side,price,size,action", StringComparison.Ordinal)) return CsvFormat.MarketByOrder;
        if (options?.Mapping is not null) return CsvFormat.Generic;
        throw new MarketDataException(path, -1, null, "cannot tell the CSV layout from the file name or header", MarketDataRemedy.CsvFormat);
    }

    [GeneratedRegex(@"^[A-Za-z0-9]+-\d+(s|m|h|d|w|mo)-", RegexOptions.CultureInvariant)]
    private static partial Regex KlineName();
}
