using System;

namespace Backtester;

/// <summary>
/// Market data failed validation. The message names the source, the row and the column and what was expected,
/// e.g. <c>trades.csv: row 1042, column 'price': expected a positive finite number, got NaN</c>.
/// </summary>
public sealed class MarketDataException : BacktesterException
{
    /// <summary>Creates the exception for a bad value at <paramref name="row"/> (0-based data row, or the 1-based line number for CSV files; -1 when not row-specific).</summary>
    public MarketDataException(string source, long row, string? column, string problem)
        : this(source, row, column, problem, null)
    {
    }

    /// <summary>Creates the exception for a bad value, keeping the library exception that revealed it as <see cref="Exception.InnerException"/>.</summary>
    public MarketDataException(string source, long row, string? column, string problem, Exception? inner)
        : base(Format(source, row, column, problem), inner)
    {
        Source = source;
        Row = row;
        Column = column;
    }

    /// <summary>The file or data source name.</summary>
    public new string Source { get; }

    /// <summary>The 0-based data row (CSV readers: the 1-based line number, header included), or -1 when the problem is not about one row.</summary>
    public long Row { get; }

    /// <summary>The column, or null when the problem is not about one column.</summary>
    public string? Column { get; }

    private static string Format(string source, long row, string? column, string problem)
    {
        string where = source;
        if (row >= 0) where += $": row {row}";
        if (column is not null) where += $"{(row >= 0 ? "," : ":")} column '{column}'";
        return $"{where}: {problem}";
    }
}
