using System;
using System.Collections.Generic;

namespace Backtester.Research;

/// <summary>
/// A research step had to choose combinations by its objective (a walk-forward window its in-sample best, a successive
/// halving rung the candidates it keeps), and every combination that ran scores NaN by it: a CAGR or Calmar ratio over
/// less than a year of returns, a Sharpe ratio of equity that never moved, a win rate without a round trip. The choice
/// would go by grid index alone, so the step stops instead (decision 0105). <see cref="Summaries"/> holds the
/// combinations' statistics, so a caller can say which objectives would tell them apart.
/// </summary>
public sealed class UnrankedObjectiveException : BacktesterException
{
    /// <summary>Creates the exception for <paramref name="objective"/> at <paramref name="context"/>, choosing <paramref name="choosing"/> of <paramref name="summaries"/>.</summary>
    public UnrankedObjectiveException(string objective, string context, int choosing, IReadOnlyList<BacktestSummary> summaries)
        : base(Describe(objective, context, choosing, summaries))
    {
        Objective = objective;
        Context = context;
        Choosing = choosing;
        Summaries = summaries;
    }

    /// <summary>The objective's name (<see cref="ResearchObjective.Name"/>).</summary>
    public string Objective { get; }

    /// <summary>Where the choice was to be made, e.g. <c>window 2 (in sample … to …)</c> or <c>rung 0 (…)</c>.</summary>
    public string Context { get; }

    /// <summary>How many combinations the step was to choose: 1 for a walk-forward window, those a rung keeps.</summary>
    public int Choosing { get; }

    /// <summary>The summaries of the combinations that ran (failed ones left out), in grid-index order.</summary>
    public IReadOnlyList<BacktestSummary> Summaries { get; }

    private static string Describe(string objective, string context, int choosing, IReadOnlyList<BacktestSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        string best = choosing == 1 ? "no best one to choose" : $"no best {choosing:N0} to keep";
        return $"{context}: the objective {objective} is NaN for every one of the {summaries.Count:N0} combinations that ran, so there is {best}; "
            + "a choice would go by grid index alone. Choose an objective that is defined over this data.";
    }
}
