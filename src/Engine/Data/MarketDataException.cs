using System;
using Backtester.Data;

namespace Backtester;

/// <summary>
/// Market data failed validation. The message names the source, the row and the column and what was expected,
/// e.g. <c>trades.csv: row 1042, column 'price': expected a positive finite number, got NaN</c>. When a setting of
/// <see cref="MarketDataReadOptions"/> would let the read succeed, <see cref="Remedy"/> says which, and the message ends
/// by naming it.
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
        : this(source, row, column, problem, MarketDataRemedy.None, inner)
    {
    }

    /// <summary>Creates the exception for a read that <paramref name="remedy"/>'s setting would let succeed; the message ends by naming the setting.</summary>
    public MarketDataException(string source, long row, string? column, string problem, MarketDataRemedy remedy, Exception? inner = null)
        : base($"{Where(source, row, column)}: {problem}{Advice(remedy)}", inner)
    {
        Source = source;
        Row = row;
        Column = column;
        Problem = problem;
        Remedy = remedy;
    }

    /// <summary>The file or data source name.</summary>
    public new string Source { get; }

    /// <summary>The 0-based data row (CSV readers: the 1-based line number, header included), or -1 when the problem is not about one row.</summary>
    public long Row { get; }

    /// <summary>The column, or null when the problem is not about one column.</summary>
    public string? Column { get; }

    /// <summary>What is wrong, without the source, row and column, and without the advice of <see cref="Remedy"/>.</summary>
    public string Problem { get; }

    /// <summary>The setting of <see cref="MarketDataReadOptions"/> that would let the read succeed, or <see cref="MarketDataRemedy.None"/>.</summary>
    public MarketDataRemedy Remedy { get; }

    private static string Where(string source, long row, string? column)
    {
        string where = source;
        if (row >= 0) where += $": row {row}";
        if (column is not null) where += $"{(row >= 0 ? "," : ":")} column '{column}'";
        return where;
    }

    private static string Advice(MarketDataRemedy remedy) => remedy switch
    {
        MarketDataRemedy.SortIfUnordered => " (set MarketDataReadOptions.SortIfUnordered to sort instead)",
        MarketDataRemedy.CsvFormat => "; set MarketDataReadOptions.CsvFormat",
        MarketDataRemedy.Symbol => "; set MarketDataReadOptions.Symbol",
        _ => "",
    };
}
