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
        Assert.DoesNotContain("src=\"equity.png\"", html); // self-contained
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
    public void Report_on_a_folder_without_result_files_is_a_user_error()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("report", "--in", dir.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("none of", result.Error);
    }
}
