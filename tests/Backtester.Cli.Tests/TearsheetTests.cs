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
        // The deepest fall over every event, and the curve and table of the daily samples, each named as such.
        Assert.Matches(@"<th>Max drawdown \(every event\)</th><td>\d+\.\d%</td>", html);
        Assert.Contains("<h2>Worst drawdowns (sampled every 1d)</h2>", html);
        Assert.Contains("Drawdown from the running peak, sampled every 1d", html);
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

        // Every label of every chart inside its chart, as the browser lays the text out: a copy of the page measures
        // each <text>'s box and lists those that cross the chart's edge (the last time tick was cut at the right edge).
        string measured = dir.File("measured.html");
        File.WriteAllText(measured, html.Replace("</body>", MeasureLabels + "</body>", StringComparison.Ordinal));
        var measure = Run(chromium, $"--headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=2000 --dump-dom file://{measured}");
        Assert.True(measure.ExitCode == 0, measure.Error);
        Match labels = Regex.Match(measure.Out, "<pre id=\"label-check\">([^<]*)</pre>");
        Assert.True(labels.Success, "the measuring script did not run");
        Assert.Matches("^measured [1-9][0-9]*\n", labels.Groups[1].Value);
        Assert.Equal("", labels.Groups[1].Value[(labels.Groups[1].Value.IndexOf('\n') + 1)..]);

        var shot = Run(chromium, $"--headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,5200 --screenshot={screenshot} file://{dir.File("report.html")}");
        Assert.True(shot.ExitCode == 0 && File.Exists(screenshot), shot.Error);
        Assert.True(new FileInfo(screenshot).Length > 50_000, "the screenshot looks blank");
        string kept = Path.Combine(Path.GetTempPath(), "backtester-tearsheet.png");
        File.Copy(screenshot, kept, overwrite: true);
        output.WriteLine($"screenshot: {kept}");
    }

    /// <summary>
    /// A script that measures every label of every chart and writes, into <c>pre#label-check</c>, how many it measured
    /// and then one line per label whose box leaves its chart's view box (none when all fit).
    /// </summary>
    private const string MeasureLabels = """
        <script>
        window.addEventListener('load', () => {
          let count = 0, out = '';
          for (const svg of document.querySelectorAll('svg.chart')) {
            const view = svg.viewBox.baseVal;
            for (const text of svg.querySelectorAll('text')) {
              const box = text.getBBox();
              count++;
              if (box.x < view.x - 0.5 || box.y < view.y - 0.5 || box.x + box.width > view.x + view.width + 0.5 || box.y + box.height > view.y + view.height + 0.5)
                out += svg.getAttribute('aria-label') + ': "' + text.textContent + '" spans x ' + box.x.toFixed(1) + '..' + (box.x + box.width).toFixed(1)
                  + ', y ' + box.y.toFixed(1) + '..' + (box.y + box.height).toFixed(1) + ' of ' + view.width + ' x ' + view.height + '\n';
            }
          }
          const pre = document.createElement('pre');
          pre.id = 'label-check';
          pre.textContent = 'measured ' + count + '\n' + out;
          document.body.appendChild(pre);
        });
        </script>
        """;

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
