using System.Linq;
using System.Text.Json;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>Decision 0102: over less than a year of returns, CAGR and Calmar are NaN in every output, and run and sweep say why once.</summary>
public class ShortHistoryTests
{
    // 2,000 trades 10 ms apart: 19.99 s of data, sampled every 100 ms (the library's rule: the first interval giving at
    // most 1,000 samples) → 199 whole intervals and a final sample at the last trade, 200 returns; 365 days / 100 ms =
    // 315,360,000 returns a year; √(315,360,000 / 200) = √1,576,800 = 1,255.7.
    private const string Seconds = "synthetic:events=2000,symbols=1,interval=10000000";

    private const string Warning = "the equity samples cover 20s (200 returns of 100ms), less than the 315,360,000 returns of a year: CAGR and Calmar "
        + "are NaN, as a return over less than a year is not annualized; Sharpe and Sortino are annualized from those 20s, and over 200 returns a "
        + "Sharpe ratio's standard error is at least 1,256 (√(315,360,000 / 200)). Replay a year of data or more for annualized figures.";

    [Fact]
    public void A_run_over_seconds_prints_no_cagr_or_calmar_and_one_warning_naming_the_span_and_the_remedy()
    {
        using var dir = new TempDirectory();
        var json = Cli.Run("run", "-s", "SmaCross", "-d", Seconds, "-o", dir.Path, "--json");

        Assert.Equal(0, json.ExitCode);
        Assert.Equal("warning: " + Warning, json.Error.Trim());
        Assert.Equal(new[] { Warning }, json.Json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToArray());
        JsonElement summary = json.Json.GetProperty("summary");
        Assert.Equal(200, summary.GetProperty("equity_samples").GetInt64());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("cagr").ValueKind); // was 5.06e112, a 115-digit percentage
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("calmar").ValueKind);
        Assert.Equal(JsonValueKind.Number, summary.GetProperty("sharpe").ValueKind);
        Assert.Equal(100_000_000, json.Json.GetProperty("equity_interval_ns").GetInt64());

        using var tableDir = new TempDirectory();
        var table = Cli.Run("run", "-s", "SmaCross", "-d", Seconds, "-o", tableDir.Path);
        Assert.Equal("warning: " + Warning, table.Error.Trim());
        Assert.Matches(@"│ CAGR \(%\)\s+│\s+- │", table.Out);
        Assert.Matches(@"│ Calmar\s+│\s+- │", table.Out);
    }

    [Fact]
    public void A_sweep_over_seconds_warns_once_for_all_its_rows_and_lists_the_warning_in_its_json()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("sweep", "-s", "SmaCross", "-d", Seconds, "-o", dir.Path, "--threads", "2", "--top", "80", "--by", "cagr", "--json");

        Assert.Equal(0, result.ExitCode);
        // stderr has the progress line (not a terminal), the one warning of the short history, and the one of ranking by a
        // CAGR that is NaN for every row (decision 0105; its text is UnrankedStatisticTests')
        Assert.Equal("warning: " + Warning, Assert.Single(result.Error.Split('\n'), line => line.StartsWith("warning: the equity samples", System.StringComparison.Ordinal)));
        string[] warnings = result.Json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToArray();
        Assert.Equal(2, warnings.Length);
        Assert.Equal(Warning, warnings[0]);
        Assert.StartsWith("cagr is NaN for every one of the 80 combinations", warnings[1]);
        var rows = result.Json.GetProperty("top").EnumerateArray().Select(r => r.GetProperty("summary")).ToList();
        Assert.Equal(80, rows.Count);
        Assert.All(rows, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("cagr").ValueKind));
        Assert.All(rows, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("calmar").ValueKind));

        using var quietDir = new TempDirectory();
        var quiet = Cli.Run("sweep", "-s", "SmaCross", "-d", Seconds, "-o", quietDir.Path, "--threads", "2", "-q");
        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal("", quiet.Error);
    }

    [Theory]
    [InlineData(400)] // SmaCross 50/500 waits for 500 trades: it never trades, and its CAGR is (1 + 0)^(365/399) − 1 = 0
    [InlineData(800)] // it buys once, and the CAGR compounds its return over 799 / 365 years
    public void A_run_over_more_than_a_year_of_daily_returns_has_its_cagr_and_no_warning(int days)
    {
        using var dir = new TempDirectory();
        // one trade a day: days − 1 days, sampled daily (the library's rule from ten days on), days − 1 returns at 365 a year
        var result = Cli.Run("run", "-s", "SmaCross", "-d", $"synthetic:events={days},symbols=1,interval=86400000000000", "-o", dir.Path, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Equal(0, result.Json.GetProperty("warnings").GetArrayLength());
        JsonElement summary = result.Json.GetProperty("summary");
        Assert.Equal(days - 1, summary.GetProperty("equity_samples").GetInt64());
        double total = summary.GetProperty("return").GetDouble();
        Assert.Equal(System.Math.Pow(1 + total, 365.0 / (days - 1)) - 1, summary.GetProperty("cagr").GetDouble(), 15);
        Assert.Equal(days == 400, total == 0);
    }
}
