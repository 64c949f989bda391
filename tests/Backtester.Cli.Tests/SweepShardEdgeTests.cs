using System.IO;
using Apache.Arrow.Ipc;
using Backtester.Results;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary><c>sweep merge</c> never writes over one of its inputs, and an empty shard is a warning, not an error, and merges.</summary>
public class SweepShardEdgeTests
{
    private const string Data = "synthetic:events=20000,symbols=2,seed=3";

    private static int Rows(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        int rows = 0;
        while (reader.ReadNextRecordBatch() is { } batch) rows += batch.Length;
        return rows;
    }

    [Fact]
    public void Merge_refuses_an_output_that_is_one_of_its_shards_and_leaves_the_shard_as_it_was()
    {
        using var dir = new TempDirectory();
        string shards = dir.File("mx");
        Assert.Equal(0, Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", shards, "--shard", "0/2", "-q").ExitCode);
        Assert.Equal(0, Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", shards, "--shard", "1/2", "-q").ExitCode);
        string first = Path.Combine(shards, "sweep-shard-0-of-2.arrow"), second = Path.Combine(shards, "sweep-shard-1-of-2.arrow");
        byte[] before = File.ReadAllBytes(first);

        var merge = Cli.Run("sweep", "merge", "--out", first, first, second);

        Assert.Equal(1, merge.ExitCode);
        Assert.Equal($"error: cannot merge: The output '{first}' is the shard file '{first}': the merge would overwrite one of its own inputs. Write the merged table to another path.",
            merge.Error.Trim());
        Assert.Equal(before, File.ReadAllBytes(first));
        Assert.Equal(40, Rows(first));
    }

    // Before: "r/s/sweep-shard-0-of-2.arrow: its indices 0..39 overlap r/s/sweep-shard-0-of-2.arrow's 0..39."
    [Fact]
    public void Merge_refuses_a_shard_given_twice_by_the_same_or_another_path_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        string shards = dir.File("mx"), output = dir.File("merged.arrow");
        Assert.Equal(0, Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", shards, "--shard", "0/2", "-q").ExitCode);
        Assert.Equal(0, Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", shards, "--shard", "1/2", "-q").ExitCode);
        string first = Path.Combine(shards, "sweep-shard-0-of-2.arrow"), second = Path.Combine(shards, "sweep-shard-1-of-2.arrow");
        string again = Path.Combine(shards, ".", "sweep-shard-0-of-2.arrow");

        var twice = Cli.Run("sweep", "merge", "--out", output, first, second, first);
        Assert.Equal(1, twice.ExitCode);
        Assert.Equal($"error: cannot merge: The shard file '{first}' is given twice. Name each shard once.", twice.Error.Trim());
        var other = Cli.Run("sweep", "merge", "--out", output, first, again, second);
        Assert.Equal(1, other.ExitCode);
        Assert.Equal($"error: cannot merge: The shard file '{first}' is given twice, the second time as '{again}'. Name each shard once.", other.Error.Trim());
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void An_empty_shard_warns_exits_0_and_its_table_merges_with_the_others()
    {
        using var dir = new TempDirectory();
        string shards = dir.File("shards");
        Assert.Equal(0, Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "-q").ExitCode);
        Assert.Equal(0, Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", shards, "--shard", "0/2", "-q").ExitCode);
        Assert.Equal(0, Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", shards, "--shard", "1/2", "-q").ExitCode);

        // 80 combinations in 200 shards: shard k starts at floor(80k/200), so shard 1 runs from 0 to 0, nothing.
        var empty = Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", shards, "--shard", "1/200");

        Assert.Equal(0, empty.ExitCode);
        Assert.Contains("0 of 80 combinations (from index 0)", empty.Out);
        Assert.Contains("warning: shard 1/200 holds no combinations: the grid has 80 combinations, fewer than the 200 shards, so some shards are empty; its table has no rows and merges with the others.",
            empty.Error);
        string emptyTable = Path.Combine(shards, "sweep-shard-1-of-200.arrow");
        Assert.Equal(0, Rows(emptyTable));

        string merged = dir.File("merged.arrow");
        var merge = Cli.Run("sweep", "merge", "--out", merged, emptyTable, Path.Combine(shards, "sweep-shard-1-of-2.arrow"), Path.Combine(shards, "sweep-shard-0-of-2.arrow"));

        Assert.True(merge.ExitCode == 0, merge.Error);
        Assert.Equal(80, Rows(merged));
        // The rows' checksum is in the metadata: equal to the unsharded table's, so the same rows.
        Assert.Equal(ResultMetadata.Read(dir.File("sweep.arrow")).Entries[ResultMetadata.Keys.RowsChecksum], ResultMetadata.Read(merged).Entries[ResultMetadata.Keys.RowsChecksum]);
    }
}
