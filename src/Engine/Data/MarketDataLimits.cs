namespace Backtester.Data;

/// <summary>
/// The sizes the readers accept, so that a corrupt or crafted file is refused with a <see cref="MarketDataException"/>
/// before it can take the machine's memory or time. Each limit, with the error it gives, is listed in docs/data.md.
/// </summary>
public static class MarketDataLimits
{
    /// <summary>
    /// Most symbols one data set may declare: 100,000. Every run keeps per-symbol state (books, accounts, statistics),
    /// so a file declaring a million names would cost gigabytes per sweep worker.
    /// </summary>
    public const int MaxSymbols = 100_000;

    /// <summary>The longest symbol name accepted, in characters: 64.</summary>
    public const int MaxSymbolLength = 64;

    /// <summary>The longest CSV row, in characters: 16 Mi (the limit of Sep, the CSV parser).</summary>
    public const int MaxCsvRowLength = 16 * 1024 * 1024;

    /// <summary>
    /// The longest line of a JSON-lines file (a recorded Binance diff depth stream), and the largest depth snapshot file,
    /// in characters (bytes for the snapshot): 16 Mi. Binance's biggest messages (a 5,000-level snapshot) are a few hundred KB.
    /// </summary>
    public const int MaxJsonLineLength = 16 * 1024 * 1024;

    /// <summary>
    /// Most rows per byte of a Parquet file: 8. A file's footer declaring more (say 100 million rows in 78 KB) is refused
    /// before anything is allocated; market data never compresses below one byte per 8 rows.
    /// </summary>
    public const int MaxParquetRowsPerByte = 8;

    /// <summary>Most rows of one column (the .NET array limit): <see cref="System.Array.MaxLength"/>.</summary>
    public static int MaxRows => System.Array.MaxLength;
}
