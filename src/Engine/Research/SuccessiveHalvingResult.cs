using System.Collections.Generic;

namespace Backtester.Research;

/// <summary>The rungs of a <see cref="SuccessiveHalving"/> run, first to last.</summary>
public sealed class SuccessiveHalvingResult<TParameters> where TParameters : struct
{
    private readonly ResearchObjective _objective;

    internal SuccessiveHalvingResult(IReadOnlyList<SweepResult<TParameters>> rungs, IReadOnlyList<long> prefixEnds, ResearchObjective objective)
    {
        Rungs = rungs;
        PrefixEnds = prefixEnds;
        _objective = objective;
    }

    /// <summary>Each rung's rows (its candidates in grid-index order, run over its data prefix).</summary>
    public IReadOnlyList<SweepResult<TParameters>> Rungs { get; }

    /// <summary>The end (exclusive, ns UTC) of each rung's data prefix.</summary>
    public IReadOnlyList<long> PrefixEnds { get; }

    /// <summary>The best row of the last rung by the objective, or null when none succeeded.</summary>
    public SweepRow<TParameters>? Best
    {
        get
        {
            if (Rungs.Count == 0) return null;
            var top = Rungs[^1].Top(1, _objective.Score, _objective.Maximize);
            return top.Count == 0 ? null : top[0];
        }
    }
}
