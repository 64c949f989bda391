using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>
/// The sweep report's top table shows parameters as they are and statistics as the other tables do, and the report
/// warns, as the sweep did, when the rows' returns cover less than a year.
/// </summary>
public sealed class SweepReportTableTests
{
    [Fact]
    public void The_top_table_shows_parameters_as_given_and_statistics_for_people()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, Cli.Run("sweep", "-s", "SmaCross", "-d", "synthetic:events=20000,symbols=2,seed=3", "-o", dir.Path, "-q").ExitCode);
        Assert.Equal(0, Cli.Run("report", "--in", dir.Path, "--x", "Fast", "--y", "Slow", "--stat", "sharpe").ExitCode);
        string html = System.IO.File.ReadAllText(dir.File("report.html"));
        string table = html[html.IndexOf("<h2>Best 10 by sharpe</h2>", System.StringComparison.Ordinal)..];
        table = table[..(table.IndexOf("</table>", System.StringComparison.Ordinal) + 8)];
        string[] headers = Regex.Matches(table, "<th>([^<]*)</th>").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["index", "fast", "slow", "size", "sharpe", "net_pnl", "max_drawdown", "fills"], headers);
        var rows = Regex.Matches(table, "<tr>((?:<td>[^<]*</td>)+)</tr>").Select(m => Regex.Matches(m.Groups[1].Value, "<td>([^<]*)</td>").Select(c => c.Groups[1].Value).ToArray()).ToArray();
        Assert.Equal(10, rows.Length);
        foreach (string[] row in rows)
        {
            Assert.Matches("^[0-9]+$", row[0]);                          // the grid index
            Assert.Contains(row[2], new[] { "500", "1000", "1500", "2000" }); // Slow, an int: not 1,000.00
            Assert.Matches("^(-?[0-9]{1,3}(,[0-9]{3})*\\.[0-9]{2}|-|∞|-∞)$", row[4]); // a ratio: two decimals (it showed 5.122668)
            Assert.Matches("^-?[0-9]{1,3}(,[0-9]{3})*\\.[0-9]{2}$", row[5]); // money
            Assert.Matches("^[0-9]{1,3}(,[0-9]{3})*$", row[7]);          // a count
        }
    }

    [Fact]
    public void The_report_warns_of_a_short_history_as_the_sweep_did_for_the_cli_and_for_a_library_sweep()
    {
        using var dir = new TempDirectory();
        // 20,000 trades a second apart: 5.6 hours, sampled every minute by the rule.
        const string Data = "synthetic:events=20000,symbols=2,seed=3,interval=1000000000";
        var cli = Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", dir.File("cli"), "--json");
        Assert.Equal(0, cli.ExitCode);
        string printed = cli.Json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).Single(w => w.StartsWith("the equity samples cover ", System.StringComparison.Ordinal));

        // The library's sweep records the interval as automatic (0): the report resolves it by the same rule.
        var data = SyntheticData.Trades(new SyntheticDataOptions { Events = 20_000, Symbols = 2, Seed = 3, IntervalNs = 1_000_000_000 });
        Sweep.Run(data, Backtester.Samples.SmaCross.Grid, new SweepOptions { MaxDegreeOfParallelism = 2, Output = new SweepOutput(dir.File("library")) });

        foreach (string folder in new[] { "cli", "library" })
        {
            Assert.Equal(0, Cli.Run("report", "--in", dir.File(folder), "-q").ExitCode);
            Assert.Contains("<p class=\"warning\">warning: " + System.Net.WebUtility.HtmlEncode(printed) + "</p>", System.IO.File.ReadAllText(System.IO.Path.Combine(dir.File(folder), "report.html")));
        }
    }
}
