using System.Globalization;
using System.IO;
using System.Text;
using Backtester.Data;
using Backtester.Samples;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary><c>--mark-prices</c> and <c>--mark-with</c> replay the exchange's mark prices as <see cref="MarketData.WithMarkPrices"/> and <see cref="MarkSource"/> do in process.</summary>
public class MarkPriceFlagTests
{
    private const string Data = "synthetic:market,days=1";

    /// <summary>A Tardis derivative_ticker file marking every symbol of <paramref name="data"/> each minute at its last trade price + 0.1 %.</summary>
    private static string TardisTicker(string folder, MarketData data)
    {
        var text = new StringBuilder("exchange,symbol,timestamp,local_timestamp,funding_timestamp,funding_rate,predicted_funding_rate,open_interest,last_price,index_price,mark_price\n");
        var times = data.Trades.Timestamps.Span;
        var ids = data.Trades.SymbolIds.Span;
        var prices = data.Trades.Prices.Span;
        var last = new double[data.Symbols.Count];
        const long MinuteUs = 60_000_000;
        long next = times[0] / 1_000 / MinuteUs * MinuteUs + MinuteUs;
        for (int i = 0; i < times.Length; i++)
        {
            while (times[i] / 1_000 >= next)
            {
                for (int s = 0; s < last.Length; s++)
                    if (last[s] > 0) text.Append(CultureInfo.InvariantCulture, $"binance-futures,{data.Symbols[s]},{next},{next},,,,,,,{last[s] * 1.001:R}\n");
                next += MinuteUs;
            }
            last[ids[i]] = prices[i];
        }
        string path = Path.Combine(folder, "derivative_ticker.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public void Run_marked_at_a_tardis_ticker_gives_the_same_run_as_in_process_and_records_the_option()
    {
        using var dir = new TempDirectory();
        using MarketData data = MarketDataFiles.Open(Data);
        string ticker = TardisTicker(dir.Path, data);
        string output = Path.Combine(dir.Path, "out");

        var result = Cli.Run("run", "-s", "SmaCross", "-d", Data, "-p", "Fast=50", "-p", "Slow=500", "--mark-prices", ticker, "--mark-with", "mark-price", "-o", output, "--json");
        Assert.True(result.ExitCode == 0, result.Error);

        MarketData marked = data.WithMarkPrices(MarkPriceFile.Read(ticker, data.Symbols));
        BacktestSummary expected = Backtest.Run(marked, new SmaCross { Fast = 50, Slow = 500, Size = 0.5 }, new BacktestOptions { MarkWith = MarkSource.MarkPrice }).Summary;
        BacktestSummary byEvents = Backtest.Run(data, new SmaCross { Fast = 50, Slow = 500, Size = 0.5 }).Summary;
        Assert.NotEqual(byEvents.FinalEquity, expected.FinalEquity); // the marks sit 0.1 % off the trades, so the check can fail
        var summary = result.Json.GetProperty("summary");
        Assert.Equal(expected.FinalEquity, summary.GetProperty("final_equity").GetDouble());
        Assert.Equal(expected.MaxDrawdown, summary.GetProperty("max_drawdown").GetDouble());
        Assert.Equal("MarkPrice", Backtester.Results.ResultMetadata.Read(Path.Combine(output, "summary.arrow")).Options["mark_with"]);
    }

    [Fact]
    public void Day_files_replayed_as_segments_take_the_mark_prices_as_the_data_in_one_piece_does()
    {
        using var dir = new TempDirectory();
        using MarketData data = MarketDataFiles.Open("synthetic:market,days=2,quotes=false,bars=false"); // an Arrow file holds one kind
        string ticker = TardisTicker(dir.Path, data);
        long day = 86_400_000_000_000L, start = data.Identity.FirstTimeNs!.Value;
        string day0 = Path.Combine(dir.Path, "day0.arrow"), day1 = Path.Combine(dir.Path, "day1.arrow");
        ArrowMarketDataWriter.Write(data.Between(start, start + day), day0);
        ArrowMarketDataWriter.Write(data.Between(start + day, long.MaxValue), day1);

        var result = Cli.Run("run", "-s", "SmaCross", "-d", day0, "-d", day1, "-p", "Fast=50", "-p", "Slow=500", "--mark-prices", ticker, "--mark-with", "mark-price",
            "-o", Path.Combine(dir.Path, "out"), "--json");
        Assert.True(result.ExitCode == 0, result.Error);

        BacktestSummary expected = Backtest.Run(data.WithMarkPrices(MarkPriceFile.Read(ticker, data.Symbols)), new SmaCross { Fast = 50, Slow = 500, Size = 0.5 },
            new BacktestOptions { MarkWith = MarkSource.MarkPrice }).Summary;
        var summary = result.Json.GetProperty("summary");
        Assert.Equal(expected.FinalEquity, summary.GetProperty("final_equity").GetDouble(), 9);
        Assert.Equal(expected.Fills, summary.GetProperty("fills").GetInt64());
    }

    [Fact]
    public void Marking_by_the_mark_price_without_mark_prices_is_refused_naming_the_flags()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("run", "-s", "SmaCross", "-d", Data, "--mark-with", "mark-price", "-o", Path.Combine(dir.Path, "out"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no mark prices", result.Error);
        Assert.Contains("--mark-prices", result.Error);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")) && Directory.GetFiles(Path.Combine(dir.Path, "out")).Length > 0, "nothing half-written");
    }

    [Fact]
    public void A_missing_mark_price_file_is_a_user_error_naming_it()
    {
        var result = Cli.Run("run", "-s", "SmaCross", "-d", Data, "--mark-prices", "no-such-marks.csv", "-o", "unused");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--mark-prices no-such-marks.csv", result.Error);
    }
    [Fact]
    public void A_kline_file_whose_name_does_not_say_the_symbol_is_advised_to_be_named_after_it_not_converted()
    {
        using var dir = new TempDirectory();
        string marks = Path.Combine(dir.Path, "marks.csv"); // no "SYMBOL-" prefix: Binance's dumps are BTCUSDT-1m-2024-01.csv
        File.WriteAllText(marks, "1704067200000,42000,42010,41990,42005,0,1704067259999,0,0,0,0,0\n");

        var result = Cli.Run("run", "-s", "SmaCross", "-d", Data, "--mark-prices", marks, "-o", Path.Combine(dir.Path, "out"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: --mark-prices {marks}: the file has no symbol column and its name does not say the symbol (expected e.g. "
            + "BTCUSDT-trades-2024-01-01.csv); name the file after its symbol, as Binance's dumps are (BTCUSDT-1m-2024-01.csv)", result.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")));
    }
    // Before, each ran with exit 0 on no mark price: every row was skipped as of a symbol not in the data, or the replay
    // never reached another month's marks.
    [Theory]
    // XRPUSDT's marks beside the data's four symbols
    [InlineData("XRPUSDT-1m-2024-01.csv", "1704067200000,0.6,0.61,0.59,0.6,0,1704067259999,0,0,0,0,0", "no mark price of a symbol of the data (")]
    // The data is 1 January 2024; this mark is 1 February, 00:00 to 00:00:59.999 (its bar's close time).
    [InlineData("BTCUSDT-1m-2024-02.csv", "1706745600000,42000,42010,41990,42005,0,1706745659999,0,0,0,0,0", "none of its 1 mark prices (2024-02-01T00:0")]
    public void Mark_price_files_the_run_would_not_use_are_a_user_error(string name, string row, string reason)
    {
        using var dir = new TempDirectory();
        string marks = Path.Combine(dir.Path, name);
        File.WriteAllText(marks, row + "\n");

        var result = Cli.Run("run", "-s", "SmaCross", "-d", Data, "--mark-prices", marks, "-o", Path.Combine(dir.Path, "out"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: --mark-prices {marks}: {reason}", result.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")));
    }
}
