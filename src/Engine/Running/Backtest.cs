using Backtester.Data;

namespace Backtester;

/// <summary>Entry points for running one backtest.</summary>
public static class Backtest
{
    /// <summary>
    /// Runs <paramref name="strategy"/> (any <see cref="StrategyAttribute"/> type; the generic arguments are
    /// inferred) over <paramref name="data"/>.
    /// </summary>
    /// <example><code>var result = Backtest.Run(SyntheticData.Trades(), new SmaCross { Fast = 10, Slow = 40 });</code></example>
    public static BacktestResult Run<TStrategy, TParameters, TDriver>(MarketData data, IStrategy<TStrategy, TParameters, TDriver> strategy, BacktestOptions? options = null)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        System.ArgumentNullException.ThrowIfNull(strategy);
        TDriver driver = strategy.CreateDriver();
        return new BacktestRunner().Run(data, ref driver, options);
    }

    /// <summary>Runs a new strategy built from <paramref name="parameters"/> over <paramref name="data"/>.</summary>
    public static BacktestResult Run<TStrategy, TParameters, TDriver>(MarketData data, in TParameters parameters, BacktestOptions? options = null)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        TDriver driver = TStrategy.Create(in parameters).CreateDriver();
        return new BacktestRunner().Run(data, ref driver, options);
    }
}
