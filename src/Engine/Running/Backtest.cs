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
        TParameters parameters = strategy.GetParameters();
        TDriver driver = strategy.CreateDriver();
        return new BacktestRunner().Run(data, ref driver, options, Describe<TStrategy, TParameters, TDriver>(options, in parameters));
    }

    /// <summary>Runs a new strategy built from <paramref name="parameters"/> over <paramref name="data"/>.</summary>
    public static BacktestResult Run<TStrategy, TParameters, TDriver>(MarketData data, in TParameters parameters, BacktestOptions? options = null)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        TDriver driver = TStrategy.Create(in parameters).CreateDriver();
        return new BacktestRunner().Run(data, ref driver, options, Describe<TStrategy, TParameters, TDriver>(options, in parameters));
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
        TDriver driver = strategy.CreateDriver();
        return new BacktestRunner().Run(data, ref driver, options, Describe<TStrategy, TParameters, TDriver>(options, in parameters));
    }

    /// <summary>Runs a new strategy built from <paramref name="parameters"/> over data in consecutive segments.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in the type of their first parameter (MarketData or MarketDataSegments), so no call binds to two of them.")]
    public static BacktestResult Run<TStrategy, TParameters, TDriver>(MarketDataSegments data, in TParameters parameters, BacktestOptions? options = null)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        TDriver driver = TStrategy.Create(in parameters).CreateDriver();
        return new BacktestRunner().Run(data, ref driver, options, Describe<TStrategy, TParameters, TDriver>(options, in parameters));
    }

    /// <summary>The strategy's provenance, only when files are written (it is not needed otherwise).</summary>
    private static RunProvenance? Describe<TStrategy, TParameters, TDriver>(BacktestOptions? options, in TParameters parameters)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver =>
        options?.Output is null ? null : RunProvenance.Of<TStrategy, TParameters, TDriver>(in parameters);
}
