namespace Backtester.Data;

/// <summary>Settings shared by every market-data reader. The defaults suit well-formed, time-ordered files.</summary>
public sealed record MarketDataReadOptions
{
    /// <summary>
    /// When a symbol's timestamps go backwards, sort the rows by time (stable, so rows with equal times keep
    /// their order) instead of failing. Default false: out-of-order data usually means a broken file.
    /// </summary>
    public bool SortIfUnordered { get; init; }

    /// <summary>
    /// The symbol of files without a symbol column (Binance dumps, generic CSV without a symbol mapping).
    /// When null it is taken from the file name up to the first '-' (<c>BTCUSDT-trades-2024-01-01.csv</c> → <c>BTCUSDT</c>).
    /// </summary>
    public string? Symbol { get; init; }

    /// <summary>The CSV layout; when null, <see cref="MarketDataFiles"/> infers it from the file name and header.</summary>
    public CsvFormat? CsvFormat { get; init; }

    /// <summary>Column names, timestamp unit and side values of <see cref="Data.CsvFormat.Generic"/> CSV files.</summary>
    public CsvColumnMapping? Mapping { get; init; }
}
