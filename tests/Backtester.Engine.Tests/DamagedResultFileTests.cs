using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Backtester.Results;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// Result files damaged after they were written (flipped, cut, spliced) are refused naming the file, by the shard merge
/// and by the reader the CLI's reports use, never with Apache.Arrow's or Parquet.Net's own exceptions: before, about a
/// third of the cases escaped as <see cref="NullReferenceException"/>, <see cref="ArgumentOutOfRangeException"/> or
/// Thrift errors naming no file.
/// </summary>
public sealed class DamagedResultFileTests : IDisposable
{
    private const int Cases = 150; // per mutation kind
    private static readonly MarketData Data = SyntheticData.Trades(new SyntheticDataOptions { Events = 5_000, Symbols = 2 });
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>EveryNth's 24 combinations in two shards (0..11, 12..23), as Arrow tables or converted to Parquet.</summary>
    private List<string> Shards(string extension)
    {
        var shards = new List<string>();
        foreach (int k in new[] { 0, 1 })
        {
            string name = $"shard-{k}.arrow";
            Sweep.Run(Data, EveryNth.Grid.Shard(k, 2), new SweepOptions { Output = new SweepOutput(_dir.Path) { FileName = name } });
            shards.Add(extension == ".parquet" ? ResultFiles.Convert(_dir.File(name), ResultFormat.Parquet) : _dir.File(name));
        }
        return shards;
    }

    [Theory]
    [InlineData(".arrow", ByteMutation.Flip)]
    [InlineData(".arrow", ByteMutation.Truncate)]
    [InlineData(".arrow", ByteMutation.Splice)]
    [InlineData(".parquet", ByteMutation.Flip)]
    [InlineData(".parquet", ByteMutation.Truncate)]
    [InlineData(".parquet", ByteMutation.Splice)]
    public void A_damaged_shard_is_refused_naming_it_and_nothing_is_written(string extension, ByteMutation mutation)
    {
        List<string> shards = Shards(extension);
        string damaged = shards[1], merged = _dir.File("merged" + extension);
        SweepTable.Merge(shards, merged);
        string clean = ResultMetadata.Read(merged).Entries[ResultMetadata.Keys.RowsChecksum];
        File.Delete(merged);
        byte[] original = File.ReadAllBytes(damaged);
        var random = new Random(20261204 + extension.Length * 10 + (int)mutation); // fixed: the same cases on every run
        int refused = 0;
        for (int c = 0; c < Cases; c++)
        {
            byte[] bytes = ByteMutations.Apply(original, mutation, random, out string what);
            if (bytes.AsSpan().SequenceEqual(original)) continue;
            File.WriteAllBytes(damaged, bytes);

            Exception? e = Record.Exception(() => SweepTable.Merge(shards, merged));

            if (e is null)
            {
                // Bytes that change no row (padding, metadata that is not provenance): the rows' checksum holds them equal.
                Assert.Equal(clean, ResultMetadata.Read(merged).Entries[ResultMetadata.Keys.RowsChecksum]);
                File.Delete(merged);
                continue;
            }
            refused++;
            Assert.True(e is InvalidDataException or ProvenanceMismatchException, $"{what} (case {c}): {e.GetType().Name}: {e.Message}");
            Assert.StartsWith(damaged + ": ", e.Message);
            Assert.False(File.Exists(merged), $"{what} (case {c}): the merged table was written");
            Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));
        }
        Assert.True(refused > Cases / 2, $"{extension} {mutation}: only {refused} of {Cases} cases refused");
    }

    [Fact]
    public void A_shard_that_lost_its_rows_is_refused_naming_it_not_as_a_missing_range()
    {
        List<string> shards = Shards(".arrow");
        // The same schema and provenance (grid indices 12..23), but the record batch of its rows is gone.
        Schema schema;
        using (var stream = File.OpenRead(shards[1]))
        using (var reader = new ArrowFileReader(stream))
            schema = reader.Schema;
        File.Delete(shards[1]);
        using (var stream = File.Create(shards[1]))
        using (var writer = new ArrowFileWriter(stream, schema))
        {
            writer.WriteStart();
            writer.WriteEnd();
        }

        var e = Assert.Throws<InvalidDataException>(() => SweepTable.Merge(shards, _dir.File("merged.arrow")));

        Assert.Equal($"{shards[1]}: declares grid indices 12..23 (12 rows) but holds no rows; the file is damaged or was cut short. Write it again.", e.Message);
    }

    [Theory]
    [InlineData(ResultFormat.Arrow)]
    [InlineData(ResultFormat.Parquet)]
    [InlineData(ResultFormat.Csv)]
    public void Every_damaged_run_file_is_refused_by_the_result_reader_naming_it(ResultFormat format)
    {
        string folder = _dir.File("run");
        Backtest.Run(Data, new EveryNth { Every = 64 }, new BacktestOptions { Output = new RunOutput(folder) { Format = format } });
        string[] files = Directory.GetFiles(folder);
        Assert.Equal(6, files.Length); // summary, fills, equity, orders, round_trips, symbols
        var random = new Random(20261204 + (int)format);
        foreach (string file in files)
        {
            byte[] original = File.ReadAllBytes(file);
            for (int c = 0; c < 60; c++)
            {
                byte[] bytes = ByteMutations.Apply(original, (ByteMutation)(c % 3), random, out string what);
                File.WriteAllBytes(file, bytes);

                Exception? e = Record.Exception(() =>
                {
                    (_, IReadOnlyList<RecordBatch> batches) = ResultFileReader.Read(file);
                    foreach (RecordBatch batch in batches) batch.Dispose();
                });

                if (e is null) continue;
                Assert.True(e is InvalidDataException, $"{Path.GetFileName(file)} {what} (case {c}): {e.GetType().Name}: {e.Message}");
                Assert.StartsWith(file + ": ", e.Message);
            }
            File.WriteAllBytes(file, original);
        }
    }
}
