using System;
using System.IO;
using System.Linq;
using System.Threading;
using Backtester.Cli.Tests.Strategies;
using Backtester.Data;
using Backtester.Results;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary><c>inspect</c>, resume and merge refusals, exit codes of failed rows, and several data files, through the CLI.</summary>
[Collection(nameof(CliFuseCollection))]
public class ProvenanceCommandTests
{
    private const string Data = "synthetic:events=4000,symbols=2,seed=3";

    [Fact]
    public void Inspect_prints_what_produced_a_run()
    {
        using var dir = new TempDirectory();
        var run = Cli.Run("run", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--fee-bps", "2.5", "-p", "Fast=10", "--json");
        Assert.Equal(0, run.ExitCode);

        var inspect = Cli.Run("inspect", dir.File("summary.arrow"));

        Assert.Equal(0, inspect.ExitCode);
        ResultMetadata m = ResultMetadata.Read(dir.File("summary.arrow"));
        string[] lines = inspect.Out.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("table:           summary", lines);
        Assert.Contains($"strategy:        SmaCross ({m.Strategy!.Type})", lines);
        Assert.Contains($"parameters:      {m.Parameters}", lines);
        Assert.StartsWith("Fast=10;", m.Parameters);
        Assert.Contains($"data:            {run.Json.GetProperty("data").GetString()}", lines);
        Assert.Contains($"fingerprint:   {MarketDataFiles.Open(Data).Identity.Fingerprint}", lines);
        Assert.Contains("symbols:       0=SYN0, 1=SYN1", lines);
        Assert.Contains("rows:          4000 trades, 0 quotes, 0 bars in 1 segment", lines);
        Assert.Contains("taker_fee_bps = 2.5", lines);
        Assert.Contains($"engine:          {ResultMetadata.CurrentEngineVersion} (metadata schema 1)", lines);

        var json = Cli.Run("inspect", dir.File("fills.arrow"), "--json");
        Assert.Equal("fills", json.Json.GetProperty("backtester.table").GetString());
        // fills.arrow has the summary's entries but the warning known only once the replay is over (its 4 ms are less
        // than a year, decision 0102): the fills' metadata is written before it
        Assert.StartsWith("the equity samples cover", m.Entries[ResultMetadata.Keys.Warnings]);
        Assert.False(json.Json.TryGetProperty(ResultMetadata.Keys.Warnings, out _));
        Assert.Equal(m.Entries.Count - 1, json.Json.EnumerateObject().Count());
    }

    [Fact]
    public void Inspect_of_a_file_without_provenance_is_a_user_error()
    {
        using var dir = new TempDirectory();
        using (MarketData data = MarketDataFiles.Open(Data)) ArrowMarketDataWriter.Write(data, dir.File("trades.arrow"));
        var result = Cli.Run("inspect", dir.File("trades.arrow"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {dir.File("trades.arrow")}: has no Backtester provenance (no backtester.schema in its metadata); it was not written by this engine version.", result.Error.Trim());

        File.WriteAllText(dir.File("text.arrow"), "not arrow at all");
        var garbage = Cli.Run("inspect", dir.File("text.arrow"));
        Assert.Equal(1, garbage.ExitCode);
        Assert.Equal($"error: cannot inspect '{dir.File("text.arrow")}': {dir.File("text.arrow")}: not an Arrow IPC file: it does not start with 'ARROW1'", garbage.Error.Trim());

        // Before: "Result file not found", of a folder that is there.
        var folder = Cli.Run("inspect", dir.Path);
        Assert.Equal(1, folder.ExitCode);
        Assert.Equal($"error: cannot inspect '{dir.Path}': it is a folder; inspect takes one result file of it, such as {dir.File("summary.arrow")}.", folder.Error.Trim());
    }

    [Fact]
    public void A_result_file_cut_short_is_named_as_truncated_by_inspect_report_and_sweep_merge()
    {
        // Two shards of a sweep, the second cut 100 bytes short of its end (a copy interrupted, a full disk): each command
        // that reads it names the file and says it was cut short, rather than Apache.Arrow's "Invalid magic at offset".
        using var dir = new TempDirectory();
        string[] sweep = ["sweep", "-s", "SmaCross", "-d", Data, "--quiet", "-o"];
        Assert.Equal(0, Cli.Run([.. sweep, dir.File("a"), "--shard", "0/2"]).ExitCode);
        Assert.Equal(0, Cli.Run([.. sweep, dir.File("b"), "--shard", "1/2"]).ExitCode);
        string first = Path.Combine(dir.File("a"), "sweep-shard-0-of-2.arrow"), second = Path.Combine(dir.File("b"), "sweep-shard-1-of-2.arrow");
        byte[] bytes = File.ReadAllBytes(second);
        File.WriteAllBytes(second, bytes[..^100]);
        string truncated = $"{second}: truncated Arrow IPC file: it does not end with the 'ARROW1' footer magic (was it cut short while being written?)";

        var merge = Cli.Run("sweep", "merge", first, second, "--out", dir.File("merged"));
        Assert.Equal((1, $"error: cannot merge: {truncated}"), (merge.ExitCode, merge.Error.Trim()));
        Assert.False(Directory.Exists(dir.File("merged")) && Directory.EnumerateFileSystemEntries(dir.File("merged")).Any());
        var inspect = Cli.Run("inspect", second);
        Assert.Equal((1, $"error: cannot inspect '{second}': {truncated}"), (inspect.ExitCode, inspect.Error.Trim()));
        Directory.CreateDirectory(dir.File("r"));
        File.Copy(second, Path.Combine(dir.File("r"), "sweep.arrow"));
        var report = Cli.Run("report", "--in", dir.File("r"));
        Assert.Equal(1, report.ExitCode);
        Assert.EndsWith($"{Path.Combine(dir.File("r"), "sweep.arrow")}: truncated Arrow IPC file: it does not end with the 'ARROW1' footer magic (was it cut short while being written?)", report.Error.Trim());
    }

    [Fact]
    public void A_sweep_with_failed_rows_writes_its_table_and_exits_3()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("sweep", "-s", "CliFuse", "-d", Data, "-o", dir.Path, "--top", "2");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("error: 1 of 4 combinations failed (their rows hold the error and null statistics); first: combination 2: InvalidOperationException: fuse 2 blew", result.Error);
        Assert.True(File.Exists(dir.File("sweep.arrow")));
    }

    [Fact]
    public void A_sweep_that_finds_a_journal_needs_resume_or_fresh_and_deletes_nothing_without()
    {
        using var dir = new TempDirectory();
        string journal = Path.Combine(dir.Path, ".sweep.arrow.parts");
        Directory.CreateDirectory(journal);
        File.WriteAllText(Path.Combine(journal, "0000000000000000000-0000000000000000001-g000.arrow"), "saved progress");

        var refused = Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "-q");
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"error: {journal} holds the journal of an unfinished sweep; nothing was deleted. Pass --resume to continue it, or --fresh to discard it and start over.", refused.Error.Trim());
        Assert.Equal("saved progress", File.ReadAllText(Path.Combine(journal, "0000000000000000000-0000000000000000001-g000.arrow")));

        var both = Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--resume", "--fresh");
        Assert.Equal("error: --resume and --fresh exclude each other: continue the journal, or discard it.", both.Error.Trim());

        var fresh = Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--fresh", "-q");
        Assert.Equal(0, fresh.ExitCode);
        Assert.False(Directory.Exists(journal));
        Assert.True(File.Exists(dir.File("sweep.arrow")));
    }

