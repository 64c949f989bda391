using System;
using System.IO;
using System.Globalization;
using Backtester;
using Backtester.Samples;
using Spectre.Console;

// A sample sweep: every combination of SmaCross's [Param] ranges over one million synthetic trades,
// run in parallel, then the ten best combinations by net PnL.
var arguments = SampleArguments.Parse(args);
MarketData data = SyntheticData.Trades(new SyntheticDataOptions { Events = arguments.Events });
var options = new SweepOptions
{
    MaxDegreeOfParallelism = arguments.Threads,
    Backtest = new BacktestOptions { TakerFeeBps = 2, OrderLatencyNs = 2_000_000 },
    Output = new SweepOutput(arguments.OutputDirectory), // sweep.arrow: one row per combination
};

AnsiConsole.MarkupLine($"[bold]SmaCross[/] sweep: {SmaCross.Grid.Count} combinations over {data.EventCount:N0} trades of {data.Symbols.Count} symbols ({data.Source})");
SweepResult<SmaCross.Parameters> result = Sweep.Run(data, SmaCross.Grid, options);
double perRun = result.Elapsed.TotalMilliseconds / result.Count;
AnsiConsole.MarkupLine($"done in {result.Elapsed.TotalSeconds:F2} s ({perRun:F1} ms per backtest, {data.EventCount * result.Count / result.Elapsed.TotalSeconds / 1e6:F0}M events/s on {options.MaxDegreeOfParallelism} threads)");

var table = new Table().Title("Top 10 by net PnL");
foreach (string column in new[] { "#", "Fast", "Slow", "Size", "Net PnL", "Fees", "Fills", "Round trips", "Win rate", "Max DD" })
    table.AddColumn(new TableColumn(column).RightAligned());
foreach (SweepRow<SmaCross.Parameters> row in result.Top(10, s => s.NetPnl))
{
    BacktestSummary s = row.Summary;
    table.AddRow(row.Index.ToString(CultureInfo.InvariantCulture), row.Parameters.Fast.ToString(CultureInfo.InvariantCulture),
        row.Parameters.Slow.ToString(CultureInfo.InvariantCulture), row.Parameters.Size.ToString("0.0", CultureInfo.InvariantCulture),
        s.NetPnl.ToString("F2", CultureInfo.InvariantCulture), s.Fees.ToString("F2", CultureInfo.InvariantCulture),
        s.Fills.ToString(CultureInfo.InvariantCulture), s.RoundTrips.ToString(CultureInfo.InvariantCulture),
        double.IsNaN(s.WinRate) ? "-" : s.WinRate.ToString("P1", CultureInfo.InvariantCulture),
        s.MaxDrawdown.ToString("F2", CultureInfo.InvariantCulture));
}
AnsiConsole.Write(table);

// Re-run the best combination with every fill, the equity curve and the summary written as Arrow files.
SweepRow<SmaCross.Parameters> best = result.Top(1, s => s.NetPnl)[0];
string bestDirectory = Path.Combine(arguments.OutputDirectory, "best");
Backtest.Run(data, SmaCross.Create(best.Parameters), options.Backtest with
{
    EquitySampleIntervalNs = 10_000_000, // 10 ms: the synthetic data spans one second
    Output = new RunOutput(bestDirectory),
});
AnsiConsole.MarkupLine($"wrote [bold]{Path.GetFullPath(Path.Combine(arguments.OutputDirectory, "sweep.arrow"))}[/] and summary/fills/equity.arrow in [bold]{Path.GetFullPath(bestDirectory)}[/]");
return 0;
