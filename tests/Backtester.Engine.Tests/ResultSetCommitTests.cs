using System;
using System.IO;
using System.Linq;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Backtester.Logging;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>A run's result files appear all together or not at all, and file-system failures are <see cref="ResultWriteException"/>s naming the path.</summary>
public class ResultSetCommitTests
{
    private static readonly MarketData Data = SyntheticData.Trades(new SyntheticDataOptions { Events = 5_000, Symbols = 2 });

    private static BacktestOptions OptionsFor(string directory) => new()
    {
        TradeLog = TradeLogMode.All,
        EquitySampleIntervalNs = 1_000_000,
        Output = new RunOutput(directory) { Arrow = new ArrowFileOptions { BatchSize = 64 } },
    };

    [Fact]
    public void A_summary_that_cannot_be_written_leaves_no_file_of_the_run_and_no_temporary_file()
    {
        using var dir = new TempDirectory();
        // A folder where summary.arrow should go: every other file is written and finished, then the summary's rename fails.
        Directory.CreateDirectory(dir.File("summary.arrow"));

        var e = Assert.Throws<ResultWriteException>(() => Backtest.Run(Data, new Signaller { Every = 50 }, OptionsFor(dir.Path)));

        Assert.Equal(dir.File("summary.arrow"), e.Path);
        Assert.StartsWith($"cannot write results to '{dir.File("summary.arrow")}': ", e.Message);
        Assert.Empty(Directory.GetFiles(dir.Path)); // no fills.arrow, equity.arrow, signal_snapshot.arrow, nor any .tmp
        Assert.Equal(new[] { "summary.arrow" }, Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).ToArray());
    }

    [Fact]
    public void A_failed_run_never_pairs_an_old_summary_with_new_files()
    {
        using var dir = new TempDirectory();
        Backtest.Run(Data, new Signaller { Every = 50 }, OptionsFor(dir.Path));
        // The next run into the same folder fails at its second rename: a folder stands where equity.arrow goes.
        File.Delete(dir.File("equity.arrow"));
        Directory.CreateDirectory(dir.File("equity.arrow"));

        var e = Assert.Throws<ResultWriteException>(() => Backtest.Run(Data, new Signaller { Every = 25 }, OptionsFor(dir.Path)));

        Assert.Equal(dir.File("equity.arrow"), e.Path);
        // The old summary went first, and the new fills.arrow (renamed before equity failed) was rolled back.
        Assert.False(File.Exists(dir.File("summary.arrow")));
        Assert.False(File.Exists(dir.File("fills.arrow")));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void An_output_folder_that_is_a_file_is_a_result_write_error_naming_it()
    {
        using var dir = new TempDirectory();
        string file = dir.File("not-a-folder");
        File.WriteAllText(file, "x");

        var e = Assert.Throws<ResultWriteException>(() => Backtest.Run(Data, new Signaller { Every = 50 }, OptionsFor(file)));

        Assert.Equal($"cannot write results to '{Path.Combine(file, "fills.arrow")}': '{file}' is a file, not a folder", e.Message);
        Assert.Equal(new[] { "not-a-folder" }, Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).ToArray());
    }

    [Fact]
    public void A_read_only_file_system_is_a_result_write_error_naming_the_file()
    {
        // sysfs refuses new folders even to root: a real read-only place on every Linux machine.
        const string folder = "/sys/backtester-results";
        Assert.False(Directory.Exists(folder));

        var e = Assert.Throws<ResultWriteException>(() => Backtest.Run(Data, new Signaller { Every = 50 }, OptionsFor(folder)));

        Assert.StartsWith($"cannot write results to '{folder}/fills.arrow': ", e.Message);
        Assert.IsAssignableFrom<BacktesterException>(e);
        Assert.False(Directory.Exists(folder));
    }
}
