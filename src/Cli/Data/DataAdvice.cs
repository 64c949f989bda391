using System.Linq;
using Backtester.Cli.Data;
using Backtester.Data;

namespace Backtester.Cli;

/// <summary>
/// A refused read's remedy (<see cref="MarketDataException.Remedy"/>) in the command line's terms: the flag that makes
/// the setting the engine's message names (<c>MarketDataReadOptions.SortIfUnordered</c> and the like, meant for library
/// callers). The CLI words the message itself from the exception's parts rather than rewriting the engine's text.
/// </summary>
internal static class DataAdvice
{
    /// <summary>For the commands that replay or describe data: sorting is a flag of theirs; a layout or a symbol is given by converting the file first.</summary>
    public static string Replaying(MarketDataRemedy remedy) => remedy switch
    {
        MarketDataRemedy.SortIfUnordered => " (give --sort-if-unordered to sort instead)",
        MarketDataRemedy.CsvFormat => $"; convert it first with 'backtester data convert <file> <out.arrow> --format <layout>' ({Layouts})",
        MarketDataRemedy.Symbol => "; convert it first with 'backtester data convert <file> <out.arrow> --symbol <name>'",
        _ => "",
    };

    /// <summary>For <c>data convert</c>, which has a flag for each.</summary>
    public static string Converting(MarketDataRemedy remedy) => remedy switch
    {
        MarketDataRemedy.SortIfUnordered => " (give --sort-if-unordered to sort instead)",
        MarketDataRemedy.CsvFormat => $"; give --format ({Layouts})",
        MarketDataRemedy.Symbol => "; give --symbol",
        _ => "",
    };

    /// <summary>
    /// For the series files beside the data (<c>--funding</c>, <c>--mark-prices</c>), read as they are: no flag sorts them or
    /// names their layout, and a Binance dump's symbol comes from its file name.
    /// </summary>
    public static string SeriesFile(MarketDataRemedy remedy) => remedy switch
    {
        MarketDataRemedy.Symbol => "; name the file after its symbol, as Binance's dumps are (BTCUSDT-1m-2024-01.csv)",
        _ => "",
    };

    private static string Layouts => string.Join(", ", DataFormats.CsvLayouts.Select(l => l.Name));

    /// <summary>
    /// The exception's message in the CLI's terms: where, what, and the remedy as <paramref name="advise"/> words it.
    /// Without the source when <paramref name="context"/> already names it (<c>cannot convert 'x': row 3, …</c>, not
    /// <c>cannot convert 'x': x: row 3, …</c>).
    /// </summary>
    public static string Message(MarketDataException e, string context, System.Func<MarketDataRemedy, string> advise)
    {
        string where = context.Contains($"'{e.Source}'", System.StringComparison.Ordinal) || context.EndsWith(" " + e.Source, System.StringComparison.Ordinal) ? "" : e.Source;
        if (e.Row >= 0) where += (where.Length > 0 ? ": " : "") + $"row {e.Row}";
        if (e.Column is not null) where += (where.Length > 0 ? (e.Row >= 0 ? ", " : ": ") : "") + $"column '{e.Column}'";
        return (where.Length > 0 ? where + ": " : "") + e.Problem + advise(e.Remedy);
    }
}
