using System;

namespace Backtester.Data;

/// <summary>
/// Converts market data once, so later runs memory-map it instead of parsing: to our Arrow file (<c>.arrow</c>,
/// <c>.feather</c>, <c>.ipc</c>) or to Parquet (<c>.parquet</c>), chosen by the output's extension. All or nothing: the
/// input is read and validated completely, then the output is written to a temporary file and renamed; a failure leaves
/// neither a partial output nor a temporary file behind.
/// </summary>
public static class MarketDataConverter
{
    /// <summary>
    /// Converts <paramref name="input"/> (any source <see cref="MarketDataFiles.Open(string, MarketDataReadOptions?)"/> reads)
    /// to <paramref name="output"/>, an Arrow file or, for a <c>.parquet</c> name, a Parquet file.
    /// </summary>
    /// <returns>The number of events written.</returns>
    /// <exception cref="MarketDataException">The input is invalid; no output is written.</exception>
    /// <exception cref="ArgumentException">
    /// The output's extension is neither Arrow nor Parquet, or a Parquet output is asked of market-by-order (L3) data
    /// (see <see cref="ParquetMarketData.Write(SymbolTable, BookColumns, string)"/>), or the input has mark prices, which
    /// market-data files do not hold.
    /// </exception>
    public static long Convert(string input, string output, MarketDataReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        ArgumentException.ThrowIfNullOrEmpty(output);
        bool parquet = IsParquet(output);
        using MarketData data = MarketDataFiles.Open(input, options);
        return Write(data, output, parquet);
    }

    /// <summary>
    /// Converts a recorded Binance diff depth stream (<paramref name="updates"/>) and the REST depth snapshot taken after
    /// the recording started (<paramref name="snapshot"/>) to the book file <paramref name="output"/>, joined as
    /// <see cref="BinanceDepth.Read"/> joins them.
    /// </summary>
    /// <param name="snapshot">The REST depth response saved as JSON.</param>
    /// <param name="updates">The diff depth stream, one message a line (optionally gzipped).</param>
    /// <param name="output">The book file to write: Arrow (<c>.arrow</c>, <c>.feather</c>, <c>.ipc</c>) or Parquet (<c>.parquet</c>).</param>
    /// <param name="symbol">The symbol's name in the output; null takes the events' <c>s</c> field.</param>
    /// <returns>The number of book updates written.</returns>
    /// <exception cref="MarketDataException">An input is invalid, or the stream does not continue the snapshot; no output is written.</exception>
    /// <exception cref="ArgumentException">The output's extension is neither Arrow nor Parquet.</exception>
    public static long ConvertBinanceDepth(string snapshot, string updates, string output, string? symbol = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(snapshot);
        ArgumentException.ThrowIfNullOrEmpty(updates);
        bool parquet = IsParquet(output);
        using MarketData data = BinanceDepth.Read(snapshot, updates, symbol);
        return Write(data, output, parquet);
    }

    /// <summary>True for a <c>.parquet</c> name, false for an Arrow one; anything else is refused before the input is read.</summary>
    private static bool IsParquet(string output)
    {
        ArgumentException.ThrowIfNullOrEmpty(output);
        string name = System.IO.Path.GetFileName(output).ToLowerInvariant();
        bool parquet = name.EndsWith(".parquet", StringComparison.Ordinal);
        if (!parquet && !name.EndsWith(".arrow", StringComparison.Ordinal) && !name.EndsWith(".feather", StringComparison.Ordinal) && !name.EndsWith(".ipc", StringComparison.Ordinal))
            throw new ArgumentException($"Cannot tell the output format of '{output}': name it .arrow (or .feather, .ipc) for Arrow, or .parquet for Parquet.", nameof(output));
        return parquet;
    }

    private static long Write(MarketData data, string output, bool parquet)
    {
        // Nothing is dropped silently: market-data files hold no mark prices (they come from the exchanges' CSVs).
        if (data.MarkPrices.Count != 0)
            throw new ArgumentException($"'{data.Source}' has {data.MarkPrices.Count} mark prices, which Arrow and Parquet market-data files do not hold; convert the data without them (synthetic:market without marks=true) and give the marks to runs from the exchange's own files (--mark-prices).", nameof(data));
        if (parquet) ParquetMarketData.Write(data, output);
        else ArrowMarketDataWriter.Write(data, output);
        // Book updates derived from market-by-order rows are written as those rows (the order feed is kept).
        return data.Book.OrderRows is { } orders ? orders.Count : data.EventCount;
    }

    /// <summary>Converts a CSV file of the given layout to the Arrow file <paramref name="output"/>.</summary>
    /// <returns>The number of events written.</returns>
    /// <exception cref="MarketDataException">The input is invalid; no output is written.</exception>
    public static long Convert(string input, string output, CsvFormat format, MarketDataReadOptions? options = null) =>
        Convert(input, output, (options ?? new MarketDataReadOptions()) with { CsvFormat = format });
}
