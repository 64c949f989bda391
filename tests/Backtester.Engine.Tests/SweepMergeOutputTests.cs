using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Backtester.Results;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// Where a merge may write, and what it makes of empty shards: an output that is one of its inputs is refused before
/// anything is read, and the empty shards of a grid smaller than the shard count merge like any other.
/// </summary>
public class SweepMergeOutputTests
{
    private static readonly MarketData Data = SyntheticData.Trades(new SyntheticDataOptions { Events = 3_000, Symbols = 2 });

    private static List<string> Shards(TempDirectory dir, int count)
    {
        var paths = new List<string>();
        for (int k = 0; k < count; k++)
        {
            string name = $"sweep-shard-{k}-of-{count}.arrow";
            Sweep.Run(Data, EveryNth.Grid.Shard(k, count), new SweepOptions { Output = new SweepOutput(dir.Path) { FileName = name } });
            paths.Add(dir.File(name));
        }
        return paths;
    }

    [Fact]
    public void An_output_that_is_one_of_the_shards_is_refused_naming_it_and_the_shard_is_left_as_it_was()
    {
        using var dir = new TempDirectory();
        List<string> shards = Shards(dir, 2);
        byte[] before = File.ReadAllBytes(shards[0]);
        // The same file by another spelling of its path: compared in full.
        string sameFile = Path.Combine(dir.Path, ".", "sweep-shard-0-of-2.arrow");

        var ex = Assert.Throws<ArgumentException>(() => SweepTable.Merge(shards, sameFile));

        Assert.Equal($"The output '{sameFile}' is the shard file '{shards[0]}': the merge would overwrite one of its own inputs. Write the merged table to another path. (Parameter 'outputPath')", ex.Message);
        Assert.Equal("outputPath", ex.ParamName);
        Assert.Equal(before, File.ReadAllBytes(shards[0]));
    }

    [Fact]
    public void The_output_is_refused_before_any_shard_is_read()
    {
        using var dir = new TempDirectory();
        string missing = dir.File("never-written.arrow");
        string target = dir.File("target.arrow");
        File.WriteAllText(target, "not a sweep table");

        // Reading the first shard would fail with "not found"; the output check comes first.
        var ex = Assert.Throws<ArgumentException>(() => SweepTable.Merge(new[] { missing, target }, target));

        Assert.StartsWith($"The output '{target}' is the shard file '{target}'", ex.Message);
    }

    [Fact]
    public void A_parquet_output_beside_an_arrow_shard_of_the_same_name_leaves_the_shard_alone()
    {
        // The .arrow a .parquet output is first written as is a temporary name (".x.arrow.<guid>.tmp"), never x.arrow.
        using var dir = new TempDirectory();
        List<string> shards = Shards(dir, 2);
        byte[] before = File.ReadAllBytes(shards[0]);

        long rows = SweepTable.Merge(shards, Path.ChangeExtension(shards[0], ".parquet"));

        Assert.Equal(24, rows);
        Assert.Equal(before, File.ReadAllBytes(shards[0]));
        Assert.Equal(new[] { "sweep-shard-0-of-2.arrow", "sweep-shard-0-of-2.parquet", "sweep-shard-1-of-2.arrow" },
            Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Empty_shards_of_a_grid_smaller_than_the_shard_count_merge_into_the_single_run_table()
    {
        using var dir = new TempDirectory();
        Sweep.Run(Data, EveryNth.Grid, new SweepOptions { Output = new SweepOutput(dir.Path) });
        // 24 combinations in 30 shards: shard k starts at floor(24k/30) = floor(4k/5), so shards 0, 5, 10, 15, 20 and 25
        // start where the next one does and hold nothing; the other 24 hold one combination each.
        List<string> shards = Shards(dir, 30);
        int[] empty = [0, 5, 10, 15, 20, 25];
        foreach (int k in empty) Assert.Equal((long?)0, ResultMetadata.Read(shards[k]).GridCount);

        Assert.Equal(24, SweepTable.Merge(shards, dir.File("all.arrow")));
        Assert.Equal(24, SweepTable.Merge(shards.Where((_, k) => !empty.Contains(k)).ToList(), dir.File("non-empty.arrow")));

        var single = ResultMetadata.Read(dir.File("sweep.arrow")).Entries.OrderBy(p => p.Key);
        Assert.Equal(single, ResultMetadata.Read(dir.File("all.arrow")).Entries.OrderBy(p => p.Key));
        // The metadata holds the rows' checksum (backtester.rows_xxh64), so equal metadata is equal rows.
        Assert.Equal(File.ReadAllBytes(dir.File("all.arrow")), File.ReadAllBytes(dir.File("non-empty.arrow")));
    }
}
