using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Backtester.Results;

/// <summary>
/// Writes a sweep's table (see <see cref="SweepOutput"/>): a part file per finished chunk while the sweep runs, read
/// back on resume, and the final table in grid-index order at the end. Thread-safe for <see cref="WritePart"/>.
/// </summary>
internal sealed class SweepJournal<TParameters>
    where TParameters : struct, IStrategyParameters<TParameters>
{
    private readonly SweepOutput _output;
    private readonly Dictionary<string, string> _metadata;
    private readonly Schema _schema;

    public SweepJournal(SweepOutput output, Dictionary<string, string> metadata)
    {
        output.Validate();
        _output = output;
        _metadata = metadata;
        _schema = SweepTableColumns<TParameters>.SchemaFor(metadata);
        if (!output.Resume && Directory.Exists(output.JournalDirectory)) Directory.Delete(output.JournalDirectory, recursive: true);
        Directory.CreateDirectory(output.JournalDirectory);
    }

    /// <summary>The rows an earlier, interrupted run journaled, which must lie in [start, start + count).</summary>
    public IEnumerable<(long Index, BacktestSummary Summary, string? Error)> LoadJournal(long start, long count)
    {
        foreach (string path in Directory.GetFiles(_output.JournalDirectory, "*.arrow"))
        {
            using var stream = File.OpenRead(path);
            using var reader = new ArrowFileReader(stream);
            CheckSchema(path, reader.Schema);
            while (reader.ReadNextRecordBatch() is { } batch)
            {
                using (batch)
                {
                    var index = (Int64Array)batch.Column("index");
                    var error = (StringArray)batch.Column("error");
                    for (int row = 0; row < batch.Length; row++)
                    {
                        long i = index.GetValue(row)!.Value;
                        if (i < start || i >= start + count)
                            throw new InvalidOperationException(
                                $"{path}: row {row} has grid index {i}, outside this sweep's range {start}..{start + count - 1}; resume with the same grid range, or turn Resume off.");
                        yield return (i, BacktestSummary.ReadRow(batch, row), error.GetString(row));
                    }
                }
            }
        }
    }

    /// <summary>Journals finished rows (ascending index) to a new part file, atomically.</summary>
    public void WritePart(ReadOnlySpan<SweepRow<TParameters>> rows)
    {
        if (rows.IsEmpty) return;
        string name = string.Create(CultureInfo.InvariantCulture, $"{rows[0].Index:D19}-{rows[^1].Index:D19}-{Guid.NewGuid():N}.arrow");
        WriteTable(Path.Combine(_output.JournalDirectory, name), rows, int.MaxValue, ArrowCompression.None);
    }

    /// <summary>Writes the whole table in grid-index order, atomically, then deletes the journal.</summary>
    public void Finish(ReadOnlySpan<SweepRow<TParameters>> rows)
    {
        WriteTable(_output.FilePath, rows, _output.Arrow.BatchSize, _output.Arrow.Compression);
        Directory.Delete(_output.JournalDirectory, recursive: true);
    }

    private void WriteTable(string path, ReadOnlySpan<SweepRow<TParameters>> rows, int batchSize, ArrowCompression compression)
    {
        using var columns = new SweepTableColumns<TParameters>(_metadata);
        using var file = new AtomicFile(path);
        using (var writer = new ArrowFileWriter(file.Stream, columns.Schema, leaveOpen: true, ArrowIpcOptions.For(compression)))
        {
            for (int i = 0; i < rows.Length; i++)
            {
                columns.Append(in rows[i]);
                if (columns.Count == batchSize || i == rows.Length - 1)
                {
                    using SweepBatch batch = columns.ToBatch();
                    writer.WriteRecordBatch(batch.Batch);
                }
            }
            if (rows.IsEmpty)
            {
                using SweepBatch empty = columns.ToBatch();
                writer.WriteRecordBatch(empty.Batch);
            }
            writer.WriteEnd();
        }
        file.Commit();
    }

    private void CheckSchema(string path, Schema schema)
    {
        if (!SweepTable.SameColumns(schema, _schema))
            throw new InvalidOperationException($"{path}: the journal has different columns than this sweep's table; it belongs to another strategy or version. Delete it or turn Resume off.");
        if (schema.Metadata.TryGetValue(ResultMetadata.Strategy, out string? strategy) && _metadata.TryGetValue(ResultMetadata.Strategy, out string? expected) && strategy != expected)
            throw new InvalidOperationException($"{path}: the journal is of strategy '{strategy}', not '{expected}'.");
    }
}
