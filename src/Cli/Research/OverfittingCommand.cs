using System;
using System.CommandLine;
using System.Globalization;
using Backtester.Infrastructure;
using Backtester.Research;
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
        Option<string> by = new("--by")
        {
            Description = "The statistic of the per-period returns CSCV chooses and ranks by on each half of the blocks, and the best combination is chosen by: sharpe, sortino or return.",
            DefaultValueFactory = _ => "sharpe",
        };
        Option<bool> json = CommonOptions.Json();
        Option<bool> quiet = CommonOptions.Quiet();
        var settings = new BacktestSettings();
        var command = new Command("overfitting", "Sweep the whole grid and report the probability of backtest overfitting (CSCV) and the deflated Sharpe ratio of the best combination.")
        {
            strategy, assemblies, data, sort, blocks, threads, by, json, quiet,
        };
        settings.AddTo(command);
        command.SetAction(parsed =>
        {
            int threadCount = parsed.GetValue(threads);
            if (threadCount <= 0) throw new UserErrorException($"--threads must be positive, got {threadCount}.");
            (SummaryStatistic statistic, CscvStatistic cscv) = Ranking(parsed.GetValue(by)!);
            StrategyRegistration registration = StrategyResolver.Find(parsed.GetValue(strategy)!, parsed.GetValue(assemblies));
            using MarketData market = MarketDataInput.OpenSingle(parsed.GetValue(data)!, CommonOptions.ReadOptions(parsed.GetValue(sort)));
            // Left to the rule, the equity interval is the one for a block, the smallest piece a split takes whole, so that
            // each block holds returns enough (decision 0122): sampled by the span, daily, a month gave 16 blocks of one.
            int blockCount = parsed.GetValue(blocks);
            if (blockCount < 2 || blockCount % 2 != 0 || blockCount > BacktestOverfitting.MaxBlocks)
                throw new UserErrorException($"--blocks must be even, from 2 to {BacktestOverfitting.MaxBlocks} (C(30, 15) ≈ 1.55e8 train/test splits), got {blockCount}.");
            var (first, last) = DataSpan.Of(market);
            var options = new SweepOptions { Backtest = settings.ReadForWindows(parsed, market, (last - first) / blockCount), MaxDegreeOfParallelism = threadCount };
            OverfittingOutcome o = BacktesterCli.Input("", () => registration.Accept(new OverfittingVisitor(market, options, blockCount, statistic, cscv)));
            if (parsed.GetValue(json)) WriteJson(console, o);
            else if (!parsed.GetValue(quiet)) WriteTable(console, o, market.Source);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The statistics CSCV computes from the returns matrix, by their sweep names (decision 0110).</summary>
    private static readonly (string Name, CscvStatistic Statistic)[] Rankable =
        [("sharpe", CscvStatistic.Sharpe), ("sortino", CscvStatistic.Sortino), ("return", CscvStatistic.Return)];

    /// <summary>
    /// <c>--by</c>: a summary statistic by name, as <c>sweep --by</c> takes it (an unknown name lists them all), and one that
    /// CSCV can compute on any half of the blocks from the per-period returns alone.
    /// </summary>
    private static (SummaryStatistic Statistic, CscvStatistic Cscv) Ranking(string name)
    {
        SummaryStatistic statistic = SummaryStatistics.Find(name);
        foreach (var (rankable, cscv) in Rankable)
            if (rankable == statistic.Name) return (statistic, cscv);
        throw new UserErrorException(
            $"--by {statistic.Name}: the probability of backtest overfitting (CSCV) scores every combination on each half of the blocks by a statistic of its per-period returns there, and {statistic.Name} is not one (it needs the run's fills or capital, or the order of its returns). Use one of: {string.Join(", ", Array.ConvertAll(Rankable, r => r.Name))}.");
    }

    private static void WriteTable(CliConsole console, OverfittingOutcome o, string source)
    {
        IAnsiConsole ansi = console.CreateAnsiConsole();
        ansi.MarkupLine($"[bold]{Markup.Escape(o.Strategy)}[/] over {Markup.Escape(source)}: {o.Trials:N0} combinations ({o.Failed:N0} failed), {o.Periods:N0} equity samples each, by {Markup.Escape(o.By.Name)}");
        // The cells as sweep, search and walkforward show statistics (Formatting.Human by kind): probabilities as
        // percentages, ratios with two decimals, counts whole, "-" for NaN, "∞" for infinity; --json keeps every digit.
        var cscv = new Table().Title(Markup.Escape($"Cross-validation (CSCV) by {o.By.Name}")).AddColumn("Statistic").AddColumn(new TableColumn("Value").RightAligned());
        cscv.AddRow("Probability of backtest overfitting (%)", Formatting.Human(o.Pbo, StatisticKind.Percent));
        cscv.AddRow("Probability of out-of-sample loss (%)", Formatting.Human(o.ProbabilityOfLoss, StatisticKind.Percent));
        cscv.AddRow("Train/test splits", $"{Formatting.Human(o.Splits, StatisticKind.Count)} (S = {o.Blocks.ToString(CultureInfo.InvariantCulture)})");
        ansi.Write(cscv);
        var best = new Table().Title(Markup.Escape($"Best combination by {o.By.Name}")).AddColumn("Statistic").AddColumn(new TableColumn("Value").RightAligned());
        best.AddRow("Grid index", o.BestIndex.ToString(CultureInfo.InvariantCulture));
        best.AddRow("Parameters", Markup.Escape(string.Join(";", System.Linq.Enumerable.Select(o.BestParameters, p => $"{p.Key}={p.Value}"))));
        if (o.By.Name != "sharpe") best.AddRow(Markup.Escape(o.By.Label), Markup.Escape(o.By.Format(o.BestSummary)));
        foreach (var (label, value, kind) in new (string, double, StatisticKind)[]
        {
            (SummaryStatistics.LabelOf("sharpe"), o.BestSharpe, StatisticKind.Ratio),
            ("Probabilistic Sharpe (%)", o.Psr, StatisticKind.Percent),
            ("Deflated Sharpe (%)", o.Dsr, StatisticKind.Percent),
            // Whole samples: the fewest that reach 95 %, so rounded up.
            ("Min track record (samples, 95%)", Math.Ceiling(o.MinTrackRecord), StatisticKind.Count),
            ("Skewness", o.Skewness, StatisticKind.Ratio),
            ("Kurtosis (normal: 3)", o.Kurtosis, StatisticKind.Ratio),
            // The DSR's variance of the trials' per-period Sharpe ratios, as the spread of their annualized ones.
            ("Trials' Sharpe, std dev (annualized)", Math.Sqrt(o.SharpeVariance * o.PeriodsPerYear), StatisticKind.Ratio),
        })
            best.AddRow(Markup.Escape(label), Formatting.Human(value, kind));
        ansi.Write(best);
    }

    private static void WriteJson(CliConsole console, OverfittingOutcome o) =>
        Formatting.Json(console.Out, w =>
        {
            void Number(string name, double value) => Formatting.WriteStatistic(w, name, value);
            w.WriteStartObject();
            w.WriteString("strategy", o.Strategy);
            w.WriteNumber("trials", o.Trials);
            w.WriteNumber("failed", o.Failed);
            w.WriteNumber("periods", o.Periods);
            w.WriteNumber("blocks", o.Blocks);
            w.WriteNumber("splits", o.Splits);
            w.WriteString("by", o.By.Name);
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
            Formatting.WriteSummary(w, "best_summary", o.BestSummary);
            w.WriteEndObject();
        });
}
