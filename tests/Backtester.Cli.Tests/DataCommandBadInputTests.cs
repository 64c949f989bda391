using System;
using System.IO;
using System.Linq;
using Backtester.Data;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>
/// <c>data convert</c> and <c>data inspect</c> on bad input: exit code 1, an error naming the file (and the row and
/// column where there is one), and for convert nothing written: no output, no temporary file, a previous output untouched.
/// </summary>
public class DataCommandBadInputTests
{
    private const string Header = "id,price,qty,quote_qty,time,is_buyer_maker,is_best_match\n";
    private const string Row1 = "1,42000.5,0.01,420.005,1704067200000,true,true\n";

    /// <summary>Writes the bad input named <paramref name="name"/> into <paramref name="dir"/>; returns its path and the problem expected.</summary>
    private static (string Path, string Problem) BadInput(TempDirectory dir, string name)
    {
        switch (name)
        {
            case "truncated.arrow":
            {
                using var good = new MarketData(new SymbolTable(["BTCUSDT"]),
                    new TradeColumns("test", 1, new long[] { 1, 2 }, new int[] { 0, 0 }, new double[] { 100, 101 }, new double[] { 1, 1 }, new[] { Side.Buy, Side.Sell }));
                string whole = dir.File("whole.arrow");
                ArrowMarketDataWriter.Write(good, whole);
                byte[] bytes = File.ReadAllBytes(whole);
                File.Delete(whole);
                File.WriteAllBytes(dir.File(name), bytes[..(bytes.Length / 2)]);
                return (dir.File(name), "truncated Arrow IPC file: it does not end with the 'ARROW1' footer magic (was it cut short while being written?)");
            }
            case "BTCUSDT-trades-nan.csv":
                File.WriteAllText(dir.File(name), Header + Row1 + "2,NaN,0.02,840.02,1704067200500,false,true\n");
                return (dir.File(name), "row 3, column 'price': expected a positive finite number, got NaN");
            case "BTCUSDT-trades-backwards.csv":
                File.WriteAllText(dir.File(name), Header + Row1 + "2,42001,0.02,840.02,1704067199000,false,true\n");
                return (dir.File(name), "row 3, column 'time': timestamps go backwards within the symbol: 1704067199000000000 after 1704067200000000000 (give --sort-if-unordered to sort instead)");
            case "BTCUSDT-trades-empty.csv":
                File.WriteAllText(dir.File(name), "");
                return (dir.File(name), "the file is empty");
            case "BTCUSDT-trades-missing.csv":
                return (dir.File(name), $"cannot read the file: Could not find file '{dir.File(name)}'.");
            case "days.arrow":
                Directory.CreateDirectory(dir.File(name));
                return (dir.File(name), "expected a file, got a folder (open its files as a list, or as MarketDataSegments)");
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, null);
        }
    }

    public static TheoryData<string> BadInputs =>
        ["truncated.arrow", "BTCUSDT-trades-nan.csv", "BTCUSDT-trades-backwards.csv", "BTCUSDT-trades-empty.csv", "BTCUSDT-trades-missing.csv", "days.arrow"];

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Convert_refuses_bad_input_naming_the_file_and_leaves_a_previous_output_untouched(string name)
    {
        using var dir = new TempDirectory();
        (string path, string problem) = BadInput(dir, name);
        string output = dir.File("out.arrow");
        File.WriteAllText(output, "the previous output");
        string[] before = dir.Files();

        var convert = Cli.Run("data", "convert", path, output);

        Assert.Equal(1, convert.ExitCode);
        Assert.Equal($"error: cannot convert '{path}': {problem}", convert.Error.Trim());
        Assert.Equal("the previous output", File.ReadAllText(output));
        Assert.Equal(before, dir.Files()); // no temporary file left
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Inspect_refuses_bad_input_naming_the_file(string name)
    {
        using var dir = new TempDirectory();
        (string path, string problem) = BadInput(dir, name);

        var inspect = Cli.Run("data", "inspect", path);

        Assert.Equal(1, inspect.ExitCode);
        Assert.Equal($"error: cannot read market data '{path}': {problem}", inspect.Error.Trim());
        Assert.Equal("", inspect.Out);
    }

    [Fact]
    public void Convert_advises_the_format_and_symbol_options_not_the_librarys_properties()
    {
        using var dir = new TempDirectory();
        string unknown = dir.File("export.csv"), noSymbol = dir.File("trades.csv");
        File.WriteAllText(unknown, "a,b,c\n1,2,3\n");
        File.WriteAllText(noSymbol, Header + Row1);

        var layout = Cli.Run("data", "convert", unknown, dir.File("out.arrow"));
        Assert.Equal(1, layout.ExitCode);
        Assert.Equal($"error: cannot convert '{unknown}': cannot tell the CSV layout from the file name or header; give --format "
            + "(binance-trades, binance-aggtrades, binance-klines, tardis-trades, tardis-quotes, tardis-book-l2, tardis-book-snapshot, market-by-order)",
            layout.Error.Trim());

        var symbol = Cli.Run("data", "convert", noSymbol, dir.File("out.arrow"), "--format", "binance-trades");
        Assert.Equal(1, symbol.ExitCode);
        Assert.Equal($"error: cannot convert '{noSymbol}': the file has no symbol column and its name does not say the symbol (expected e.g. BTCUSDT-trades-2024-01-01.csv); give --symbol",
            symbol.Error.Trim());
        Assert.Equal([unknown, noSymbol], [.. dir.Files().Order(StringComparer.Ordinal)]); // export.csv, trades.csv: nothing written
    }
}
