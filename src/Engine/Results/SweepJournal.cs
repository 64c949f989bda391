using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Backtester.Infrastructure;

namespace Backtester.Results;

/// <summary>
/// The journal and table of a sweep with <see cref="SweepOutput"/>. Rows arrive in grid-index order (the sweep commits
/// them so) and are journaled in part files of consecutive indices, each written atomically when
/// <see cref="ArrowFileOptions.BatchSize"/> rows are pending or <see cref="SweepOutput.JournalInterval"/> has passed;
/// the journal is thus always a prefix of the grid range. <see cref="Finish"/> concatenates the parts into the table
/// (atomically) and deletes the journal. Not thread-safe: the sweep calls it under its commit lock.
/// </summary>
/// <remarks>
/// Part files are named <c>{first:D19}-{last:D19}-g{generation:D3}-{checksum:x16}.arrow</c>, the checksum being the
/// XxHash64 of the file's bytes (<see cref="ChecksummedPartFile"/>, decision 0090), which resuming checks before reading
/// anything from a part. Resuming replaces a part whose failed rows
/// were run again by the next generation of the same range (written before the old one is deleted, so a crash in
/// between leaves both, and the higher generation wins).
/// </remarks>
internal sealed class SweepJournal<TParameters> : IDisposable
    where TParameters : struct, IStrategyParameters<TParameters>
{
    private readonly SweepOutput _output;
    private readonly ResultMetadata _provenance;
    private readonly Schema _schema;
    private readonly long _start, _count;
    private readonly SweepTableColumns<TParameters> _pending;
    private readonly List<Part> _parts = new();
    private readonly Stopwatch _sinceFlush = Stopwatch.StartNew();
    private long _pendingFirst = -1, _pendingLast = -1;

    /// <summary>One part file: rows of grid indices <see cref="First"/>..<see cref="Last"/>.</summary>
    internal readonly record struct Part(long First, long Last, int Generation, string Path)
    {
        /// <summary>The XxHash64 of the file's bytes, as its name holds it.</summary>
        public ulong Checksum { get; init; }
    }

    private SweepJournal(SweepOutput output, ResultMetadata provenance, long start, long count)
    {
        _output = output;
        _provenance = provenance;
        _start = start;
        _count = count;
        _pending = new SweepTableColumns<TParameters>(provenance.Entries);
        _schema = _pending.Schema;
    }

    /// <summary>
    /// Opens the journal of the sweep of [<paramref name="start"/>, start + <paramref name="count"/>): with
    /// <see cref="SweepOutput.Resume"/>, checks and lists an earlier run's parts; with <see cref="SweepOutput.Fresh"/>,
    /// deletes them; with neither, refuses to touch an existing journal.
    /// </summary>
    /// <exception cref="SweepJournalExistsException">A journal exists and neither Resume nor Fresh is set.</exception>
    /// <exception cref="ProvenanceMismatchException">The journal comes from another strategy, grid, data, options or engine.</exception>
    public static SweepJournal<TParameters> Open(SweepOutput output, ResultMetadata provenance, long start, long count)
    {
        output.Validate();
        var journal = new SweepJournal<TParameters>(output, provenance, start, count);
        try
        {
            string folder = output.JournalDirectory;
            if (Directory.Exists(folder))
            {
                if (output.Fresh) Directory.Delete(folder, recursive: true);
                else if (!output.Resume)
                {
                    throw new SweepJournalExistsException(folder, Directory.GetFiles(folder, "*.arrow").Length);
                }
                else journal.LoadParts();
            }
            ResultFolder.Create(folder);
            return journal;
        }
        catch
        {
            journal.Dispose();
            throw;
        }
    }

    /// <summary>The parts of the interrupted run, in index order, covering [start, <see cref="JournaledEnd"/>).</summary>
    public IReadOnlyList<Part> Parts => _parts;

    /// <summary>The grid index after the journaled prefix.</summary>
    public long JournaledEnd => _parts.Count == 0 ? _start : _parts[^1].Last + 1;

    private void LoadParts()
    {
        var byRange = new Dictionary<(long, long), Part>();
        foreach (string path in Directory.GetFiles(_output.JournalDirectory, "*.arrow"))
        {
            Part part = ParseName(path);
            if (byRange.TryGetValue((part.First, part.Last), out Part other))
            {
                // A crash between writing a replacement and deleting what it replaces leaves both: the newer wins.
                (Part keep, Part drop) = part.Generation > other.Generation ? (part, other) : (other, part);
                File.Delete(drop.Path);
                byRange[(part.First, part.Last)] = keep;
            }
            else byRange[(part.First, part.Last)] = part;
        }
        _parts.AddRange(byRange.Values);
        _parts.Sort((a, b) => a.First.CompareTo(b.First));
        long expected = _start;
        foreach (Part part in _parts)
        {
            // Its bytes, then provenance: a journal of another sweep is named as such, not as a damaged one.
            ChecksummedPartFile.Verify(part.Path, part.Checksum, Discard);
            CheckProvenance(part.Path);
            if (part.First != expected || part.Last < part.First || part.Last >= _start + _count)
                throw new InvalidDataException(
                    $"{part.Path}: holds grid indices {part.First}..{part.Last} where the journal of this sweep ({_start}..{_start + _count - 1}) continues at {expected}; the journal is damaged. Discard it with SweepOutput.Fresh (--fresh).");
            expected = part.Last + 1;
        }
    }

    private static Part ParseName(string path)
    {
        string[] pieces = ChecksummedPartFile.TryParse(path, out string stem, out ulong checksum) ? stem.Split('-') : [];
        if (pieces.Length == 3 && long.TryParse(pieces[0], NumberStyles.None, CultureInfo.InvariantCulture, out long first)
            && long.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out long last)
            && pieces[2].StartsWith('g') && int.TryParse(pieces[2].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int generation))
            return new Part(first, last, generation, path) { Checksum = checksum };
        throw new InvalidDataException($"{path}: not a journal part of this engine version (expected first-last-gN-checksum.arrow). {Discard}");
    }

    private void CheckProvenance(string path)
    {
        Schema schema = UnreadableResultFile.Read(path, "journal part", Discard, () =>
        {
            using FileStream stream = ArrowIpcFile.OpenRead(path);
            using var reader = new ArrowFileReader(stream, ArrowIpcOptions.Codecs);
            return reader.Schema;
        });
        ResultMetadata theirs = UnreadableResultFile.Read(path, "journal part", Discard, () => ResultMetadata.FromSchema(schema));
        var differences = new List<string>(_provenance.ProvenanceDifferences(theirs, "now", "in the journal"));
        if (theirs.GridStart != _provenance.GridStart || theirs.GridCount != _provenance.GridCount)
            differences.Add($"grid range: {Range(_provenance)} now, {Range(theirs)} in the journal");
        if (differences.Count == 0 && !SweepTable.SameColumns(schema, _schema))
            differences.Add("columns: the journal's columns differ from this sweep's table");
        if (differences.Count > 0)
            throw new ProvenanceMismatchException($"{_output.JournalDirectory}: the journal was written by another sweep", differences,
                "Resume with the same strategy, grid, data and options, or discard the journal with SweepOutput.Fresh (--fresh)");
    }

    private static string Range(ResultMetadata metadata) =>
        metadata.GridStart is { } start && metadata.GridCount is { } count ? $"{start}..{start + count - 1}" : "(not recorded)";

    /// <summary>Reads one part's rows, checking that each row's saved parameter values are the ones its grid index decodes to.</summary>
    /// <exception cref="ProvenanceMismatchException">A row's parameters differ from the grid's.</exception>
    public List<SweepRow<TParameters>> Read(Part part) => UnreadableResultFile.Read(part.Path, "journal part", Discard, () => ReadRows(part));

    // A part whose bytes match their checksum but which Apache.Arrow or our columns cannot read (written by another
    // build, or forged with a fitting name) is refused naming it, with the remedy.
    private const string Discard = "Discard the journal with SweepOutput.Fresh (--fresh).";

    private List<SweepRow<TParameters>> ReadRows(Part part)
    {
        var rows = new List<SweepRow<TParameters>>((int)Math.Min(part.Last - part.First + 1, 1 << 20));
        using var table = new SweepTableReader(part.Path);
        while (table.ReadBatch())
        {
            var expected = new TParameters[table.Batch.Length];
            for (int row = 0; row < expected.Length; row++)
            {
                long i = table.Index(row) ?? -1;
                if (i != part.First + rows.Count + row)
                    throw new InvalidDataException($"{part.Path}: row {rows.Count + row} has grid index {i}, expected {part.First + rows.Count + row}; discard the journal with SweepOutput.Fresh (--fresh).");
                expected[row] = TParameters.FromGridIndex(i);
            }
            CheckParameters(part.Path, table.Batch, expected, part.First + rows.Count);
            for (int row = 0; row < expected.Length; row++) rows.Add(table.Row(row, part.First + rows.Count, expected[row]));
        }
        if (rows.Count != part.Last - part.First + 1)
            throw new InvalidDataException($"{part.Path}: has {rows.Count} rows for grid indices {part.First}..{part.Last}; discard the journal with SweepOutput.Fresh (--fresh).");
        return rows;
    }

    /// <summary>
    /// Compares the journal's parameter columns with the values the grid decodes the same indices to, written through
    /// the same generated columns (so a decimal compares as the double it was written as).
    /// </summary>
    private static void CheckParameters(string path, RecordBatch batch, TParameters[] expected, long firstIndex)
    {
        using Arrow.IArrowColumns<TParameters> columns = TParameters.CreateColumns();
        foreach (TParameters parameters in expected) columns.Append(in parameters);
        using Arrow.PooledRecordBatch grid = columns.ToRecordBatch();
        for (int row = 0; row < expected.Length; row++)
            for (int k = 0; k < grid.Batch.ColumnCount; k++)
            {
                string name = grid.Batch.Schema.FieldsList[k].Name;
                string now = CellText(grid.Batch.Column(k), row, name), saved = CellText(batch.Column(name), row, name);
                if (now != saved)
                    throw new ProvenanceMismatchException($"{path}: the journal was written by another sweep",
                        new[] { $"grid index {firstIndex + row}: {name}={saved} in the journal, {name}={now} now" },
                        "Resume with the same grid, or discard the journal with SweepOutput.Fresh (--fresh)");
            }
    }

    private static string CellText(IArrowArray array, int row, string column) => array switch
    {
        _ when array.IsNull(row) => "null",
        Int32Array a => a.GetValue(row)!.Value.ToString(CultureInfo.InvariantCulture),
        Int64Array a => a.GetValue(row)!.Value.ToString(CultureInfo.InvariantCulture),
        DoubleArray a => a.GetValue(row)!.Value.ToString("R", CultureInfo.InvariantCulture),
        FloatArray a => a.GetValue(row)!.Value.ToString("R", CultureInfo.InvariantCulture),
        BooleanArray a => a.GetValue(row)!.Value ? "true" : "false",
        StringArray a => ArrowText.Read(a, row, column) ?? "null",
        _ => throw new InvalidDataException($"Unexpected parameter column type {array.Data.DataType.Name}."),
    };

    /// <summary>Replaces <paramref name="part"/> by the next generation holding <paramref name="rows"/> (its rows, failed ones run again).</summary>
    public void Replace(Part part, List<SweepRow<TParameters>> rows)
    {
        foreach (SweepRow<TParameters> row in rows) _pending.Append(in row);
        var next = part with { Generation = part.Generation + 1, Path = WritePending(part.First, part.Last, part.Generation + 1) };
        File.Delete(part.Path);
        _parts[_parts.IndexOf(part)] = next;
    }

    /// <summary>Appends the next row (its index follows the previous one's); writes a part when a batch is full.</summary>
    public void Append(in SweepRow<TParameters> row)
    {
        if (_pendingFirst < 0) _pendingFirst = row.Index;
        _pendingLast = row.Index;
        _pending.Append(in row);
        if (_pending.Count >= _output.Arrow.BatchSize) Flush();
    }

    /// <summary>Writes the pending rows if some have waited <see cref="SweepOutput.JournalInterval"/>.</summary>
    public void FlushIfDue()
    {
        if (_pending.Count > 0 && _sinceFlush.Elapsed >= _output.JournalInterval) Flush();
    }

    /// <summary>Writes the pending rows as a part file.</summary>
    public void Flush()
    {
        _sinceFlush.Restart();
        if (_pending.Count == 0) return;
        string path = WritePending(_pendingFirst, _pendingLast, 0);
        _parts.Add(new Part(_pendingFirst, _pendingLast, 0, path));
        _pendingFirst = _pendingLast = -1;
    }

    /// <summary>
    /// Writes the table atomically, then deletes the journal. The rows are read back from the parts and written in
    /// batches of <see cref="ArrowFileOptions.BatchSize"/> through the same columns, so the table's bytes do not depend
    /// on how the journal was cut into parts (an interrupted and resumed sweep writes the file an uninterrupted one does).
    /// </summary>
    public void Finish()
    {
        Flush();
        // Two passes over the parts: the rows' checksum goes into the metadata, which the file holds before its rows.
        var checksum = new SweepRowsChecksum();
        ForEachTableBatch(checksum.Append);
        Schema schema = SweepRowsChecksum.Stamped(_schema, checksum.Text);
        using (var file = new AtomicFile(_output.FilePath))
        {
            using (var writer = new ArrowFileWriter(file.Stream, schema, leaveOpen: true, ArrowIpcOptions.For(_output.Arrow.Compression)))
            {
                ForEachTableBatch(batch => writer.WriteRecordBatch(new RecordBatch(schema, batch.Arrays, batch.Length)));
                writer.WriteEnd();
            }
            file.Commit();
        }
        Directory.Delete(_output.JournalDirectory, recursive: true);
    }

    /// <summary>The table's record batches, in order, made from the parts' rows (each disposed after <paramref name="take"/>).</summary>
    private void ForEachTableBatch(Action<RecordBatch> take)
    {
        bool made = false;
        foreach (Part part in _parts)
        {
            using var table = new SweepTableReader(part.Path);
            while (table.ReadBatch())
                for (int row = 0; row < table.Batch.Length; row++)
                {
                    long i = table.Index(row)!.Value;
                    SweepRow<TParameters> record = table.Row(row, i, TParameters.FromGridIndex(i));
                    _pending.Append(in record);
                    if (_pending.Count == _output.Arrow.BatchSize)
                    {
                        using SweepBatch full = _pending.ToBatch();
                        take(full.Batch);
                        made = true;
                    }
                }
        }
        if (_pending.Count > 0 || !made)
        {
            using SweepBatch last = _pending.ToBatch();
            take(last.Batch);
        }
    }

    /// <summary>Writes the pending rows as the part of [first, last] and generation; returns its path, which names the checksum of its bytes.</summary>
    private string WritePending(long first, long last, int generation)
    {
        using SweepBatch batch = _pending.ToBatch();
        return ChecksummedPartFile.Write(_output.JournalDirectory, string.Create(CultureInfo.InvariantCulture, $"{first:D19}-{last:D19}-g{generation:D3}"), stream =>
        {
            using var writer = new ArrowFileWriter(stream, _schema, leaveOpen: true);
            writer.WriteRecordBatch(batch.Batch);
            writer.WriteEnd();
        });
    }

    public void Dispose() => _pending.Dispose();
}
