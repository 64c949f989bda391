using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;
using Backtester.Results;

namespace Backtester.Cli.Reports;

/// <summary>
/// The sweep part of a report: a heatmap of one statistic over two parameters (for each cell the best value over the
/// other parameters, so every combination counts once) and a table of the ten best rows.
/// </summary>
internal static class SweepHeatmap
{
    public static void Add(ResultTable sweep, ReportRequest request, List<(string, string, byte[])> charts, StringBuilder html)
    {
        var parameters = ParameterColumns(sweep);
        if (parameters.Count == 0) return;
        string x = Pick(parameters, request.X, 0, "--x"), y = Pick(parameters, request.Y, parameters.Count > 1 ? 1 : 0, "--y");
        // One parameter on both axes draws its diagonal only, which says nothing a line would not.
        if (x == y && parameters.Count > 1)
            throw new UserErrorException($"--x and --y are both {x}: the heatmap needs two of the sweep's parameters ({string.Join(", ", parameters)}).");
        double[] stat = sweep.Numbers(request.Statistic);
        string?[] xs = sweep.Texts(x), ys = sweep.Texts(y), errors = sweep.Has("error") ? sweep.Texts("error") : new string?[sweep.Rows];
        string[] xValues = Distinct(xs), yValues = Distinct(ys);

        var cells = new double[yValues.Length, xValues.Length];
        for (int r = 0; r < yValues.Length; r++)
            for (int c = 0; c < xValues.Length; c++) cells[r, c] = double.NaN;
        for (int i = 0; i < sweep.Rows; i++)
        {
            if (errors[i] is not null || !double.IsFinite(stat[i])) continue;
            int c = Array.IndexOf(xValues, xs[i]), r = Array.IndexOf(yValues, ys[i]);
            if (double.IsNaN(cells[r, c]) || stat[i] > cells[r, c]) cells[r, c] = stat[i];
        }
        string title = parameters.Count > 2 ? $"{request.Statistic} (best over the other parameters)" : request.Statistic;
        charts.Add(($"Sweep: {request.Statistic} by {x} and {y}", "heatmap.png", Charts.Heatmap(title, x, xValues, y, yValues, cells)));
        // As the sweep printed it: the rows' returns cover less than a year, so their ratios are uncertain (decision 0102).
        if (ShortHistoryWarning(sweep, errors) is { } warning) html.Append("<p class=\"warning\">warning: ").Append(WebUtility.HtmlEncode(warning)).Append("</p>");
        html.Append("<h2>Best 10 by ").Append(WebUtility.HtmlEncode(request.Statistic)).Append("</h2>").Append(TopTable(sweep, parameters, stat, errors, request.Statistic));
    }

    /// <summary>
    /// <see cref="Annualization.ShortHistoryWarning"/> for the sweep's rows, which all sample alike: from the first
    /// successful row's returns and the table's recorded interval and annualization, or, for an automatic interval over
    /// data in one piece, the library's rule for its recorded span. None when the table does not say enough.
    /// </summary>
    private static string? ShortHistoryWarning(ResultTable sweep, string?[] errors)
    {
        if (!sweep.Has("equity_samples")) return null;
        double[] samples = sweep.Numbers("equity_samples");
        int row = Array.FindIndex(errors, e => e is null);
        if (row < 0 || row >= samples.Length || !(samples[row] >= 0)) return null;
        if (sweep.EquitySampleInterval() is not { } interval) return null;
        double? periods = double.TryParse(sweep.Metadata(ResultMetadata.Keys.OptionPrefix + "periods_per_year"), NumberStyles.Float, CultureInfo.InvariantCulture, out double p) ? p : null;
        double perYear = new BacktestOptions { PeriodsPerYear = periods }.AnnualizationFactorFor(interval);
        return Annualization.ShortHistoryWarning((long)samples[row], interval, perYear);
    }

    /// <summary>The parameter columns: between <c>index</c> and the first statistic (the table's layout).</summary>
    private static List<string> ParameterColumns(ResultTable sweep)
    {
        var names = new List<string>();
        var statistics = new HashSet<string>();
        foreach (var s in SummaryStatistics.All) statistics.Add(s.Name);
        foreach (var field in sweep.Schema.FieldsList)
        {
            if (field.Name == "index") continue;
            if (statistics.Contains(field.Name)) break;
            names.Add(field.Name);
        }
        return names;
    }

    private static string Pick(List<string> parameters, string? wanted, int fallback, string option)
    {
        if (wanted is null) return parameters[fallback];
        foreach (string p in parameters)
            if (string.Equals(p.Replace("_", "", StringComparison.Ordinal), wanted.Replace("_", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)) return p;
        throw new UserErrorException($"{option}: the sweep has no parameter '{wanted}'; it has {string.Join(", ", parameters)}.");
    }

    /// <summary>The distinct values in ascending order (numerically when they are numbers).</summary>
    private static string[] Distinct(string?[] values)
    {
        var set = new SortedSet<string>(Comparer<string>.Create((a, b) =>
            double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out double y)
                ? x.CompareTo(y) : string.CompareOrdinal(a, b)));
        foreach (string? v in values) set.Add(v ?? "");
        return [.. set];
    }

    private static string TopTable(ResultTable sweep, List<string> parameters, double[] stat, string?[] errors, string statistic)
    {
        var order = new List<int>();
        for (int i = 0; i < sweep.Rows; i++) if (errors[i] is null && !double.IsNaN(stat[i])) order.Add(i);
        order.Sort((a, b) => stat[b].CompareTo(stat[a]) is var byStat && byStat != 0 ? byStat : a.CompareTo(b));
        var columns = new List<string> { "index" };
        columns.AddRange(parameters);
        foreach (string s in new[] { statistic, "net_pnl", "sharpe", "max_drawdown", "fills" })
            if (!columns.Contains(s) && sweep.Has(s)) columns.Add(s);
        var texts = new List<string?[]>();
        foreach (string column in columns) texts.Add(sweep.Texts(column));
        // Statistics as everywhere else for people (ratios with two decimals, money with separators, counts whole); the
        // index and the parameters as the table holds them (Slow = 1000 is 1000, not 1,000.00).
        var kinds = columns.ConvertAll(c => SummaryStatistics.TryFind(c)?.Kind);
        var html = new StringBuilder("<table><tr>");
        foreach (string column in columns) html.Append("<th>").Append(WebUtility.HtmlEncode(column)).Append("</th>");
        html.Append("</tr>");
        for (int k = 0; k < Math.Min(10, order.Count); k++)
        {
            html.Append("<tr>");
            for (int c = 0; c < texts.Count; c++)
            {
                string value = texts[c][order[k]] ?? "";
                if (kinds[c] is { } kind && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double n)) value = Formatting.Human(n, kind);
                html.Append("<td>").Append(WebUtility.HtmlEncode(value)).Append("</td>");
            }
            html.Append("</tr>");
        }
        return html.Append("</table>").ToString();
    }
}
