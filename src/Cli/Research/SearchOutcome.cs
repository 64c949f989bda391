using System;
using System.Collections.Generic;
using Backtester.Cli.Sweeps;

namespace Backtester.Cli.Research;

/// <summary>
/// What <c>search random</c> and <c>search halving</c> report: each rung's size (one for random search), the best rows of
/// the last, and over every rung the rows that failed (<paramref name="Failed"/>, the first one's error
/// <paramref name="FirstError"/>), were read from a journal (<paramref name="Resumed"/>) or ran again after failing
/// (<paramref name="Retried"/>), as <c>sweep</c> reports them.
/// </summary>
internal sealed record SearchOutcome(string Strategy, IReadOnlyList<string> ParameterNames, long GridCount, IReadOnlyList<int> RungSizes,
    IReadOnlyList<string> Files, TimeSpan Elapsed, IReadOnlyList<RankedRow> Top, long Failed, string? FirstError, long Resumed, long Retried)
{
    /// <summary>
    /// What the last table's rows found: returns covering less than a year, the same for every row
    /// (<see cref="Annualization.ShortHistoryWarning"/>), and a ranking statistic that is NaN for every row (<see cref="RankingCheck"/>).
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
