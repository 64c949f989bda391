using System;
using System.Globalization;
using System.Linq;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>
/// sweep, search, walkforward and overfitting show statistics alike (RankedRowsTable, SummaryStatistic.ShortLabel, Formatting.Human):
/// the same short headers, money and ratios with two decimals and thousands separators, fractions as percentages, counts
/// whole, "-" for NaN.
/// </summary>
public sealed class ResultTableFormatTests
{
    private const string Data = "synthetic:events=20000,symbols=2,seed=3,interval=1000000";
    private const string FortySeconds = "synthetic:events=40000,symbols=2,seed=3,interval=1000000";

    /// <summary>The lines from the table's title to the line before <paramref name="after"/>.</summary>
    private static string[] Block(string output, string title, string after)
    {
        string[] lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        int from = Array.FindIndex(lines, l => l.Contains(title, StringComparison.Ordinal));
        int to = Array.FindIndex(lines, from, l => l.StartsWith(after, StringComparison.Ordinal));
        Assert.True(from >= 0 && to > from, output);
        return lines[from..to];
    }

    [Fact]
    public void Sweep_and_a_search_of_every_combination_print_the_same_table()
    {
        using var dir = new TempDirectory();
        // A random search of 80 samples from SmaCross's 80 combinations runs every one: the sweep's rows.
        var sweep = Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", dir.File("sweep"), "--top", "5", "--by", "sharpe", "--threads", "2");
        var search = Cli.Run("search", "random", "-s", "SmaCross", "-d", Data, "-o", dir.File("search"), "--samples", "80", "--top", "5", "--by", "sharpe", "--threads", "2");
        Assert.Equal(0, sweep.ExitCode);
        Assert.Equal(0, search.ExitCode);

        string[] table = Block(sweep.Out, "Top 5 by sharpe", "sweep table:");
        Assert.Equal(table, Block(search.Out, "Top 5 by sharpe", "table:"));
        // Its header: the grid index, the parameters, then the statistics' short labels (--by first, not twice).
        Assert.Matches(@"^\s*#\s+Fast\s+Slow\s+Size\s+Sharpe\s+Net PnL\s+Max DD %\s+Trips\s+Win %\s*$", table.First(l => l.TrimStart().StartsWith('#')));
    }

    [Fact]
    public void Sweep_cells_show_each_statistic_by_its_kind()
    {
        using var dir = new TempDirectory();
        var json = Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", dir.File("json"), "--top", "3", "--by", "net_pnl", "--json");
        var table = Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", dir.File("table"), "--top", "3", "--by", "net_pnl");
        var rows = json.Json.GetProperty("top").EnumerateArray().ToArray();
        string[] lines = Block(table.Out, "Top 3 by net_pnl", "sweep table:").Where(l => l.Trim().Length > 0 && char.IsDigit(l.TrimStart()[0])).ToArray();
        Assert.Equal(3, lines.Length);
        CultureInfo c = CultureInfo.InvariantCulture;
        for (int r = 0; r < 3; r++)
        {
            var s = rows[r].GetProperty("summary");
            string[] cells = lines[r].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // index, Fast, Slow, Size, then net PnL (money: N2), Sharpe (ratio: N2), max DD % (a fraction × 100, one
            // decimal, two below 1 %), trips (a count: N0), win rate (one decimal, %).
            Assert.Equal(rows[r].GetProperty("index").GetInt64().ToString(c), cells[0]);
            Assert.Equal(s.GetProperty("net_pnl").GetDouble().ToString("N2", c), cells[4]);
            Assert.Equal(s.GetProperty("sharpe").GetDouble().ToString("N2", c), cells[5]);
            double dd = s.GetProperty("max_drawdown_percent").GetDouble();
            Assert.Equal((dd * 100).ToString(dd < 0.01 && dd != 0 ? "N2" : "N1", c) + "%", cells[6]);
            Assert.Equal(s.GetProperty("round_trips").GetInt64().ToString("N0", c), cells[7]);
            double win = s.GetProperty("win_rate").GetDouble();
            Assert.Equal((win * 100).ToString(win < 0.01 && win != 0 ? "N2" : "N1", c) + "%", cells[8]);
        }
    }

