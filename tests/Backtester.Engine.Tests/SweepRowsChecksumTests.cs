using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Backtester.Results;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// A sweep table holds the XxHash64 of its rows (<c>backtester.rows_xxh64</c>), so that a value changed after it was
/// written is refused by a merge and by the result reader instead of being taken for a result.
/// </summary>
public sealed class SweepRowsChecksumTests : IDisposable
{
    private static readonly MarketData Data = SyntheticData.Trades(new SyntheticDataOptions { Events = 5_000, Symbols = 2 });
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (Schema Schema, List<RecordBatch> Batches) Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        var batches = new List<RecordBatch>();
        while (reader.ReadNextRecordBatch() is { } batch) batches.Add(batch);
        return (reader.Schema, batches);
    }

    /// <summary>
    /// The documented encoding, written out again here: row by row, each cell a tag byte (0 null, 1 value) and its value,
    /// integers as 8-byte little-endian, doubles as their 8 bytes, text as its UTF-8 length (4 bytes) and bytes.
    /// </summary>
    private static string Documented(IEnumerable<RecordBatch> batches)
    {
        var bytes = new List<byte>();
        foreach (RecordBatch batch in batches)
            for (int row = 0; row < batch.Length; row++)
                for (int c = 0; c < batch.ColumnCount; c++)
                {
                    IArrowArray array = batch.Column(c);
                    if (array.IsNull(row)) { bytes.Add(0); continue; }
                    bytes.Add(1);
                    switch (array)
                    {
                        case Int64Array a: bytes.AddRange(BitConverter.GetBytes(a.GetValue(row)!.Value)); break;
                        case Int32Array a: bytes.AddRange(BitConverter.GetBytes((long)a.GetValue(row)!.Value)); break;
                        case DoubleArray a: bytes.AddRange(BitConverter.GetBytes(a.GetValue(row)!.Value)); break;
                        case StringArray a:
                            byte[] text = Encoding.UTF8.GetBytes(a.GetString(row)!);
                            bytes.AddRange(BitConverter.GetBytes(text.Length));
                            bytes.AddRange(text);
                            break;
                        default: throw new InvalidOperationException(array.GetType().Name);
                    }
                }
        return XxHash64.HashToUInt64(bytes.ToArray()).ToString("x16");
    }

    /// <summary>Rewrites <paramref name="path"/> with the same schema and metadata and one double of one row changed.</summary>
    private static void ChangeValue(string path, string column, int row, double value)
    {
        (Schema schema, List<RecordBatch> batches) = Load(path);
        RecordBatch batch = batches.Single();
        var builder = new DoubleArray.Builder();
        var original = (DoubleArray)batch.Column(column);
        for (int i = 0; i < original.Length; i++) builder.Append(i == row ? value : original.GetValue(i)!.Value);
        var arrays = batch.Arrays.ToList();
        arrays[schema.GetFieldIndex(column)] = builder.Build();
        File.Delete(path);
        using var stream = File.Create(path);
        using var writer = new ArrowFileWriter(stream, schema);
        writer.WriteRecordBatch(new RecordBatch(schema, arrays, batch.Length));
        writer.WriteEnd();
    }

    [Fact]
    public void A_sweep_table_holds_the_xxhash64_of_its_rows_as_documented()
    {
        Sweep.Run(Data, EveryNth.Grid, new SweepOptions { Output = new SweepOutput(_dir.Path) });

        (Schema schema, List<RecordBatch> batches) = Load(_dir.File("sweep.arrow"));

        Assert.Equal(Documented(batches), schema.Metadata[ResultMetadata.Keys.RowsChecksum]);
        Assert.Equal(ResultMetadata.Keys.RowsChecksum, schema.Metadata.Keys.Last());
    }

    [Fact]
    public void Merged_shards_hold_the_checksum_of_the_single_machine_table()
    {
        Sweep.Run(Data, EveryNth.Grid, new SweepOptions { Output = new SweepOutput(_dir.Path) });
        var shards = new List<string>();
        foreach (int k in new[] { 1, 0, 2 })
        {
            string name = $"shard-{k}.arrow";
            Sweep.Run(Data, EveryNth.Grid.Shard(k, 3), new SweepOptions { Output = new SweepOutput(_dir.Path) { FileName = name } });
            shards.Add(_dir.File(name));
        }

        SweepTable.Merge(shards, _dir.File("merged.arrow"));

        // The merged table keeps each shard's record batches, so its bytes differ from the single table's; its rows do not.
        (Schema single, List<RecordBatch> singleRows) = Load(_dir.File("sweep.arrow"));
        (Schema merged, List<RecordBatch> mergedRows) = Load(_dir.File("merged.arrow"));
        Assert.Equal(3, mergedRows.Count);
        Assert.Equal(Documented(singleRows), Documented(mergedRows));
        Assert.Equal(single.Metadata[ResultMetadata.Keys.RowsChecksum], merged.Metadata[ResultMetadata.Keys.RowsChecksum]);
        Assert.Equal(single.Metadata.ToList(), merged.Metadata.ToList());
    }

    [Fact]
    public void A_shard_with_a_changed_value_is_refused_by_the_merge()
    {
        var shards = new List<string>();
        foreach (int k in new[] { 0, 1 })
        {
            string name = $"shard-{k}.arrow";
            Sweep.Run(Data, EveryNth.Grid.Shard(k, 2), new SweepOptions { Output = new SweepOutput(_dir.Path) { FileName = name } });
            shards.Add(_dir.File(name));
        }
        string declared = Load(shards[1]).Schema.Metadata[ResultMetadata.Keys.RowsChecksum];
        ChangeValue(shards[1], "sharpe", 3, 9.99);
        string now = Documented(Load(shards[1]).Batches);

        var e = Assert.Throws<InvalidDataException>(() => SweepTable.Merge(shards, _dir.File("merged.arrow")));

        Assert.Equal($"{shards[1]}: its rows' checksum is {now}, its metadata says {declared} (backtester.rows_xxh64): a value changed after the table was written. Write it again.", e.Message);
        Assert.False(File.Exists(_dir.File("merged.arrow")));
    }

    [Theory]
    [InlineData(ResultFormat.Arrow)]
    [InlineData(ResultFormat.Parquet)]
    public void The_result_reader_reads_a_sweep_table_and_refuses_it_with_a_changed_value(ResultFormat format)
    {
        Sweep.Run(Data, EveryNth.Grid, new SweepOptions { Output = new SweepOutput(_dir.Path) });
        string table = _dir.File("sweep.arrow");
        string copy = _dir.File("copy.arrow");
        File.Copy(table, copy);
        string read = format == ResultFormat.Parquet ? ResultFiles.Convert(copy, ResultFormat.Parquet) : copy;
        (_, IReadOnlyList<RecordBatch> clean) = ResultFileReader.Read(read);
        Assert.Equal(24, clean.Sum(b => b.Length));

        ChangeValue(table, "net_pnl", 0, 1e6);
        // Parquet: the damaged table converted as it is, its metadata (and checksum) carried over.
        string damaged = format == ResultFormat.Parquet ? ResultFiles.Convert(table, ResultFormat.Parquet) : table;

        var e = Assert.Throws<InvalidDataException>(() => ResultFileReader.Read(damaged));

        Assert.StartsWith($"{damaged}: its rows' checksum is ", e.Message);
        Assert.EndsWith("(backtester.rows_xxh64): a value changed after the table was written. Write it again.", e.Message);
    }
}
