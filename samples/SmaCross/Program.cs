using System;
using System.IO;
using System.Globalization;
using Backtester;
using Backtester.Samples;
using Spectre.Console;

// A sample sweep: every combination of SmaCross's [Param] ranges over the built-in market (four crypto symbols over
// four weeks: trades, quotes and one-minute bars), run in parallel, then the ten best combinations by Sharpe ratio.
var arguments = SampleArguments.Parse(args);
MarketData data = SyntheticData.Market(new SyntheticMarketOptions { Days = arguments.Days });
var options = new SweepOptions
{
    MaxDegreeOfParallelism = arguments.Threads,
    Backtest = new BacktestOptions { TakerFeeBps = 2, OrderLatencyNs = 2_000_000 }, // equity sampled daily: the data spans 28 days
    Output = new SweepOutput(arguments.OutputDirectory), // sweep.arrow: one row per combination
};

AnsiConsole.MarkupLine($"[bold]SmaCross[/] sweep: {SmaCross.Grid.Count} combinations over {data.EventCount:N0} events of {data.Symbols.Count} symbols ({Markup.Escape(data.Source)})");
SweepResult<SmaCross.Parameters> result = Sweep.Run(data, SmaCross.Grid, options);
double perRun = result.Elapsed.TotalMilliseconds / result.Count;
AnsiConsole.MarkupLine($"done in {result.Elapsed.TotalSeconds:F2} s ({perRun:F1} ms per backtest, {data.EventCount * result.Count / result.Elapsed.TotalSeconds / 1e6:F0}M events/s on {options.MaxDegreeOfParallelism} threads)");

var table = new Table().Title("Top 10 by Sharpe ratio");
// The return of the four weeks, not a CAGR: a return over less than a year is not annualized (decision 0102).
foreach (string column in new[] { "#", "Fast", "Slow", "Size", "Net PnL", "Return", "Sharpe", "Max DD", "Trips", "Wins" })
    table.AddColumn(new TableColumn(column).RightAligned());
foreach (SweepRow<SmaCross.Parameters> row in result.Top(10, s => s.Sharpe))
{
    BacktestSummary s = row.Summary;
    table.AddRow(row.Index.ToString(CultureInfo.InvariantCulture), row.Parameters.Fast.ToString(CultureInfo.InvariantCulture),
        row.Parameters.Slow.ToString(CultureInfo.InvariantCulture), row.Parameters.Size.ToString("0.0", CultureInfo.InvariantCulture),
        s.NetPnl.ToString("N0", CultureInfo.InvariantCulture), Percent(s.Return),
        s.Sharpe.ToString("0.00", CultureInfo.InvariantCulture), Percent(s.MaxDrawdownPercent),
        s.RoundTrips.ToString("N0", CultureInfo.InvariantCulture), Percent(s.WinRate));
}
AnsiConsole.Write(table);

// Re-run the best combination with every fill, the equity curve and the summary written as Arrow files.
SweepRow<SmaCross.Parameters> best = result.Top(1, s => s.Sharpe)[0];
string bestDirectory = Path.Combine(arguments.OutputDirectory, "best");
BacktestResult bestRun = Backtest.Run(data, SmaCross.Create(best.Parameters), options.Backtest with { Output = new RunOutput(bestDirectory) });
// Four weeks of daily returns: the run says how far to trust an annualized Sharpe ratio from them (decision 0102),
// on standard error as the CLI does.
foreach (string warning in bestRun.Warnings) Console.Error.WriteLine("warning: " + warning);
AnsiConsole.MarkupLine($"wrote [bold]{Path.GetFullPath(Path.Combine(arguments.OutputDirectory, "sweep.arrow"))}[/] and the best run's result files in [bold]{Path.GetFullPath(bestDirectory)}[/]");
return 0;

static string Percent(double value) => double.IsFinite(value) ? value.ToString("0.0%", CultureInfo.InvariantCulture) : "-";
