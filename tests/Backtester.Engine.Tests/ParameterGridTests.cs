using System;
using System.Collections.Generic;
using Backtester.Engine.Tests.Strategies;
using CsCheck;
using Xunit;

namespace Backtester.Engine.Tests;

public class ParameterGridTests
{
    [Fact]
    public void Foreach_enumerates_every_combination_in_index_order_without_allocating()
    {
        var seen = new List<(long, EveryNth.Parameters)>();
        var enumerator = EveryNth.Grid.GetEnumerator();
        while (enumerator.MoveNext()) seen.Add((enumerator.CurrentIndex, enumerator.Current));

        Assert.Equal(24, seen.Count);
        for (int i = 0; i < 24; i++) Assert.Equal((i, EveryNth.Grid[i]), seen[i]);
        // Every = 64..512 step 64 (8 values) varies slowest, Size = 0.5, 1.0, 1.5 fastest
        Assert.Equal(new EveryNth.Parameters(64, 0.5), EveryNth.Grid[0]);
        Assert.Equal(new EveryNth.Parameters(64, 1.5), EveryNth.Grid[2]);
        Assert.Equal(new EveryNth.Parameters(128, 0.5), EveryNth.Grid[3]);
        Assert.Equal(new EveryNth.Parameters(512, 1.5), EveryNth.Grid[23]);

        long sum = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (EveryNth.Parameters p in EveryNth.Grid) sum += p.Every;
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(3 * (64 + 512) * 8 / 2, sum);
    }

    [Fact]
    public void Range_is_a_window_of_grid_indices_and_refuses_bounds_outside_the_grid()
    {
        var range = EveryNth.Grid.Range(5, 4);

        Assert.Equal((5L, 4L), (range.Start, range.Count));
        Assert.Equal(EveryNth.Grid[7], range[2]);
        Assert.Equal(7, range[2].ToGridIndex());
        Assert.Throws<ArgumentOutOfRangeException>(() => range[4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => EveryNth.Grid.Range(20, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => EveryNth.Grid.Range(-1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => EveryNth.Grid.Shard(3, 3));
    }

    [Fact]
    public void Shards_cover_every_index_exactly_once_in_order_for_any_shard_count()
    {
        Gen.Int[1, 40].Sample(shards =>
        {
            long next = 0;
            for (int k = 0; k < shards; k++)
            {
                var shard = EveryNth.Grid.Shard(k, shards);
                Assert.Equal(next, shard.Start);
                Assert.InRange(shard.Count, 24 / shards, 24 / shards + 1);
                next += shard.Count;
            }
            Assert.Equal(24, next);
        });
    }
}
