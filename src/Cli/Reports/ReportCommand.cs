using System.CommandLine;
using System.IO;

namespace Backtester.Cli.Reports;

/// <summary><c>backtester report</c>: PNG charts and a self-contained HTML page from a run's or a sweep's result files.</summary>
internal static class ReportCommand
{
    public static Command Create(CliConsole console)
    {
        Option<string> input = new("--in", "-i") { Description = "A folder with result files (summary/fills/equity.arrow from run, sweep.arrow from sweep).", Required = true };
        Option<string?> output = new("--out", "-o") { Description = "Where report.html and the PNG charts go (default: the --in folder)." };
        Option<string?> data = new("--data", "-d") { Description = "The market data of the run, to draw the fills on its trade prices (default: on the fill prices)." };
        Option<string?> x = new("--x") { Description = "Sweep heatmap: the parameter across (default: the first)." };
        Option<string?> y = new("--y") { Description = "Sweep heatmap: the parameter up (default: the second)." };
        Option<string> stat = new("--stat") { Description = "Sweep heatmap: the statistic, e.g. net_pnl or sharpe (best over the other parameters).", DefaultValueFactory = _ => "net_pnl" };
        Option<bool> quiet = CommonOptions.Quiet(json: false);
        var command = new Command("report", "Write PNG charts (equity and drawdown, fills on price, round-trip PnL, sweep heatmap) and a self-contained report.html.")
        {
            input, output, data, x, y, stat, quiet,
        };
        command.SetAction(parsed =>
        {
            string from = parsed.GetValue(input)!;
            if (!Directory.Exists(from)) throw new UserErrorException($"--in: no folder '{from}'.");
            var request = new ReportRequest(from, parsed.GetValue(output) ?? from, parsed.GetValue(data), parsed.GetValue(x), parsed.GetValue(y),
                SummaryStatistics.Find(parsed.GetValue(stat)!).Name);
            string html = ReportBuilder.Build(request);
            if (!parsed.GetValue(quiet)) console.Out.WriteLine($"wrote {Path.GetFullPath(html)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}

/// <summary>What to report on and where.</summary>
internal sealed record ReportRequest(string Input, string Output, string? Data, string? X, string? Y, string Statistic);
