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
/// format. A sweep's own journal (<c>SweepJournal</c>) assumes one contiguous index range; a sample is sparse, so it
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
        Directory.CreateDirectory(output.JournalDirectory);
    }

    /// <summary>The rows an earlier, interrupted run journaled, which must lie in [start, start + count).</summary>
    public IEnumerable<(long Index, BacktestSummary Summary, string? Error)> LoadJournal(long start, long count)
    {
        var rows = new List<(long, BacktestSummary, string?)>();
        foreach (string path in Directory.GetFiles(_output.JournalDirectory, "*.arrow"))
        {
            if (!ChecksummedPartFile.TryParse(path, out _, out ulong checksum))
                throw new InvalidDataException($"{path}: not a journal part of this engine version (expected first-last-id-checksum.arrow). {Discard}");
            ChecksummedPartFile.Verify(path, checksum, Discard);
            UnreadableResultFile.Read(path, "journal part", Discard, () => ReadPart(path, start, count, rows));
        }
        return rows;
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
    /// whole (checked as <see cref="LoadJournal"/> checks a resumed journal), and every journaled row is the table's row of
    /// its grid index (<see cref="LeftoverJournal"/>). <paramref name="table"/> is the checked table's rows, ascending by index.
    /// </summary>
    /// <exception cref="InvalidDataException">A part is damaged, or a journaled row is not the table's.</exception>
    /// <exception cref="ProvenanceMismatchException">A part was journaled by another search.</exception>
    public void DeleteSupersededBy(ReadOnlySpan<SweepRow<TParameters>> table, long start, long count)
    {
        IEnumerable<(long Index, BacktestSummary Summary, string? Error)> journaled;
        try
        {
            journaled = LoadJournal(start, count);
        }
        catch (ProvenanceMismatchException e)
        {
            throw LeftoverJournal.OfAnotherRun(_output, e, "search");
        }
        foreach (var (index, summary, error) in journaled)
        {
            int lo = 0, hi = table.Length - 1;
            while (lo <= hi)
            {
                int mid = lo + (hi - lo) / 2;
                if (table[mid].Index < index) lo = mid + 1;
                else hi = mid - 1;
            }
            bool held = lo < table.Length && table[lo].Index == index;
            if (!held || !LeftoverJournal.SameRow(table[lo].Summary, table[lo].Error, summary, error))
                throw LeftoverJournal.NotTheTables(_output, index, held, "search");
        }
        Directory.Delete(_output.JournalDirectory, recursive: true);
    }

    /// <summary>Journals finished rows (ascending index) to a new part file, atomically.</summary>
    public void WritePart(ReadOnlySpan<SweepRow<TParameters>> rows)
    {
        if (rows.IsEmpty) return;
        string stem = string.Create(CultureInfo.InvariantCulture, $"{rows[0].Index:D19}-{rows[^1].Index:D19}-{Guid.NewGuid():N}");
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
