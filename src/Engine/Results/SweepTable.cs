using System;
using System.Collections.Generic;
using System.IO;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Backtester.Results;

/// <summary>Operations on sweep table files.</summary>
public static class SweepTable
{
    /// <summary>
    /// Concatenates the tables of the shards of one sweep (each a contiguous range of grid indices) into
    /// <paramref name="outputPath"/>, in grid-index order, giving exactly the table a single run would write.
    /// Written atomically.
    /// </summary>
    /// <returns>The number of rows.</returns>
    /// <exception cref="InvalidDataException">The files have different columns, or their index ranges overlap.</exception>
    public static long Merge(IReadOnlyList<string> shardFiles, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(shardFiles);
        if (shardFiles.Count == 0) throw new ArgumentException("Give at least one shard file.", nameof(shardFiles));
        var shards = new List<(long First, long Last, string Path)>();
        Schema? schema = null;
        foreach (string path in shardFiles)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"Shard file not found: {path}", path);
            using var stream = File.OpenRead(path);
            using var reader = new ArrowFileReader(stream, ArrowIpcOptions.Codecs);
            schema ??= reader.Schema;
            if (!SameColumns(schema, reader.Schema))
                throw new InvalidDataException($"{path}: its columns differ from {shardFiles[0]}'s; shards of one sweep have the same columns.");
            long first = long.MaxValue, last = long.MinValue;
            while (reader.ReadNextRecordBatch() is { } batch)
            {
                using (batch)
                {
                    var index = (Int64Array)batch.Column("index");
                    if (batch.Length == 0) continue;
                    first = Math.Min(first, index.GetValue(0)!.Value);
                    last = Math.Max(last, index.GetValue(batch.Length - 1)!.Value);
                }
            }
            shards.Add((first, last, path));
        }
        shards.Sort((a, b) => a.First.CompareTo(b.First));
        for (int i = 1; i < shards.Count; i++)
            if (shards[i].First != long.MaxValue && shards[i].First <= shards[i - 1].Last)
                throw new InvalidDataException($"{shards[i].Path}: its indices {shards[i].First}..{shards[i].Last} overlap {shards[i - 1].Path}'s {shards[i - 1].First}..{shards[i - 1].Last}.");

        long rows = 0;
        using var file = new AtomicFile(outputPath);
        using (var writer = new ArrowFileWriter(file.Stream, schema!, leaveOpen: true))
        {
            foreach (var (_, _, path) in shards)
            {
                using var stream = File.OpenRead(path);
                using var reader = new ArrowFileReader(stream, ArrowIpcOptions.Codecs);
                while (reader.ReadNextRecordBatch() is { } batch)
                {
                    using (batch)
                    {
                        rows += batch.Length;
                        writer.WriteRecordBatch(new RecordBatch(schema!, batch.Arrays, batch.Length));
                    }
                }
            }
            writer.WriteEnd();
        }
        file.Commit();
        return rows;
    }

    /// <summary>True when both schemas have the same column names and types, in the same order.</summary>
    internal static bool SameColumns(Schema a, Schema b)
    {
        if (a.FieldsList.Count != b.FieldsList.Count) return false;
        for (int i = 0; i < a.FieldsList.Count; i++)
            if (a.FieldsList[i].Name != b.FieldsList[i].Name || a.FieldsList[i].DataType.TypeId != b.FieldsList[i].DataType.TypeId) return false;
        return true;
    }
}
