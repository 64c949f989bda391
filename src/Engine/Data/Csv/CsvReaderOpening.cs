using System;
using System.IO;
using nietras.SeparatedValues;

namespace Backtester.Data;

/// <summary>
/// Opens a Sep reader on a market data file and turns what Sep throws while reading the header, or a row over its
/// length limit, into a <see cref="MarketDataException"/> naming the file: a header that names one column twice (Sep
/// refuses it with an <see cref="ArgumentException"/>) and a first line longer than
/// <see cref="MarketDataLimits.MaxCsvRowLength"/> characters.
/// </summary>
internal static class CsvReaderOpening
{
    /// <summary>How many characters of Sep's message about a duplicate header name an error shows (it quotes the whole header row).</summary>
    private const int ShownMessageLength = 240;

    /// <summary>A reader of <paramref name="stream"/>; the caller disposes it.</summary>
    public static SepReader Open(string path, Stream stream, char separator, bool hasHeader, bool unescape)
    {
        try
        {
            return Sep.New(separator).Reader(o => o with { HasHeader = hasHeader, DisableColCountCheck = true, Unescape = unescape }).From(stream);
        }
        catch (NotSupportedException e) when (IsRowTooLong(e))
        {
            throw new MarketDataException(path, 1, null, $"the first line is longer than {MarketDataLimits.MaxCsvRowLength:N0} characters (a missing newline or an unterminated quote?)");
        }
        catch (ArgumentException e) when (hasHeader)
        {
            string said = e.Message.Length <= ShownMessageLength ? e.Message : e.Message[..ShownMessageLength] + "…";
            throw new MarketDataException(path, 1, null, $"the header row cannot be used: {said} (each column must be named once)");
        }
    }

    /// <summary>Sep's own limit: a row (or an unterminated quote) over 16 Mi characters, e.g. a one-line gzip bomb.</summary>
    public static bool IsRowTooLong(NotSupportedException e) => e.Message.Contains("maximum supported length", StringComparison.Ordinal);

    /// <summary>The error for a data row over the length limit, after <paramref name="rowsRead"/> rows.</summary>
    public static MarketDataException RowTooLong(string path, long rowsRead) => new(path, -1, null,
        $"the row after the first {rowsRead:N0} data rows is longer than {MarketDataLimits.MaxCsvRowLength:N0} characters (a missing newline or an unterminated quote?)");
}
