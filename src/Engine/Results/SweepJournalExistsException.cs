using System;

namespace Backtester.Results;

/// <summary>
/// A sweep found the journal of an unfinished run in its output folder without <see cref="SweepOutput.Resume"/> or
/// <see cref="SweepOutput.Fresh"/>: saved progress is never deleted silently.
/// </summary>
public sealed class SweepJournalExistsException : BacktesterException
{
    /// <summary>Creates the exception for the journal at <paramref name="journalDirectory"/>.</summary>
    public SweepJournalExistsException(string journalDirectory, int parts)
        : base($"{journalDirectory} holds the journal of an unfinished sweep ({parts} part files); nothing was deleted. Set SweepOutput.Resume (--resume) to continue it, or SweepOutput.Fresh (--fresh) to discard it and start over.")
    {
        JournalDirectory = journalDirectory;
    }

    /// <summary>The journal's folder.</summary>
    public string JournalDirectory { get; }
}
