using System;
using System.CommandLine;
using Backtester.Infrastructure;
using Spectre.Console;

namespace Backtester.Cli.Research;

/// <summary><c>backtester overfitting</c>: how likely the best combination of a full sweep is a fluke (PBO, DSR, PSR, MinTRL).</summary>
internal static class OverfittingCommand
{
    public static Command Create(CliConsole console)
    {
        Option<string> strategy = CommonOptions.Strategy();
        Option<string[]> assemblies = CommonOptions.Assembly();
        Option<string[]> data = CommonOptions.Data();
        Option<bool> sort = CommonOptions.SortIfUnordered();
        Option<int> blocks = new("--blocks") { Description = "CSCV blocks S (even): C(S, S/2) train/test splits of the equity samples.", DefaultValueFactory = _ => 16 };
        Option<int> threads = new("--threads", "-t") { Description = "Worker threads (default: every core).", DefaultValueFactory = _ => Environment.ProcessorCount };
        Option<bool> json = CommonOptions.Json();
        Option<bool> quiet = CommonOptions.Quiet();
        var settings = new BacktestSettings();
        var command = new Command("overfitting", "Sweep the whole grid and report the probability of backtest overfitting (CSCV) and the deflated Sharpe ratio of the best combination.")
        {
            strategy, assemblies, data, sort, blocks, threads, json, quiet,
        };
        settings.AddTo(command);
        command.SetAction(parsed =>
        {
            int threadCount = parsed.GetValue(threads);
            if (threadCount <= 0) throw new UserErrorException($"--threads must be positive, got {threadCount}.");
            StrategyRegistration registration = StrategyResolver.Find(parsed.GetValue(strategy)!, parsed.GetValue(assemblies));
            using MarketData market = MarketDataInput.OpenSingle(parsed.GetValue(data)!, CommonOptions.ReadOptions(parsed.GetValue(sort)));
            var options = new SweepOptions { Backtest = settings.Read(parsed, market), MaxDegreeOfParallelism = threadCount };
            OverfittingOutcome o = BacktesterCli.Input("", () => registration.Accept(new OverfittingVisitor(market, options, parsed.GetValue(blocks))));
            if (parsed.GetValue(json)) WriteJson(console, o);
            else if (!parsed.GetValue(quiet)) WriteTable(console, o, market.Source);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteTable(CliConsole console, OverfittingOutcome o, string source)
    {
        IAnsiConsole ansi = console.CreateAnsiConsole();
        ansi.MarkupLine($"[bold]{Markup.Escape(o.Strategy)}[/] over {Markup.Escape(source)}: {o.Trials:N0} combinations ({o.Failed:N0} failed), {o.Periods:N0} equity samples each");
        var table = new Table().AddColumn("Statistic").AddColumn(new TableColumn("Value").RightAligned());
        table.AddRow("probability_of_backtest_overfitting", Formatting.Number(o.Pbo));
        table.AddRow("probability_of_out_of_sample_loss", Formatting.Number(o.ProbabilityOfLoss));
        table.AddRow("cscv_splits", $"{o.Splits:N0} (S = {o.Blocks})");
        table.AddRow("best_index", o.BestIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("best_parameters", Markup.Escape(string.Join(";", System.Linq.Enumerable.Select(o.BestParameters, p => $"{p.Key}={p.Value}"))));
        table.AddRow("best_sharpe (annualized)", Formatting.Number(o.BestSharpe));
        table.AddRow("best_sharpe (per period)", Formatting.Number(o.PeriodSharpe));
        table.AddRow("trials_sharpe_variance (per period)", Formatting.Number(o.SharpeVariance));
        table.AddRow("skewness", Formatting.Number(o.Skewness));
        table.AddRow("kurtosis", Formatting.Number(o.Kurtosis));
        table.AddRow("probabilistic_sharpe (vs 0)", Formatting.Number(o.Psr));
        table.AddRow("deflated_sharpe", Formatting.Number(o.Dsr));
        table.AddRow("min_track_record_length (periods, 95%)", Formatting.Number(o.MinTrackRecord));
        ansi.Write(table);
    }

    private static void WriteJson(CliConsole console, OverfittingOutcome o) =>
        Formatting.Json(console.Out, w =>
        {
            void Number(string name, double value)
            {
                if (double.IsFinite(value)) w.WriteNumber(name, value);
                else w.WriteNull(name);
            }
            w.WriteStartObject();
            w.WriteString("strategy", o.Strategy);
            w.WriteNumber("trials", o.Trials);
            w.WriteNumber("failed", o.Failed);
            w.WriteNumber("periods", o.Periods);
            w.WriteNumber("blocks", o.Blocks);
            w.WriteNumber("splits", o.Splits);
            Number("probability_of_backtest_overfitting", o.Pbo);
            Number("probability_of_out_of_sample_loss", o.ProbabilityOfLoss);
            w.WriteNumber("best_index", o.BestIndex);
            Formatting.WriteParameters(w, "best_parameters", o.BestParameters);
            Number("best_sharpe", o.BestSharpe);
            Number("best_period_sharpe", o.PeriodSharpe);
            Number("trials_sharpe_variance", o.SharpeVariance);
            Number("skewness", o.Skewness);
            Number("kurtosis", o.Kurtosis);
            w.WriteNumber("observations", o.Observations);
            Number("probabilistic_sharpe", o.Psr);
            Number("deflated_sharpe", o.Dsr);
            Number("min_track_record_length", o.MinTrackRecord);
            w.WriteEndObject();
        });
}
