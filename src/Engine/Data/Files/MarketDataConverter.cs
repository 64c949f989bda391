using System;

namespace Backtester.Data;

/// <summary>
/// Converts CSV or Parquet market data to our Arrow file once, so later runs memory-map it instead of parsing.
/// All or nothing: the input is read and validated completely, then the output is written to a temporary file
/// and renamed; a failure leaves neither a partial output nor a temporary file behind.
/// </summary>
public static class MarketDataConverter
{
    /// <summary>Converts <paramref name="input"/> (any source <see cref="MarketDataFiles.Open(string, MarketDataReadOptions?)"/> reads) to the Arrow file <paramref name="output"/>.</summary>
    /// <returns>The number of events written.</returns>
    /// <exception cref="MarketDataException">The input is invalid; no output is written.</exception>
    public static long Convert(string input, string output, MarketDataReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        ArgumentException.ThrowIfNullOrEmpty(output);
        using MarketData data = MarketDataFiles.Open(input, options);
        ArrowMarketDataWriter.Write(data, output);
        return data.EventCount;
    }

    /// <summary>Converts a CSV file of the given layout to the Arrow file <paramref name="output"/>.</summary>
    /// <returns>The number of events written.</returns>
    /// <exception cref="MarketDataException">The input is invalid; no output is written.</exception>
    public static long Convert(string input, string output, CsvFormat format, MarketDataReadOptions? options = null) =>
        Convert(input, output, (options ?? new MarketDataReadOptions()) with { CsvFormat = format });
}
