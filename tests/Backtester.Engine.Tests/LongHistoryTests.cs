using System.Collections.Generic;
using System.IO;
using System.Linq;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Backtester.Results;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>Day files replay as segments through Backtest.Run and Sweep.Run, giving what the whole data gives.</summary>
public class LongHistoryTests
{
    private static readonly MarketData Whole = SyntheticData.Trades(new SyntheticDataOptions { Events = 20_000, Symbols = 2 });
    private static readonly BacktestOptions Options = new() { OrderLatencyNs = 3_000, TakerFeeBps = 3, EquitySampleIntervalNs = 1_000_000 };

    /// <summary>Writes <see cref="Whole"/> as four files of 5,000 trades.</summary>
    private static List<string> DayFiles(TempDirectory dir)
    {
        var paths = new List<string>();
        TradeColumns t = Whole.Trades;
        for (int k = 0; k < 4; k++)
        {
            (int from, int to) = (k * 5_000, (k + 1) * 5_000);
            using MarketData day = MarketData.FromTrades($"day {k}", new[] { "SYN0", "SYN1" }, t.Timestamps.Span[from..to].ToArray(), t.SymbolIds.Span[from..to].ToArray(),
                t.Prices.Span[from..to].ToArray(), t.Sizes.Span[from..to].ToArray(), t.Aggressors.Span[from..to].ToArray());
            string path = dir.File($"day-{k}.arrow");
            ArrowMarketDataWriter.Write(day, path);
            paths.Add(path);
        }
        return paths;
    }

    [Fact]
    public void Backtest_run_over_day_files_equals_the_run_over_the_whole_data()
    {
        using var dir = new TempDirectory();
        var days = MarketDataSegments.FromFiles(DayFiles(dir));

        BacktestResult segmented = Backtest.Run(days, new EveryNth { Every = 64 }, Options);
        BacktestResult whole = Backtest.Run(Whole, new EveryNth { Every = 64 }, Options);

        Assert.Equal(whole.Summary, segmented.Summary);
        Assert.Equal(20_000, segmented.Summary.Events);
    }

    [Fact]
    public void Result_files_of_a_segmented_run_record_the_whole_history()
    {
        using var dir = new TempDirectory();
        using var output = new TempDirectory();
        List<string> files = DayFiles(dir);
        var days = MarketDataSegments.FromFiles(files);

        Backtest.Run(days, new EveryNth { Every = 64 }, Options with { Output = new RunOutput(output.Path) });

        DataIdentity data = ResultMetadata.Read(output.File("summary.arrow")).Data!;
        Assert.Equal(4, data.Segments);
        Assert.Equal(20_000, data.Trades);
        Assert.Equal(Whole.Trades.Timestamps.Span[0], data.FirstTimeNs);
        Assert.Equal(Whole.Trades.Timestamps.Span[^1], data.LastTimeNs);
        Assert.Equal(new[] { "SYN0", "SYN1" }, data.Symbols);
        Assert.Equal($"{files[0]} .. {files[^1]} (4 segments)", data.Source);
        Assert.Same(days.Identity, days.Identity);
    }

    [Fact]
    public void Sweep_run_over_day_files_equals_the_sweep_over_the_whole_data()
    {
        using var dir = new TempDirectory();
        var days = MarketDataSegments.FromFiles(DayFiles(dir));
        var options = new SweepOptions { Backtest = Options, MaxDegreeOfParallelism = 2 };

        var segmented = Sweep.Run(days, EveryNth.Grid, options);
        var whole = Sweep.Run(Whole, EveryNth.Grid, options);

        Assert.Equal(whole.Rows.ToArray(), segmented.Rows.ToArray());
        Assert.All(segmented.Rows.ToArray(), row => Assert.True(row.Succeeded));
    }

    [Fact]
    public void Segments_out_of_time_order_are_refused_before_any_run_writes_a_file()
    {
        using var dir = new TempDirectory();
        using var output = new TempDirectory();
        List<string> files = DayFiles(dir);
        var shuffled = MarketDataSegments.FromFiles(new[] { files[1], files[0] });

        var ex = Assert.Throws<MarketDataException>(() => Sweep.Run(shuffled, EveryNth.Grid, new SweepOptions { Output = new SweepOutput(output.Path) }));
        Assert.Contains("segment 1 starts at", ex.Message);
        Assert.Contains("before the previous segment's last event", ex.Message);
        Assert.Empty(Directory.GetFileSystemEntries(output.Path));
    }
}
