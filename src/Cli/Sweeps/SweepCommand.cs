using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using Backtester.Data;
using Backtester.Results;
using Spectre.Console;
using Backtester.Infrastructure;

namespace Backtester.Cli.Sweeps;

/// <summary><c>backtester sweep</c>: every combination of a strategy's grid (or one shard of it) in parallel, written as a sweep table.</summary>
internal static class SweepCommand
{
    public static Command Create(CliConsole console)
    {
        Option<string> strategy = CommonOptions.Strategy();
        Option<string[]> assemblies = CommonOptions.Assembly();
        Option<string> data = CommonOptions.Data();
        Option<string> output = new("--out", "-o") { Description = "Folder for sweep.arrow (or sweep-shard-k-of-N.arrow).", Required = true };
        Option<int> threads = new("--threads", "-t") { Description = "Worker threads (default: every core).", DefaultValueFactory = _ => Environment.ProcessorCount };
        Option<string?> shard = new("--shard") { Description = "Run only slice k of N of the grid (k/N, 0-based), or auto/N to take k from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID." };
        Option<bool> resume = new("--resume") { Description = "Continue an interrupted sweep of the same grid and data from its journal." };
        Option<int> top = new("--top") { Description = "How many of the best combinations to show.", DefaultValueFactory = _ => 10 };
        Option<string> by = new("--by") { Description = "The statistic to rank by: any summary statistic, e.g. net_pnl, sharpe, max_drawdown.", DefaultValueFactory = _ => "net_pnl" };
        Option<bool> ascending = new("--ascending") { Description = "Rank the lowest values first (e.g. for max_drawdown)." };
        Option<string> format = CommonOptions.Format();
        Option<bool> json = CommonOptions.Json();
        Option<bool> quiet = CommonOptions.Quiet();
        var settings = new BacktestSettings();

        var command = new Command("sweep", "Run every combination of a strategy's parameter grid, write the sweep table and show the best rows.")
        {
            strategy, assemblies, data, output, threads, shard, resume, top, by, ascending, format, json, quiet,
        };
        settings.AddTo(command);
        command.Add(SweepMergeCommand.Create(console));
        command.SetAction(parsed =>
        {
            int threadCount = parsed.GetValue(threads);
            if (threadCount <= 0) throw new UserErrorException($"--threads must be positive, got {threadCount}.");
            int topCount = parsed.GetValue(top);
            if (topCount < 0) throw new UserErrorException($"--top must not be negative, got {topCount}.");
            SummaryStatistic statistic = SummaryStatistics.Find(parsed.GetValue(by)!);
            ShardSpec? slice = parsed.GetValue(shard) is { } text ? ShardSpec.Parse(text, console.Environment) : null;
            StrategyRegistration registration = StrategyResolver.Find(parsed.GetValue(strategy)!, parsed.GetValue(assemblies));
            using MarketData market = MarketDataInput.Open(parsed.GetValue(data)!);
            if (!parsed.GetValue(quiet))
                foreach (string warning in StrategyWarnings.For(registration.StrategyType, market)) console.Error.WriteLine("warning: " + warning);
            string directory = parsed.GetValue(output)!;
            var sweepOutput = new SweepOutput(directory) { FileName = slice?.FileName ?? "sweep.arrow", Resume = parsed.GetValue(resume) };
            var options = new SweepOptions
            {
                Backtest = settings.Read(parsed, market),
                MaxDegreeOfParallelism = threadCount,
                Output = sweepOutput,
            };
            bool asJson = parsed.GetValue(json), isQuiet = parsed.GetValue(quiet);
            string title = slice is { } s ? $"{registration.Name} shard {s.Index}/{s.Count}" : $"{registration.Name} sweep";
            // On Ctrl-C the process ends; the combinations finished so far are in the journal, so say how to go on.
            string resumeHint = $"interrupted: the finished combinations are journaled in {Path.GetFullPath(directory)}; run the same command with --resume to continue.";
            ConsoleCancelEventHandler onCancel = (_, _) => console.Error.WriteLine(resumeHint);
            Console.CancelKeyPress += onCancel;
            SweepOutcome outcome;
            try
            {
                outcome = SweepProgressDisplay.Run(console, isQuiet, console.UseAnimation && !asJson, title,
                    progress => registration.Accept(new SweepVisitor(market, slice, options with { Progress = progress }, statistic, topCount, parsed.GetValue(ascending))));
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
            string file = Path.GetFullPath(Results.ResultFiles.Convert(sweepOutput.FilePath, CommonOptions.FormatOf(parsed.GetValue(format)!)));
            if (asJson) WriteJson(console, outcome, statistic, file, market);
            else if (!isQuiet) WriteTable(console, outcome, statistic, file, market);
            if (outcome.Failed > 0 && !isQuiet)
                console.Error.WriteLine($"warning: {outcome.Failed} of {outcome.Count} combinations failed (see the error column); first: {outcome.FirstError}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteTable(CliConsole console, SweepOutcome outcome, SummaryStatistic by, string file, MarketData market)
    {
        IAnsiConsole ansi = console.CreateAnsiConsole();
        ansi.MarkupLine($"[bold]{Markup.Escape(outcome.Strategy)}[/]: {outcome.Count:N0} of {outcome.GridCount:N0} combinations (from index {outcome.Start:N0}) over {market.EventCount:N0} events of {Markup.Escape(market.Source)} in {outcome.Elapsed.TotalSeconds:F2} s");
        var columns = new List<SummaryStatistic> { by };
        foreach (string name in new[] { "net_pnl", "sharpe", "max_drawdown_percent", "round_trips", "win_rate" })
            if (name != by.Name) columns.Add(SummaryStatistics.Find(name));
        var table = new Table().Title(Markup.Escape($"Top {outcome.Top.Count} by {by.Name}")).Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("#").RightAligned());
        foreach (string name in outcome.ParameterNames) table.AddColumn(new TableColumn(Markup.Escape(name)).RightAligned());
        foreach (SummaryStatistic column in columns) table.AddColumn(new TableColumn(Header(column.Name)).RightAligned());
        foreach (RankedRow row in outcome.Top)
        {
            var cells = new List<string> { row.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            foreach (var (_, value) in row.Parameters) cells.Add(Markup.Escape(value));
            foreach (SummaryStatistic column in columns) cells.Add(column.Format(row.Summary));
            table.AddRow(cells.ToArray());
        }
        ansi.Write(table);
        ansi.MarkupLine($"sweep table: [bold]{Markup.Escape(file)}[/]");
    }

    /// <summary>Short column headers, so the table fits 80 columns.</summary>
    private static string Header(string statistic) => statistic switch
    {
        "max_drawdown_percent" => "max_dd",
        "round_trips" => "trips",
        "win_rate" => "wins",
        _ => statistic,
    };

    private static void WriteJson(CliConsole console, SweepOutcome outcome, SummaryStatistic by, string file, MarketData market) =>
        Formatting.Json(console.Out, w =>
        {
            w.WriteStartObject();
            w.WriteString("strategy", outcome.Strategy);
            w.WriteString("data", market.Source);
            w.WriteString("file", file);
            w.WriteNumber("grid_count", outcome.GridCount);
            w.WriteNumber("start", outcome.Start);
            w.WriteNumber("combinations", outcome.Count);
            w.WriteNumber("failed", outcome.Failed);
            w.WriteNumber("elapsed_seconds", outcome.Elapsed.TotalSeconds);
            w.WriteString("by", by.Name);
            w.WriteStartArray("top");
            foreach (RankedRow row in outcome.Top)
            {
                w.WriteStartObject();
                w.WriteNumber("index", row.Index);
                Formatting.WriteParameters(w, "parameters", row.Parameters);
                Formatting.WriteSummary(w, "summary", row.Summary);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
}
