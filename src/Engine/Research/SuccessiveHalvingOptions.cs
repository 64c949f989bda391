using System;

namespace Backtester.Research;

/// <summary>
/// How <see cref="SuccessiveHalving"/> spends its budget: rung r of R runs the surviving candidates over the first
/// Eta^−(R−1−r) of the data's time span (the last rung over all of it) and keeps the best 1/Eta of them.
/// </summary>
public sealed record SuccessiveHalvingOptions
{
    /// <summary>Candidates of the first rung: this many grid indices drawn by <see cref="RandomSearch.SampleIndices"/> with <see cref="Seed"/>, or the whole grid when null (default).</summary>
    public long? Candidates { get; init; }

    /// <summary>Seed of the candidate sample. Default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>The reduction factor: each rung keeps ⌈n / Eta⌉ candidates and the data prefix grows by Eta. Default 3, at least 2.</summary>
    public int Eta { get; init; } = 3;

    /// <summary>The most rungs a search takes.</summary>
    public const int MaxRungs = 20;

    /// <summary>Number of rungs, at least 1. Default 3 (prefixes 1/9, 1/3, 1 with Eta 3).</summary>
    public int Rungs { get; init; } = 3;

    /// <summary>What to maximize (or minimize). Default <see cref="ResearchObjective.Sharpe"/>.</summary>
    public ResearchObjective Objective { get; init; } = ResearchObjective.Sharpe;

    /// <summary>Backtest options, threads and progress of every rung. Its Output must be null: set <see cref="OutputDirectory"/>.</summary>
    public SweepOptions Sweep { get; init; } = SweepOptions.Default;

    /// <summary>When set, rung r's table is written there as <c>halving-rung-r.arrow</c> (…<c>-shard-k-of-N.arrow</c> for a shard), in the sweep table format.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Reuse finished rung tables and the journal of an interrupted rung. Default false.</summary>
    public bool Resume { get; init; }

    /// <summary>
    /// Discard the journal of an interrupted rung and start over (<see cref="SweepOutput.Fresh"/> for every rung); finished
    /// rung tables are replaced as the rungs finish again. Default false: a rung journal found without <see cref="Resume"/>
    /// or <see cref="Fresh"/> is refused (<see cref="Results.SweepJournalExistsException"/>).
    /// </summary>
    public bool Fresh { get; init; }

    /// <summary>
    /// Run only the k-th of N slices of the first rung's candidates, halving within that slice; the shards' last-rung
    /// tables (all over the whole data) merge into one comparable table. Default null: every candidate.
    /// </summary>
    public (int Index, int Count)? Shard { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Candidates is <= 0) throw new ArgumentOutOfRangeException(nameof(Candidates), Candidates, "Candidates must be positive, or null for the whole grid.");
        if (Eta < 2) throw new ArgumentOutOfRangeException(nameof(Eta), Eta, "Eta must be at least 2.");
        if (Rungs < 1 || Rungs > MaxRungs) throw new ArgumentOutOfRangeException(nameof(Rungs), Rungs, $"Rungs must be within 1..{MaxRungs}.");
        ArgumentNullException.ThrowIfNull(Objective, nameof(Objective));
        ArgumentNullException.ThrowIfNull(Sweep, nameof(Sweep));
        Sweep.Validate();
        if (Resume && Fresh) throw new ArgumentException("SuccessiveHalvingOptions.Resume and Fresh exclude each other: continue the journal, or discard it.", nameof(Fresh));
        if (Sweep.Output is not null) throw new ArgumentException("SuccessiveHalvingOptions.Sweep.Output must be null; set OutputDirectory.", nameof(Sweep));
        if (Shard is { } s && (s.Count <= 0 || s.Index < 0 || s.Index >= s.Count))
            throw new ArgumentOutOfRangeException(nameof(Shard), Shard, "Shard must be (k, N) with 0 ≤ k < N.");
        if (OutputDirectory is not null && string.IsNullOrWhiteSpace(OutputDirectory))
            throw new ArgumentException("OutputDirectory must name a folder, or be null.", nameof(OutputDirectory));
    }

    /// <summary>The fraction of the data's span rung <paramref name="rung"/> runs over: Eta^−(Rungs − 1 − rung).</summary>
    public double Fraction(int rung) => Math.Pow(Eta, -(Rungs - 1 - rung));
}
