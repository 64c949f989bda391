using System;
using System.CommandLine;
using System.Linq;
using Backtester.Cli.Sweeps;
using Backtester.Infrastructure;
using Backtester.Research;
using Backtester.Results;
using Spectre.Console;

namespace Backtester.Cli.Research;

/// <summary><c>backtester search random|halving</c>: search part of a grid; results in the sweep table format, resumable and shardable.</summary>
internal static class SearchCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("search", "Search part of a strategy's grid: seeded random sampling, or successive halving over data prefixes.");
        command.Add(Random(console));
        command.Add(Halving(console));
        return command;
    }

    private sealed class Common
    {
        public Option<string> Strategy { get; } = CommonOptions.Strategy();
        public Option<string[]> Assemblies { get; } = CommonOptions.Assembly();
        public Option<string[]> Data { get; } = CommonOptions.Data();
        public Option<bool> SortIfUnordered { get; } = CommonOptions.SortIfUnordered();
        public Option<string> Output { get; } = new("--out", "-o") { Description = "Folder for the result tables.", Required = true };
        public Option<ulong> Seed { get; } = new("--seed") { Description = "Seed of the sample of grid indices (the same seed draws the same indices).", DefaultValueFactory = _ => 0UL };
        public Option<int> Threads { get; } = new("--threads", "-t") { Description = "Worker threads (default: every core).", DefaultValueFactory = _ => Environment.ProcessorCount };
        public Option<string?> Shard { get; } = new("--shard") { Description = "Run only slice k of N of the sampled candidates (k/N, 0-based, or auto/N)." };
        public Option<bool> Resume { get; } = new("--resume") { Description = "Continue an interrupted search from its journal (and finished rung tables)." };

        public Option<bool> Fresh { get; } = new("--fresh") { Description = "Discard the journal of an interrupted search in --out and start over." };
        public Option<int> Top { get; } = new("--top") { Description = "How many of the best combinations to show.", DefaultValueFactory = _ => 10 };
        public Option<string> By { get; } = new("--by") { Description = "The statistic to rank (and, for halving, to keep) by.", DefaultValueFactory = _ => "sharpe" };
        public Option<bool> Ascending { get; } = new("--ascending") { Description = "Rank the lowest values first (e.g. for max_drawdown)." };
        public Option<bool> Json { get; } = CommonOptions.Json();
        public Option<bool> Quiet { get; } = CommonOptions.Quiet();
        public BacktestSettings Settings { get; } = new();

        public void AddTo(Command command)
        {
            foreach (Option option in new Option[] { Strategy, Assemblies, Data, SortIfUnordered, Output, Seed, Threads, Shard, Resume, Fresh, Top, By, Ascending, Json, Quiet })
                command.Add(option);
            Settings.AddTo(command);
        }
    }

    private static Command Random(CliConsole console)
    {
        var common = new Common();
        Option<long> samples = new("--samples", "-n") { Description = "How many combinations to draw.", Required = true };
        var command = new Command("random", "Run a seeded random sample of the grid's combinations (drawn by index, never enumerated); writes a sweep table.") { samples };
        common.AddTo(command);
        command.SetAction(parsed =>
        {
            long n = parsed.GetValue(samples);
            if (n <= 0) throw new UserErrorException($"--samples must be positive, got {n}.");
            return Execute(console, parsed, common, (market, sweep, slice, statistic) =>
            {
                string file = slice is { } s ? $"search-shard-{s.Index}-of-{s.Count}.arrow" : "search.arrow";
                var options = sweep with { Output = new SweepOutput(parsed.GetValue(common.Output)!) { FileName = file, Resume = parsed.GetValue(common.Resume), Fresh = parsed.GetValue(common.Fresh) } };
                return new SearchVisitor(market, options, n, parsed.GetValue(common.Seed), slice is { } t ? (t.Index, t.Count) : null, null, statistic,
                    parsed.GetValue(common.Ascending), parsed.GetValue(common.Top));
            });
        });
        return command;
    }

    private static Command Halving(CliConsole console)
    {
        var common = new Common();
        Option<long?> candidates = new("--candidates") { Description = "Candidates of the first rung, drawn with --seed (default: the whole grid)." };
        Option<int> eta = new("--eta") { Description = "Keep the best 1/eta of each rung; each rung's data prefix is eta times longer.", DefaultValueFactory = _ => 3 };
        Option<int> rungs = new("--rungs") { Description = "Number of rungs; the last runs over all the data.", DefaultValueFactory = _ => 3 };
        var command = new Command("halving", "Successive halving: many candidates on a short prefix of the data, the best on longer ones; one sweep table per rung.") { candidates, eta, rungs };
        common.AddTo(command);
        command.SetAction(parsed => Execute(console, parsed, common, (market, sweep, slice, statistic) =>
        {
            // In the flags' words, before the library's (which names SuccessiveHalvingOptions' properties).
            if (parsed.GetValue(eta) is var e && e < 2) throw new UserErrorException($"--eta must be at least 2 (keep the best 1/eta of each rung), got {e}.");
            if (parsed.GetValue(rungs) is var r && (r < 1 || r > SuccessiveHalvingOptions.MaxRungs)) throw new UserErrorException($"--rungs must be between 1 and {SuccessiveHalvingOptions.MaxRungs}, got {r}.");
            if (parsed.GetValue(candidates) is { } c && c < 1) throw new UserErrorException($"--candidates must be positive (leave it out for the whole grid), got {c}.");
            var options = new SuccessiveHalvingOptions
            {
                Candidates = parsed.GetValue(candidates),
                Seed = parsed.GetValue(common.Seed),
                Eta = parsed.GetValue(eta),
                Rungs = parsed.GetValue(rungs),
                Objective = new ResearchObjective(statistic.Name, statistic.Read, !parsed.GetValue(common.Ascending)),
                Sweep = sweep,
                OutputDirectory = parsed.GetValue(common.Output)!,
                Resume = parsed.GetValue(common.Resume),
                Fresh = parsed.GetValue(common.Fresh),
                Shard = slice is { } s ? (s.Index, s.Count) : null,
            };
            BacktesterCli.Input("invalid halving option", () => { options.Validate(); return 0; });
            // Left to the rule, every rung samples by the first prefix's interval, not the whole data's the settings resolved
            // (decision 0122): the library's choice, asked of the options with the interval automatic again.
            if (common.Settings.AutomaticEquityInterval(parsed))
            {
                long interval = SuccessiveHalving.EquitySampleIntervalFor(market, options with { Sweep = sweep with { Backtest = sweep.Backtest with { EquitySampleIntervalNs = EquitySampling.Auto } } });
                options = options with { Sweep = sweep with { Backtest = sweep.Backtest with { EquitySampleIntervalNs = interval } } };
            }
            return new SearchVisitor(market, options.Sweep, 0, 0, null, options, statistic, parsed.GetValue(common.Ascending), parsed.GetValue(common.Top));
        }));
        return command;
    }

    private static int Execute(CliConsole console, ParseResult parsed, Common common, Func<MarketData, SweepOptions, ShardSpec?, SummaryStatistic, SearchVisitor> visitor)
    {
        if (parsed.GetValue(common.Resume) && parsed.GetValue(common.Fresh))
            throw new UserErrorException("--resume and --fresh exclude each other: continue the journal, or discard it.");
        int threads = parsed.GetValue(common.Threads);
        if (threads <= 0) throw new UserErrorException($"--threads must be positive, got {threads}.");
        int top = parsed.GetValue(common.Top);
        if (top < 0) throw new UserErrorException($"--top must not be negative, got {top}.");
        SummaryStatistic statistic = SummaryStatistics.Find(parsed.GetValue(common.By)!);
        ShardSpec? slice = parsed.GetValue(common.Shard) is { } text ? ShardSpec.Parse(text, console.Environment) : null;
        StrategyRegistration registration = StrategyResolver.Find(parsed.GetValue(common.Strategy)!, parsed.GetValue(common.Assemblies));
        using MarketData market = MarketDataInput.OpenSingle(parsed.GetValue(common.Data)!, CommonOptions.ReadOptions(parsed.GetValue(common.SortIfUnordered)));
        var sweep = new SweepOptions { Backtest = common.Settings.Read(parsed, market), MaxDegreeOfParallelism = threads };
        SearchOutcome outcome;
        try
        {
            outcome = BacktesterCli.Input("", () => registration.Accept(visitor(market, sweep, slice, statistic)));
        }
        catch (Exception e) when ((e as SweepJournalExistsException ?? e.InnerException as SweepJournalExistsException) is { } journal)
        {
            throw SweepCommand.JournalExists(journal, "an interrupted search");
        }
        catch (UserErrorException e) when (e.Message.Contains(SweepCommand.EngineFresh, StringComparison.Ordinal))
        {
            // A journal's refusal names the library's option with the flag; the command line needs the flag, as sweep says it.
            throw new UserErrorException(e.Message.Replace(SweepCommand.EngineFresh, "--fresh", StringComparison.Ordinal), e.InnerException);
        }
        bool quiet = parsed.GetValue(common.Quiet);
        if (!quiet)
            foreach (string warning in outcome.Warnings) console.Error.WriteLine("warning: " + warning);
        if (parsed.GetValue(common.Json)) WriteJson(console, outcome, statistic);
        else if (!quiet) WriteTable(console, outcome, statistic);
        // As sweep: the tables are written, but a search whose rows failed did not succeed (a row's failure, even a
        // machine's, leaves a candidate unranked, and in a halving rung one that could not go on).
        if (outcome.Failed > 0 && !quiet)
            console.Error.WriteLine($"error: {outcome.Failed} of {outcome.RungSizes.Sum()} rows failed (their rows hold the error and null statistics); first: {outcome.FirstError}");
        return outcome.Failed > 0 ? ExitCodes.SweepRowsFailed : ExitCodes.Ok;
    }

    private static void WriteTable(CliConsole console, SearchOutcome outcome, SummaryStatistic by)
    {
        IAnsiConsole ansi = console.CreateAnsiConsole();
        ansi.MarkupLine($"[bold]{Markup.Escape(outcome.Strategy)}[/]: {string.Join(" → ", outcome.RungSizes)} of {outcome.GridCount:N0} combinations in {outcome.Elapsed.TotalSeconds:F2} s");
        if (outcome.Resumed + outcome.Retried > 0)
            ansi.MarkupLine($"resumed {outcome.Resumed:N0} rows from the journal, ran {outcome.Retried:N0} failed ones again");
        Table table = RankedRowsTable.Create(outcome.ParameterNames, outcome.Top, by);
        ansi.Write(table);
        foreach (string file in outcome.Files) ansi.MarkupLine($"table: [bold]{Markup.Escape(file)}[/]");
    }

    private static void WriteJson(CliConsole console, SearchOutcome outcome, SummaryStatistic by) =>
        Formatting.Json(console.Out, w =>
        {
            w.WriteStartObject();
            w.WriteString("strategy", outcome.Strategy);
            w.WriteNumber("grid_count", outcome.GridCount);
            w.WriteStartArray("rungs");
            foreach (int size in outcome.RungSizes) w.WriteNumberValue(size);
            w.WriteEndArray();
            w.WriteStartArray("files");
            foreach (string file in outcome.Files) w.WriteStringValue(file);
            w.WriteEndArray();
            w.WriteNumber("failed", outcome.Failed);
            w.WriteNumber("resumed", outcome.Resumed);
            w.WriteNumber("retried", outcome.Retried);
            w.WriteNumber("elapsed_seconds", outcome.Elapsed.TotalSeconds);
            w.WriteStartArray("warnings");
            foreach (string warning in outcome.Warnings) w.WriteStringValue(warning);
            w.WriteEndArray();
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
