using System.Collections.Generic;
using Backtester.Data;
using Backtester.Results;
using Backtester.Infrastructure;

namespace Backtester;

/// <summary>Entry points for running one backtest.</summary>
public static class Backtest
{
    /// <summary>
    /// Runs <paramref name="strategy"/> (any <see cref="StrategyAttribute"/> type; the generic arguments are
    /// inferred) over <paramref name="data"/>. With <see cref="BacktestOptions.Output"/> set, the result files carry the
    /// full provenance in their metadata: strategy, grid definition, parameters, data identity and every option
    /// (see <see cref="ResultMetadata"/>).
    /// </summary>
    /// <example><code>var result = Backtest.Run(SyntheticData.Trades(), new SmaCross { Fast = 10, Slow = 40 });</code></example>
    public static BacktestResult Run<TStrategy, TParameters, TDriver>(MarketData data, IStrategy<TStrategy, TParameters, TDriver> strategy, BacktestOptions? options = null)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        System.ArgumentNullException.ThrowIfNull(strategy);
        IReadOnlyList<string> warnings = StrategyWarnings.For(typeof(TStrategy), data, options);
        TParameters parameters = strategy.GetParameters();
        return Execute(data, strategy.CreateDriver(), options, Describe<TStrategy, TParameters, TDriver>(options, in parameters, warnings), warnings);
    }

    /// <summary>Runs a new strategy built from <paramref name="parameters"/> over <paramref name="data"/>.</summary>
    public static BacktestResult Run<TStrategy, TParameters, TDriver>(MarketData data, in TParameters parameters, BacktestOptions? options = null)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        System.ArgumentNullException.ThrowIfNull(data);
        IReadOnlyList<string> warnings = StrategyWarnings.For(typeof(TStrategy), data, options);
        return Execute(data, TStrategy.Create(in parameters).CreateDriver(), options, Describe<TStrategy, TParameters, TDriver>(options, in parameters, warnings), warnings);
    }

    /// <summary>
    /// One run; with result files, the driver is wrapped to journal orders, fills and prices, and orders.arrow,
    /// round_trips.arrow and symbols.arrow join the runner's files in their one commit (summary last), all in the
    /// output's format.
    /// </summary>
    private static BacktestResult Execute<TDriver>(MarketData data, TDriver driver, BacktestOptions? options, RunProvenance? provenance, IReadOnlyList<string> warnings)
        where TDriver : struct, IStrategyDriver
    {
        var runner = new BacktestRunner();
        BacktestResult result;
        if (options?.Output is null)
        {
            result = runner.Run(data, ref driver, options, provenance);
        }
        else
        {
            var recording = Journaled(runner, driver, options);
            result = runner.Run(data, ref recording, options, provenance);
        }
        // The strategy's warnings (known before the run) first, then the run's own (its span, Annualization).
        if (warnings.Count > 0) result.Warnings = [.. warnings, .. result.Warnings];
        return result;
    }

    /// <summary>The driver wrapped to feed a journal whose files the runner adds to its result set when it completes.</summary>
    private static RecordingDriver<TDriver> Journaled<TDriver>(BacktestRunner runner, TDriver driver, BacktestOptions options)
        where TDriver : struct, IStrategyDriver
    {
        var journal = new RunJournal(runner.Gateway, options.StopTrigger);
        runner.Completing = files => JournalFiles.Add(files, journal, runner.Positions(), runner.Symbols, runner.Contracts());
        runner.RequestLog = journal;
        return new RecordingDriver<TDriver>(driver, journal);
    }

    /// <summary>
    /// Runs <paramref name="strategy"/> over data in consecutive segments (one file per day, say): each segment is
    /// opened, replayed and disposed in turn, so memory stays at about one segment; positions, orders and statistics
    /// carry over. See <see cref="MarketDataSegments"/>.
    /// </summary>
    /// <example><code>var result = Backtest.Run(MarketDataSegments.FromFiles(days), new SmaCross { Fast = 10, Slow = 40 });</code></example>
    /// <exception cref="MarketDataException">A segment has other symbols than the first, or starts before the previous one ended.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in the type of their first parameter (MarketData or MarketDataSegments), so no call binds to two of them.")]
    public static BacktestResult Run<TStrategy, TParameters, TDriver>(MarketDataSegments data, IStrategy<TStrategy, TParameters, TDriver> strategy, BacktestOptions? options = null)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        System.ArgumentNullException.ThrowIfNull(strategy);
        TParameters parameters = strategy.GetParameters();
        return Execute(data, strategy.CreateDriver(), options, Describe<TStrategy, TParameters, TDriver>(options, in parameters));
    }

    /// <summary>Runs a new strategy built from <paramref name="parameters"/> over data in consecutive segments.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in the type of their first parameter (MarketData or MarketDataSegments), so no call binds to two of them.")]
    public static BacktestResult Run<TStrategy, TParameters, TDriver>(MarketDataSegments data, in TParameters parameters, BacktestOptions? options = null)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        return Execute(data, TStrategy.Create(in parameters).CreateDriver(), options, Describe<TStrategy, TParameters, TDriver>(options, in parameters));
    }

    /// <summary>One segmented run; with result files, journaled like a run over one <see cref="MarketData"/>.</summary>
    private static BacktestResult Execute<TDriver>(MarketDataSegments data, TDriver driver, BacktestOptions? options, RunProvenance? provenance)
        where TDriver : struct, IStrategyDriver
    {
        var runner = new BacktestRunner();
        if (options?.Output is null) return runner.Run(data, ref driver, options, provenance);
        var recording = Journaled(runner, driver, options);
        return runner.Run(data, ref recording, options, provenance);
    }

    /// <summary>The strategy's provenance, only when files are written (it is not needed otherwise).</summary>
    private static RunProvenance? Describe<TStrategy, TParameters, TDriver>(BacktestOptions? options, in TParameters parameters, IReadOnlyList<string>? warnings = null)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver =>
        options?.Output is null ? null : RunProvenance.Of<TStrategy, TParameters, TDriver>(in parameters) with { Warnings = warnings is { Count: > 0 } ? string.Join("\n", warnings) : null };
}
