using System;

namespace Backtester;

/// <summary>How a parameter sweep runs.</summary>
public sealed record SweepOptions
{
    /// <summary>The default options: every core, default backtest options, errors recorded per row.</summary>
    public static SweepOptions Default { get; } = new();

    /// <summary>Options of every backtest in the sweep.</summary>
    public BacktestOptions Backtest { get; init; } = BacktestOptions.Default;

    /// <summary>Worker threads; the default uses every core. Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// When false (default), a combination whose strategy throws gets the exception's message in its row's
    /// <see cref="SweepRow{TParameters}.Error"/> and the sweep goes on; when true the sweep stops and rethrows the
    /// strategy's own exception (of the lowest-index combination that failed), not an <see cref="AggregateException"/>.
    /// Rows finished before it are journaled.
    /// </summary>
    public bool FailFast { get; init; }

    /// <summary>
    /// When set, the sweep writes its table (one row per combination, typed parameter columns and statistics) as an
    /// Arrow file, journaling finished chunks so that a rerun with <see cref="SweepOutput.Resume"/> continues
    /// where an interrupted one stopped. Default null: rows are only returned.
    /// </summary>
    public SweepOutput? Output { get; init; }

    /// <summary>Receives progress reports, at most about ten a second plus a final one.</summary>
    public IProgress<SweepProgress>? Progress { get; init; }

    /// <summary>
    /// Events per block of the lockstep replay (see <c>SweepBlocks</c>); 0 replays each combination over the whole data in
    /// turn; the default, <c>SweepBlocks.Chosen</c>, runs lockstep over blocks of <c>SweepBlocks.EventsPerBlock</c> when the
    /// data's kinds of events interleave enough for it to pay, else whole (<c>LockstepChoice</c>, decision 0099). Results
    /// are the same either way; internal, for tests and measurements.
    /// </summary>
    internal int EventsPerBlock { get; init; } = SweepBlocks.Chosen;

    /// <summary>
    /// How a lockstep chunk replays a block: true (the default) event by event through every combination
    /// (<c>LockstepLanes</c>), false combination by combination through the whole block, each with its own merge.
    /// Results are the same either way; internal, for tests and measurements.
    /// </summary>
    internal bool EventByEvent { get; init; } = true;

    /// <summary>Combinations per chunk; 0 (the default) chooses (see <c>SweepRun</c>). Internal, for tests and measurements.</summary>
    internal int ChunkSize { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Backtest, nameof(Backtest));
        if (Backtest.Output is not null)
            throw new ArgumentException(
                "SweepOptions.Backtest.Output must be null: every combination would write its files into the same folder. Set SweepOptions.Output for the sweep table, or run single backtests with Backtest.Run to write their files.",
                nameof(Backtest));
        Backtest.Validate();
        Output?.Validate();
        if (MaxDegreeOfParallelism <= 0)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "MaxDegreeOfParallelism must be positive.");
    }
}
