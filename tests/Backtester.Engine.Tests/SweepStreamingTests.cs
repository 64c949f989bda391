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

/// <summary>Sweeps of any size: streamed rows, limits with the way out named, null statistics for failures, options that cannot work refused.</summary>
// Alone, as the allocation tests: its bound is on the process's allocations (GC.GetTotalAllocatedBytes), which tests running
// beside it add to (one CI run counted 520 MB of other tests' allocations).
[Collection(nameof(AllocationTests))]
public class SweepStreamingTests
{
    private static readonly MarketData Data = SyntheticData.Trades(new SyntheticDataOptions { Events = 2_000, Symbols = 2 });

    [Fact]
    public void Stream_hands_over_every_row_once_in_grid_order_whatever_the_thread_count()
    {
        var expected = Sweep.Run(Data, WideGrid.Grid, new SweepOptions { MaxDegreeOfParallelism = 1 }).Rows.ToArray();
        foreach (int threads in new[] { 1, 2, 5 })
        {
            var rows = new List<SweepRow<WideGrid.Parameters>>();
            SweepTotals totals = Sweep.Stream(Data, WideGrid.Grid, rows.Add, new SweepOptions { MaxDegreeOfParallelism = threads });
            Assert.Equal(expected, rows);
            Assert.Equal((0L, 1200L, 0L), (totals.Start, totals.Count, totals.Failed));
        }
    }

    [Fact]
    public void A_grid_too_large_for_one_sweep_is_refused_with_the_number_of_shards_it_needs()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Sweep.Stream(Data, Huge.Grid, _ => { }));
        // 10^12 / (2^31 - 1) = 465.66...: 466 shards.
        Assert.StartsWith("One sweep runs at most 2147483647 combinations and this grid range has 1000000000000: split it into at least 466 shards", ex.Message);
        var held = Assert.Throws<ArgumentOutOfRangeException>(() => Sweep.Run(Data, Huge.Grid.Range(0, 5_000_000)));
        Assert.StartsWith("Sweep.Run keeps every row in memory and takes at most 4194304 combinations; this grid range has 5000000. Use Sweep.Stream", held.Message);
    }

    [Fact]
    public void A_slice_of_a_huge_grid_streams_without_anything_sized_by_the_grid()
    {
        // The last 300 combinations of 10^12: nothing is allocated per combination of the grid, so this is instant.
        var grid = Huge.Grid.Range(Huge.Grid.Count - 300, 300);
        long first = -1, last = -1, count = 0;
        long before = GC.GetTotalAllocatedBytes(precise: true);
        Sweep.Stream(Data, grid, row => { if (first < 0) first = row.Index; last = row.Index; count++; }, new SweepOptions { MaxDegreeOfParallelism = 2 });
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal((999_999_999_700L, 999_999_999_999L, 300L), (first, last, count));
        Assert.True(allocated < 64 << 20, $"{allocated} bytes");
    }

    [Fact]
    public void Failed_rows_hold_null_statistics_so_sorting_never_ranks_them_above_losses()
    {
        using var dir = new TempDirectory();
        Sweep.Run(Data, Exploding.Grid, new SweepOptions { Output = new SweepOutput(dir.Path) });

        using var stream = File.OpenRead(dir.File("sweep.arrow"));
        using var reader = new ArrowFileReader(stream);
        RecordBatch batch = reader.ReadNextRecordBatch()!;
        var error = (StringArray)batch.Column("error");
        foreach (string statistic in new[] { "net_pnl", "sharpe", "fills", "events", "max_drawdown" })
        {
            IArrowArray column = batch.Column(statistic);
            Assert.Equal(new[] { false, false, true, false }, Enumerable.Range(0, 4).Select(column.IsNull));
            Assert.Equal(1, column.NullCount);
            Assert.True(reader.Schema.GetFieldByName(statistic).IsNullable);
        }
        Assert.Equal(2000, ((Int64Array)batch.Column("events")).GetValue(0)); // a successful row replayed all 2,000 trades
    }

    [Fact]
    public void Backtest_output_inside_a_sweep_is_refused()
    {
        using var dir = new TempDirectory();
        var options = new SweepOptions { Backtest = new BacktestOptions { Output = new RunOutput(dir.Path) } };
        var ex = Assert.Throws<ArgumentException>(() => Sweep.Run(Data, Exploding.Grid, options));
        Assert.StartsWith("SweepOptions.Backtest.Output must be null: every combination would write its files into the same folder.", ex.Message);
        Assert.Equal("Backtest", ex.ParamName);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Sweep_output_metadata_is_written_into_the_table()
    {
        using var dir = new TempDirectory();
        var output = new SweepOutput(dir.Path) { Metadata = new Dictionary<string, string> { ["run_by"] = "nightly", ["ticket"] = "Q-42" } };
        Sweep.Run(Data, Exploding.Grid, new SweepOptions { Output = output });

        ResultMetadata m = ResultMetadata.Read(dir.File("sweep.arrow"));
        Assert.Equal(new Dictionary<string, string> { ["run_by"] = "nightly", ["ticket"] = "Q-42" }, m.User);
        Assert.Equal("sweep", m.Table);
        Assert.Equal((0L, 4L), (m.GridStart, m.GridCount));
        Assert.Null(m.Parameters);
        Assert.Equal(GridDefinition.Of<Exploding.Parameters>(), m.Grid);
    }
}
