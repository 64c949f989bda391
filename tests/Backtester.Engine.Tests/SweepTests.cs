using System;
using System.Collections.Generic;
using System.Threading;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Xunit;

namespace Backtester.Engine.Tests;

public class SweepTests
{
    private static readonly MarketData Data = SyntheticData.Trades(new SyntheticDataOptions { Events = 20_000, Symbols = 2 });

    [Fact]
    public void Rows_come_back_in_grid_order_and_match_single_backtests()
    {
        SweepResult<EveryNth.Parameters> result = Sweep.Run(Data, EveryNth.Grid, new SweepOptions { MaxDegreeOfParallelism = 2 });

        Assert.Equal(24, result.Count); // 8 values of Every × 3 of Size
        for (int i = 0; i < result.Count; i++)
        {
            SweepRow<EveryNth.Parameters> row = result.Rows[i];
            Assert.Equal(i, row.Index);
            Assert.Equal(EveryNth.Grid[i], row.Parameters);
            Assert.Null(row.Error);
            BacktestSummary single = Backtest.Run(Data, EveryNth.Create(row.Parameters)).Summary;
            Assert.Equal(single, row.Summary);
        }
        Assert.True(result.Rows[0].Summary.Fills > 0);
    }

    [Fact]
    public void One_thread_and_many_threads_give_bit_identical_rows()
    {
        var one = Sweep.Run(Data, EveryNth.Grid, new SweepOptions { MaxDegreeOfParallelism = 1 });
        var many = Sweep.Run(Data, EveryNth.Grid, new SweepOptions { MaxDegreeOfParallelism = 4 });

        Assert.Equal(one.Rows.ToArray(), many.Rows.ToArray());
    }

    [Fact]
    public void Shards_concatenate_to_the_full_sweep()
    {
        var full = Sweep.Run(Data, EveryNth.Grid).Rows.ToArray();
        var joined = new List<SweepRow<EveryNth.Parameters>>();
        for (int k = 0; k < 5; k++)
            joined.AddRange(Sweep.Run(Data, EveryNth.Grid.Shard(k, 5)).Rows.ToArray());

        Assert.Equal(full, joined.ToArray());
    }

    [Fact]
    public void A_throwing_combination_records_its_error_and_the_sweep_goes_on()
    {
        var result = Sweep.Run(Data, Exploding.Grid);

        Assert.Equal(4, result.Count);
        Assert.Equal("InvalidOperationException: fuse 2 blew", result.Rows[2].Error);
        Assert.False(result.Rows[2].Succeeded);
        foreach (int i in new[] { 0, 1, 3 })
        {
            Assert.Null(result.Rows[i].Error);
            Assert.Equal(1, result.Rows[i].Summary.Fills);
        }
    }

    [Fact]
    public void Fail_fast_rethrows_the_strategy_exception()
    {
        // The strategy's own exception, not an AggregateException, whatever the thread count.
        foreach (int threads in new[] { 1, 3 })
        {
            var ex = Assert.Throws<InvalidOperationException>(() => Sweep.Run(Data, Exploding.Grid, new SweepOptions { FailFast = true, MaxDegreeOfParallelism = threads }));
            Assert.Equal("fuse 2 blew", ex.Message);
        }
    }

    [Fact]
    public void A_cancelled_sweep_throws_operation_cancelled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Sweep.Run(Data, EveryNth.Grid, cancellationToken: cts.Token));
    }

    [Fact]
    public void Progress_ends_with_every_combination_done()
    {
        var reports = new List<SweepProgress>();
        var progress = new SynchronousProgress(reports);
        Sweep.Run(Data, EveryNth.Grid, new SweepOptions { Progress = progress });

        SweepProgress last = reports[^1];
        Assert.Equal(24, last.Done);
        Assert.Equal(24, last.Total);
        Assert.Equal(TimeSpan.Zero, last.Remaining);
    }

    [Fact]
    public void Top_ranks_by_a_statistic_and_breaks_ties_by_grid_index()
    {
        var result = Sweep.Run(Data, Exploding.Grid);

        // rows 0, 1 and 3 are identical runs (buy one unit once); row 2 failed and is excluded
        var top = result.Top(2, s => s.Fills);
        Assert.Equal(new long[] { 0, 1 }, new[] { top[0].Index, top[1].Index });
        var bestNet = result.Top(10, s => s.NetPnl);
        Assert.Equal(3, bestNet.Count);
    }

    private sealed class SynchronousProgress(List<SweepProgress> reports) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value)
        {
            lock (reports) reports.Add(value);
        }
    }
}
