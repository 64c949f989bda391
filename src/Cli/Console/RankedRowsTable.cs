using System.Collections.Generic;
using System.Globalization;
using Backtester.Cli.Sweeps;
using Spectre.Console;

namespace Backtester.Cli;

/// <summary>
/// The table of the best combinations that <c>sweep</c> and <c>search</c> print, one layout for both: the grid index,
/// each parameter, the <c>--by</c> statistic, then net PnL, Sharpe ratio, max drawdown %, round trips and win rate (the
/// <c>--by</c> one not twice), under the statistics' short labels (<see cref="SummaryStatistic.ShortLabel"/>) so it fits 80
/// columns, each value as its kind shows it (<see cref="SummaryStatistic.Format"/>: money and ratios with two decimals,
/// fractions as percentages, counts whole, <c>-</c> for NaN, <c>∞</c> for infinity).
/// </summary>
internal static class RankedRowsTable
{
    /// <summary>The statistics shown after the <c>--by</c> one.</summary>
    private static readonly string[] Shown = ["net_pnl", "sharpe", "max_drawdown_percent", "round_trips", "win_rate"];

    /// <summary>The table of <paramref name="rows"/>, best first, titled "Top N by <paramref name="by"/>".</summary>
    public static Table Create(IReadOnlyList<string> parameterNames, IReadOnlyList<RankedRow> rows, SummaryStatistic by)
    {
        var columns = new List<SummaryStatistic> { by };
        foreach (string name in Shown)
            if (name != by.Name) columns.Add(SummaryStatistics.Find(name));
        var table = new Table().Title(Markup.Escape($"Top {rows.Count} by {by.Name}")).Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("#").RightAligned());
        foreach (string name in parameterNames) table.AddColumn(new TableColumn(Markup.Escape(name)).RightAligned());
        foreach (SummaryStatistic column in columns) table.AddColumn(new TableColumn(Markup.Escape(column.ShortLabel)).RightAligned());
        foreach (RankedRow row in rows)
        {
            var cells = new List<string> { row.Index.ToString(CultureInfo.InvariantCulture) };
            foreach (var (_, value) in row.Parameters) cells.Add(Markup.Escape(value));
            foreach (SummaryStatistic column in columns) cells.Add(Markup.Escape(column.Format(row.Summary)));
            table.AddRow(cells.ToArray());
        }
        return table;
    }
}
