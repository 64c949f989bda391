using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using Backtester.Data;
using Backtester.Infrastructure;
using Backtester.Research;
using Spectre.Console;

namespace Backtester.Cli.Research;

/// <summary><c>backtester walkforward</c>: optimize in sample, run out of sample, window after window; stitch the out-of-sample pieces.</summary>
internal static class WalkForwardCommand
{
    public static Command Create(CliConsole console)
    {
        Option<string> strategy = CommonOptions.Strategy();
        Option<string[]> assemblies = CommonOptions.Assembly();
        Option<string[]> data = CommonOptions.Data();
        Option<string[]> segments = new Option<string[]>("--segments") { Description = "Arrow files in time order (one per day, say), replayed one at a time instead of --data.", AllowMultipleArgumentsPerToken = true }.RefusingOptionLikeValues();
        Option<string> output = new("--out", "-o") { Description = "Folder for windows.arrow, equity.arrow, fills.arrow and summary.arrow.", Required = true };
        Option<string> inSample = new("--in-sample") { Description = "In-sample window length, e.g. 6h or 30d.", Required = true };
        Option<string> outOfSample = new("--out-of-sample") { Description = "Out-of-sample window length, e.g. 2h or 10d.", Required = true };
        Option<string?> step = new("--step") { Description = "Time between window starts (default: the out-of-sample length; never shorter)." };
        Option<bool> anchored = new("--anchored") { Description = "Grow every in-sample window from the data's start instead of rolling it." };
        Option<string> by = new("--by") { Description = "The statistic each in-sample sweep maximizes (any summary statistic).", DefaultValueFactory = _ => "sharpe" };
        Option<bool> ascending = new("--ascending") { Description = "Minimize the statistic instead (e.g. max_drawdown)." };
        Option<int> threads = new("--threads", "-t") { Description = "Worker threads of the in-sample sweeps (default: every core).", DefaultValueFactory = _ => Environment.ProcessorCount };
        Option<string[]> funding = CommonOptions.Funding();
        Option<string[]> markPrices = CommonOptions.MarkPrices();
        Option<bool> sort = CommonOptions.SortIfUnordered();
        Option<bool> json = CommonOptions.Json();
        Option<bool> quiet = CommonOptions.Quiet();
        var settings = new BacktestSettings();
        var command = new Command("walkforward", "Walk-forward optimization: sweep each in-sample window, run the best combination on the out-of-sample window after it, and stitch those.")
        {
            strategy, assemblies, data, funding, markPrices, sort, segments, output, inSample, outOfSample, step, anchored, by, ascending, threads, json, quiet,
        };
        settings.AddTo(command);
        command.SetAction(parsed =>
        {
            int threadCount = parsed.GetValue(threads);
            if (threadCount <= 0) throw new UserErrorException($"--threads must be positive, got {threadCount}.");
            SummaryStatistic statistic = SummaryStatistics.Find(parsed.GetValue(by)!);
            StrategyRegistration registration = StrategyResolver.Find(parsed.GetValue(strategy)!, parsed.GetValue(assemblies));
            string[]? files = parsed.GetValue(segments);
            MarketDataReadOptions readOptions = CommonOptions.ReadOptions(parsed.GetValue(sort));
            MarketDataSegments? segmented = files is { Length: > 0 } ? MarketDataSegments.FromFiles(files, readOptions) : null;
            string[]? fundingFiles = parsed.GetValue(funding);
            string[]? markFiles = parsed.GetValue(markPrices);
            // The segments' symbol table (all share the first one's) and span, read once from the first and last files.
            var (segmentSymbols, segmentSpan) = segmented is null ? default : BacktesterCli.Input("cannot read the segments", () => ReplayData.SegmentsOutline(files!, readOptions));
            if (segmented is not null)
            {
                // Each window gets the settlements and mark prices of its range.
                if (fundingFiles is { Length: > 0 }) segmented = segmented.WithFunding(ReplayData.ReadFunding(fundingFiles, segmentSymbols!, segmentSpan));
                if (markFiles is { Length: > 0 }) segmented = segmented.WithMarkPrices(ReplayData.ReadMarkPrices(markFiles, segmentSymbols!, segmentSpan));
            }
            using MarketData? opened = segmented is null ? MarketDataInput.OpenSingle(parsed.GetValue(data)!, readOptions) : null;
            // Each window (a MarketData.Between slice) keeps the settlements and mark prices due in it.
            MarketData? market = opened is not null && fundingFiles is { Length: > 0 } ? opened.WithFunding(ReplayData.ReadFunding(fundingFiles, opened.Symbols, DataSpan.Of(opened))) : opened;
            if (market is not null && markFiles is { Length: > 0 }) market = market.WithMarkPrices(ReplayData.ReadMarkPrices(markFiles, market.Symbols, DataSpan.Of(market)));
            long span = market is not null ? SpanOf(market) : segmentSpan.Last - segmentSpan.First;
            long inNs = Durations.ParseNs("--in-sample", parsed.GetValue(inSample)!), outNs = Durations.ParseNs("--out-of-sample", parsed.GetValue(outOfSample)!);
            var options = new WalkForwardOptions
            {
                InSampleNs = inNs,
                OutOfSampleNs = outNs,
                StepNs = parsed.GetValue(step) is { } s ? Durations.ParseNs("--step", s) : null,
                Anchored = parsed.GetValue(anchored),
                Objective = new ResearchObjective(statistic.Name, statistic.Read, Maximize: !parsed.GetValue(ascending)),
                Sweep = new SweepOptions { Backtest = settings.ReadForWindows(parsed, span, Math.Min(inNs, outNs), market?.Symbols ?? segmentSymbols!), MaxDegreeOfParallelism = threadCount },
                OutputDirectory = parsed.GetValue(output)!,
            };
            // In the flags' own terms, before the library's (which names WalkForwardOptions' properties in ns).
            string inText = parsed.GetValue(inSample)!, outText = parsed.GetValue(outOfSample)!;
            if (options.StepNs is { } stepNs && stepNs < outNs)
                throw new UserErrorException($"--step {parsed.GetValue(step)} is shorter than --out-of-sample {outText}: overlapping out-of-sample windows cannot be stitched into one equity curve. Give a step of at least {outText}.");
            if (span <= options.InSampleNs)
                throw new UserErrorException($"--in-sample {inText} is not shorter than the data, which spans {Durations.Approximately(span)}: there is no out-of-sample window. Give a shorter --in-sample, or more data.");
            BacktesterCli.Input("invalid walk-forward option", () => { options.Validate(); return 0; });
            // Counted before the windows are laid: a step of 1ns over a day once took the machine's memory laying them.
            long windowCount = WalkForward.WindowCount(0, span, options);
            if (windowCount > WalkForward.MaxWindows)
                throw new UserErrorException(string.Create(CultureInfo.InvariantCulture,
                    $"{(parsed.GetValue(step) is { } given ? $"--step {given}" : $"--out-of-sample {outText} (the step, without --step)")} lays {windowCount:N0} windows over the data's {Durations.Approximately(span)} after --in-sample {inText}; at most {WalkForward.MaxWindows:N0} are taken, each an in-sample sweep of the grid: give --step {Durations.AtLeast(WalkForward.SmallestStep(0, span, options))} or more."));
            WalkForwardResult result = BacktesterCli.Input("", () => registration.Accept(new WalkForwardVisitor(market, segmented, options, statistic)));
            string directory = Path.GetFullPath(options.OutputDirectory!);
            string source = market?.Source ?? segmented!.Source;
            // The windows' own (a last window of one instant, dropped), then the stitched curve's returns covering less
            // than a year: its CAGR is NaN, and its Sharpe ratio uncertain.
            string[] warnings = Annualization.ShortHistoryWarning(result.Summary.Count, options.Sweep.Backtest.EquitySampleIntervalNs, result.Summary.PeriodsPerYear) is { } w
                ? [.. result.Warnings, w] : [.. result.Warnings];
            if (!parsed.GetValue(quiet))
                foreach (string warning in warnings) console.Error.WriteLine("warning: " + warning);
            if (parsed.GetValue(json)) WriteJson(console, result, options, directory, source, warnings);
            else if (!parsed.GetValue(quiet)) WriteTables(console, result, options, directory, source);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static long SpanOf(MarketData data)
    {
        (long first, long last) = DataSpan.Of(data);
        return last - first;
    }

    private static void WriteTables(CliConsole console, WalkForwardResult result, WalkForwardOptions options, string directory, string source)
    {
        IAnsiConsole ansi = console.CreateAnsiConsole();
        ansi.MarkupLine($"[bold]{Markup.Escape(result.StrategyName)}[/] walk-forward over {Markup.Escape(source)}: {result.Windows.Count} windows, " +
            $"in sample {Durations.Format(options.InSampleNs)}{(options.Anchored ? " (anchored)" : "")}, out of sample {Durations.Format(options.OutOfSampleNs)}, " +
            $"step {Durations.Format(options.Step)}, by {Markup.Escape(options.Objective.Name)}, in {result.Elapsed.TotalSeconds:F2} s");
        // The cells as sweep and search show statistics (SummaryStatistic.Format, Formatting.Human): money and ratios with two
        // decimals, fractions and probabilities as percentages, counts whole, "-" for NaN; headers their short labels.
        SummaryStatistic by = SummaryStatistics.Find(options.Objective.Name);
        SummaryStatistic sharpe = SummaryStatistics.Find("sharpe"), netPnl = SummaryStatistics.Find("net_pnl"), fills = SummaryStatistics.Find("fills");
        var headers = new List<string> { "#", "out-of-sample start", "parameters", "trials", "IS " + by.ShortLabel, "IS DSR %" };
        if (by.Name != sharpe.Name) headers.Add("IS " + sharpe.ShortLabel);
        headers.AddRange(["OOS " + sharpe.ShortLabel, "OOS " + netPnl.ShortLabel, "OOS " + fills.ShortLabel]);
        var table = new Table().Title("Windows");
        foreach (string name in headers) table.AddColumn(new TableColumn(Markup.Escape(name)).RightAligned());
        foreach (WalkForwardWindow w in result.Windows)
        {
            var cells = new List<string>
            {
                w.Window.ToString(CultureInfo.InvariantCulture), DataSpan.Iso(w.OutOfSampleStart), Markup.Escape(w.Parameters ?? ""),
                Formatting.Human(w.Trials, StatisticKind.Count), Formatting.Human(w.Objective, by.Kind), Formatting.Human(w.InSampleDeflatedSharpe, StatisticKind.Percent),
            };
            if (by.Name != sharpe.Name) cells.Add(Formatting.Human(w.InSampleSharpe, sharpe.Kind));
            cells.AddRange([Formatting.Human(w.OutOfSampleSharpe, sharpe.Kind), Formatting.Human(w.OutOfSampleNetPnl, netPnl.Kind), Formatting.Human(w.OutOfSampleFills, fills.Kind)]);
            table.AddRow(cells.ToArray());
        }
        ansi.Write(table);
        // The stitched curve's statistics in the run's words (SummaryStatistics' labels where the statistic is the same).
        var summary = new Table().Title("Stitched out of sample").AddColumn("Statistic").AddColumn(new TableColumn("Value").RightAligned());
        foreach (var (label, value, kind) in new (string, double, StatisticKind)[]
        {
            ("Initial equity (quote)", result.InitialCapital, StatisticKind.Money),
            (SummaryStatistics.LabelOf("final_equity"), result.FinalEquity, StatisticKind.Money),
            (SummaryStatistics.LabelOf("return"), result.Summary.TotalReturn, StatisticKind.Percent),
            (SummaryStatistics.LabelOf("equity_samples"), result.Summary.Count, StatisticKind.Count),
            (SummaryStatistics.LabelOf("sharpe"), result.Summary.Sharpe, StatisticKind.Ratio),
            ("Probabilistic Sharpe (%)", result.ProbabilisticSharpe, StatisticKind.Percent),
            (SummaryStatistics.LabelOf("sortino"), result.Summary.Sortino, StatisticKind.Ratio),
            (SummaryStatistics.LabelOf("cagr"), result.Summary.Cagr, StatisticKind.Percent),
            ("Max drawdown (%, sampled)", result.Summary.MaxDrawdown, StatisticKind.Percent),
            ("Skewness", result.Summary.Skewness, StatisticKind.Ratio),
            ("Kurtosis (normal: 3)", result.Summary.Kurtosis, StatisticKind.Ratio),
            ("Value at risk 95% (%)", result.Summary.ValueAtRisk, StatisticKind.Percent),
            (SummaryStatistics.LabelOf("fills"), result.Fills.Length, StatisticKind.Count),
        })
            summary.AddRow(Markup.Escape(label), Formatting.Human(value, kind));
        ansi.Write(summary);
        ansi.MarkupLine($"files: [bold]{Markup.Escape(directory)}[/] (windows.arrow, equity.arrow, fills.arrow, summary.arrow)");
    }

    private static void WriteJson(CliConsole console, WalkForwardResult result, WalkForwardOptions options, string directory, string source, string[] warnings) =>
        Formatting.Json(console.Out, w =>
        {
            static void Number(System.Text.Json.Utf8JsonWriter w, string name, double value) => Formatting.WriteStatistic(w, name, value);
            w.WriteStartObject();
            w.WriteString("strategy", result.StrategyName);
            w.WriteString("data", source);
            w.WriteString("directory", directory);
            w.WriteString("objective", options.Objective.Name);
            w.WriteBoolean("maximize", options.Objective.Maximize);
            w.WriteNumber("in_sample_ns", options.InSampleNs);
            w.WriteNumber("out_of_sample_ns", options.OutOfSampleNs);
            w.WriteNumber("step_ns", options.Step);
            w.WriteBoolean("anchored", options.Anchored);
            w.WriteNumber("elapsed_seconds", result.Elapsed.TotalSeconds);
            w.WriteStartArray("warnings");
            foreach (string warning in warnings) w.WriteStringValue(warning);
            w.WriteEndArray();
            w.WriteStartArray("windows");
            foreach (WalkForwardWindow x in result.Windows)
            {
                w.WriteStartObject();
                w.WriteNumber("window", x.Window);
                w.WriteString("in_sample_start", DataSpan.Json(x.InSampleStart));
                w.WriteString("in_sample_end", DataSpan.Json(x.InSampleEnd));
                w.WriteString("out_of_sample_start", DataSpan.Json(x.OutOfSampleStart));
                w.WriteString("out_of_sample_end", DataSpan.Json(x.OutOfSampleEnd));
                w.WriteNumber("grid_index", x.GridIndex);
                w.WriteString("parameters", x.Parameters);
                w.WriteNumber("trials", x.Trials);
                Number(w, "objective", x.Objective);
                Number(w, "in_sample_deflated_sharpe", x.InSampleDeflatedSharpe);
                Number(w, "in_sample_sharpe", x.InSampleSharpe);
                Number(w, "out_of_sample_sharpe", x.OutOfSampleSharpe);
                Number(w, "out_of_sample_net_pnl", x.OutOfSampleNetPnl);
                Number(w, "out_of_sample_final_equity", x.OutOfSampleFinalEquity);
                w.WriteNumber("out_of_sample_fills", x.OutOfSampleFills);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("stitched");
            Number(w, "initial_equity", result.InitialCapital);
            Number(w, "final_equity", result.FinalEquity);
            Number(w, "total_return", result.Summary.TotalReturn);
            w.WriteNumber("equity_samples", result.Summary.Count);
            Number(w, "sharpe", result.Summary.Sharpe);
            Number(w, "probabilistic_sharpe", result.ProbabilisticSharpe);
            Number(w, "sortino", result.Summary.Sortino);
            Number(w, "cagr", result.Summary.Cagr);
            Number(w, "max_drawdown", result.Summary.MaxDrawdown);
            Number(w, "skewness", result.Summary.Skewness);
            Number(w, "kurtosis", result.Summary.Kurtosis);
            Number(w, "value_at_risk_95", result.Summary.ValueAtRisk);
            Number(w, "conditional_value_at_risk_95", result.Summary.ConditionalValueAtRisk);
            w.WriteNumber("fills", result.Fills.Length);
            w.WriteEndObject();
            w.WriteEndObject();
        });
}
