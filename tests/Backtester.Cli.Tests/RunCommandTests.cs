using System.IO;
using Backtester.Data;
using Backtester.Samples;
using Xunit;

namespace Backtester.Cli.Tests;

public class RunCommandTests
{
    private const string Data = "synthetic:events=20000,symbols=2,seed=7";

    [Fact]
    public void Run_with_params_and_json_prints_the_numbers_of_the_same_backtest_run_in_process()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("run", "--strategy", "SmaCross", "--data", Data, "--param", "Fast=100", "--param", "slow=500", "-p", "Size=1.5",
            "--fee-bps", "2", "--latency-ms", "1", "--equity-interval", "1ms", "--out", dir.Path, "--json");

        Assert.Equal(0, result.ExitCode);
        using MarketData data = MarketDataFiles.Open(Data);
        BacktestSummary expected = Backtest.Run(data, new SmaCross { Fast = 100, Slow = 500, Size = 1.5 },
            new BacktestOptions { TakerFeeBps = 2, OrderLatencyNs = 1_000_000, EquitySampleIntervalNs = 1_000_000 }).Summary;
        var json = result.Json;
        var summary = json.GetProperty("summary");
        Assert.Equal("SmaCross", json.GetProperty("strategy").GetString());
        Assert.Equal(100, json.GetProperty("parameters").GetProperty("Fast").GetInt32());
        Assert.Equal(1.5, json.GetProperty("parameters").GetProperty("Size").GetDouble());
        Assert.Equal(expected.NetPnl, summary.GetProperty("net_pnl").GetDouble());
        Assert.Equal(expected.Fees, summary.GetProperty("fees").GetDouble());
        Assert.Equal(expected.Fills, summary.GetProperty("fills").GetInt64());
        Assert.Equal(expected.MaxDrawdown, summary.GetProperty("max_drawdown").GetDouble());
        Assert.Equal(expected.EquitySamples, summary.GetProperty("equity_samples").GetInt64());
        Assert.True(expected.Fills > 0);
        foreach (string file in new[] { "summary.arrow", "fills.arrow", "equity.arrow" }) Assert.True(File.Exists(dir.File(file)), file);
    }

    [Fact]
    public void Run_starts_from_grid_index_zero_for_parameters_not_given()
    {
        using var dir = new TempDirectory();
        var json = Cli.Run("run", "-s", "smacross", "-d", Data, "-o", dir.Path, "--json").Json;
        Assert.Equal(50, json.GetProperty("parameters").GetProperty("Fast").GetInt32());
        Assert.Equal(500, json.GetProperty("parameters").GetProperty("Slow").GetInt32());
        Assert.Equal(0.5, json.GetProperty("parameters").GetProperty("Size").GetDouble());
    }

    [Fact]
    public void Run_prints_a_summary_table_and_quiet_prints_nothing()
    {
        using var dir = new TempDirectory();
        var table = Cli.Run("run", "-s", "SmaCross", "-d", Data, "-o", dir.Path);
        Assert.Equal(0, table.ExitCode);
        // Human names with units in the table; the files keep their snake_case columns.
        Assert.Contains("Net PnL (quote)", table.Out);
        Assert.Contains("Max drawdown (%)", table.Out);
        Assert.Contains("Sharpe (annualized)", table.Out);
        Assert.DoesNotContain("net_pnl", table.Out);
        Assert.DoesNotContain("max_drawdown_duration_ns", table.Out);
        Assert.DoesNotContain("\u001b[", table.Out); // no ANSI codes when redirected / NO_COLOR

        var quiet = Cli.Run("run", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--quiet");
        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal("", quiet.Out);
    }

    [Fact]
    public void The_account_options_reach_the_backtest_and_bad_ones_are_user_errors()
    {
        using var dir = new TempDirectory();
        // SmaCross goes short; a cash account without short selling refuses those sells.
        var cash = Cli.Run("run", "-s", "SmaCross", "-d", Data, "--account", "cash", "-o", dir.Path, "--json");
        Assert.Equal(0, cash.ExitCode);
        using MarketData data = MarketDataFiles.Open(Data);
        BacktestSummary expected = Backtest.Run(data, new SmaCross { Fast = 50, Slow = 500, Size = 0.5 },
            new BacktestOptions { Account = AccountOptions.Cash(), EquitySampleIntervalNs = BacktestSettings.DefaultEquityInterval(data) }).Summary;
        Assert.True(expected.BuyingPowerRejections > 0);
        Assert.Equal(expected.BuyingPowerRejections, cash.Json.GetProperty("summary").GetProperty("buying_power_rejections").GetInt64());
        Assert.Equal(expected.NetPnl, cash.Json.GetProperty("summary").GetProperty("net_pnl").GetDouble());

        var bad = Cli.Run("run", "-s", "SmaCross", "-d", Data, "--account", "credit", "-o", dir.Path);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--account must be margin, cash or unlimited", bad.Error);

        string specs = dir.File("specs.json");
        File.WriteAllText(specs, """{ "instruments": [ { "symbol": "SYN0", "lotSize": "x" } ] }""");
        var badSpecs = Cli.Run("run", "-s", "SmaCross", "-d", Data, "--instruments", specs, "-o", dir.Path);
        Assert.Equal(1, badSpecs.ExitCode);
        Assert.Contains("specs.json: instruments[0] ('SYN0')", badSpecs.Error);
    }

    [Fact]
    public void A_logged_record_type_is_written_by_the_run()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("run", "-s", "ZScoreSignals", "-d", "synthetic:events=50000,symbols=2", "-o", dir.Path, "-q");
        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(dir.File("signal.arrow")));
    }
}
