using System;

namespace Backtester;

/// <summary>What a <see cref="BookUpdate"/> is besides a change of one price level.</summary>
[Flags]
public enum BookUpdateFlags : byte
{
    /// <summary>An incremental update.</summary>
    None = 0,

    /// <summary>The symbol's book (both sides) is cleared before this level is applied: the first row of a snapshot.</summary>
    Reset = 1,

    /// <summary>The row belongs to a snapshot (a full picture of the book) rather than to an incremental change.</summary>
    Snapshot = 2,

    /// <summary>
    /// Set by the replay, never stored in data: the last update of this symbol at this timestamp. Updates stamped with
    /// one time are one exchange message (a snapshot, or a batch of changes), so the book is consistent only after it.
    /// </summary>
    EndOfBatch = 4,
}
