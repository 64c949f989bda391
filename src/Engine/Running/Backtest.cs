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
    /// strategy's name and parameters in their metadata.
    /// </summary>
    /// <example><code>var result = Backtest.Run(SyntheticData.Trades(), new SmaCross { Fast = 10, Slow = 40 });</code></example>
    public static BacktestResult Run<TStrategy, TParameters, TDriver>(MarketData data, IStrategy<TStrategy, TParameters, TDriver> strategy, BacktestOptions? options = null)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        System.ArgumentNullException.ThrowIfNull(strategy);
        IReadOnlyList<string> warnings = StrategyWarnings.For(typeof(TStrategy), data);
        options = Describe(options, TStrategy.StrategyName, strategy.GetParameters(), warnings);
        BacktestResult result = Execute(data, strategy.CreateDriver(), options, TStrategy.StrategyName);
        result.Warnings = warnings;
        return result;
    }

    /// <summary>Runs a new strategy built from <paramref name="parameters"/> over <paramref name="data"/>.</summary>
    public static BacktestResult Run<TStrategy, TParameters, TDriver>(MarketData data, in TParameters parameters, BacktestOptions? options = null)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        System.ArgumentNullException.ThrowIfNull(data);
        IReadOnlyList<string> warnings = StrategyWarnings.For(typeof(TStrategy), data);
        options = Describe(options, TStrategy.StrategyName, parameters, warnings);
        BacktestResult result = Execute(data, TStrategy.Create(in parameters).CreateDriver(), options, TStrategy.StrategyName);
        result.Warnings = warnings;
        return result;
    }

    /// <summary>
    /// One run; with result files, the driver is wrapped to journal orders and fills, and orders.arrow, round_trips.arrow
    /// and symbols.arrow are written once the runner has completed its files, then every file converted to the format.
    /// </summary>
    private static BacktestResult Execute<TDriver>(MarketData data, TDriver driver, BacktestOptions? options, string strategy)
        where TDriver : struct, IStrategyDriver
    {
        var runner = new BacktestRunner();
        if (options?.Output is not { } output) return runner.Run(data, ref driver, options);
        var journal = new RunJournal(runner.Gateway);
        var recording = new RecordingDriver<TDriver>(driver, journal);
        BacktestResult result = runner.Run(data, ref recording, options);
        JournalFiles.Write(output, ResultMetadata.Merge(output.Metadata, data.Source), journal, result, data);
        ResultFiles.ConvertRun(output.Directory, strategy, output.Format);
        return result;
    }

    private static BacktestOptions? Describe<TParameters>(BacktestOptions? options, string strategy, in TParameters parameters, IReadOnlyList<string> warnings)
        where TParameters : struct, IStrategyParameters<TParameters>
    {
        if (options?.Output is not { } output) return options;
        var metadata = new Dictionary<string, string>
        {
            [ResultMetadata.Strategy] = strategy,
            [ResultMetadata.Parameters] = ResultMetadata.DescribeParameters(in parameters),
        };
        if (warnings.Count > 0) metadata[StrategyWarnings.MetadataKey] = string.Join("\n", warnings);
        if (output.Metadata is not null)
            foreach (var pair in output.Metadata) metadata[pair.Key] = pair.Value;
        return options with { Output = output with { Metadata = metadata } };
    }
}
