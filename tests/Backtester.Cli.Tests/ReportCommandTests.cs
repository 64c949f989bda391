using System;
using System.IO;
using SkiaSharp;
using Xunit;

namespace Backtester.Cli.Tests;

public class ReportCommandTests
{
    private const string Data = "synthetic:events=20000,symbols=2,seed=5";

    /// <summary>Decodes the PNG, checks its size, and that it is not blank: many distinct colors.</summary>
    private static void AssertChart(string path, int width, int height)
    {
        Assert.True(File.Exists(path), path);
        using SKBitmap bitmap = SKBitmap.Decode(path);
        Assert.Equal(width, bitmap.Width);
        Assert.Equal(height, bitmap.Height);
        var colors = new System.Collections.Generic.HashSet<uint>();
        for (int y = 0; y < bitmap.Height; y += 3)
            for (int x = 0; x < bitmap.Width; x += 3) colors.Add((uint)bitmap.GetPixel(x, y));
        Assert.True(colors.Count > 20, $"{path} looks blank: {colors.Count} colors");
    }

    [Fact]
    public void Report_on_a_run_draws_equity_fills_and_trade_pnl_and_embeds_them_in_html()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, Cli.Run("run", "-s", "SmaCross", "-d", Data, "-p", "Fast=50", "-p", "Slow=500", "-o", dir.Path, "-q").ExitCode);
        string reportDir = Path.Combine(dir.Path, "report");
        var result = Cli.Run("report", "--in", dir.Path, "--out", reportDir, "--data", Data);
        Assert.Equal(0, result.ExitCode);

        AssertChart(Path.Combine(reportDir, "equity.png"), 1000, 700);
        AssertChart(Path.Combine(reportDir, "trades.png"), 1000, 600);
        AssertChart(Path.Combine(reportDir, "trade_pnl.png"), 1000, 600);
        string html = File.ReadAllText(Path.Combine(reportDir, "report.html"));
        Assert.Equal(3, html.Split("data:image/png;base64,").Length - 1);
        Assert.Contains("net_pnl", html);
        // 20 ms of data: the summary's warning says why the CAGR is "-" (decision 0102)
        Assert.Contains("<p class=\"warning\">warning: the equity samples cover ", html);
        Assert.Contains("CAGR and Calmar are NaN, as a return over less than a year is not annualized", html);
        Assert.DoesNotContain("src=\"equity.png\"", html); // self-contained
    }

    [Theory]
    [InlineData("parquet")]
    [InlineData("csv")]
    public void Report_reads_a_run_written_as_parquet_or_csv_like_the_arrow_files(string format)
    {
        using var dir = new TempDirectory();
        string arrow = Path.Combine(dir.Path, "arrow"), other = Path.Combine(dir.Path, format);
        string[] run = ["run", "-s", "SmaCross", "-d", Data, "-p", "Fast=50", "-p", "Slow=500", "-q"];
        Assert.Equal(0, Cli.Run([.. run, "-o", arrow]).ExitCode);
        Assert.Equal(0, Cli.Run([.. run, "-o", other, "--format", format]).ExitCode);
        Assert.Empty(Directory.GetFiles(other, "*.arrow"));

        Assert.Equal(0, Cli.Run("report", "--in", arrow, "--data", Data, "-q").ExitCode);
        var result = Cli.Run("report", "--in", other, "--data", Data, "-q");
        Assert.Equal(0, result.ExitCode);

        // The Arrow run's report is the second method: the same tables, charts and numbers from the other format.
        string expected = File.ReadAllText(Path.Combine(arrow, "report.html"));
        string actual = File.ReadAllText(Path.Combine(other, "report.html"));
        if (format == "parquet") Assert.Equal(expected, actual); // Parquet keeps the metadata too (title, data source)
        else
        {
            // CSV has no metadata: the title is generic; everything from the tearsheet on is the same.
            int from = expected.IndexOf("<h2>", StringComparison.Ordinal);
            Assert.True(from > 0);
            Assert.Equal(expected[from..], actual[actual.IndexOf("<h2>", StringComparison.Ordinal)..]);
        }
        foreach (string png in new[] { "equity.png", "trades.png", "trade_pnl.png" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(arrow, png)), File.ReadAllBytes(Path.Combine(other, png)));
    }

    [Fact]
    public void Report_on_a_sweep_draws_a_heatmap_of_the_statistic_over_two_parameters()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "-q").ExitCode);
        var result = Cli.Run("report", "--in", dir.Path, "--x", "Fast", "--y", "slow", "--stat", "sharpe");
        Assert.Equal(0, result.ExitCode);
        AssertChart(dir.File("heatmap.png"), 1000, 600);
        Assert.Contains("Best 10 by sharpe", File.ReadAllText(dir.File("report.html")));
    }

    [Fact]
    public void A_heatmap_of_one_parameter_against_itself_is_refused_and_nothing_is_drawn()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "-q").ExitCode);

        var result = Cli.Run("report", "--in", dir.Path, "--x", "Fast", "--y", "fast");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: --x and --y are both fast: the heatmap needs two of the sweep's parameters (fast, slow, size).", result.Error.Trim());
        Assert.False(File.Exists(dir.File("heatmap.png")));
    }

    [Fact]
    public void Report_on_a_folder_without_result_files_is_a_user_error()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("report", "--in", dir.Path, "--out", dir.File("charts"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("none of", result.Error);
        Assert.False(System.IO.Directory.Exists(dir.File("charts")), "a refused report left its --out folder behind");
    }
    // Before, each of these drew one run's statistics over another's equity and fills and exited 0.
    [Fact]
    public void Report_refuses_a_folder_holding_the_files_of_two_runs_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        string first = dir.File("first"), second = dir.File("second"), copied = dir.File("copied");
        Assert.Equal(0, Cli.Run("run", "-s", "SmaCross", "-d", Data, "-p", "Fast=50", "-o", first, "-q").ExitCode);
        // The same folder again, with other parameters and --format parquet: the Arrow files of the first run stay.
        Assert.Equal(0, Cli.Run("run", "-s", "SmaCross", "-d", Data, "-p", "Fast=100", "-o", first, "-q", "--format", "parquet").ExitCode);
        var formats = Cli.Run("report", "--in", first);
        Assert.Equal(1, formats.ExitCode);
        Assert.Equal($"error: --in: '{first}' holds results of different runs: summary.parquet is not of the run of summary.arrow (parameters: Fast=50;Slow=500;Size=0.5 in summary.arrow, Fast=100;Slow=500;Size=0.5 in summary.parquet). Remove the other run's files, or write each run to its own --out.",
            formats.Error.Trim());
        Assert.False(File.Exists(Path.Combine(first, "report.html")));

        // fills.arrow copied in from a run on other data with another fee
        Assert.Equal(0, Cli.Run("run", "-s", "SmaCross", "-d", "synthetic:events=20000,symbols=2,seed=6", "-p", "Fast=50", "--fee-bps", "2", "-o", second, "-q").ExitCode);
        Assert.Equal(0, Cli.Run("run", "-s", "SmaCross", "-d", Data, "-p", "Fast=50", "-o", copied, "-q").ExitCode);
        File.Copy(Path.Combine(second, "fills.arrow"), Path.Combine(copied, "fills.arrow"), overwrite: true);
        var mixed = Cli.Run("report", "--in", copied);
        Assert.Equal(1, mixed.ExitCode);
        Assert.StartsWith($"error: --in: '{copied}' holds results of different runs: fills.arrow is not of the run of summary.arrow (data: ", mixed.Error.Trim());
        Assert.Contains("option taker_fee_bps: 0 in summary.arrow, 2 in fills.arrow", mixed.Error);
        Assert.False(File.Exists(Path.Combine(copied, "report.html")));

        // A CSV table beside another format cannot be shown to be of the same run.
        Assert.Equal(0, Cli.Run("run", "-s", "SmaCross", "-d", Data, "-p", "Fast=50", "-o", second, "-q", "--format", "csv").ExitCode);
        var csv = Cli.Run("report", "--in", second);
        Assert.Equal(1, csv.ExitCode);
        Assert.Contains("holds summary.arrow and summary.csv, and a CSV file carries no provenance to tell whether they are of one run", csv.Error);
    }

    [Fact]
    public void Report_reads_a_run_written_twice_in_two_formats_and_a_sweep_beside_a_run_of_its_grid()
    {
        using var dir = new TempDirectory();
        string[] run = ["run", "-s", "SmaCross", "-d", Data, "-p", "Fast=50", "-o", dir.Path, "-q"];
        Assert.Equal(0, Cli.Run(run).ExitCode);
        Assert.Equal(0, Cli.Run([.. run, "--format", "parquet"]).ExitCode);
        Assert.Equal(0, Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "-q").ExitCode);
        var result = Cli.Run("report", "--in", dir.Path, "-q");
        Assert.True(result.ExitCode == 0, result.Error);
    }
    // Before, both drew the fills on another market's prices (by symbol id, whatever its name) and exited 0.
    [Fact]
    public void Report_refuses_data_that_is_not_the_runs_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        string run = dir.File("run"), report = dir.File("report");
        Assert.Equal(0, Cli.Run("run", "-s", "SmaCross", "-d", Data, "-p", "Fast=50", "-p", "Slow=500", "-o", run, "-q").ExitCode);

        const string nextDay = "synthetic:events=20000,symbols=2,seed=5,start=1704153600000000000";
        var later = Cli.Run("report", "--in", run, "--out", report, "--data", nextDay);
        Assert.Equal(1, later.ExitCode);
        Assert.StartsWith($"error: --data {nextDay} is not the run's data: it spans 2024-01-02T00:00:00Z to 2024-01-02T00:00:00.019999000Z, and none of the 19 fills of SYN1 (", later.Error.Trim());
        Assert.EndsWith("lies in it. Give the data the run replayed, or leave --data out to draw the fills on their own prices.", later.Error.Trim());

        const string market = "synthetic:market,days=1,symbols=1";
        var other = Cli.Run("report", "--in", run, "--out", report, "--data", market);
        Assert.Equal(1, other.ExitCode);
        Assert.Matches($"^error: --data {market} is not the run's data: it has no SYN1, the symbol of the fills drawn \\(it has BTCUSDT\\)\\. ", other.Error.Trim());
        Assert.False(Directory.Exists(report) && Directory.GetFiles(report).Length > 0);

        Assert.Equal(0, Cli.Run("report", "--in", run, "--out", report, "--data", Data, "-q").ExitCode);
    }
}
