using System.IO;
using Backtester.Data;
using Backtester.Samples;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary><c>--isolated</c> puts symbols on isolated margin as <see cref="AccountOptions.IsolatedSymbols"/> does in process.</summary>
public class IsolatedFlagTests
{
    private const string Data = "synthetic:market,days=1";

    [Fact]
    public void Run_with_isolated_symbols_gives_the_numbers_of_the_same_account_in_process_and_records_them()
    {
        using var dir = new TempDirectory();
        using MarketData data = MarketDataFiles.Open(Data);
        string first = data.Symbols[0], second = data.Symbols[1];
        string output = Path.Combine(dir.Path, "out");

        // Repeated and comma-separated, with a duplicate: the account gets each name once.
        var result = Cli.Run("run", "-s", "SmaCross", "-d", Data, "-p", "Fast=50", "-p", "Slow=500", "--leverage", "10", "--maintenance-margin", "0.05",
            "--isolated", $"{first},{second}", "--isolated", first, "-o", output, "--json");
        Assert.True(result.ExitCode == 0, result.Error);

        var account = AccountOptions.Margin(10, 0.05) with { IsolatedSymbols = new[] { first, second } };
        BacktestSummary expected = Backtest.Run(data, new SmaCross { Fast = 50, Slow = 500, Size = 0.5 }, new BacktestOptions { Account = account }).Summary;
        var summary = result.Json.GetProperty("summary");
        Assert.Equal(expected.FinalEquity, summary.GetProperty("final_equity").GetDouble());
        Assert.Equal(expected.Fills, summary.GetProperty("fills").GetInt64());
        Assert.True(expected.Fills > 0);
        string recorded = Backtester.Results.ResultMetadata.Read(Path.Combine(output, "summary.arrow")).Options["account"];
        Assert.EndsWith($",isolated:[{string.Join(" ", System.Linq.Enumerable.Order(new[] { first, second }, System.StringComparer.Ordinal))}])", recorded);
    }

    [Theory]
    [InlineData("NOPE", "margin", "--isolated names 'NOPE'")]
    [InlineData("", "cash", "--isolated is for margin accounts")]
    public void A_bad_isolated_flag_is_a_user_error_naming_the_flag(string name, string account, string message)
    {
        using MarketData data = MarketDataFiles.Open("synthetic:events=1000");
        var result = Cli.Run("run", "-s", "SmaCross", "-d", "synthetic:events=1000", "--account", account, "--isolated", name.Length == 0 ? data.Symbols[0] : name, "-o", "unused");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error);
    }
}
