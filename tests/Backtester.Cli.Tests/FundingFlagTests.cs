using System.IO;
using System.Linq;
using Backtester.Data;
using Backtester.Samples;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary><c>--funding</c> loads funding settlements beside the trade data, as <see cref="MarketData.WithFunding"/> does in process.</summary>
public class FundingFlagTests
{
    private const string Data = "synthetic:market,days=1";

    [Fact]
    public void Run_with_a_binance_funding_file_pays_the_funding_of_the_same_run_in_process()
    {
        using var dir = new TempDirectory();
        using MarketData data = MarketDataFiles.Open(Data);
        long startMs = data.Identity.FirstTimeNs!.Value / 1_000_000;
        string symbol = data.Symbols[0];
        // Binance /fapi/v1/fundingRate rows: every 8 h from the start, rate 0.01 % (longs pay), no mark price.
        string funding = Path.Combine(dir.Path, "funding.csv");
        File.WriteAllLines(funding, new[] { "symbol,fundingTime,fundingRate" }
            .Concat(Enumerable.Range(1, 2).Select(k => $"{symbol},{startMs + k * 8 * 3_600_000L},0.0001")));

        var result = Cli.Run("run", "-s", "SmaCross", "-d", Data, "-p", "Fast=50", "-p", "Slow=500", "--funding", funding, "-o", Path.Combine(dir.Path, "out"), "--json");
        Assert.True(result.ExitCode == 0, result.Error);

        BacktestSummary expected = Backtest.Run(data.WithFunding(FundingFile.Read(funding, data.Symbols)), new SmaCross { Fast = 50, Slow = 500, Size = 0.5 }).Summary;
        Assert.NotEqual(0, expected.Funding); // the strategy holds a position at some settlement, so the check can fail
        var summary = result.Json.GetProperty("summary");
        Assert.Equal(expected.Funding, summary.GetProperty("funding").GetDouble());
        Assert.Equal(expected.NetPnl, summary.GetProperty("net_pnl").GetDouble());
    }

    [Fact]
    public void A_missing_funding_file_is_a_user_error_naming_it()
    {
        var result = Cli.Run("run", "-s", "SmaCross", "-d", Data, "--funding", "no-such-funding.csv", "-o", "unused");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--funding no-such-funding.csv", result.Error);
    }
    // Before, every row was skipped as of a symbol not in the data, and the run paid no funding with exit 0.
    [Fact]
    public void Funding_files_with_no_settlement_of_a_symbol_of_the_data_are_a_user_error()
    {
        using var dir = new TempDirectory();
        string other = Path.Combine(dir.Path, "funding-xrp.csv"), btc = Path.Combine(dir.Path, "funding-btc.csv");
        File.WriteAllLines(other, ["symbol,fundingTime,fundingRate", "XRPUSDT,1704096000000,0.0001"]);
        File.WriteAllLines(btc, ["symbol,fundingTime,fundingRate", "BTCUSDT,1704096000000,0.0001"]);

        var result = Cli.Run("run", "-s", "SmaCross", "-d", Data, "--funding", other, "-o", Path.Combine(dir.Path, "out"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: --funding {other}: no settlement of a symbol of the data (BTCUSDT, ETHUSDT, SOLUSDT, BNBUSDT): the file's rows are of other symbols (a Binance file's symbol is the start of its name), or there are none. Give the settlements of the data's symbols.",
            result.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")));
        // One file of another symbol beside one of the data's is skipped, as documented.
        Assert.Equal(0, Cli.Run("run", "-s", "SmaCross", "-d", Data, "--funding", other, "--funding", btc, "-o", Path.Combine(dir.Path, "out"), "-q").ExitCode);
    }

    // Before, the replay never reached another month's settlements, and the run paid no funding with exit 0.
    [Fact]
    public void Funding_files_none_of_whose_settlements_fall_within_the_data_are_a_user_error()
    {
        using var dir = new TempDirectory();
        // The data is 1 January 2024; these settlements are 1 February, 00:00 and 08:00 (1706745600000 ms).
        string february = Path.Combine(dir.Path, "funding-2024-02.csv"), january = Path.Combine(dir.Path, "funding-2024-01.csv");
        File.WriteAllLines(february, ["symbol,fundingTime,fundingRate", "BTCUSDT,1706745600000,0.0001", "BTCUSDT,1706774400000,0.0001"]);
        File.WriteAllLines(january, ["symbol,fundingTime,fundingRate", "BTCUSDT,1704096000000,0.0001", "BTCUSDT,1706745600000,0.0001"]);

        foreach (string command in new[] { "run", "sweep" })
        {
            var result = Cli.Run(command, "-s", "SmaCross", "-d", Data, "--funding", february, "-o", Path.Combine(dir.Path, command));
            Assert.Equal(1, result.ExitCode);
            Assert.StartsWith($"error: --funding {february}: none of its 2 settlements (2024-02-01T00:00:00Z to 2024-02-01T08:00:00Z) falls within the data's span (2024-01-01T00:", result.Error.Trim());
            Assert.EndsWith("so the run would pay no funding. Give the settlements of the data's days.", result.Error.Trim());
            Assert.False(Directory.Exists(Path.Combine(dir.Path, command)));
        }
        // A file with a settlement inside the data (1 January, 08:00) and others beyond it is the usual case.
        Assert.Equal(0, Cli.Run("run", "-s", "SmaCross", "-d", Data, "--funding", january, "-o", Path.Combine(dir.Path, "ok"), "-q").ExitCode);
    }
}
