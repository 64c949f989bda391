using System;
using System.Collections.Generic;
using Backtester.Cli.Sweeps;

namespace Backtester.Cli.Research;

/// <summary>What <c>search random</c> and <c>search halving</c> report: each rung's size (one for random search) and the best rows of the last.</summary>
internal sealed record SearchOutcome(string Strategy, IReadOnlyList<string> ParameterNames, long GridCount, IReadOnlyList<int> RungSizes,
    IReadOnlyList<string> Files, TimeSpan Elapsed, IReadOnlyList<RankedRow> Top)
{
    /// <summary>What the last table's rows found, the same for every row: returns covering less than a year (<see cref="Annualization.ShortHistoryWarning"/>).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