    [Theory]
    [InlineData("sharpe", new[] { "#", "out-of-sample start", "parameters", "trials", "IS Sharpe", "IS DSR %", "OOS Sharpe", "OOS Net PnL", "OOS Fills" })]
    [InlineData("net_pnl", new[] { "#", "out-of-sample start", "parameters", "trials", "IS Net PnL", "IS DSR %", "IS Sharpe", "OOS Sharpe", "OOS Net PnL", "OOS Fills" })]
    public void The_walkforward_windows_table_uses_the_same_labels_and_number_formats(string by, string[] headers)
    {
        using var dir = new TempDirectory();
        string[] args = ["walkforward", "-s", "SmaCross", "-d", FortySeconds, "--in-sample", "20s", "--out-of-sample", "5s", "--equity-interval", "500ms", "--by", by, "--threads", "2"];
        var json = Cli.Run([.. args, "-o", dir.File("json"), "--json"]);
        var table = Cli.Run([.. args, "-o", dir.File("table")]);
        Assert.Equal(0, table.ExitCode);

        string[] lines = table.Out.Split('\n').Where(l => l.StartsWith('│')).ToArray();
        string[] Cells(string line) => line.Split('│')[1..^1].Select(x => x.Trim()).ToArray();
        Assert.Equal(headers, Cells(lines[0]));
        var windows = json.Json.GetProperty("windows").EnumerateArray().ToArray();
        CultureInfo c = CultureInfo.InvariantCulture;
        for (int w = 0; w < windows.Length; w++)
        {
            string[] cells = Cells(lines[1 + w]);
            Assert.Equal(windows[w].GetProperty("out_of_sample_net_pnl").GetDouble().ToString("N2", c), cells[^2]);
            Assert.Equal(windows[w].GetProperty("out_of_sample_fills").GetInt64().ToString("N0", c), cells[^1]);
            Assert.Equal(windows[w].GetProperty("out_of_sample_sharpe").GetDouble().ToString("N2", c), cells[^3]);
            double dsr = windows[w].GetProperty("in_sample_deflated_sharpe").GetDouble();
            Assert.Equal((dsr * 100).ToString(dsr < 0.01 && dsr != 0 ? "N2" : "N1", c) + "%", cells[5]);
        }
        // The stitched table in the run's words: "Return (%)" as a percentage, "-" for its CAGR (less than a year).
        Assert.Contains(lines, l => Cells(l) is ["Return (%)", var v] && v.EndsWith('%'));
        Assert.Contains(lines, l => Cells(l) is ["CAGR (%)", "-"]);
    }

    [Theory]
    [InlineData("sharpe")]
    [InlineData("sortino")]
    public void The_overfitting_tables_show_each_statistic_by_its_kind_and_json_keeps_every_digit(string by)
    {
        string[] args = ["overfitting", "-s", "SmaCross", "-d", FortySeconds, "--equity-interval", "200ms", "--blocks", "8", "--by", by, "--threads", "2"];
        var json = Cli.Run([.. args, "--json"]).Json;
        var table = Cli.Run(args);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains($"equity samples each, by {by}", table.Out);

        string[] lines = table.Out.Split('\n').Where(l => l.StartsWith('│')).ToArray();
        string Cell(string label) => lines.Select(l => l.Split('│')[1..^1].Select(x => x.Trim()).ToArray()).Single(c => c[0] == label)[1];
        CultureInfo c = CultureInfo.InvariantCulture;
        string Percent(string name)
        {
            double p = json.GetProperty(name).GetDouble();
            return (p * 100).ToString(p < 0.01 && p != 0 ? "N2" : "N1", c) + "%";
        }
        Assert.Equal(Percent("probability_of_backtest_overfitting"), Cell("Probability of backtest overfitting (%)"));
        Assert.Equal(Percent("probability_of_out_of_sample_loss"), Cell("Probability of out-of-sample loss (%)"));
        Assert.Equal("70 (S = 8)", Cell("Train/test splits"));
        Assert.Equal(json.GetProperty("best_index").GetInt64().ToString(c), Cell("Grid index"));
        Assert.Equal(json.GetProperty("best_sharpe").GetDouble().ToString("N2", c), Cell("Sharpe (annualized)"));
        Assert.Equal(Percent("probabilistic_sharpe"), Cell("Probabilistic Sharpe (%)"));
        Assert.Equal(Percent("deflated_sharpe"), Cell("Deflated Sharpe (%)"));
        Assert.Equal(json.GetProperty("skewness").GetDouble().ToString("N2", c), Cell("Skewness"));
        Assert.Equal(json.GetProperty("kurtosis").GetDouble().ToString("N2", c), Cell("Kurtosis (normal: 3)"));
        // The trials' per-period Sharpe variance as the standard deviation of their annualized ratios: the summary's Sharpe
        // ratio over the per-period one is √(periods a year).
        double perYear = System.Math.Pow(json.GetProperty("best_sharpe").GetDouble() / json.GetProperty("best_period_sharpe").GetDouble(), 2);
        Assert.Equal(System.Math.Sqrt(json.GetProperty("trials_sharpe_variance").GetDouble() * perYear).ToString("N2", c), Cell("Trials' Sharpe, std dev (annualized)"));
        var minTrl = json.GetProperty("min_track_record_length");
        Assert.Equal(minTrl.ValueKind == System.Text.Json.JsonValueKind.String && minTrl.GetString() == "Infinity" ? "∞" : System.Math.Ceiling(minTrl.GetDouble()).ToString("N0", c), Cell("Min track record (samples, 95%)"));
        // By Sortino its value is shown too, as a ratio; by Sharpe once.
        if (by == "sortino") Assert.Equal(json.GetProperty("best_summary").GetProperty("sortino").GetDouble().ToString("N2", c), Cell("Sortino (annualized)"));
        else Assert.DoesNotContain(lines, l => l.Contains("Sortino", System.StringComparison.Ordinal));
    }
}
