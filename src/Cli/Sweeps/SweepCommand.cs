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
        Option<string[]> data = CommonOptions.Data();
        Option<string[]> funding = CommonOptions.Funding();
        Option<string[]> markPrices = CommonOptions.MarkPrices();
        Option<bool> sort = CommonOptions.SortIfUnordered();
        Option<string> output = new("--out", "-o") { Description = "Folder for sweep.arrow (or sweep-shard-k-of-N.arrow).", Required = true };
        Option<int> threads = new("--threads", "-t") { Description = "Worker threads (default: every core).", DefaultValueFactory = _ => Environment.ProcessorCount };
        Option<string?> shard = new("--shard") { Description = "Run only slice k of N of the grid (k/N, 0-based), or auto/N to take k from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID." };
        Option<bool> resume = new("--resume") { Description = "Continue an interrupted sweep from its journal (refused unless strategy, grid, data and options are the same); failed rows are run again. A finished sweep's table is read, and nothing runs." };
        Option<bool> fresh = new("--fresh") { Description = "Discard the journal of an unfinished sweep in --out and start over." };
        Option<int> top = new("--top") { Description = "How many of the best combinations to show.", DefaultValueFactory = _ => 10 };
        Option<string> by = new("--by") { Description = "The statistic to rank by: any summary statistic, e.g. net_pnl, sharpe, max_drawdown.", DefaultValueFactory = _ => "net_pnl" };
        Option<bool> ascending = new("--ascending") { Description = "Rank the lowest values first (e.g. for max_drawdown)." };
        Option<string> format = CommonOptions.Format();
        Option<string?> detail = new("--detail")
        {
            Description = "top:K re-runs the best K combinations by --by after the sweep and writes every result file of each (orders, round trips, fills, equity, symbols, summary) to detail/index-N in --out.",
        };
        Option<bool> json = CommonOptions.Json();
        Option<bool> quiet = CommonOptions.Quiet();
        var settings = new BacktestSettings();

        var command = new Command("sweep", "Run every combination of a strategy's parameter grid, write the sweep table and show the best rows.")
        {
            strategy, assemblies, data, funding, markPrices, sort, output, threads, shard, resume, fresh, top, by, ascending, format, detail, json, quiet,
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
            int detailCount = DetailCount(parsed.GetValue(detail));
            ShardSpec? slice = parsed.GetValue(shard) is { } text ? ShardSpec.Parse(text, console.Environment) : null;
            StrategyRegistration registration = StrategyResolver.Find(parsed.GetValue(strategy)!, parsed.GetValue(assemblies));
            if (parsed.GetValue(resume) && parsed.GetValue(fresh)) throw new UserErrorException("--resume and --fresh exclude each other: continue the journal, or discard it.");
            using ReplayData market = ReplayData.Open(parsed.GetValue(data)!, parsed.GetValue(funding), parsed.GetValue(markPrices), CommonOptions.ReadOptions(parsed.GetValue(sort)));
            BacktestOptions backtest = settings.Read(parsed, market.Identity);
            IReadOnlyList<string> before = market.Single is { } single ? StrategyWarnings.For(registration.StrategyType, single, backtest) : [];
            if (!parsed.GetValue(quiet))
                foreach (string warning in before) console.Error.WriteLine("warning: " + warning);
            string directory = CommonOptions.OutputFolder(parsed.GetValue(output));
            var sweepOutput = new SweepOutput(directory) { FileName = slice?.FileName ?? "sweep.arrow", Resume = parsed.GetValue(resume), Fresh = parsed.GetValue(fresh) };
            var options = new SweepOptions
            {
                Backtest = backtest,
                MaxDegreeOfParallelism = threadCount,
                Output = sweepOutput,
            };
            bool asJson = parsed.GetValue(json), isQuiet = parsed.GetValue(quiet);
            // A scheduler restarts with --resume whether or not the first attempt got far; a mistyped --out would otherwise
            // redo the whole sweep without a word.
            bool journalBefore = Directory.Exists(sweepOutput.JournalDirectory), tableBefore = File.Exists(sweepOutput.FilePath);
            if (sweepOutput.Resume && !isQuiet && !journalBefore && !tableBefore)
                console.Error.WriteLine($"note: --resume found no journal in {Path.GetFullPath(sweepOutput.JournalDirectory)}; the sweep starts from its first combination.");
            string title = slice is { } s ? $"{registration.Name} shard {s.Index}/{s.Count}" : $"{registration.Name} sweep";
            // On Ctrl-C the process ends; the combinations finished so far are in the journal, so say how to go on.
            string resumeHint = $"interrupted: the finished combinations are journaled in {Path.GetFullPath(directory)}; run the same command with --resume to continue.";
            ConsoleCancelEventHandler onCancel = (_, _) => console.Error.WriteLine(resumeHint);
            Console.CancelKeyPress += onCancel;
            ResultFormat resultFormat = CommonOptions.FormatOf(parsed.GetValue(format)!);
            SweepDetailRequest? detailRequest = detailCount == 0 ? null
                : new SweepDetailRequest(detailCount, resultFormat, Path.ChangeExtension(sweepOutput.FileName, ResultFiles.Extension(resultFormat)));
            SweepOutcome outcome;
            try
            {
                outcome = SweepProgressDisplay.Run(console, isQuiet, console.UseAnimation && !asJson, title,
                    progress => Checked(() => registration.Accept(new SweepVisitor(market, slice, options with { Progress = progress }, statistic, topCount, parsed.GetValue(ascending), detailRequest))));
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
            // A scheduler's array can be larger than the grid (a fixed size for every sweep): not an error, and the empty
            // table merges with the others, but say why the shard ran nothing.
            if (!isQuiet && slice is { } sliced && outcome.Count == 0)
                console.Error.WriteLine($"warning: shard {sliced.Index}/{sliced.Count} holds no combinations: the grid has {outcome.GridCount:N0} combinations, fewer than the {sliced.Count:N0} shards, so some shards are empty; its table has no rows and merges with the others.");
            if (sweepOutput.Resume && !isQuiet && tableBefore && !journalBefore && !outcome.FromTable)
                console.Error.WriteLine($"note: --resume found no journal in {Path.GetFullPath(sweepOutput.JournalDirectory)}, and the table {Path.GetFullPath(sweepOutput.FilePath)} was not this sweep's finished table (another sweep's, or damaged); the sweep ran from its first combination and replaced it.");
            // The rows' own warning (returns covering less than a year) is known once they ran.
            if (!isQuiet)
                foreach (string warning in outcome.Warnings) console.Error.WriteLine("warning: " + warning);
            string file = Path.GetFullPath(Results.ResultFiles.Convert(sweepOutput.FilePath, resultFormat));
            if (asJson) WriteJson(console, outcome with { Warnings = [.. before, .. outcome.Warnings] }, statistic, file, market);
            else if (!isQuiet) WriteTable(console, outcome, statistic, file, market, journalBefore);
            if (outcome.Failed > 0 && !isQuiet)
                console.Error.WriteLine($"error: {outcome.Failed} of {outcome.Count} combinations failed (their rows hold the error and null statistics); first: {outcome.FirstError}");
            // The table is written and shown; only --detail's choice was refused, a user error like any other (printed even with --quiet).
            if (outcome.DetailRefused is { } refused)
            {
                console.Error.WriteLine($"error: {refused} No detail folder was written; the sweep table {file} is complete.");
                return ExitCodes.UserError;
            }
            return outcome.Failed > 0 ? ExitCodes.SweepRowsFailed : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary><c>--detail top:K</c> → K (0 without the option).</summary>
    private static int DetailCount(string? text)
    {
        if (text is null) return 0;
        if (text.StartsWith("top:", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int count) && count > 0)
            return count;
        throw new UserErrorException($"--detail: expected top:K with K a positive whole number (e.g. top:3), got '{text}'.");
    }

    /// <summary>How the engine's journal refusals name starting over: the library's option, then the flag.</summary>
    internal const string EngineFresh = "SweepOutput.Fresh (--fresh)";

    /// <summary>The refusal of a journal found without --resume or --fresh, in the command line's terms (the engine's names its options).</summary>
    internal static UserErrorException JournalExists(SweepJournalExistsException e, string whose) =>
        new($"{e.JournalDirectory} holds the journal of {whose}; nothing was deleted. Pass --resume to continue it, or --fresh to discard it and start over.", e);

    /// <summary>Journal and provenance refusals are the user's to resolve (resume, start over, or fix the setup), not internal errors.</summary>
    private static T Checked<T>(Func<T> sweep)
    {
        try
        {
            return sweep();
        }
        catch (ProvenanceMismatchException e)
        {
            throw new UserErrorException(e.Message.Replace(EngineFresh, "--fresh", StringComparison.Ordinal), e);
        }
        catch (SweepJournalExistsException e)
        {
            throw JournalExists(e, "an unfinished sweep");
        }
        catch (InvalidDataException e)
        {
            throw new UserErrorException(e.Message.Replace(EngineFresh, "--fresh", StringComparison.Ordinal), e);
        }
    }

    private static void WriteTable(CliConsole console, SweepOutcome outcome, SummaryStatistic by, string file, ReplayData market, bool journalBeside)
    {
        IAnsiConsole ansi = console.CreateAnsiConsole();
        ansi.MarkupLine($"[bold]{Markup.Escape(outcome.Strategy)}[/]: {outcome.Count:N0} of {outcome.GridCount:N0} combinations (from index {outcome.Start:N0}) over {market.EventCount:N0} events of {Markup.Escape(market.Identity.Source)} in {outcome.Elapsed.TotalSeconds:F2} s");
        if (outcome.FromTable)
            ansi.MarkupLine(journalBeside
                ? $"resumed {outcome.Resumed:N0} rows from the finished sweep table; the journal left beside it held only its rows and was deleted"
                : $"the sweep had finished: its {outcome.Resumed:N0} rows were read from its table, and nothing ran");
        else if (outcome.Resumed + outcome.Retried > 0)
            ansi.MarkupLine($"resumed {outcome.Resumed:N0} rows from the journal, ran {outcome.Retried:N0} failed ones again");
        Table table = RankedRowsTable.Create(outcome.ParameterNames, outcome.Top, by);
        ansi.Write(table);
        ansi.MarkupLine($"sweep table: [bold]{Markup.Escape(file)}[/]");
        foreach (DetailedRun run in outcome.Detailed)
            ansi.MarkupLine($"files of #{run.Rank} (index {run.Index:N0}): [bold]{Markup.Escape(Path.GetFullPath(run.Folder))}[/]");
    }

    private static void WriteJson(CliConsole console, SweepOutcome outcome, SummaryStatistic by, string file, ReplayData market) =>
        Formatting.Json(console.Out, w =>
        {
            w.WriteStartObject();
            w.WriteString("strategy", outcome.Strategy);
            w.WriteString("data", market.Identity.Source);
            w.WriteString("data_fingerprint", market.Identity.Fingerprint);
            w.WriteString("file", file);
            w.WriteNumber("grid_count", outcome.GridCount);
            w.WriteNumber("start", outcome.Start);
            w.WriteNumber("combinations", outcome.Count);
            w.WriteNumber("failed", outcome.Failed);
            w.WriteNumber("resumed", outcome.Resumed);
            w.WriteNumber("retried", outcome.Retried);
            w.WriteNumber("elapsed_seconds", outcome.Elapsed.TotalSeconds);
            w.WriteString("by", by.Name);
            w.WriteStartArray("warnings");
            foreach (string warning in outcome.Warnings) w.WriteStringValue(warning);
            w.WriteEndArray();
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
            w.WriteStartArray("detail");
            foreach (DetailedRun run in outcome.Detailed)
            {
                w.WriteStartObject();
                w.WriteNumber("rank", run.Rank);
                w.WriteNumber("index", run.Index);
                w.WriteString("folder", Path.GetFullPath(run.Folder));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
}
