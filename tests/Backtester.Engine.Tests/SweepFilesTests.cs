using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Backtester.Results;
using Xunit;

namespace Backtester.Engine.Tests;

[Collection(nameof(InterruptibleCollection))]
public class SweepFilesTests
{
    private static readonly MarketData Data = SyntheticData.Trades(new SyntheticDataOptions { Events = 5_000, Symbols = 2 });

    private static Dictionary<string, object?[]> ReadTable(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        var columns = reader.Schema.FieldsList.ToDictionary(f => f.Name, _ => new List<object?>());
        while (reader.ReadNextRecordBatch() is { } batch)
            foreach (var field in reader.Schema.FieldsList)
            {
                IArrowArray array = batch.Column(field.Name);
                for (int i = 0; i < batch.Length; i++)
                    columns[field.Name].Add(array switch
                    {
                        Int64Array a => a.GetValue(i),
                        Int32Array a => a.GetValue(i),
                        DoubleArray a => a.GetValue(i),
                        StringArray a => a.GetString(i),
                        BooleanArray a => a.GetValue(i),
                        _ => throw new InvalidOperationException(field.DataType.Name),
                    });
            }
        return columns.ToDictionary(c => c.Key, c => c.Value.ToArray());
    }

    [Fact]
    public void A_sweep_writes_one_row_per_combination_with_typed_parameter_columns_and_statistics()
    {
        using var dir = new TempDirectory();
        var result = Sweep.Run(Data, EveryNth.Grid, new SweepOptions { Output = new SweepOutput(dir.Path) });

        var table = ReadTable(dir.File("sweep.arrow"));
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (object?)(long)i), table["index"]);
        Assert.Equal(result.Rows.ToArray().Select(r => (object?)r.Parameters.Every), table["every"]);
        Assert.Equal(result.Rows.ToArray().Select(r => (object?)r.Parameters.Size), table["size"]);
        Assert.Equal(result.Rows.ToArray().Select(r => (object?)r.Summary.NetPnl), table["net_pnl"]);
        Assert.Equal(result.Rows.ToArray().Select(r => (object?)r.Summary.Fills), table["fills"]);
        Assert.All(table["error"], e => Assert.Null(e));
        Assert.Equal(new[] { "sweep.arrow" }, Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));

        JsonElement js = ArrowJs.Read(dir.File("sweep.arrow"));
        var fields = js.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("type").GetString());
        Assert.Equal("Int32", fields["every"]);
        Assert.Equal("Float64", fields["size"]);
        Assert.Equal("Int64", fields["index"]);
        Assert.Equal("Utf8", fields["error"]);
        Assert.Equal("EveryNth", js.GetProperty("metadata").GetProperty("backtester.strategy").GetString());
        Assert.Equal(24, js.GetProperty("rows").GetInt32());
    }

    [Fact]
    public void Failed_combinations_are_rows_with_their_error()
    {
        using var dir = new TempDirectory();
        Sweep.Run(Data, Exploding.Grid, new SweepOptions { Output = new SweepOutput(dir.Path) });

        var table = ReadTable(dir.File("sweep.arrow"));
        Assert.Equal(new object?[] { null, null, "InvalidOperationException: fuse 2 blew", null }, table["error"]);
        Assert.Equal(new object?[] { 0, 1, 2, 3 }, table["fuse"]);
    }

    [Fact]
    public void A_cancelled_sweep_resumes_where_it_stopped_and_ends_with_the_uninterrupted_table()
    {
        using var full = new TempDirectory();
        using var resumed = new TempDirectory();
        var options = new SweepOptions { MaxDegreeOfParallelism = 1 };
        try
        {
            Interruptible.Started = null;
            Sweep.Run(Data, Interruptible.Grid, options with { Output = new SweepOutput(full.Path) });

            using var cts = new CancellationTokenSource();
            Interruptible.Started = n => { if (n == 8) cts.Cancel(); };
            Assert.ThrowsAny<OperationCanceledException>(() =>
                Sweep.Run(Data, Interruptible.Grid, options with { Output = new SweepOutput(resumed.Path) }, cts.Token));
            Assert.False(File.Exists(resumed.File("sweep.arrow")));

            var ran = new List<int>();
            Interruptible.Started = ran.Add;
            var result = Sweep.Run(Data, Interruptible.Grid, options with { Output = new SweepOutput(resumed.Path) { Resume = true } });

            Assert.Equal(Enumerable.Range(9, 12), ran);           // N = 1..8 were journaled before the cancel
            Assert.Equal(20, result.Count);
            Assert.Equal(Enumerable.Range(1, 20), result.Rows.ToArray().Select(r => r.Parameters.N));
            var expected = ReadTable(full.File("sweep.arrow"));
            var actual = ReadTable(resumed.File("sweep.arrow"));
            Assert.Equal(expected.Keys, actual.Keys);
            foreach (string column in expected.Keys) Assert.Equal(expected[column], actual[column]);
            Assert.False(Directory.Exists(new SweepOutput(resumed.Path).JournalDirectory));
        }
        finally
        {
            Interruptible.Started = null;
        }
    }

    [Fact]
    public void Shard_tables_merge_into_exactly_the_single_machine_table()
    {
        using var dir = new TempDirectory();
        Sweep.Run(Data, EveryNth.Grid, new SweepOptions { Output = new SweepOutput(dir.Path) });
        var shards = new List<string>();
        foreach (int k in new[] { 2, 0, 1 })
        {
            string name = $"sweep-shard-{k}-of-3.arrow";
            Sweep.Run(Data, EveryNth.Grid.Shard(k, 3), new SweepOptions { Output = new SweepOutput(dir.Path) { FileName = name } });
            shards.Add(dir.File(name));
        }

        long rows = SweepTable.Merge(shards, dir.File("merged.arrow"));

        Assert.Equal(24, rows);
        var single = ReadTable(dir.File("sweep.arrow"));
        var merged = ReadTable(dir.File("merged.arrow"));
        foreach (string column in single.Keys) Assert.Equal(single[column], merged[column]);
    }

    [Fact]
    public void Merging_overlapping_or_foreign_shards_is_refused()
    {
        using var dir = new TempDirectory();
        Sweep.Run(Data, EveryNth.Grid.Range(0, 10), new SweepOptions { Output = new SweepOutput(dir.Path) { FileName = "a.arrow" } });
        Sweep.Run(Data, EveryNth.Grid.Range(5, 10), new SweepOptions { Output = new SweepOutput(dir.Path) { FileName = "b.arrow" } });
        Sweep.Run(Data, Exploding.Grid, new SweepOptions { Output = new SweepOutput(dir.Path) { FileName = "c.arrow" } });

        var overlap = Assert.Throws<InvalidDataException>(() => SweepTable.Merge(new[] { dir.File("a.arrow"), dir.File("b.arrow") }, dir.File("m.arrow"), allowPartial: true));
        Assert.Contains("indices 5..14 overlap", overlap.Message);
        var foreign = Assert.Throws<ProvenanceMismatchException>(() => SweepTable.Merge(new[] { dir.File("a.arrow"), dir.File("c.arrow") }, dir.File("m.arrow")));
        Assert.Contains("strategy: EveryNth in a.arrow, Exploding in c.arrow", foreign.Differences);
        Assert.False(File.Exists(dir.File("m.arrow")));
    }
}

/// <summary>Tests that set <see cref="Interruptible.Started"/> run one at a time.</summary>
[CollectionDefinition(nameof(InterruptibleCollection), DisableParallelization = true)]
public sealed class InterruptibleCollection;
