using System.Collections.Generic;
using System.IO;
using System.Linq;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Backtester.Results;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>Merge proves that shards belong together and cover the grid, and writes the single run's table.</summary>
public class SweepMergeTests
{
    private static readonly MarketData Data = SyntheticData.Trades(new SyntheticDataOptions { Events = 3_000, Symbols = 2 });

    private static List<string> Shards(TempDirectory dir, int count, MarketData? data = null, BacktestOptions? options = null, string prefix = "sweep")
    {
        var paths = new List<string>();
        for (int k = 0; k < count; k++)
        {
            string name = $"{prefix}-shard-{k}-of-{count}.arrow";
            Sweep.Run(data ?? Data, EveryNth.Grid.Shard(k, count), new SweepOptions { Backtest = options ?? BacktestOptions.Default, Output = new SweepOutput(dir.Path) { FileName = name } });
            paths.Add(dir.File(name));
        }
        return paths;
    }

    [Fact]
    public void Merged_shards_are_the_single_run_table_metadata_included_whatever_the_argument_order()
    {
        using var dir = new TempDirectory();
        Sweep.Run(Data, EveryNth.Grid, new SweepOptions { Output = new SweepOutput(dir.Path) });
        List<string> shards = Shards(dir, 3);

        SweepTable.Merge(new[] { shards[2], shards[0], shards[1] }, dir.File("a.arrow"));
        SweepTable.Merge(shards, dir.File("b.arrow"));

        var single = ResultMetadata.Read(dir.File("sweep.arrow")).Entries;
        Assert.Equal(single.OrderBy(p => p.Key), ResultMetadata.Read(dir.File("a.arrow")).Entries.OrderBy(p => p.Key));
        Assert.Equal(File.ReadAllBytes(dir.File("a.arrow")), File.ReadAllBytes(dir.File("b.arrow")));
        Assert.Equal("0", single[ResultMetadata.Keys.GridStart]);
        Assert.Equal("24", single[ResultMetadata.Keys.GridCount]);
    }

    [Fact]
    public void A_missing_shard_is_refused_naming_the_missing_indices()
    {
        using var dir = new TempDirectory();
        List<string> shards = Shards(dir, 3);

        // 24 combinations in 3 shards of 8: shard 1 holds 8..15.
        var ex = Assert.Throws<InvalidDataException>(() => SweepTable.Merge(new[] { shards[0], shards[2] }, dir.File("m.arrow")));
        Assert.Equal("the shards do not cover the grid of 24 combinations: grid indices 8..15 are missing. Merge every shard, or pass --allow-partial (allowPartial: true) to write a partial table on purpose.", ex.Message);
        Assert.False(File.Exists(dir.File("m.arrow")));
    }

    [Fact]
    public void Allow_partial_writes_the_table_marked_partial_with_its_gaps()
    {
        using var dir = new TempDirectory();
        List<string> shards = Shards(dir, 4);

        long rows = SweepTable.Merge(new[] { shards[3], shards[1] }, dir.File("m.arrow"), allowPartial: true);

        Assert.Equal(12, rows);
        ResultMetadata m = ResultMetadata.Read(dir.File("m.arrow"));
        Assert.True(m.Partial);
        Assert.Equal("0..5;12..17", m.Missing);
        Assert.Equal((0L, 24L), (m.GridStart, m.GridCount));
    }

    [Fact]
    public void Shards_over_other_data_or_with_other_options_are_refused()
    {
        using var dir = new TempDirectory();
        List<string> ours = Shards(dir, 2);
        using MarketData other = SyntheticData.Trades(new SyntheticDataOptions { Events = 3_000, Symbols = 2, Seed = 99 });
        List<string> theirs = Shards(dir, 2, other, prefix: "other");
        List<string> fees = Shards(dir, 2, options: new BacktestOptions { TakerFeeBps = 1 }, prefix: "fees");

        var data = Assert.Throws<ProvenanceMismatchException>(() => SweepTable.Merge(new[] { ours[0], theirs[1] }, dir.File("m.arrow")));
        Assert.Equal(new[] { $"data: {Data.Identity.Fingerprint} ({Data.Source}: 3000 trades, 0 quotes, 0 bars) in sweep-shard-0-of-2.arrow, {other.Identity.Fingerprint} ({other.Source}: 3000 trades, 0 quotes, 0 bars) in other-shard-1-of-2.arrow" },
            data.Differences);
        var options = Assert.Throws<ProvenanceMismatchException>(() => SweepTable.Merge(new[] { fees[1], ours[0] }, dir.File("m.arrow")));
        Assert.Equal(new[] { "option taker_fee_bps: 0 in sweep-shard-0-of-2.arrow, 1 in fees-shard-1-of-2.arrow" }, options.Differences);
        Assert.False(File.Exists(dir.File("m.arrow")));
    }
}
