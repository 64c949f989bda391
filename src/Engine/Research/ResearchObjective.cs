using System;
using System.Collections.Generic;

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

    /// <summary>
    /// The summaries of <paramref name="rows"/>' successful rows when choosing <paramref name="choosing"/> of them depends on
    /// a ranking this objective cannot give: more of them than are chosen, and every one scoring NaN (decision 0105).
    /// Null when the objective ranks them, or when every successful row is chosen anyway.
    /// </summary>
    internal List<BacktestSummary>? Unranked<TParameters>(ReadOnlySpan<SweepRow<TParameters>> rows, int choosing) where TParameters : struct
    {
        var summaries = new List<BacktestSummary>();
        foreach (SweepRow<TParameters> row in rows)
        {
            if (!row.Succeeded) continue;
            if (!double.IsNaN(Score(row.Summary))) return null;
            summaries.Add(row.Summary);
        }
        return summaries.Count > choosing ? summaries : null;
    }
}
