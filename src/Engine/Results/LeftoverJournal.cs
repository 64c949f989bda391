using System.Globalization;
using System.IO;

namespace Backtester.Results;

/// <summary>
/// The journal a crash left beside its finished table, between the table's commit and the journal folder's deletion
/// (the two steps of <c>SweepJournal.Finish</c> and <c>SampleJournal.Finish</c>). A resume that finds the table to be
/// its own, checked, keeps the table and deletes the journal once every journaled row is shown to be the table's row of
/// its grid index (decisions 0107 and 0109). This is that comparison and its refusals, for the sweep's journal and the
/// sample journal of searches alike; each journal loads and checks its own parts first, as a resume does.
/// </summary>
internal static class LeftoverJournal
{
    /// <summary>Whether a journaled row is the table's: every statistic equal (<see cref="BacktestSummary"/>'s equality), and the same error.</summary>
    public static bool SameRow(in BacktestSummary table, string? tableError, in BacktestSummary journaled, string? journaledError) =>
        table.Equals(journaled) && tableError == journaledError;

    /// <summary>
    /// The refusal of a journal holding grid index <paramref name="index"/> otherwise than the table, or, with
    /// <paramref name="tableHoldsIndex"/> false, holding an index the table lacks. <paramref name="run"/> is
    /// <c>sweep</c> or <c>search</c>.
    /// </summary>
    public static InvalidDataException NotTheTables(SweepOutput output, long index, bool tableHoldsIndex, string run)
    {
        string what = tableHoldsIndex
            ? string.Create(CultureInfo.InvariantCulture, $"a result for grid index {index} that differs from the table's")
            : string.Create(CultureInfo.InvariantCulture, $"grid index {index}, which the table does not hold");
        return new InvalidDataException(
            $"{output.JournalDirectory}: the journal left beside the finished table {output.FilePath} holds {what}, so it is not that table's journal. {Remedy(run)}");
    }

    /// <summary>The refusal of a journal that another run wrote (<paramref name="refused"/>: the journal's own refusal), in the terms of a journal beside a finished table.</summary>
    public static ProvenanceMismatchException OfAnotherRun(SweepOutput output, ProvenanceMismatchException refused, string run) =>
        new($"{output.JournalDirectory}: the journal left beside the finished table {output.FilePath} was journaled by another {run}", refused.Differences, Remedy(run));

    /// <summary>
    /// What the user does: the table is this run's and whole, so deleting the journal keeps it; or start over. Not "delete
    /// the folder": shards of one sweep or search share a folder, and each shard's table is its own.
    /// </summary>
    private static string Remedy(string run) =>
        $"Delete the journal folder to keep the table, or run again with SweepOutput.Fresh (--fresh) to {run} again from the start.";
}
