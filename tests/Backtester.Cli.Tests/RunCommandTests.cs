using System.Linq;
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

    [Fact]
    public void A_param_between_the_steps_or_outside_the_range_runs_with_a_warning_naming_its_grid()
    {
        using var dir = new TempDirectory();
        // SmaCross: [Param(50, 250, Step = 50)] Fast, [Param(500, 2000, Step = 500)] Slow, [Param(0.5, 2.0, Step = 0.5)] Size.
        var result = Cli.Run("run", "-s", "SmaCross", "-d", Data, "-p", "Fast=151", "-p", "Slow=99999", "-p", "Size=1.5", "-o", dir.Path, "--json");

        Assert.Equal(0, result.ExitCode);
        string fast = "Fast=151 is not on SmaCross's grid, where Fast takes 50 to 250 in steps of 50 (5 values); 151 lies between two steps; "
            + "the run uses it as given, and no sweep row has this combination";
        string slow = "Slow=99999 is not on SmaCross's grid, where Slow takes 500 to 2000 in steps of 500 (4 values); 99999 is outside that range; "
            + "the run uses it as given, and no sweep row has this combination";
        Assert.Contains("warning: " + fast, result.Error);
        Assert.Contains("warning: " + slow, result.Error);
        Assert.DoesNotContain("Size", result.Error); // 1.5 is on its grid
        var warnings = result.Json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToArray();
        Assert.Equal(new[] { fast, slow }, warnings[..2]);
        Assert.StartsWith("the equity samples cover", warnings[2]); // and the run's own: 20 ms of data are less than a year
        Assert.Equal(151, result.Json.GetProperty("parameters").GetProperty("Fast").GetInt32()); // run as given
        Assert.Equal(99999, result.Json.GetProperty("parameters").GetProperty("Slow").GetInt32());
    }

    [Fact]
    public void A_param_on_the_grid_runs_without_a_warning()
    {
        using var dir = new TempDirectory();
        // 400 daily trades: a year of returns, so no warning of a short history either
        var result = Cli.Run("run", "-s", "SmaCross", "-d", "synthetic:events=400,symbols=1,interval=86400000000000", "-p", "Fast=250", "-p", "Slow=2000", "-p", "Size=0.5",
            "-o", dir.Path, "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Equal(0, result.Json.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public void An_off_grid_param_of_a_listed_grid_is_named_with_its_values_and_of_a_long_range_with_its_size()
    {
        using var dir = new TempDirectory();
        var listed = Cli.Run("run", "-s", "CliListed", "-d", Data, "-p", "Lookback=4", "-o", dir.File("listed"));
        Assert.Equal(0, listed.ExitCode);
        Assert.Equal("warning: Lookback=4 is not on CliListed's grid, where Lookback takes one of 3, 5, 8; the run uses it as given, and no sweep row has this combination",
            listed.Error.Split('\n')[0]); // then the run's own: its 20 ms are less than a year

        // [Param(1, 1_000_000)]: step 1, a million values, more than the grid definition lists.
        var huge = Cli.Run("run", "-s", "CliHuge", "-d", Data, "-p", "B=0", "-o", dir.File("huge"));
        Assert.Equal(0, huge.ExitCode);
        Assert.Equal("warning: B=0 is not on CliHuge's grid, where B takes 1 to 1000000 in steps of 1 (1,000,000 values); 0 is outside that range; the run uses it as given, and no sweep row has this combination",
            huge.Error.Split('\n')[0]);
    }
}
