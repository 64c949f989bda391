using Backtester.Data;
using Backtester.Samples;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>The venue flags reach <see cref="BacktestOptions"/>, and bad values are named by their flag.</summary>
public class VenueFlagTests
{
    private const string Data = "synthetic:market,days=1";

    [Fact]
    public void Capital_slippage_feed_latency_queue_and_size_flags_give_the_numbers_of_the_same_options_in_process()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("run", "-s", "SmaCross", "-d", Data, "-p", "Fast=50", "-p", "Slow=500", "--initial-capital", "50000",
            "--slippage-bps", "3", "--feed-latency-ms", "1.5", "--latency-ms", "2", "--queue", "optimistic", "--limit-to-displayed-size",
            "--fee-bps", "2", "-o", dir.Path, "--json");
        Assert.True(result.ExitCode == 0, result.Error);

        using MarketData data = MarketDataFiles.Open(Data);
        var options = new BacktestOptions
        {
            InitialCapital = 50_000, SlippageBps = 3, FeedLatencyNs = 1_500_000, OrderLatencyNs = 2_000_000, TakerFeeBps = 2,
            QueuePosition = QueuePosition.Optimistic, LimitFillsToDisplayedSize = true,
        };
        BacktestSummary expected = Backtest.Run(data, new SmaCross { Fast = 50, Slow = 500, Size = 0.5 }, options).Summary;
        var summary = result.Json.GetProperty("summary");
        Assert.Equal(50_000, summary.GetProperty("initial_capital").GetDouble());
        Assert.Equal(expected.NetPnl, summary.GetProperty("net_pnl").GetDouble());
        Assert.Equal(expected.Fills, summary.GetProperty("fills").GetInt64());
        Assert.True(expected.Fills > 0);
        // 1,440 minutes of data: the automatic rule samples every 10 minutes (under 1,000 samples)
        Assert.Equal(600_000_000_000L, result.Json.GetProperty("equity_interval_ns").GetInt64());
    }

    [Fact]
    public void The_response_latency_flag_gives_the_numbers_of_a_constant_response_latency_in_process()
    {
        // --response-latency-ms 3 is ResponseLatency = Constant(3 ms): the same numbers as that run in process.
        using var dir = new TempDirectory();
        var result = Cli.Run("run", "-s", "SmaCross", "-d", Data, "-p", "Fast=50", "-p", "Slow=500", "--latency-ms", "2",
            "--response-latency-ms", "3", "-o", dir.Path, "--json");
        Assert.True(result.ExitCode == 0, result.Error);

        using MarketData data = MarketDataFiles.Open(Data);
        var strategy = new SmaCross { Fast = 50, Slow = 500, Size = 0.5 };
        var options = new BacktestOptions { OrderLatencyNs = 2_000_000, ResponseLatency = LatencyModel.Constant(3_000_000) };
        BacktestSummary expected = Backtest.Run(data, strategy, options).Summary;
        var summary = result.Json.GetProperty("summary");
        Assert.Equal(expected.NetPnl, summary.GetProperty("net_pnl").GetDouble());
        Assert.Equal(expected.Fills, summary.GetProperty("fills").GetInt64());
        Assert.True(expected.Fills > 0);
    }

    [Theory]
    [InlineData("3", 3_000_000L)]
    [InlineData("0.0015", 1_500L)]
    [InlineData("0", -1L)]
    public void The_response_latency_flag_sets_a_constant_response_latency_in_ns_and_zero_sets_none(string ms, long expectedNs)
    {
        var command = new System.CommandLine.RootCommand();
        var settings = new BacktestSettings();
        settings.AddTo(command);
        BacktestOptions options = settings.Read(command.Parse(new[] { "--response-latency-ms", ms }), 86_400_000_000_000L);
        Assert.Equal(expectedNs < 0 ? null : LatencyModel.Constant(expectedNs), options.ResponseLatency);
    }

    [Theory]
    [InlineData(new string[0], StopTrigger.LastPrice)]
    [InlineData(new[] { "--stop-trigger", "last" }, StopTrigger.LastPrice)]
    [InlineData(new[] { "--stop-trigger", "bid-ask" }, StopTrigger.BidAsk)]
    [InlineData(new[] { "--stop-trigger", "mark-price" }, StopTrigger.MarkPrice)]
    public void The_stop_trigger_flag_sets_which_prices_trigger_stops(string[] args, StopTrigger expected)
    {
        var command = new System.CommandLine.RootCommand();
        var settings = new BacktestSettings();
        settings.AddTo(command);
        Assert.Equal(expected, settings.Read(command.Parse(args), 86_400_000_000_000L).StopTrigger);
    }

    [Theory]
    [InlineData(new string[0], MarkSource.Events)]
    [InlineData(new[] { "--mark-with", "events" }, MarkSource.Events)]
    [InlineData(new[] { "--mark-with", "mark-price" }, MarkSource.MarkPrice)]
    public void The_mark_with_flag_sets_what_positions_are_valued_at(string[] args, MarkSource expected)
    {
        var command = new System.CommandLine.RootCommand();
        var settings = new BacktestSettings();
        settings.AddTo(command);
        Assert.Equal(expected, settings.Read(command.Parse(args), 86_400_000_000_000L).MarkWith);
    }

    [Theory]
    [InlineData("--stop-trigger", "mark", "--stop-trigger")]
    [InlineData("--mark-with", "index", "--mark-with")]
    [InlineData("--response-latency-ms", "-1", "--response-latency-ms must be a non-negative number")]
    [InlineData("--slippage-bps", "-1", "--slippage-bps must be at least 0 and below 10000 basis points (at 10000 a sell would fill at 0), got -1.")]
    [InlineData("--slippage-bps", "10000", "--slippage-bps must be at least 0 and below 10000 basis points (at 10000 a sell would fill at 0), got 10000.")]
    [InlineData("--slippage-bps", "1e9", "got 1000000000.")]
    [InlineData("--fee-bps", "-0.5", "--fee-bps must be between 0 and 10000 basis points (10000: the whole notional), got -0.5.")]
    [InlineData("--fee-bps", "10000.5", "--fee-bps must be between 0 and 10000 basis points")]
    [InlineData("--fee-bps", "NaN", "--fee-bps must be between 0 and 10000 basis points (10000: the whole notional), got NaN.")]
    [InlineData("--maker-fee-bps", "-10001", "--maker-fee-bps must be between -10000 and 10000 basis points (10000: the whole notional), got -10001.")]
    [InlineData("--maker-fee-bps", "Infinity", "--maker-fee-bps must be between -10000 and 10000 basis points")]
    [InlineData("--initial-capital", "0", "--initial-capital must be a positive number")]
    [InlineData("--feed-latency-ms", "-2", "--feed-latency-ms must be a non-negative number")]
    [InlineData("--queue", "lifo", "--queue")]
    public void A_bad_venue_flag_is_a_user_error_naming_the_flag(string flag, string value, string message)
    {
        var result = Cli.Run("run", "-s", "SmaCross", "-d", "synthetic:events=1000", flag, value, "-o", "unused");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.DoesNotContain("InitialCapital", result.Error);
    }
    // Before: run exited 2 with "internal error (please report it): System.ArgumentException: …" and its stack trace, sweep
    // ran every combination to a row of that error (exit 3), and without instruments the flag was recorded and ignored.
    [Fact]
    public void A_reporting_currency_nothing_converts_into_is_a_user_error_naming_the_flag_before_anything_runs()
    {
        using var dir = new TempDirectory();
        string instruments = dir.File("instruments.json");
        System.IO.File.WriteAllText(instruments, """{ "instruments": [ { "symbol": "SYN0", "baseCurrency": "BTC", "quoteCurrency": "USDT" } ] }""");
        const string data = "synthetic:events=1000,symbols=1";

        foreach (string[] command in new[] { ["run"], ["sweep"], new[] { "walkforward", "--in-sample", "500us", "--out-of-sample", "250us" } })
        {
            var converted = Cli.Run([.. command, "-s", "SmaCross", "-d", data, "--instruments", instruments, "--reporting-currency", "XYZ", "-o", dir.File(command[0])]);
            Assert.Equal(1, converted.ExitCode);
            Assert.Equal("error: --reporting-currency XYZ: Symbol 'SYN0' settles in USDT, but no symbol of the data prices USDT in the reporting currency XYZ (an instrument with base USDT and quote XYZ, or base XYZ and quote USDT); add one to the data and instruments, or give --reporting-currency USDT.",
                converted.Error.Trim());
            var unnamed = Cli.Run([.. command, "-s", "SmaCross", "-d", data, "--reporting-currency", "XYZ", "-o", dir.File(command[0])]);
            Assert.Equal(1, unnamed.ExitCode);
            Assert.Equal("error: --reporting-currency XYZ: no instrument names the currency its symbol settles in, so the run has one unnamed currency and nothing to convert into XYZ; give --instruments naming each symbol's quoteCurrency (linear) or baseCurrency (inverse), or leave --reporting-currency out.",
                unnamed.Error.Trim());
            Assert.False(System.IO.Directory.Exists(dir.File(command[0])));
        }
        Assert.Equal(0, Cli.Run("run", "-s", "SmaCross", "-d", data, "--instruments", instruments, "--reporting-currency", "USDT", "-o", dir.File("ok"), "-q").ExitCode);
    }

    // Before: exit 2, "internal error (please report it): System.ArgumentException: …" and its stack trace.
    [Fact]
    public void Instruments_that_leave_a_symbols_settlement_currency_unknown_are_a_user_error_naming_the_flag()
    {
        using var dir = new TempDirectory();
        string instruments = dir.File("instruments.json");
        System.IO.File.WriteAllText(instruments, """{ "instruments": [ { "symbol": "SYN0", "kind": "inverse", "baseCurrency": "BTC", "quoteCurrency": "USD", "contractMultiplier": 100 } ] }""");
        var result = Cli.Run("run", "-s", "SmaCross", "-d", "synthetic:events=1000,symbols=2", "--instruments", instruments, "-o", dir.File("out"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: --instruments: Symbol 'SYN1' has no instrument naming its settlement currency, but the run has inverse contracts or several settlement currencies; give it an instrument with quoteCurrency (linear) or baseCurrency (inverse).",
            result.Error.Trim());
        Assert.False(System.IO.Directory.Exists(dir.File("out")));
    }
}
