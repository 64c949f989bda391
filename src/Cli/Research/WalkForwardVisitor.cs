using Backtester.Data;
using Backtester.Infrastructure;
using Backtester.Research;

namespace Backtester.Cli.Research;

/// <summary>Runs a walk-forward of a registered strategy with its static types, over whole or segmented data.</summary>
internal sealed class WalkForwardVisitor(MarketData? data, MarketDataSegments? segments, WalkForwardOptions options, SummaryStatistic by) : IStrategyTypeVisitor<WalkForwardResult>
{
    public WalkForwardResult Visit<TStrategy, TParameters, TDriver>()
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        var grid = ParameterGrid<TStrategy, TParameters, TDriver>.All;
        // A combination that throws in sample is a failed trial (its row holds the error); the chosen one throwing out of
        // sample stops the walk-forward, worded as the strategy's error.
        try
        {
            return Running.StrategyFault.Attributed<TStrategy, WalkForwardResult>(TStrategy.StrategyName, null,
                () => segments is not null ? WalkForward.Run(segments, grid, options) : WalkForward.Run(data!, grid, options));
        }
        catch (UnrankedObjectiveException e)
        {
            throw RankingCheck.Refusal(e, by, options.Sweep.Backtest, "in-sample combinations");
        }
    }
}
