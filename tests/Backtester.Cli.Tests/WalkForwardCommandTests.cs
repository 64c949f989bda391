using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Backtester.Data;
using Backtester.Engine.Tests;
using Xunit;

namespace Backtester.Cli.Tests;

public class WalkForwardCommandTests
{
    // 40,000 trades 1 ms apart on two symbols: 40 s of data, four 5 s out-of-sample windows after 20 s in sample
    private const string Data = "synthetic:events=40000,symbols=2,seed=3,interval=1000000";

    [Fact]
    public void Walkforward_prints_the_windows_and_writes_files_the_arrow_js_reader_reads()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("walkforward", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--in-sample", "20s", "--out-of-sample", "5s",
            "--by", "net_pnl", "--equity-interval", "500ms", "--periods-per-year", "252", "--threads", "2", "--json");
        Assert.Equal(0, result.ExitCode);
        var json = result.Json;
        var windows = json.GetProperty("windows").EnumerateArray().ToArray();
        Assert.Equal(4, windows.Length);
        Assert.Equal(new[] { "2024-01-01T00:00:20.000000000Z", "2024-01-01T00:00:25.000000000Z", "2024-01-01T00:00:30.000000000Z", "2024-01-01T00:00:35.000000000Z" },
            windows.Select(w => w.GetProperty("out_of_sample_start").GetString()));
        Assert.All(windows, w => Assert.Equal(80, w.GetProperty("trials").GetInt64()));
        // Every instant in one format, nine fractional digits: the last window ends just after the last event
        // (39.999 s, exclusive end + 1 ns), which a seconds-only or 100 ns format would show as another time.
        Assert.Equal("2024-01-01T00:00:39.999000001Z", windows[^1].GetProperty("out_of_sample_end").GetString());
        Assert.Equal("2024-01-01T00:00:15.000000000Z", windows[^1].GetProperty("in_sample_start").GetString());
        Assert.Equal("2024-01-01T00:00:35.000000000Z", windows[^1].GetProperty("in_sample_end").GetString());
        Assert.All(windows, w => Assert.All(new[] { "in_sample_start", "in_sample_end", "out_of_sample_start", "out_of_sample_end" },
            name => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$", w.GetProperty(name).GetString())));
        Assert.Equal(20_000_000_000L, json.GetProperty("in_sample_ns").GetInt64()); // durations: integer ns, named *_ns
        double final = json.GetProperty("stitched").GetProperty("final_equity").GetDouble();
        Assert.Equal(windows[^1].GetProperty("out_of_sample_final_equity").GetDouble(), final);

        var table = ArrowJs.Read(Path.Combine(dir.Path, "windows.arrow"));
        Assert.Equal(4, table.GetProperty("rows").GetInt32());
        Assert.Equal(windows.Select(w => w.GetProperty("parameters").GetString()),
            table.GetProperty("columns").GetProperty("parameters").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("Timestamp<NANOSECOND, UTC>", table.GetProperty("fields").EnumerateArray().First(f => f.GetProperty("name").GetString() == "out_of_sample_start").GetProperty("type").GetString());
        var equity = ArrowJs.Read(Path.Combine(dir.Path, "equity.arrow"));
        // 5 s windows sampled every 0.5 s, boundaries up to each window's last event (start + 4.999 s), then the final
        // equity at that event: 10 samples each
        Assert.Equal(4 * 10, equity.GetProperty("rows").GetInt32());
        double total = json.GetProperty("stitched").GetProperty("total_return").GetDouble();
        Assert.Equal(final / 100_000 - 1, total, 12); // the stitched summary ends at the final equity
        // its 40 returns at 252 a year are less than a year (decision 0102): no CAGR, and the Sharpe ratio's standard
        // error is at least √(252 / 40) = √6.3 = 2.51
        Assert.Equal(JsonValueKind.Null, json.GetProperty("stitched").GetProperty("cagr").ValueKind);
        string warning = "the equity samples cover 20s (40 returns of 500ms), less than the 252 returns of a year: CAGR and Calmar are NaN, as a return "
            + "over less than a year is not annualized; Sharpe and Sortino are annualized from those 20s, and over 40 returns a Sharpe ratio's standard "
            + "error is at least 2.51 (√(252 / 40)). Replay a year of data or more for annualized figures.";
        Assert.Equal(new[] { warning }, json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains("warning: " + warning, result.Error);
        var summary = ArrowJs.Read(Path.Combine(dir.Path, "summary.arrow"));
        Assert.Equal(252.0, summary.GetProperty("columns").GetProperty("periods_per_year")[0].GetDouble());
        Assert.Equal(json.GetProperty("stitched").GetProperty("fills").GetInt32(), ArrowJs.Read(Path.Combine(dir.Path, "fills.arrow")).GetProperty("rows").GetInt32());
    }

    [Fact]
    public void Walkforward_over_day_files_matches_the_same_data_in_one_file_and_the_report_draws_it()
    {
        using var dir = new TempDirectory();
        string whole = Path.Combine(dir.Path, "whole.arrow");
        // The same data in one file and as four 10 s files.
        var days = Enumerable.Range(0, 4).Select(k => Path.Combine(dir.Path, $"part-{k}.arrow")).ToArray();
        using (MarketData data = Backtester.Data.MarketDataFiles.Open(Data))
        {
            Backtester.Data.ArrowMarketDataWriter.Write(data, whole);
            for (int k = 0; k < 4; k++)
                Backtester.Data.ArrowMarketDataWriter.Write(data.Between(1_704_067_200_000_000_000L + k * 10_000_000_000L, 1_704_067_200_000_000_000L + (k + 1) * 10_000_000_000L), days[k]);
        }
        string[] common = ["walkforward", "-s", "SmaCross", "--in-sample", "20s", "--out-of-sample", "5s", "--equity-interval", "500ms", "--json"];
        var one = Cli.Run([.. common, "-d", whole, "-o", Path.Combine(dir.Path, "one")]);
        var segmented = Cli.Run([.. common, "--segments", .. days, "-o", Path.Combine(dir.Path, "segmented")]);
        Assert.True(one.ExitCode == 0, one.Error);
        Assert.True(segmented.ExitCode == 0, segmented.Error);
        Assert.Equal(one.Json.GetProperty("windows").ToString(), segmented.Json.GetProperty("windows").ToString());

        var report = Cli.Run("report", "--in", Path.Combine(dir.Path, "segmented"), "-q");
        Assert.Equal(0, report.ExitCode);
        Assert.True(File.Exists(Path.Combine(dir.Path, "segmented", "walkforward_equity.png")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "segmented", "walkforward_sharpe.png")));
        Assert.Contains("Walk-forward windows", File.ReadAllText(Path.Combine(dir.Path, "segmented", "report.html")));
    }

    [Fact]
    public void A_last_window_of_one_instant_where_the_data_ends_is_dropped_with_a_warning_on_stderr_and_in_json()
    {
        using var dir = new TempDirectory();
        // One trade a second at 0, 1, ..., 40 s: windows of 10 s out of sample start at 20, 30 and 40 s, and the one at
        // 40 s holds the last trade alone (its end is 40 s + 1 ns). SmaCross never trades in 41 trades (it waits for
        // 500), so every net PnL is 0 and the ties go to grid index 0 (its Sharpe ratios are NaN: no choice by them).
        const long T0 = 1_704_067_200_000_000_000L, Second = 1_000_000_000L;
        string file = dir.File("boundary.arrow");
        int n = 41;
        ArrowMarketDataWriter.Write(MarketData.FromTrades("boundary", ["X"], Enumerable.Range(0, n).Select(k => T0 + k * Second).ToArray(), new int[n],
            Enumerable.Repeat(100.0, n).ToArray(), Enumerable.Repeat(1.0, n).ToArray(), Enumerable.Repeat(Side.Buy, n).ToArray()), file);
        string[] args = ["walkforward", "-s", "SmaCross", "-d", file, "--in-sample", "20s", "--out-of-sample", "10s", "--equity-interval", "5s", "--threads", "1",
            "--by", "net_pnl"];

        var json = Cli.Run([.. args, "-o", dir.File("json"), "--json"]);

        Assert.True(json.ExitCode == 0, json.Error);
        Assert.Equal(2, json.Json.GetProperty("windows").GetArrayLength());
        Assert.Equal("2024-01-01T00:00:40.000000000Z", json.Json.GetProperty("windows")[1].GetProperty("out_of_sample_end").GetString());
        string dropped = "the last out-of-sample window (window 2, 2024-01-01T00:00:40.000000000Z to 2024-01-01T00:00:40.000000001Z, where the data "
            + "ends) was dropped: its events all fall at one instant, 2024-01-01T00:00:40.000000000Z, so no return can be measured over it. The "
            + "walk-forward keeps windows 0 and 1; to have it, give data that runs on past 2024-01-01T00:00:40.000000000Z.";
        // Then the stitched curve's: samples at 25, 29, 35 and 39 s are 4 returns of 5 s (20 s), of the 365 d / 5 s =
        // 6,307,200 of a year; √(6,307,200 / 4) = √1,576,800 = 1,255.7.
        string shortHistory = "the equity samples cover 20s (4 returns of 5s), less than the 6,307,200 returns of a year: CAGR and Calmar are NaN, "
            + "as a return over less than a year is not annualized; Sharpe and Sortino are annualized from those 20s, and over 4 returns a Sharpe "
            + "ratio's standard error is at least 1,256 (√(6,307,200 / 4)). Replay a year of data or more for annualized figures.";
        Assert.Equal([dropped, shortHistory], json.Json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains("warning: " + dropped, json.Error);

        var table = Cli.Run([.. args, "-o", dir.File("table")]);
        Assert.Equal(0, table.ExitCode);
        Assert.Equal(["warning: " + dropped, "warning: " + shortHistory], table.Error.Split('\n').Where(l => l.StartsWith("warning: ", StringComparison.Ordinal)).Select(l => l.TrimEnd('\r')));
        Assert.Contains("2 windows", table.Out);
    }

    [Fact]
    public void Without_an_equity_interval_each_window_is_sampled_by_the_rule_for_the_shortest_window()
    {
        // 30,000 trades a minute apart (20.8 days): the whole span's rule would sample daily, one return a one-day
        // out-of-sample window. The rule for one day: 86.4 s per 1/1000 of it, rounded up to 10 min (decision 0122).
        // 18 full windows of 144 samples (143 boundaries, then the final equity at 1,439 min) and a last of 120.
        using var dir = new TempDirectory();
        var result = Cli.Run("walkforward", "-s", "SmaCross", "-d", "synthetic:events=30000,symbols=2,seed=5,interval=60000000000", "-o", dir.Path,
            "--in-sample", "2d", "--out-of-sample", "1d", "--threads", "2", "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(18 * 144 + 120, result.Json.GetProperty("stitched").GetProperty("equity_samples").GetInt64());
        string warning = Assert.Single(result.Json.GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.StartsWith("the equity samples cover 18.83d (2,712 returns of 10m), less than the 52,560 returns of a year", warning);
        // The report of its files says the same (they record only the windows' own warnings).
        Assert.Equal(0, Cli.Run("report", "--in", dir.Path, "-q").ExitCode);
        Assert.Contains("<p class=\"warning\">warning: " + System.Net.WebUtility.HtmlEncode(warning) + "</p>", File.ReadAllText(Path.Combine(dir.Path, "report.html")));
    }

    [Fact]
    public void Windows_that_do_not_fit_and_overlapping_steps_are_user_errors()
    {
        using var dir = new TempDirectory();
        var tooLong = Cli.Run("walkforward", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--in-sample", "1m", "--out-of-sample", "5s");
        Assert.Equal(1, tooLong.ExitCode);
        Assert.Contains("no out-of-sample window", tooLong.Error);
        var overlap = Cli.Run("walkforward", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--in-sample", "20s", "--out-of-sample", "5s", "--step", "2s");
        Assert.Equal(1, overlap.ExitCode);
        Assert.Contains("cannot be stitched", overlap.Error);
    }

    // Before, both laid windows until the process ran out of memory (exit 137): a 1 ns step over a day asks for 8.6 × 10¹³
    // windows, and an out-of-sample length past the last representable time overflowed into windows that never ended.
    [Fact]
    public void More_windows_than_can_be_swept_are_refused_naming_the_step_that_would_do()
    {
        using var dir = new TempDirectory();
        var implied = Cli.Run("walkforward", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--in-sample", "20s", "--out-of-sample", "100us");
        Assert.Equal(1, implied.ExitCode);
        Assert.Equal("error: --out-of-sample 100us (the step, without --step) lays 199,991 windows over the data's 40s after --in-sample 20s; at most 100,000 are taken, each an in-sample sweep of the grid: give --step 200us or more.",
            implied.Error.Trim());
        var given = Cli.Run("walkforward", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--in-sample", "20s", "--out-of-sample", "100us", "--step", "150us");
        Assert.Equal(1, given.ExitCode);
        Assert.StartsWith("error: --step 150us lays 133,327 windows", given.Error.Trim());
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void An_out_of_sample_length_past_the_last_representable_time_is_one_window_to_the_end_of_the_data()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("walkforward", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--in-sample", "20s", "--out-of-sample", "1000000d",
            "--by", "net_pnl", "--threads", "2", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var window = Assert.Single(result.Json.GetProperty("windows").EnumerateArray());
        Assert.Equal("2024-01-01T00:00:20.000000000Z", window.GetProperty("out_of_sample_start").GetString());
        Assert.Equal("2024-01-01T00:00:39.999000001Z", window.GetProperty("out_of_sample_end").GetString());
    }

    [Fact]
    public void Walkforward_with_funding_pays_it_in_the_out_of_sample_windows_and_over_segments_pays_the_same()
    {
        using var dir = new TempDirectory();
        using MarketData data = MarketDataFiles.Open(Data);
        long startMs = data.Identity.FirstTimeNs!.Value / 1_000_000;
        // Binance /fapi/v1/fundingRate rows for the first symbol: a settlement every second of the out-of-sample span (20 s to 40 s).
        string funding = Path.Combine(dir.Path, "funding.csv");
        File.WriteAllLines(funding, new[] { "symbol,fundingTime,fundingRate" }
            .Concat(Enumerable.Range(20, 20).Select(k => $"{data.Symbols[0]},{startMs + k * 1_000L},0.001")));
        string[] common = ["walkforward", "-s", "SmaCross", "-d", Data, "--in-sample", "20s", "--out-of-sample", "5s", "--equity-interval", "500ms", "--json"];

        // The control: the same settlements at rate 0 change nothing, so a difference comes from the rates being paid.
        string zero = Path.Combine(dir.Path, "zero.csv");
        File.WriteAllLines(zero, File.ReadAllLines(funding).Select(line => line.Replace(",0.001", ",0")));

        var without = Cli.Run([.. common, "-o", Path.Combine(dir.Path, "without")]);
        var atZero = Cli.Run([.. common, "-o", Path.Combine(dir.Path, "zero"), "--funding", zero]);
        var with = Cli.Run([.. common, "-o", Path.Combine(dir.Path, "with"), "--funding", funding]);

        Assert.True(with.ExitCode == 0, with.Error);
        double FinalEquity(Cli.Result r) => r.Json.GetProperty("stitched").GetProperty("final_equity").GetDouble();
        Assert.Equal(FinalEquity(without), FinalEquity(atZero));
        Assert.NotEqual(FinalEquity(without), FinalEquity(with)); // some out-of-sample window holds the symbol at a settlement

        // The same data as four 10 s files: windows spanning two files get the settlements of both, each once, so the
        // windows and the stitched curve are those of the data in one piece.
        var days = Enumerable.Range(0, 4).Select(k => Path.Combine(dir.Path, $"part-{k}.arrow")).ToArray();
        long first = data.Identity.FirstTimeNs!.Value;
        for (int k = 0; k < 4; k++) ArrowMarketDataWriter.Write(data.Between(first + k * 10_000_000_000L, first + (k + 1) * 10_000_000_000L), days[k]);
        string[] segmentedArgs = ["walkforward", "-s", "SmaCross", "--segments", .. days, "--in-sample", "20s", "--out-of-sample", "5s", "--equity-interval", "500ms", "--json"];
        var segmented = Cli.Run([.. segmentedArgs, "-o", Path.Combine(dir.Path, "segmented"), "--funding", funding]);
        Assert.True(segmented.ExitCode == 0, segmented.Error);
        Assert.Equal(with.Json.GetProperty("windows").ToString(), segmented.Json.GetProperty("windows").ToString());
        Assert.Equal(FinalEquity(with), FinalEquity(segmented));
    }
}
