using System;

namespace Backtester.Research;

/// <summary>
/// How <see cref="WalkForward"/> cuts the data into windows and picks a combination in each. Windows are laid over the
/// data's time from its first event t0: out-of-sample window k covers [t0 + InSample + k × Step, … + OutOfSample), and
/// its in-sample window the <see cref="InSampleNs"/> before it (rolling) or everything since t0 (anchored).
/// </summary>
public sealed record WalkForwardOptions
{
    /// <summary>Length of each in-sample window in ns (the first window's, when anchored).</summary>
    public required long InSampleNs { get; init; }

    /// <summary>Length of each out-of-sample window in ns.</summary>
    public required long OutOfSampleNs { get; init; }

    /// <summary>Time between the starts of consecutive windows in ns; at least <see cref="OutOfSampleNs"/> (out-of-sample pieces must not overlap to be stitched). Default null: <see cref="OutOfSampleNs"/>.</summary>
    public long? StepNs { get; init; }

    /// <summary>When true, every in-sample window starts at the data's first event and grows; when false (default) it rolls with a fixed length.</summary>
    public bool Anchored { get; init; }

    /// <summary>What the in-sample sweep maximizes. Default <see cref="ResearchObjective.Sharpe"/>.</summary>
    public ResearchObjective Objective { get; init; } = ResearchObjective.Sharpe;

    /// <summary>Options of the in-sample sweeps, and through <see cref="SweepOptions.Backtest"/> of every backtest (capital, costs, sampling). Its Output must be null.</summary>
    public SweepOptions Sweep { get; init; } = SweepOptions.Default;

    /// <summary>When set, the walk-forward writes <c>windows.arrow</c>, <c>equity.arrow</c>, <c>fills.arrow</c> and <c>summary.arrow</c> into this folder. Default null.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>The step in use.</summary>
    public long Step => StepNs ?? OutOfSampleNs;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting and its value.</summary>
    public void Validate()
    {
        if (InSampleNs <= 0) throw new ArgumentOutOfRangeException(nameof(InSampleNs), InSampleNs, "InSampleNs must be positive.");
        if (OutOfSampleNs <= 0) throw new ArgumentOutOfRangeException(nameof(OutOfSampleNs), OutOfSampleNs, "OutOfSampleNs must be positive.");
        if (Step < OutOfSampleNs)
            throw new ArgumentOutOfRangeException(nameof(StepNs), StepNs, $"StepNs ({Step}) must be at least OutOfSampleNs ({OutOfSampleNs}): overlapping out-of-sample windows cannot be stitched into one equity curve.");
        ArgumentNullException.ThrowIfNull(Objective, nameof(Objective));
        ArgumentNullException.ThrowIfNull(Sweep, nameof(Sweep));
        Sweep.Validate();
        if (Sweep.Output is not null)
            throw new ArgumentException("WalkForwardOptions.Sweep.Output must be null: the walk-forward writes its own files (set OutputDirectory).", nameof(Sweep));
        if (Sweep.Backtest.Output is not null)
            throw new ArgumentException("WalkForwardOptions.Sweep.Backtest.Output must be null: the walk-forward writes its own files (set OutputDirectory).", nameof(Sweep));
        if (OutputDirectory is not null && string.IsNullOrWhiteSpace(OutputDirectory))
            throw new ArgumentException("OutputDirectory must name a folder, or be null.", nameof(OutputDirectory));
    }
}