    [Fact]
    public void Resume_with_other_options_is_a_user_error_naming_the_differences()
    {
        using var dir = new TempDirectory();
        using MarketData data = MarketDataFiles.Open(Data);
        // A journal with the engine's defaults, interrupted after Fuse = 1; the CLI then resumes it with a fee.
        using (var cts = new CancellationTokenSource())
        {
            CliFuse.Started = fuse => { if (fuse == 1) cts.Cancel(); };
            try
            {
                Assert.ThrowsAny<OperationCanceledException>(() => Sweep.Run(data, CliFuse.Grid,
                    new SweepOptions { MaxDegreeOfParallelism = 1, Backtest = new BacktestOptions { EquitySampleIntervalNs = 1_000_000 }, Output = new SweepOutput(dir.Path) }, cts.Token));
            }
            finally
            {
                CliFuse.Started = null;
            }
        }

        var result = Cli.Run("sweep", "-s", "CliFuse", "-d", Data, "-o", dir.Path, "--resume", "--fee-bps", "4", "--equity-interval", "1ms");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {Path.Combine(dir.Path, ".sweep.arrow.parts")}: the journal was written by another sweep: option taker_fee_bps: 4 now, 0 in the journal. Resume with the same strategy, grid, data and options, or discard the journal with --fresh", result.Error.Trim());
    }

