using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Backtester.Cli.Tests;

public class DataCommandTests
{
    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Fixtures", "BTCUSDT-trades-2024-01-01.csv");

    [Fact]
    public void Convert_then_inspect_a_Binance_trades_csv()
    {
        using var dir = new TempDirectory();
        string arrow = dir.File("btc.arrow");
        var convert = Cli.Run("data", "convert", Fixture, arrow, "--format", "binance-trades");
        Assert.Equal(0, convert.ExitCode);
        Assert.Contains("5 events", convert.Out);

        var inspect = Cli.Run("data", "inspect", arrow, "--json");
        Assert.Equal(0, inspect.ExitCode);
        var json = inspect.Json;
        Assert.Equal(5, json.GetProperty("rows").GetInt64());
        Assert.Equal(5, json.GetProperty("trades").GetInt64());
        Assert.Equal("2024-01-01T00:00:00.000000000Z", json.GetProperty("from").GetString());
        Assert.Equal("2024-01-01T00:00:03.000000000Z", json.GetProperty("to").GetString());
        Assert.Equal(new[] { "BTCUSDT" }, json.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()));
        var columns = json.GetProperty("schema").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToArray();
        Assert.Equal(new[] { "timestamp", "symbol_id", "price", "size", "side" }, columns);
        var types = json.GetProperty("schema").EnumerateArray().Select(f => f.GetProperty("type").GetString()).ToArray();
        Assert.Equal(new[] { "timestamp[ns, UTC]", "int32", "double", "double", "int8" }, types);

        var table = Cli.Run("data", "inspect", arrow);
        Assert.Contains("BTCUSDT", table.Out);
        Assert.Contains("2024-01-01T00:00:03Z", table.Out);
    }

    [Fact]
    public void Inspect_names_the_format_and_a_csvs_layout_as_the_reader_detected_it()
    {
        using var dir = new TempDirectory();
        var csv = Cli.Run("data", "inspect", Fixture, "--json").Json; // a Binance trades dump by its name
        Assert.Equal(("csv", "binance-trades"), (csv.GetProperty("format").GetString(), csv.GetProperty("csv_layout").GetString()));
        string arrow = dir.File("btc.arrow");
        Assert.Equal(0, Cli.Run("data", "convert", Fixture, arrow, "-q").ExitCode);
        var file = Cli.Run("data", "inspect", arrow, "--json").Json;
        Assert.Equal("arrow", file.GetProperty("format").GetString());
        Assert.False(file.TryGetProperty("csv_layout", out _));
        Assert.Contains("csv (binance-trades)", Cli.Run("data", "inspect", Fixture).Out);
    }

    [Fact]
    public void Convert_detects_the_layout_and_takes_the_symbol_option()
    {
        using var dir = new TempDirectory();
        string arrow = dir.File("x.arrow");
        Assert.Equal(0, Cli.Run("data", "convert", Fixture, arrow, "--symbol", "XBT", "-q").ExitCode);
        Assert.Equal("XBT", Cli.Run("data", "inspect", arrow, "--json").Json.GetProperty("symbols")[0].GetString());
    }

    [Fact]
    public void Converting_a_missing_file_is_a_user_error_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("data", "convert", dir.File("nope-trades-x.csv"), dir.File("out.arrow"));
        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(dir.File("out.arrow")));
    }
}
