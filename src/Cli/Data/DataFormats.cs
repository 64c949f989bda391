using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Backtester.Data;

namespace Backtester.Cli.Data;

/// <summary>
/// The values of <c>data convert --format</c>, in one table: a name for each CSV layout (<see cref="CsvFormat"/>), plus
/// <c>binance-depth</c> (a recorded depth stream with <c>--snapshot</c>), <c>csv</c> (detect the layout) and <c>parquet</c>.
/// </summary>
internal static class DataFormats
{
    public const string BinanceDepth = "binance-depth", Csv = "csv", Parquet = "parquet";

    /// <summary>The CSV layouts by their CLI names (<see cref="CsvFormat.Generic"/> needs a mapping, which the CLI does not take).</summary>
    public static readonly IReadOnlyList<(string Name, CsvFormat Format)> CsvLayouts =
    [
        ("binance-trades", CsvFormat.BinanceTrades),
        ("binance-aggtrades", CsvFormat.BinanceAggTrades),
        ("binance-klines", CsvFormat.BinanceKlines),
        ("tardis-trades", CsvFormat.TardisTrades),
        ("tardis-quotes", CsvFormat.TardisQuotes),
        ("tardis-book-l2", CsvFormat.TardisIncrementalBookL2),
        ("tardis-book-snapshot", CsvFormat.TardisBookSnapshot),
        ("market-by-order", CsvFormat.MarketByOrder),
    ];

    /// <summary>Every value <c>--format</c> accepts, in the order the help lists them.</summary>
    public static string[] Names =>
        [.. CsvLayouts.Take(3).Select(l => l.Name), BinanceDepth, .. CsvLayouts.Skip(3).Select(l => l.Name), Csv, Parquet];

    /// <summary>The CSV layout a name asks for; null for <c>csv</c> (detect), <c>parquet</c>, <c>binance-depth</c> or no value.</summary>
    public static CsvFormat? CsvFormatOf(string? name)
    {
        foreach (var (layout, format) in CsvLayouts)
            if (layout == name) return format;
        return null;
    }

    /// <summary>The CLI's name of a CSV layout (<c>generic</c> for the mapped layout, which has none).</summary>
    public static string NameOf(CsvFormat format)
    {
        foreach (var (name, layout) in CsvLayouts)
            if (layout == format) return name;
        return "generic";
    }

    /// <summary>
    /// Refuses an input whose kind <paramref name="name"/> does not describe: a CSV layout of a file that is not CSV
    /// (<c>.csv</c>, <c>.csv.gz</c>), <c>parquet</c> of a file that is not <c>.parquet</c>. Otherwise the value would be
    /// ignored and the file read as its extension says.
    /// </summary>
    public static void CheckInput(string? name, string input)
    {
        if (name is null || name == BinanceDepth) return;
        string file = Path.GetFileName(input).ToLowerInvariant();
        bool synthetic = input.StartsWith(MarketDataFiles.SyntheticPrefix, StringComparison.OrdinalIgnoreCase);
        bool csv = !synthetic && (file.EndsWith(".csv", StringComparison.Ordinal) || file.EndsWith(".csv.gz", StringComparison.Ordinal));
        if (name == Parquet)
        {
            if (synthetic || !file.EndsWith(".parquet", StringComparison.Ordinal))
                throw new UserErrorException($"cannot convert '{input}': --format parquet expects a Parquet file (.parquet)");
        }
        else if (!csv)
            throw new UserErrorException($"cannot convert '{input}': --format {name} expects a CSV file (.csv or .csv.gz); an Arrow, Parquet or synthetic input is read by its own kind, so leave --format out");
    }
}
