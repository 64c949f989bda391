using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace Backtester.Cli.Tests;

/// <summary>
/// The tearsheet rendered by a real browser: headless Chromium (Debian's <c>chromium</c>, installed with apt-get when
/// missing) loads report.html, and every chart in the DOM it built has data; a screenshot is kept next to the report.
/// </summary>
public sealed class TearsheetTests(ITestOutputHelper output)
{
    private static readonly string[] Charts =
    [
        "Cumulative return", "Drawdown from the running peak", "Return by calendar year", "Rolling Sharpe ratio",
        "Rolling annualized volatility", "Returns per",
    ];

    [Fact]
    public void Report_of_a_run_renders_in_chromium_with_every_chart_holding_data()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, Cli.Run("run", "-s", "SmaCross", "-p", "Fast=150", "-p", "Slow=1000", "--fee-bps", "2", "--latency-ms", "2", "-o", dir.Path, "-q").ExitCode);
        var report = Cli.Run("report", "--in", dir.Path);
        Assert.True(report.ExitCode == 0, report.Error);
        string html = File.ReadAllText(dir.File("report.html"));

        // Metrics for people, symbols by name, the benchmark from the data named in the result files.
        Assert.Contains("<th>Sharpe</th>", html);
        Assert.Matches(@"<th>Max drawdown</th><td>\d+\.\d%</td>", html);
        Assert.Matches(@"<th>Longest drawdown</th><td>\d+d( \d+h)?</td>", html);
        Assert.Contains("buy and hold (traded symbols)", html);
        Assert.Contains("<td>BTCUSDT</td>", html);
        Assert.Contains("<th>Jan</th>", html);
        Assert.DoesNotContain("symbol 0", html);

        string chromium = Chromium();
        string screenshot = dir.File("report.png");
        var dom = Run(chromium, $"--headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=2000 --dump-dom file://{dir.File("report.html")}");
        Assert.True(dom.ExitCode == 0, dom.Error);
        Assert.DoesNotContain("Uncaught", dom.Error);
        var svgs = Regex.Matches(dom.Out, "<svg class=\"chart\" data-points=\"(\\d+)\"[^>]*aria-label=\"([^\"]*)\"");
        foreach (string chart in Charts)
        {
            Match? match = svgs.FirstOrDefault(m => m.Groups[2].Value.StartsWith(chart, StringComparison.Ordinal));
            Assert.True(match is not null, $"no chart '{chart}' in the rendered page");
            Assert.True(int.Parse(match.Groups[1].Value) > 0, $"chart '{chart}' has no data");
        }
        Assert.Equal(Regex.Matches(html, "<svg class=\"chart\"").Count, svgs.Count);

        var shot = Run(chromium, $"--headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,5200 --screenshot={screenshot} file://{dir.File("report.html")}");
        Assert.True(shot.ExitCode == 0 && File.Exists(screenshot), shot.Error);
        Assert.True(new FileInfo(screenshot).Length > 50_000, "the screenshot looks blank");
        string kept = Path.Combine(Path.GetTempPath(), "backtester-tearsheet.png");
        File.Copy(screenshot, kept, overwrite: true);
        output.WriteLine($"screenshot: {kept}");
    }

    /// <summary>Debian's chromium, installed with apt-get (as root, as the test machine runs) when it is missing.</summary>
    private string Chromium()
    {
        foreach (string name in new[] { "chromium", "chromium-browser" })
            if (Which(name) is { } path) return path;
        output.WriteLine("chromium is missing: installing it with 'apt-get install -y --no-install-recommends chromium'");
        var install = Run("bash", "-c \"apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium\"", TimeSpan.FromMinutes(15));
        return Which("chromium") ?? throw new InvalidOperationException("could not install chromium: " + install.Error);
    }

    private static string? Which(string name)
    {
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(folder, name))) return Path.Combine(folder, name);
        return null;
    }

    private static (int ExitCode, string Out, string Error) Run(string file, string arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {arguments} did not finish");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
