using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using Backtester.Data;
using Spectre.Console;
using Backtester.Cli;
using Backtester.Infrastructure;

namespace Backtester.Cli.Running;

/// <summary><c>backtester run</c>: one backtest with parameter overrides, result files, and the summary.</summary>
internal static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        Option<string> strategy = CommonOptions.Strategy();
        Option<string[]> assemblies = CommonOptions.Assembly();
        Option<string[]> data = CommonOptions.Data();
        Option<string[]> funding = CommonOptions.Funding();
        Option<string[]> markPrices = CommonOptions.MarkPrices();
        Option<bool> sort = CommonOptions.SortIfUnordered();
        Option<string[]> parameters = new("--param", "-p")
        {
            Description = "Set a parameter, Name=Value (repeatable). Unset parameters take their first grid value; a value off the grid runs with a warning.",
        };
        Option<string> output = new("--out", "-o") { Description = "Folder for the result files: summary, fills, equity, orders, round_trips, symbols and logged records.", Required = true };
        Option<string> format = CommonOptions.Format();
        Option<bool> json = CommonOptions.Json();
        Option<bool> quiet = CommonOptions.Quiet();
        var settings = new BacktestSettings();

        var command = new Command("run", "Run one backtest and write its result files.")
        {
            strategy, assemblies, data, funding, markPrices, sort, parameters, output, format, json, quiet,
        };
        settings.AddTo(command);
        command.SetAction(parsed =>
        {
            string directory = CommonOptions.OutputFolder(parsed.GetValue(output));
            StrategyRegistration registration = StrategyResolver.Find(parsed.GetValue(strategy)!, parsed.GetValue(assemblies));
            var overrides = ParseOverrides(parsed.GetValue(parameters) ?? []);
            using ReplayData market = ReplayData.Open(parsed.GetValue(data)!, parsed.GetValue(funding), parsed.GetValue(markPrices), CommonOptions.ReadOptions(parsed.GetValue(sort)));
            BacktestOptions options = settings.Read(parsed, market.Identity) with { Output = new RunOutput(directory) { Format = CommonOptions.FormatOf(parsed.GetValue(format)!) } };
            RunOutcome outcome = registration.Accept(new RunVisitor(market, overrides, options));
            Report(console, outcome, market, directory, options, parsed.GetValue(json), parsed.GetValue(quiet));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<KeyValuePair<string, string>> ParseOverrides(string[] texts)
    {
        var overrides = new List<KeyValuePair<string, string>>();
        foreach (string text in texts)
        {
            int eq = text.IndexOf('=');
            if (eq <= 0) throw new UserErrorException($"--param expects Name=Value, got '{text}'.");
            overrides.Add(new(text[..eq].Trim(), text[(eq + 1)..].Trim()));
        }
        return overrides;
    }

    private static void Report(CliConsole console, RunOutcome outcome, ReplayData market, string directory, BacktestOptions options, bool json, bool quiet)
    {
        string folder = Path.GetFullPath(directory);
        if (!quiet || json)
            foreach (string warning in outcome.Warnings) console.Error.WriteLine("warning: " + warning);
        if (json)
        {
            Formatting.Json(console.Out, w =>
            {
                w.WriteStartObject();
                w.WriteString("strategy", outcome.Strategy);
                Formatting.WriteParameters(w, "parameters", outcome.Parameters);
                w.WriteString("data", market.Identity.Source);
                w.WriteString("output", folder);
                w.WriteNumber("equity_interval_ns", outcome.EquitySampleIntervalNs);
                w.WriteStartArray("warnings");
                foreach (string warning in outcome.Warnings) w.WriteStringValue(warning);
                w.WriteEndArray();
                Formatting.WriteSummary(w, "summary", outcome.Summary);
                w.WriteEndObject();
            });
            return;
        }
        if (quiet) return;
        IAnsiConsole ansi = console.CreateAnsiConsole();
        var described = new List<string>();
        foreach (var (name, value) in outcome.Parameters) described.Add($"{name}={value}");
        ansi.MarkupLine($"[bold]{Markup.Escape(outcome.Strategy)}[/] {Markup.Escape(string.Join(" ", described))} on {Markup.Escape(market.Identity.Source)} ({market.EventCount:N0} events)");
        ansi.Write(Formatting.SummaryTable(outcome.Summary, "Summary"));
        ansi.MarkupLine($"result files in [bold]{Markup.Escape(folder)}[/] (equity sampled every {Durations.Format(outcome.EquitySampleIntervalNs)})");
    }
}
