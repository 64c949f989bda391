using System;

namespace Backtester;

/// <summary>How far a sweep has come.</summary>
/// <param name="Done">Combinations finished (including failed ones).</param>
/// <param name="Total">Combinations in the sweep.</param>
/// <param name="Elapsed">Wall-clock time since the sweep started.</param>
public readonly record struct SweepProgress(long Done, long Total, TimeSpan Elapsed)
{
    /// <summary>Combinations finished per second so far.</summary>
    public double Rate => Elapsed.TotalSeconds > 0 ? Done / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time to finish at the current rate (null before the first combination is done).</summary>
    public TimeSpan? Remaining => Done > 0 ? TimeSpan.FromSeconds((Total - Done) / Rate) : null;
}
