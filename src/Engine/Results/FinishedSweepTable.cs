using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Backtester.Results;

/// <summary>
/// A sweep's finished table that a resumed sweep finds: alone (the sweep had finished), or beside its journal, where a
/// crash between <see cref="SweepJournal{TParameters}.Finish"/>'s commit of the table and its deletion of the journal
/// leaves both (decision 0109, as 0107 for a halving rung). The table wins when it is this sweep's, checked as the other readers of
/// sweep tables check theirs: its metadata is the one this sweep writes (provenance, table kind, grid range), its
/// columns this strategy's, its rows match their checksum (<see cref="SweepRowsChecksum"/>) and are exactly the sweep's
/// grid range, in order. The journal, loaded and checked as a resumed journal is, must then hold only the table's rows
/// (<see cref="LeftoverJournal"/>); it is deleted, and the sweep's rows are read from the table: nothing runs. Another
/// sweep's table is one this sweep replaces, unread, as it would be without the journal.
/// </summary>
internal sealed class FinishedSweepTable<TParameters>
    where TParameters : struct, IStrategyParameters<TParameters>
{
    /// <summary>What the user does about a damaged table with a journal beside it: the last sentence of its refusal.</summary>
    public const string DamagedRemedy = "Delete the file to resume from the journal beside it.";

    private const string What = "sweep table";

    private readonly string _path;
    private readonly long _start;

    private FinishedSweepTable(string path, long start)
    {
        _path = path;
        _start = start;
    }

    /// <summary>
    /// With <see cref="SweepOutput.Resume"/>, this sweep's finished table when the output folder holds it (decision 0109):
    /// <list type="bullet">
    /// <item>beside a journal (a crash between the table's commit and the journal's deletion): the table is checked, the
    /// journal must hold only its rows, and is deleted; nothing is deleted when it throws;</item>
    /// <item>alone (the sweep had finished and a scheduler restarted it with its resume flag): the table, checked.</item>
    /// </list>
    /// Null when there is no table, or it is another sweep's; alone, also when it is damaged or cut short, for there is
    /// nothing to resume from either way. The sweep then runs (from its journal, if any) and replaces the table.
    /// </summary>
    /// <exception cref="InvalidDataException">Beside a journal: the table is damaged, a journal part is damaged, or a journaled row is not the table's.</exception>
    /// <exception cref="ProvenanceMismatchException">The journal was written by another sweep.</exception>
    public static FinishedSweepTable<TParameters>? Resumed(SweepOutput output, ResultMetadata provenance, long start, long count)
    {
        string path = output.FilePath;
        if (!output.Resume || !File.Exists(path)) return null;
        bool journal = Directory.Exists(output.JournalDirectory);
        try
        {
            if (!UnreadableResultFile.Read(path, What, DamagedRemedy, () => IsThisSweeps(path, provenance))) return null;
            UnreadableResultFile.Read(path, What, DamagedRemedy, () => CheckRows(path, start, count));
        }
        catch (InvalidDataException) when (!journal)
        {
            return null; // alone and damaged: running again replaces it
        }
        if (journal)
        {
            CheckJournal(output, provenance, start, count);
            Directory.Delete(output.JournalDirectory, recursive: true);
        }
        return new FinishedSweepTable<TParameters>(path, start);
    }

    /// <summary>The table's rows in grid order, each with the parameters its index decodes to.</summary>
    public IEnumerable<SweepRow<TParameters>> Rows()
    {
        using var table = new SweepTableReader(_path);
        long i = _start;
        while (table.ReadBatch())
            for (int row = 0; row < table.Batch.Length; row++, i++)
                yield return table.Row(row, i, TParameters.FromGridIndex(i));
    }

    private static bool IsThisSweeps(string path, ResultMetadata provenance)
    {
        using var table = new SweepTableReader(path);
        ResultMetadata theirs = ResultMetadata.FromSchema(table.Schema);
        return provenance.ProvenanceDifferences(theirs).Count == 0
            && theirs.Table == provenance.Table && theirs.GridStart == provenance.GridStart && theirs.GridCount == provenance.GridCount
            && SweepTable.SameColumns(table.Schema, SweepTableColumns<TParameters>.SchemaFor(provenance.Entries));
    }

    /// <summary>Its rows against their checksum first (every cell, through the bounds-checked accessors), then their indices against the range.</summary>
    private static int CheckRows(string path, long start, long count)
    {
        using var table = new SweepTableReader(path);
        var checksum = new SweepRowsChecksum();
        long rows = 0;
        string? misplaced = null;
        while (table.ReadBatch())
        {
            checksum.Append(table.Batch);
            for (int row = 0; row < table.Batch.Length; row++, rows++)
                if (misplaced is null && table.Index(row) != start + rows)
                    misplaced = string.Create(CultureInfo.InvariantCulture, $"row {rows} is grid index {table.Index(row)?.ToString(CultureInfo.InvariantCulture) ?? "null"} where the sweep's range continues at {start + rows}");
        }
        checksum.Check(path, ResultMetadata.FromSchema(table.Schema).Entries, DamagedRemedy);
        if (misplaced is null && rows != count)
            misplaced = string.Create(CultureInfo.InvariantCulture, $"it holds {rows} rows");
        if (misplaced is not null)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{path}: declares grid indices {start}..{start + count - 1} ({count} rows) but {misplaced}; the file is damaged or was cut short. {DamagedRemedy}"));
        return 0;
    }

    /// <summary>The journal, loaded as a resume loads it (each part's checksum, provenance, range and parameters), must hold only the table's rows.</summary>
    private static void CheckJournal(SweepOutput output, ResultMetadata provenance, long start, long count)
    {
        try
        {
            using var journal = SweepJournal<TParameters>.Open(output, provenance, start, count);
            using var table = new SweepTableReader(output.FilePath);
            int row = 0;
            bool more = table.ReadBatch();
            foreach (SweepJournal<TParameters>.Part part in journal.Parts)
                foreach (SweepRow<TParameters> journaled in journal.Read(part))
                {
                    // The parts are a contiguous prefix of the range from its start, and the table holds all of it, in order.
                    while (more && row == table.Batch.Length)
                    {
                        more = table.ReadBatch();
                        row = 0;
                    }
                    bool held = more && table.Index(row) == journaled.Index;
                    if (!held || !LeftoverJournal.SameRow(table.Summary(row), table.Error(row), journaled.Summary, journaled.Error))
                        throw LeftoverJournal.NotTheTables(output, journaled.Index, held, "sweep");
                    row++;
                }
        }
        catch (ProvenanceMismatchException e)
        {
            throw LeftoverJournal.OfAnotherRun(output, e, "sweep");
        }
    }
}
