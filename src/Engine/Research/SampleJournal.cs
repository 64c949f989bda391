using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Apache.Arrow;
using Apache.Arrow.Ipc;

using Backtester.Results;

namespace Backtester.Research;

/// <summary>
/// The journal of a search over a sample of grid indices (random search, a halving rung): a part file per finished
/// chunk while it runs, read back on resume, and the final table in grid-index order at the end, in the sweep table
/// format. Each part's name holds the attempt that wrote it (0, then one more per resume), so a failed row that a resume
/// runs again is superseded by its later row (decision 0114). A sweep's own journal (<c>SweepJournal</c>) assumes one contiguous index range; a sample is sparse, so it
/// has this simpler one. On resume the parts must carry the same provenance (strategy build, grid, data, options),
/// checked as a sweep's resume checks it, and the search's own keys (<see cref="SearchTable.Keys"/>: seed, sample size,
/// rung, prefix end). Thread-safe for <see cref="WritePart"/>.
/// </summary>
internal sealed class SampleJournal<TParameters>
    where TParameters : struct, IStrategyParameters<TParameters>
{
    private readonly SweepOutput _output;
    private readonly Dictionary<string, string> _metadata;
    private readonly Schema _schema;

    public SampleJournal(SweepOutput output, Dictionary<string, string> metadata)
    {
        output.Validate();
        _output = output;
        _metadata = metadata;
        _schema = SweepTableColumns<TParameters>.SchemaFor(metadata);
        if (Directory.Exists(output.JournalDirectory) && !output.Resume)
        {
            // Never delete saved progress by accident: starting over is asked for with Fresh.
            if (!output.Fresh && Directory.GetFiles(output.JournalDirectory, "*.arrow").Length is > 0 and int parts)
                throw new SweepJournalExistsException(output.JournalDirectory, parts);
            Directory.Delete(output.JournalDirectory, recursive: true);
        }
        ResultFolder.Create(output.JournalDirectory);
    }

    /// <summary>
    /// The rows an earlier, interrupted run journaled, which must lie in [start, start + count): one per grid index,
    /// ascending. An index journaled by several attempts (a failed row that a resume ran again) is the latest attempt's
    /// row, every earlier one having failed (decision 0114). Sets <see cref="Attempt"/> to the attempt after the latest.
    /// </summary>
    /// <param name="start">The grid range's first index.</param>
    /// <param name="count">The grid range's size.</param>
    /// <param name="conflict">The refusal of two results for one index that no attempt order explains; by default, that the journal cannot say which this search gave.</param>
    /// <exception cref="InvalidDataException">A part is damaged, or the journal holds two such results.</exception>
    public List<(long Index, BacktestSummary Summary, string? Error)> LoadJournal(long start, long count, Func<long, Exception>? conflict = null)
    {
        var latest = new Dictionary<long, Journaled>();
        int last = -1;
        foreach (string path in Directory.GetFiles(_output.JournalDirectory, "*.arrow"))
        {
            int attempt = ParseName(path, out ulong checksum);
            ChecksummedPartFile.Verify(path, checksum, Discard);
            var rows = new List<(long, BacktestSummary, string?)>();
            UnreadableResultFile.Read(path, "journal part", Discard, () => ReadPart(path, start, count, rows));
            foreach (var (index, summary, error) in rows)
            {
                var row = new Journaled(index, summary, error, attempt);
                latest[index] = latest.TryGetValue(index, out Journaled held) ? Later(held, row, conflict) : row;
            }
            last = Math.Max(last, attempt);
        }
        Attempt = last + 1;
        var resolved = new List<(long, BacktestSummary, string?)>(latest.Count);
        foreach (Journaled row in latest.Values) resolved.Add((row.Index, row.Summary, row.Error));
        resolved.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return resolved;
    }

    /// <summary>
    /// The attempt this run journals its parts as: 0 for a new search, one more than the latest in the journal once
    /// <see cref="LoadJournal"/> has read it (a resume). A part's name holds its attempt.
    /// </summary>
    public int Attempt { get; private set; }

    /// <summary>A journaled row and the attempt that journaled it.</summary>
    private readonly record struct Journaled(long Index, BacktestSummary Summary, string? Error, int Attempt);

    /// <summary>
    /// Which of two journaled rows of one index stands: either when they are the same row (copied parts); the later
    /// attempt's when the earlier failed (a resume runs only failed rows again). Anything else is refused: two different
    /// successes (a run is deterministic, so they cannot both be this search's), a failure journaled after a success, or
    /// two different rows of one attempt, which runs each index once.
    /// </summary>
    private Journaled Later(Journaled held, Journaled row, Func<long, Exception>? conflict)
    {
        if (LeftoverJournal.SameRow(held.Summary, held.Error, row.Summary, row.Error)) return row.Attempt > held.Attempt ? row : held;
        if (held.Attempt != row.Attempt)
        {
            (Journaled earlier, Journaled later) = held.Attempt < row.Attempt ? (held, row) : (row, held);
            if (earlier.Error is not null) return later;
        }
        // Otherwise which result stands would depend on the order the folder lists the parts in.
        throw conflict?.Invoke(row.Index) ?? new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
            $"{_output.JournalDirectory}: the journal holds two different results for grid index {row.Index}, so it cannot say which one this search gave. {Discard}"));
    }

    /// <summary>A part's attempt and checksum from its name, <c>{first:D19}-{last:D19}-a{attempt:D3}-{id}-{checksum:x16}.arrow</c>.</summary>
    private static int ParseName(string path, out ulong checksum)
    {
        string[] pieces = ChecksummedPartFile.TryParse(path, out string stem, out checksum) ? stem.Split('-') : [];
        if (pieces.Length == 4 && pieces[2].StartsWith('a')
            && int.TryParse(pieces[2].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int attempt))
            return attempt;
        throw new InvalidDataException($"{path}: not a journal part of this engine version (expected first-last-aN-id-checksum.arrow). {Discard}");
    }

    private const string Discard = "Discard the journal with SweepOutput.Fresh (--fresh).";

    private int ReadPart(string path, long start, long count, List<(long, BacktestSummary, string?)> rows)
    {
        int before = rows.Count;
        using var table = new SweepTableReader(path);
        CheckSchema(path, table.Schema);
        while (table.ReadBatch())
            for (int row = 0; row < table.Batch.Length; row++)
            {
                long i = table.Index(row)!.Value;
                if (i < start || i >= start + count)
                    throw new InvalidDataException(
                        $"{path}: row {row} has grid index {i}, outside this sweep's range {start}..{start + count - 1}; resume with the same grid range, or turn Resume off.");
                rows.Add((i, table.Summary(row), table.Error(row)));
            }
        return rows.Count - before;
    }

    /// <summary>
    /// Deletes the journal a crash left beside its finished table (between <see cref="Finish"/>'s commit of the table and
    /// its deletion of the journal), once it is shown to hold nothing the table lacks: every part is this search's and
    /// whole (checked as <see cref="LoadJournal"/> checks a resumed journal), and every journaled row (the latest attempt's,
    /// for a failed row run again) is the table's row of its grid index (<see cref="LeftoverJournal"/>). <paramref name="table"/> is the checked table's rows, ascending by index.
    /// </summary>
    /// <exception cref="InvalidDataException">A part is damaged, or a journaled row is not the table's.</exception>
    /// <exception cref="ProvenanceMismatchException">A part was journaled by another search.</exception>
    public void DeleteSupersededBy(ReadOnlySpan<SweepRow<TParameters>> table, long start, long count)
    {
        var indices = new long[table.Length];
        for (int i = 0; i < indices.Length; i++) indices[i] = table[i].Index;
        List<(long Index, BacktestSummary Summary, string? Error)> journaled;
        try
        {
            // Two results for one index that no attempt explains: one of them is not the table's.
            journaled = LoadJournal(start, count, index => LeftoverJournal.NotTheTables(_output, index, System.Array.BinarySearch(indices, index) >= 0, "search"));
        }
        catch (ProvenanceMismatchException e)
        {
            throw LeftoverJournal.OfAnotherRun(_output, e, "search");
        }
        foreach (var (index, summary, error) in journaled)
        {
            int position = System.Array.BinarySearch(indices, index);
            if (position < 0 || !LeftoverJournal.SameRow(table[position].Summary, table[position].Error, summary, error))
                throw LeftoverJournal.NotTheTables(_output, index, position >= 0, "search");
        }
        Directory.Delete(_output.JournalDirectory, recursive: true);
    }

    /// <summary>Journals finished rows (ascending index) to a new part file of this run's <see cref="Attempt"/>, atomically.</summary>
    public void WritePart(ReadOnlySpan<SweepRow<TParameters>> rows)
    {
        if (rows.IsEmpty) return;
        string stem = string.Create(CultureInfo.InvariantCulture, $"{rows[0].Index:D19}-{rows[^1].Index:D19}-a{Attempt:D3}-{Guid.NewGuid():N}");
        SweepRow<TParameters>[] part = rows.ToArray(); // a lambda cannot hold a span
        ChecksummedPartFile.Write(_output.JournalDirectory, stem, stream => WriteRows(stream, part, int.MaxValue, ArrowCompression.None));
    }

    /// <summary>Writes the whole table in grid-index order, atomically, then deletes the journal.</summary>
    public void Finish(ReadOnlySpan<SweepRow<TParameters>> rows)
    {
        WriteTable(_output.FilePath, rows, _output.Arrow.BatchSize, _output.Arrow.Compression);
        Directory.Delete(_output.JournalDirectory, recursive: true);
    }

    /// <summary>The search's table: its rows' checksum in the metadata (a first pass over the batches), then the rows.</summary>
    private void WriteTable(string path, ReadOnlySpan<SweepRow<TParameters>> rows, int batchSize, ArrowCompression compression)
    {
        var checksum = new SweepRowsChecksum();
        ForEachBatch(rows, batchSize, checksum.Append);
        Schema schema = SweepRowsChecksum.Stamped(_schema, checksum.Text);
        using var file = new AtomicFile(path);
        using (var writer = new ArrowFileWriter(file.Stream, schema, leaveOpen: true, ArrowIpcOptions.For(compression)))
        {
            ForEachBatch(rows, batchSize, batch => writer.WriteRecordBatch(new RecordBatch(schema, batch.Arrays, batch.Length)));
            writer.WriteEnd();
        }
        file.Commit();
    }

    private void WriteRows(Stream stream, ReadOnlySpan<SweepRow<TParameters>> rows, int batchSize, ArrowCompression compression)
    {
        using var writer = new ArrowFileWriter(stream, _schema, leaveOpen: true, ArrowIpcOptions.For(compression));
        ForEachBatch(rows, batchSize, writer.WriteRecordBatch);
        writer.WriteEnd();
    }

    /// <summary>The rows as record batches of <paramref name="batchSize"/>, in order (one empty batch for no rows), each disposed after <paramref name="take"/>.</summary>
    private void ForEachBatch(ReadOnlySpan<SweepRow<TParameters>> rows, int batchSize, Action<RecordBatch> take)
    {
        using var columns = new SweepTableColumns<TParameters>(_metadata);
        for (int i = 0; i < rows.Length; i++)
        {
            columns.Append(in rows[i]);
            if (columns.Count == batchSize || i == rows.Length - 1)
            {
                using SweepBatch batch = columns.ToBatch();
                take(batch.Batch);
            }
        }
        if (rows.IsEmpty)
        {
            using SweepBatch empty = columns.ToBatch();
            take(empty.Batch);
        }
    }

    private void CheckSchema(string path, Schema schema)
    {
        if (!SweepTable.SameColumns(schema, _schema))
            throw new InvalidDataException($"{path}: the journal has different columns than this sweep's table; it belongs to another strategy or version. Delete it or turn Resume off.");
        ResultMetadata theirs = ResultMetadata.FromSchema(schema);
        // The search's own keys too: a journal of another seed or sample size would otherwise pass, and hold indices
        // this search does not draw.
        var differences = new List<string>(ResultMetadata.FromEntries(_metadata).ProvenanceDifferences(theirs, "now", "in the journal"));
        differences.AddRange(SearchTable.KeyDifferences(_metadata, theirs.Entries, "in the journal"));
        if (differences.Count > 0)
            throw new ProvenanceMismatchException($"{path} was journaled by another search", differences, "Resume with the same strategy build, grid, data and options, or start over with Fresh.");
    }
}
