using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Backtester.Results;

/// <summary>Operations on sweep table files.</summary>
public static class SweepTable
{
    /// <summary>
    /// Concatenates the tables of the shards of one sweep (each a contiguous range of grid indices) into
    /// <paramref name="outputPath"/>, in grid-index order, giving exactly the table, metadata included, that one
    /// unsharded run writes, whatever the order of <paramref name="shardFiles"/>. Written atomically.
    /// </summary>
    /// <remarks>
    /// Every shard must carry the same provenance (strategy build, grid definition, data fingerprint, options, engine
    /// version; see <see cref="ResultMetadata.ProvenanceDifferences"/>), and together the shards must cover the whole
    /// grid (its size is in every shard) exactly once. With <paramref name="allowPartial"/>, missing ranges are allowed:
    /// the table is marked <see cref="ResultMetadata.Keys.Partial"/> and lists them in
    /// <see cref="ResultMetadata.Keys.PartialMissing"/>.
    /// </remarks>
    /// <returns>The number of rows.</returns>
    /// <exception cref="ProvenanceMismatchException">A shard comes from another sweep; the differences are named.</exception>
    /// <exception cref="InvalidDataException">A file is not a sweep table, shards overlap, or (without <paramref name="allowPartial"/>) part of the grid is missing.</exception>
    public static long Merge(IReadOnlyList<string> shardFiles, string outputPath, bool allowPartial = false)
    {
        ArgumentNullException.ThrowIfNull(shardFiles);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        if (shardFiles.Count == 0) throw new ArgumentException("Give at least one shard file.", nameof(shardFiles));
        RefuseOutputAmongInputs(shardFiles, outputPath);
        var shards = new List<Shard>();
        foreach (string path in shardFiles) shards.Add(Reading(path, () => Scan(path)));
        // The order of the arguments must not matter: the shard of the lowest range is the reference.
        shards.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Path, b.Path));
        Shard reference = shards[0];
        long size = reference.Metadata.Grid!.Size;
        foreach (Shard shard in shards)
        {
            if (shard == reference) continue;
            IReadOnlyList<string> differences = reference.Metadata.ProvenanceDifferences(shard.Metadata, "in " + Path.GetFileName(reference.Path), "in " + Path.GetFileName(shard.Path));
            if (differences.Count > 0)
                throw new ProvenanceMismatchException($"{shard.Path}: not a shard of the same sweep as {reference.Path}", differences, "Merge only the shards of one sweep");
            if (!SameColumns(reference.Schema, shard.Schema))
                throw new InvalidDataException($"{shard.Path}: its columns differ from {reference.Path}'s; shards of one sweep have the same columns.");
        }

        // Every run of indices of every shard, in order: they must not overlap, and must cover 0..size-1 unless partial.
        var runs = new List<(long First, long Last, string Path)>();
        foreach (Shard shard in shards)
            foreach (var (first, last) in shard.Runs) runs.Add((first, last, shard.Path));
        runs.Sort((a, b) => a.First.CompareTo(b.First));
        var missing = new List<(long First, long Last)>();
        long next = 0;
        for (int i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            if (i > 0 && run.First <= runs[i - 1].Last)
                throw new InvalidDataException($"{run.Path}: its indices {run.First}..{run.Last} overlap {runs[i - 1].Path}'s {runs[i - 1].First}..{runs[i - 1].Last}.");
            if (run.Last >= size)
                throw new InvalidDataException($"{run.Path}: has grid indices up to {run.Last}, beyond the grid's {size} combinations.");
            if (run.First > next) missing.Add((next, run.First - 1));
            next = run.Last + 1;
        }
        if (next < size) missing.Add((next, size - 1));
        string? missingText = reference.Metadata.Table == "search" ? SearchMissing(shards, runs, allowPartial) : missing.Count == 0 ? null : Ranges(missing);
        if (missingText is not null && !allowPartial)
            throw new InvalidDataException(
                $"the shards do not cover the grid of {size} combinations: grid indices {missingText} are missing. Merge every shard, or pass --allow-partial (allowPartial: true) to write a partial table on purpose.");

        var rowsChecksum = new SweepRowsChecksum();
        foreach (Shard shard in shards)
            Reading(shard.Path, () =>
            {
                foreach (RecordBatch batch in Batches(shard.Path, out _))
                    using (batch)
                        rowsChecksum.Append(batch);
                return 0;
            });
        ResultMetadata merged = reference.Metadata.WithRange(0, size)
            .With(ResultMetadata.Keys.Partial, missingText is null ? null : "true")
            .With(ResultMetadata.Keys.PartialMissing, missingText)
            .With(ResultMetadata.Keys.RowsChecksum, rowsChecksum.Text);
        Schema schema = ArrowRecordFileWriter<BacktestSummary>.WithMetadata(WithoutMetadata(reference.Schema), merged.Entries);
        long rows = 0;
        // A .parquet or .csv target is written as Arrow under a temporary name, then converted (only the conversion is renamed into place).
        ResultFormat format = Path.GetExtension(outputPath).ToLowerInvariant() switch { ".parquet" => ResultFormat.Parquet, ".csv" => ResultFormat.Csv, _ => ResultFormat.Arrow };
        using var file = new AtomicFile(format == ResultFormat.Arrow ? outputPath : Path.ChangeExtension(outputPath, ".arrow"));
        using (var writer = new ArrowFileWriter(file.Stream, schema, leaveOpen: true))
        {
            foreach (Shard shard in shards)
                rows += Reading(shard.Path, () =>
                {
                    long written = 0;
                    foreach (RecordBatch batch in Batches(shard.Path, out _))
                    {
                        using (batch)
                        {
                            // An empty shard's empty batch is left out: the merged file is the same with or without it.
                            if (batch.Length == 0) continue;
                            written += batch.Length;
                            writer.WriteRecordBatch(new RecordBatch(schema, batch.Arrays, batch.Length));
                        }
                    }
                    return written;
                });
            writer.WriteEnd();
        }
        if (format == ResultFormat.Arrow) file.Commit();
        else
        {
            file.Seal();
            using AtomicFile converted = ResultFiles.ConvertSealed(file, format);
            converted.Commit();
        }
        return rows;
    }

    /// <summary>
    /// Refuses, before anything is read, an output that is one of the shards: the merged table would replace a shard
    /// (a shard listed again with <c>--out</c>, say, as <c>mx/sweep-shard-0-of-2.arrow</c>), and a later merge would
    /// find that range twice or a shard of another size; and a shard named twice, which was refused as a shard whose
    /// indices overlap its own. Paths are compared in full, through a symbolic link, with the case of the file system's
    /// usual convention.
    /// </summary>
    private static void RefuseOutputAmongInputs(IReadOnlyList<string> shardFiles, string outputPath)
    {
        StringComparison comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        string output = Resolved(outputPath);
        for (int i = 0; i < shardFiles.Count; i++)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(shardFiles[i], nameof(shardFiles));
            if (string.Equals(Resolved(shardFiles[i]), output, comparison))
                throw new ArgumentException($"The output '{outputPath}' is the shard file '{shardFiles[i]}': the merge would overwrite one of its own inputs. Write the merged table to another path.", nameof(outputPath));
            // Else reported as a shard whose indices overlap its own.
            for (int j = 0; j < i; j++)
                if (string.Equals(Resolved(shardFiles[j]), Resolved(shardFiles[i]), comparison))
                    throw new ArgumentException(shardFiles[j] == shardFiles[i]
                        ? $"The shard file '{shardFiles[i]}' is given twice. Name each shard once."
                        : $"The shard file '{shardFiles[j]}' is given twice, the second time as '{shardFiles[i]}'. Name each shard once.", nameof(shardFiles));
        }
    }

    private static string Resolved(string path)
    {
        string full = Path.GetFullPath(path);
        try { return new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full; }
        catch (IOException) { return full; } // a broken or looping link: compare the path as given
    }

    /// <summary>
    /// A random search samples the grid, so its shards cover the sample, not the grid: every shard must be of the same
    /// draw (seed and sample size), and together they must hold every sampled combination. Returns null when complete,
    /// else a description of what is missing.
    /// </summary>
    private static string? SearchMissing(List<Shard> shards, List<(long First, long Last, string Path)> runs, bool allowPartial)
    {
        Shard reference = shards[0];
        string? seed = reference.Metadata.Entries.GetValueOrDefault(Research.RandomSearch.SeedKey);
        string? samples = reference.Metadata.Entries.GetValueOrDefault(Research.RandomSearch.SamplesKey);
        foreach (Shard shard in shards)
        {
            var differences = new List<string>();
            if (shard.Metadata.Entries.GetValueOrDefault(Research.RandomSearch.SeedKey) != seed) differences.Add($"{Research.RandomSearch.SeedKey}: {seed} in {Path.GetFileName(reference.Path)}, {shard.Metadata.Entries.GetValueOrDefault(Research.RandomSearch.SeedKey)} in {Path.GetFileName(shard.Path)}");
            if (shard.Metadata.Entries.GetValueOrDefault(Research.RandomSearch.SamplesKey) != samples) differences.Add($"{Research.RandomSearch.SamplesKey}: {samples} in {Path.GetFileName(reference.Path)}, {shard.Metadata.Entries.GetValueOrDefault(Research.RandomSearch.SamplesKey)} in {Path.GetFileName(shard.Path)}");
            if (differences.Count > 0)
                throw new ProvenanceMismatchException($"{shard.Path}: not a shard of the same random search as {reference.Path}", differences, "Merge only the shards of one search");
        }
        if (!long.TryParse(samples, NumberStyles.None, CultureInfo.InvariantCulture, out long expected))
            throw new InvalidDataException($"{reference.Path}: a search table without {Research.RandomSearch.SamplesKey}; write it with this engine version.");
        long held = 0;
        foreach (var (first, last, _) in runs) held += last - first + 1;
        if (held == expected) return null;
        string text = string.Create(CultureInfo.InvariantCulture, $"{expected - held} of the search's {expected} sampled combinations");
        if (!allowPartial)
            throw new InvalidDataException($"the shards do not hold the whole search: {text} are missing. Merge every shard, or pass --allow-partial (allowPartial: true) to write a partial table on purpose.");
        return text;
    }

    private sealed record Shard(string Path, Schema Schema, ResultMetadata Metadata, long Start, List<(long First, long Last)> Runs);

    /// <summary>
    /// Reads a shard: Apache.Arrow's and Parquet.Net's own exceptions for a damaged file (a cut or flipped byte made them
    /// throw <see cref="NullReferenceException"/>s and out-of-range indices naming no file) become an
    /// <see cref="InvalidDataException"/> naming the shard. The merged table's own write failures stay
    /// <see cref="ResultWriteException"/>s.
    /// </summary>
    private static T Reading<T>(string path, Func<T> read) => UnreadableResultFile.Read(path, "sweep table", null, read);

    private static Shard Scan(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Shard file not found: {path}", path);
        if (Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{path}: a CSV file carries no provenance, so it cannot be checked to belong to the sweep; merge the shards' Arrow or Parquet tables (--format arrow or parquet).");
        IEnumerable<RecordBatch> batches = Batches(path, out Schema schema);
        ResultMetadata metadata = ResultMetadata.FromSchema(schema);
        if (metadata.Table is not ("sweep" or "search") || metadata.Grid is null || metadata.GridStart is null || metadata.GridCount is null || schema.GetFieldIndex("index") < 0)
            throw new InvalidDataException($"{path}: not a sweep table with provenance (its metadata lacks {ResultMetadata.Keys.Table}=sweep, {ResultMetadata.Keys.GridFingerprint} or {ResultMetadata.Keys.GridStart}); write it with this engine version.");
        var runs = new List<(long, long)>();
        long first = -1, last = -1;
        var checksum = new SweepRowsChecksum();
        foreach (RecordBatch batch in batches)
        {
            using (batch)
            {
                checksum.Append(batch);
                var index = (Int64Array)batch.Column("index");
                for (int row = 0; row < batch.Length; row++)
                {
                    long i = index.GetValue(row) ?? throw new InvalidDataException($"{path}: row {row} has no grid index.");
                    if (first < 0) first = last = i;
                    else if (i == last + 1) last = i;
                    else if (i <= last) throw new InvalidDataException($"{path}: grid index {i} follows {last}; a sweep table is in ascending index order.");
                    else
                    {
                        runs.Add((first, last));
                        first = last = i;
                    }
                }
            }
        }
        if (first >= 0) runs.Add((first, last));
        // A whole sweep table holds every index of the range it declares, in one run: fewer rows (a record batch lost
        // to a damaged footer, say) would otherwise show up later as "indices … are missing", naming no file. The range
        // may be empty: a shard of a grid with fewer combinations than shards (--shard 150/200 of 80) holds no rows.
        if (metadata.Table == "sweep" && !metadata.Partial)
        {
            long start = metadata.GridStart.Value, count = metadata.GridCount.Value, end = start + count - 1;
            if (count == 0 ? runs.Count != 0 : runs.Count != 1 || runs[0] != (start, end))
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: declares {(count == 0 ? "no grid indices" : $"grid indices {start}..{end}")} ({count} rows) but holds {(runs.Count == 0 ? "no rows" : Ranges(runs))}; the file is damaged or was cut short. Write it again."));
        }
        // A value changed after the table was written: Arrow and Parquet carry no checksum of their own.
        checksum.Check(path, metadata.Entries);
        return new Shard(path, schema, metadata, metadata.GridStart.Value, runs);
    }

    /// <summary>A shard table's batches: streamed from an Arrow file, read whole from a Parquet one (<see cref="ResultFileReader"/>).</summary>
    private static IEnumerable<RecordBatch> Batches(string path, out Schema schema)
    {
        if (!Path.GetExtension(path).Equals(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            var stream = ArrowIpcFile.OpenRead(path);
            var reader = new ArrowFileReader(stream, ArrowIpcOptions.Codecs);
            schema = reader.Schema;
            return Stream(reader, stream);
        }
        (schema, IReadOnlyList<RecordBatch> all) = ResultFileReader.Read(path);
        return all;
    }

    private static IEnumerable<RecordBatch> Stream(ArrowFileReader reader, FileStream stream)
    {
        using (stream)
        using (reader)
            while (reader.ReadNextRecordBatch() is { } batch) yield return batch;
    }

    private static Schema WithoutMetadata(Schema schema)
    {
        var builder = new Schema.Builder();
        foreach (Field field in schema.FieldsList) builder.Field(field);
        return builder.Build();
    }

    /// <summary><c>10..19;30..39</c>.</summary>
    private static string Ranges(List<(long First, long Last)> ranges)
    {
        var text = new StringBuilder();
        foreach (var (first, last) in ranges)
        {
            if (text.Length > 0) text.Append(';');
            text.Append(first.ToString(CultureInfo.InvariantCulture));
            if (last != first) text.Append("..").Append(last.ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
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
