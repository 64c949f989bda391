namespace Backtester.Data;

/// <summary>
/// What a caller can change so that a refused read succeeds (<see cref="MarketDataException.Remedy"/>): a setting of
/// <see cref="MarketDataReadOptions"/>. A front end (the CLI) names its own way of making it, such as a flag, instead of
/// the property the message names.
/// </summary>
public enum MarketDataRemedy
{
    /// <summary>Nothing the reader's settings change: the data itself is wrong.</summary>
    None = 0,

    /// <summary>
    /// A symbol's timestamps go backwards: set <see cref="MarketDataReadOptions.SortIfUnordered"/> to sort the rows by
    /// time instead, if the file is known to be only out of order.
    /// </summary>
    SortIfUnordered = 1,

    /// <summary>The CSV layout cannot be told from the file's name or header: set <see cref="MarketDataReadOptions.CsvFormat"/>.</summary>
    CsvFormat = 2,

    /// <summary>The file has no symbol column and its name does not say the symbol: set <see cref="MarketDataReadOptions.Symbol"/>.</summary>
    Symbol = 3,
}