    [Fact]
    public void A_grid_too_large_for_one_sweep_suggests_shards()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("sweep", "-s", "CliHuge", "-d", Data, "-o", dir.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: the grid of CliHuge has 1,000,000,000,000 combinations; one sweep runs at most 2,147,483,647. Split it with --shard k/N, N at least 466, and merge the shard tables with 'backtester sweep merge'.", result.Error.Trim());
    }

    [Fact]
    public void Merge_refuses_a_missing_shard_unless_allowed_and_marks_the_partial_table()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--shard", "0/2", "-q").ExitCode);
        string shard = dir.File("sweep-shard-0-of-2.arrow");

        var refused = Cli.Run("sweep", "merge", "--out", dir.File("m.arrow"), shard);
        Assert.Equal(1, refused.ExitCode);
        // SmaCross has 80 combinations: shard 0 of 2 holds 0..39.
        Assert.Equal("error: cannot merge: the shards do not cover the grid of 80 combinations: grid indices 40..79 are missing. Merge every shard, or pass --allow-partial (allowPartial: true) to write a partial table on purpose.", refused.Error.Trim());

        Assert.Equal(0, Cli.Run("sweep", "merge", "--out", dir.File("m.arrow"), "--allow-partial", shard, "-q").ExitCode);
        Assert.Contains("partial:         yes, missing grid indices 40..79", Cli.Run("inspect", dir.File("m.arrow")).Out);
    }

    [Fact]
    public void Several_data_files_a_folder_or_a_glob_replay_as_one_history()
    {
        using var dir = new TempDirectory();
        string days = Path.Combine(dir.Path, "days");
        Directory.CreateDirectory(days);
        using MarketData whole = MarketDataFiles.Open(Data);
        TradeColumns t = whole.Trades;
        for (int k = 0; k < 4; k++)
        {
            (int from, int to) = (k * 1_000, (k + 1) * 1_000);
            using MarketData day = MarketData.FromTrades($"day {k}", new[] { "SYN0", "SYN1" }, t.Timestamps.Span[from..to].ToArray(), t.SymbolIds.Span[from..to].ToArray(),
                t.Prices.Span[from..to].ToArray(), t.Sizes.Span[from..to].ToArray(), t.Aggressors.Span[from..to].ToArray());
            ArrowMarketDataWriter.Write(day, Path.Combine(days, $"day-{k}.arrow"));
        }
        ArrowMarketDataWriter.Write(whole, dir.File("whole.arrow"));

        double NetPnl(params string[] data)
        {
            var args = new[] { "run", "-s", "SmaCross", "-o", Path.Combine(dir.Path, "out" + Guid.NewGuid().ToString("N")), "--equity-interval", "1s", "--json" }
                .Concat(data.SelectMany(d => new[] { "--data", d })).ToArray();
            var result = Cli.Run(args);
            Assert.True(result.ExitCode == 0, result.Error);
            return result.Json.GetProperty("summary").GetProperty("net_pnl").GetDouble();
        }

        double expected = NetPnl(dir.File("whole.arrow"));
        Assert.Equal(expected, NetPnl(days));
        Assert.Equal(expected, NetPnl(Path.Combine(days, "day-*.arrow")));
        Assert.Equal(expected, NetPnl(Enumerable.Range(0, 4).Select(k => Path.Combine(days, $"day-{k}.arrow")).ToArray()));

        var sweep = Cli.Run("sweep", "-s", "SmaCross", "-d", days, "-o", Path.Combine(dir.Path, "sweep"), "--equity-interval", "1s", "--json");
        Assert.Equal(0, sweep.ExitCode);
        Assert.Equal($"{Path.Combine(days, "day-0.arrow")} .. {Path.Combine(days, "day-3.arrow")} (4 segments)", sweep.Json.GetProperty("data").GetString());

        var shuffled = Cli.Run("run", "-s", "SmaCross", "-o", Path.Combine(dir.Path, "x"), "--data", Path.Combine(days, "day-1.arrow"), "--data", Path.Combine(days, "day-0.arrow"));
        Assert.Equal(1, shuffled.ExitCode);
        Assert.Contains("cannot replay the data files as segments", shuffled.Error);
        Assert.Contains("segment 1 starts at", shuffled.Error);
    }
}

/// <summary>Tests that set <see cref="CliFuse.Started"/> run one at a time.</summary>
[CollectionDefinition(nameof(CliFuseCollection), DisableParallelization = true)]
public sealed class CliFuseCollection;
