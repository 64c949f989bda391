using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Backtester.Data;
using Backtester.Infrastructure;
using Backtester.Results;
using Backtester.Statistics;

namespace Backtester.Research;

/// <summary>
/// Walk-forward optimization: in each window, sweep the grid over the in-sample period (the ordinary parallel
/// <see cref="Sweep"/>), take the combination with the best <see cref="WalkForwardOptions.Objective"/>, and run it alone
/// over the out-of-sample period that follows. The out-of-sample pieces are stitched into one equity curve, one fill
/// log and one summary: the performance of the whole procedure on data it never optimized on.
/// </summary>
/// <remarks>
/// Each out-of-sample run starts flat, with the stitched equity so far as its capital, and with a new strategy instance
/// (indicators warm up inside the window); positions open at its end are marked at their last prices and not carried
/// into the next window (docs/decisions/0028-walk-forward-windows-start-flat.md). Slices of the data are views over
/// its columns; with <see cref="MarketDataSegments"/> only the segments a window overlaps are opened. Every window
/// samples equity at one interval: the one the options set, or for <see cref="EquitySampling.Auto"/> the rule's interval
/// for the shorter of the in-sample and out-of-sample lengths (<see cref="EquitySampling.IntervalForWindows"/>, decision
/// 0122), so each window's statistics have returns enough.
/// </remarks>
public static class WalkForward
{
    /// <summary>Walks forward over <paramref name="data"/> (the generic arguments are inferred from <paramref name="grid"/>).</summary>
    /// <example><code>var wf = WalkForward.Run(data, SmaCross.Grid, new WalkForwardOptions { InSampleNs = 6 * hour, OutOfSampleNs = 2 * hour });</code></example>
    /// <exception cref="ArgumentException">An option is invalid, or the data is too short for one window.</exception>
    public static WalkForwardResult Run<TStrategy, TParameters, TDriver>(MarketData data, ParameterGrid<TStrategy, TParameters, TDriver> grid, WalkForwardOptions options)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        ArgumentNullException.ThrowIfNull(data);
        return Run(new WindowSource.Whole(data), grid, options);
    }

    /// <summary>Walks forward over segmented data (one file per day, say): each window opens only the segments it overlaps.</summary>
    /// <exception cref="ArgumentException">An option is invalid, or the data is too short for one window.</exception>
    public static WalkForwardResult Run<TStrategy, TParameters, TDriver>(MarketDataSegments data, ParameterGrid<TStrategy, TParameters, TDriver> grid, WalkForwardOptions options)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Run(new WindowSource.Segmented(data), grid, options);
    }

    /// <summary>The windows' [in-sample start, out-of-sample start, out-of-sample end) over data from <paramref name="first"/> to <paramref name="last"/>.</summary>
    /// <remarks>
    /// <c>Run</c> drops the last of these when its events all fall at one instant (the data ends on its start, or has one
    /// lone instant after it), with a warning in <see cref="WalkForwardResult.Warnings"/> (decision 0106).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The options lay more than <see cref="MaxWindows"/> windows over the data.</exception>
    public static IReadOnlyList<(long InSampleStart, long OutOfSampleStart, long OutOfSampleEnd)> Windows(long first, long last, WalkForwardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        long count = WindowCount(first, last, options);
        if (count > MaxWindows)
            throw new ArgumentOutOfRangeException(nameof(options.StepNs), options.Step, string.Create(CultureInfo.InvariantCulture,
                $"a step of {options.Step:N0} ns lays {count:N0} windows over the {(Int128)last - first:N0} ns of data after the first {options.InSampleNs:N0} ns in sample; at most {MaxWindows:N0} are taken (WalkForward.MaxWindows): step {SmallestStep(first, last, options):N0} ns or more."));
        var windows = new List<(long, long, long)>((int)count);
        for (long k = 0; k < count; k++)
        {
            long oosStart = first + options.InSampleNs + k * options.Step;
            long oosEnd = (long)Int128.Min((Int128)oosStart + options.OutOfSampleNs, (Int128)last + 1);
            windows.Add((options.Anchored ? first : oosStart - options.InSampleNs, oosStart, oosEnd));
        }
        return windows;
    }

    /// <summary>
    /// At most this many windows: each runs an in-sample sweep of the whole grid, so more would not finish, and a step of
    /// 1 ns over one day once asked for 8.6 × 10¹³ of them, which took the machine's memory before anything ran.
    /// </summary>
    public const long MaxWindows = 100_000;

    /// <summary>How many windows <see cref="Windows"/> lays over data from <paramref name="first"/> to <paramref name="last"/>, counted without laying them.</summary>
    public static long WindowCount(long first, long last, WalkForwardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        // Int128: the first out-of-sample start, first + InSampleNs, may lie beyond long.MaxValue.
        Int128 room = (Int128)last - first - options.InSampleNs;
        return room < 0 ? 0 : (long)Int128.Min(room / options.Step + 1, long.MaxValue);
    }

    /// <summary>The smallest step that lays at most <see cref="MaxWindows"/> windows over the data.</summary>
    public static long SmallestStep(long first, long last, WalkForwardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Int128 room = (Int128)last - first - options.InSampleNs;
        return room < 0 ? 1 : (long)(room / MaxWindows + 1);
    }

    private static WalkForwardResult Run<TStrategy, TParameters, TDriver>(WindowSource source, ParameterGrid<TStrategy, TParameters, TDriver> grid, WalkForwardOptions options)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.OutputDirectory is { } output) ResultFolder.Check(output); // before the windows run, not after
        if (grid.Count == 0) throw new ArgumentException("The grid has no combinations.", nameof(grid));
        var (first, last) = source.Span;
        if (first > last) throw new ArgumentException($"{source.Source} has no events.", nameof(source));
        var windows = Windows(first, last, options);
        if (windows.Count == 0)
            throw new ArgumentException(
                $"{source.Source} spans {last - first} ns, not more than InSampleNs ({options.InSampleNs}): there is no out-of-sample window. Shorten InSampleNs or give more data.",
                nameof(options));

        var clock = Stopwatch.StartNew();
        // One sampling interval for every window, so the stitched curve is uniform; an automatic one from the shortest
        // window, so each window's statistics have returns enough (decision 0122).
        BacktestOptions backtest = options.Sweep.Backtest;
        if (backtest.EquitySampleIntervalNs == EquitySampling.Auto)
        {
            backtest = backtest with { EquitySampleIntervalNs = EquitySampling.IntervalForWindows(Math.Min(options.InSampleNs, options.OutOfSampleNs), last - first) };
            options = options with { Sweep = options.Sweep with { Backtest = backtest } };
        }
        double periods = backtest.AnnualizationFactor;
        var runner = new BacktestRunner();
        var rows = new List<WalkForwardWindow>(windows.Count);
        var stitched = new List<EquitySample>();
        var fills = new List<Fill>();
        var samples = new List<EquitySample>();
        var curve = new SeriesAccumulator();
        curve.Start(backtest.InitialCapital);
        double equity = backtest.InitialCapital;
        var warnings = new List<string>();

        for (int w = 0; w < windows.Count; w++)
        {
            var (isStart, oosStart, oosEnd) = windows[w];
            using WindowSource.Lease lease = source.Open(isStart, oosEnd);
            MarketData inSample = lease.Data.Between(isStart, oosStart), outOfSample = lease.Data.Between(oosStart, oosEnd);
            // The last window ends with the data. When its events fall at one instant, no time passes in it: it measures
            // no return, only the fills and fees of that instant, and its in-sample sweep would be spent on nothing (decision 0106).
            if (w == windows.Count - 1 && WindowSource.TimesOf(outOfSample) is var (firstOut, lastOut) && firstOut == lastOut)
            {
                string dropped = string.Create(CultureInfo.InvariantCulture,
                    $"the last out-of-sample window (window {w}, {ResultFiles.Iso(oosStart)} to {ResultFiles.Iso(oosEnd)}, where the data ends) was dropped: its events all fall at one instant, {ResultFiles.Iso(firstOut)}, so no return can be measured over it");
                if (w == 0)
                    throw new ArgumentException($"{source.Source}: {dropped}, and there is no other out-of-sample window. Shorten InSampleNs or give more data.", nameof(options));
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{dropped}. The walk-forward keeps {(w == 1 ? "window 0" : w == 2 ? "windows 0 and 1" : $"windows 0 to {w - 1}")}; to have it, give data that runs on past {ResultFiles.Iso(firstOut)}."));
                break;
            }

            SweepResult<TParameters> sweep = Sweep.Run(inSample, grid, options.Sweep);
            // Every trial NaN by the objective: the "best" would be the lowest grid index (decision 0105).
            if (options.Objective.Unranked(sweep.Rows, 1) is { } unranked)
                throw new UnrankedObjectiveException(options.Objective.Name,
                    $"window {w} (in sample {ResultFiles.Iso(isStart)} to {ResultFiles.Iso(oosStart)})", 1, unranked);
            var (chosen, failed) = Choose(sweep, options.Objective);
            if (chosen is not { } best)
                throw new InvalidOperationException($"Window {w}: every one of the {sweep.Count} in-sample combinations failed; first: {FirstError(sweep)}");
            double dsr = DeflatedSharpe<TStrategy, TParameters, TDriver>(runner, inSample, best, sweep, grid.Count, backtest, samples);

            TParameters parameters = best.Parameters;
            TDriver driver = TStrategy.Create(in parameters).CreateDriver();
            samples.Clear();
            runner.SampleCapture = samples;
            BacktestResult oos;
            try
            {
                oos = runner.Run(outOfSample, ref driver, backtest with { InitialCapital = equity, TradeLog = TradeLogMode.All });
            }
            finally
            {
                runner.SampleCapture = null;
            }
            foreach (EquitySample s in samples)
            {
                curve.AddEquity(s.Equity);
                stitched.Add(new EquitySample(s.Timestamp, s.Equity, curve.LastReturn, curve.Drawdown));
            }
            fills.AddRange(oos.Fills.Span);
            BacktestSummary i = best.Summary, o = oos.Summary;
            rows.Add(new WalkForwardWindow
            {
                Window = w,
                InSampleStart = isStart,
                InSampleEnd = oosStart,
                OutOfSampleStart = oosStart,
                OutOfSampleEnd = oosEnd,
                GridIndex = best.Index,
                Parameters = ResultMetadata.DescribeParameters(in parameters),
                Trials = sweep.Count,
                FailedTrials = failed,
                Objective = options.Objective.Score(i),
                InSampleDeflatedSharpe = dsr,
                InSampleSharpe = i.Sharpe,
                InSampleNetPnl = i.NetPnl,
                InSampleReturn = i.Return,
                InSampleMaxDrawdownPercent = i.MaxDrawdownPercent,
                InSampleFills = i.Fills,
                OutOfSampleInitialEquity = equity,
                OutOfSampleFinalEquity = o.FinalEquity,
                OutOfSampleSharpe = o.Sharpe,
                OutOfSampleNetPnl = o.NetPnl,
                OutOfSampleReturn = o.Return,
                OutOfSampleMaxDrawdownPercent = o.MaxDrawdownPercent,
                OutOfSampleFills = o.Fills,
                OutOfSampleEvents = o.Events,
            });
            equity = o.FinalEquity;
        }

        var equityValues = new double[stitched.Count + 1];
        equityValues[0] = backtest.InitialCapital;
        for (int k = 0; k < stitched.Count; k++) equityValues[k + 1] = stitched[k].Equity;
        SeriesSummary summary = SeriesStatistics.OfEquity(equityValues, periods);
        double psr = Psr(summary);
        var result = new WalkForwardResult(TStrategy.StrategyName, rows, stitched.ToArray(), fills.ToArray(), summary, backtest.InitialCapital, psr, clock.Elapsed)
        {
            Warnings = warnings,
        };
        if (options.OutputDirectory is { } directory)
        {
            ResultMetadata provenance = ResultMetadata.Create(source.Identity, backtest, StrategyIdentity.Of<TStrategy, TParameters, TDriver>(),
                GridDefinition.For<TParameters>()).With(ResultMetadata.Keys.Table, "walkforward");
            Write(directory, result, options, provenance);
        }
        return result;
    }

    private static (SweepRow<TParameters>? Best, long Failed) Choose<TParameters>(SweepResult<TParameters> sweep, ResearchObjective objective)
        where TParameters : struct
    {
        long failed = 0;
        foreach (SweepRow<TParameters> row in sweep.Rows)
            if (!row.Succeeded) failed++;
        IReadOnlyList<SweepRow<TParameters>> top = sweep.Top(1, objective.Score, objective.Maximize);
        return (top.Count == 0 ? null : top[0], failed);
    }

    private static string FirstError<TParameters>(SweepResult<TParameters> sweep) where TParameters : struct
    {
        foreach (SweepRow<TParameters> row in sweep.Rows)
            if (!row.Succeeded) return $"combination {row.Index}: {row.Error}";
        return "none";
    }

    /// <summary>
    /// DSR of the chosen combination: its per-period Sharpe ratio against the expected maximum of as many trials as the
    /// sweep ran, with the variance of the trials' per-period Sharpe ratios, and the skewness and kurtosis of its returns
    /// (one more in-sample run, capturing its samples). NaN when any of these is undefined.
    /// </summary>
    private static double DeflatedSharpe<TStrategy, TParameters, TDriver>(BacktestRunner runner, MarketData inSample, SweepRow<TParameters> best,
        SweepResult<TParameters> sweep, long trials, BacktestOptions backtest, List<EquitySample> samples)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        // Sample variance of the trials' per-period Sharpe ratios (Welford's update).
        double root = Math.Sqrt(backtest.AnnualizationFactor), mean = 0, m2 = 0;
        long n = 0;
        foreach (SweepRow<TParameters> row in sweep.Rows)
        {
            double sr = row.Summary.Sharpe / root;
            if (!row.Succeeded || !double.IsFinite(sr)) continue;
            n++;
            double delta = sr - mean;
            mean += delta / n;
            m2 += delta * (sr - mean);
        }
        if (n < 2) return double.NaN;
        double variance = m2 / (n - 1);

        TParameters parameters = best.Parameters;
        TDriver driver = TStrategy.Create(in parameters).CreateDriver();
        samples.Clear();
        runner.SampleCapture = samples;
        try
        {
            runner.RunSummary(inSample, ref driver, backtest);
        }
        finally
        {
            runner.SampleCapture = null;
        }
        var moments = new SeriesAccumulator();
        moments.Start(backtest.InitialCapital);
        foreach (EquitySample s in samples) moments.AddEquity(s.Equity);
        double sharpe = moments.PeriodSharpe, skew = moments.Skewness, kurtosis = moments.Kurtosis;
        if (!double.IsFinite(sharpe) || !double.IsFinite(skew) || !double.IsFinite(kurtosis) || moments.Count < 2) return double.NaN;
        try
        {
            return SharpeRatioInference.DeflatedSharpeRatio(sharpe, variance, trials, moments.Count, skew, kurtosis);
        }
        catch (ArgumentOutOfRangeException)
        {
            return double.NaN; // moments too extreme for the formula's variance term
        }
    }

    private static double Psr(in SeriesSummary s)
    {
        double sr = s.Mean / s.StandardDeviation;
        if (s.Count < 2 || !double.IsFinite(sr) || !double.IsFinite(s.Skewness) || !double.IsFinite(s.Kurtosis)) return double.NaN;
        try
        {
            return SharpeRatioInference.ProbabilisticSharpeRatio(sr, 0, s.Count, s.Skewness, s.Kurtosis);
        }
        catch (ArgumentOutOfRangeException)
        {
            return double.NaN;
        }
    }

    private static void Write(string directory, WalkForwardResult result, WalkForwardOptions options, ResultMetadata provenance)
    {
        ResultFolder.Create(directory);
        var metadata = new Dictionary<string, string>(provenance.Entries)
        {
            ["backtester.walkforward.in_sample_ns"] = options.InSampleNs.ToString(CultureInfo.InvariantCulture),
            ["backtester.walkforward.out_of_sample_ns"] = options.OutOfSampleNs.ToString(CultureInfo.InvariantCulture),
            ["backtester.walkforward.step_ns"] = options.Step.ToString(CultureInfo.InvariantCulture),
            ["backtester.walkforward.anchored"] = options.Anchored ? "true" : "false",
            ["backtester.walkforward.objective"] = options.Objective.Name + (options.Objective.Maximize ? " (max)" : " (min)"),
            ["backtester.walkforward.probabilistic_sharpe"] = result.ProbabilisticSharpe.ToString("R", CultureInfo.InvariantCulture),
        };
        if (result.Warnings.Count > 0) metadata[ResultMetadata.Keys.Warnings] = string.Join("\n", result.Warnings);
        // Every file is finished under its temporary name, then all are renamed into place with the summary last
        // (decision 0025): a folder with summary.arrow holds one complete walk-forward.
        using var windows = new ArrowRecordFileWriter<WalkForwardWindow>(Path.Combine(directory, "windows.arrow"), metadata);
        using var equity = new ArrowRecordFileWriter<EquitySample>(Path.Combine(directory, "equity.arrow"), metadata);
        using var fills = new ArrowRecordFileWriter<Fill>(Path.Combine(directory, "fills.arrow"), metadata);
        using var summary = new ArrowRecordFileWriter<SeriesSummary>(Path.Combine(directory, "summary.arrow"), metadata);
        foreach (WalkForwardWindow window in result.Windows) windows.Append(in window);
        foreach (ref readonly EquitySample sample in result.Equity.Span) equity.Append(in sample);
        foreach (ref readonly Fill fill in result.Fills.Span) fills.Append(in fill);
        SeriesSummary stitched = result.Summary;
        summary.Append(in stitched);
        AtomicFile.CommitTogether([windows.Finish(), equity.Finish(), fills.Finish(), summary.Finish()]);
    }
}
