using System;

namespace Backtester.Research;

/// <summary>What a walk-forward's in-sample sweep or a successive halving optimizes: a score of each combination's summary, higher (or lower) is better.</summary>
/// <param name="Name">A name for reports and the windows table's metadata.</param>
/// <param name="Score">The score of a combination; NaN ranks last.</param>
/// <param name="Maximize">True to pick the highest score, false the lowest (e.g. drawdown).</param>
public sealed record ResearchObjective(string Name, Func<BacktestSummary, double> Score, bool Maximize = true)
{
    /// <summary>The annualized Sharpe ratio, highest first.</summary>
    public static ResearchObjective Sharpe { get; } = new("sharpe", s => s.Sharpe);

    /// <summary>Net PnL, highest first.</summary>
    public static ResearchObjective NetPnl { get; } = new("net_pnl", s => s.NetPnl);
}
