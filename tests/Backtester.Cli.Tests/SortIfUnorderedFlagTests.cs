using System;
using System.Globalization;
using System.IO;
using System.Text;
using Backtester.Data;
using Backtester.Results;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>
/// <c>--sort-if-unordered</c> is <see cref="MarketDataReadOptions.SortIfUnordered"/> on the command line, and a refusal
/// of out-of-order data names that flag, not the library's property.
/// </summary>
public class SortIfUnorderedFlagTests
{
    private const string Header = "id,price,qty,quote_qty,time,is_buyer_maker,is_best_match\n";
    private const long T0Ms = 1_704_067_200_000; // 2024-01-01 00:00 UTC

    /// <summary>
    /// A Binance trades file of 400 trades, one every second, price a zigzag with a drift so that SmaCross(5, 20)
    /// trades; <paramref name="swapped"/> writes trades 200 and 201 (1704067400000 and 1704067401000 ms) the other way round.
    /// <paramref name="spacingMs"/> and <paramref name="count"/> make longer files (the overfitting statistics need days
    /// of returns, and SmaCross's grid windows of 500 trades and more).
    /// </summary>
    private static string TradesFile(string folder, string name, bool swapped, long spacingMs = 1000, int count = 400)
    {
        var rows = new string[count];
        for (int i = 0; i < rows.Length; i++)
        {
            double price = 100 + 5 * Math.Sin(i / 15.0) + i * 0.01;
            rows[i] = string.Create(CultureInfo.InvariantCulture, $"{i + 1},{price:R},0.5,{price * 0.5:R},{T0Ms + i * spacingMs},{(i % 3 == 0 ? "true" : "false")},true\n");
        }
        if (swapped) (rows[200], rows[201]) = (rows[201], rows[200]);
        var text = new StringBuilder(Header);
        foreach (string row in rows) text.Append(row);
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public void Run_refuses_out_of_order_data_naming_the_flag_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        string file = TradesFile(dir.Path, "BTCUSDT-trades-2024-01-01.csv", swapped: true);
        string output = Path.Combine(dir.Path, "out");

        var run = Cli.Run("run", "-s", "SmaCross", "-d", file, "-p", "Fast=5", "-p", "Slow=20", "-o", output);

        Assert.Equal(1, run.ExitCode);
        // Line 203 holds trade 200 (the header is line 1): 1704067400000 ms after 1704067401000 ms, in ns.
        Assert.Equal($"error: cannot read market data '{file}': row 203, column 'time': timestamps go backwards within the symbol: "
            + "1704067400000000000 after 1704067401000000000 (give --sort-if-unordered to sort instead)", run.Error.Trim());
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Run_with_the_flag_replays_the_data_as_the_same_file_written_in_order()
    {
        using var dir = new TempDirectory();
        string ordered = TradesFile(Directory.CreateDirectory(Path.Combine(dir.Path, "a")).FullName, "BTCUSDT-trades-2024-01-01.csv", swapped: false);
        string unordered = TradesFile(Directory.CreateDirectory(Path.Combine(dir.Path, "b")).FullName, "BTCUSDT-trades-2024-01-01.csv", swapped: true);
        string outA = Path.Combine(dir.Path, "outA"), outB = Path.Combine(dir.Path, "outB");

        var a = Cli.Run("run", "-s", "SmaCross", "-d", ordered, "-p", "Fast=5", "-p", "Slow=20", "-o", outA, "--json");
        var b = Cli.Run("run", "-s", "SmaCross", "-d", unordered, "-p", "Fast=5", "-p", "Slow=20", "-o", outB, "--json", "--sort-if-unordered");

        Assert.True(a.ExitCode == 0, a.Error);
        Assert.True(b.ExitCode == 0, b.Error);
        Assert.True(a.Json.GetProperty("summary").GetProperty("fills").GetInt64() > 0); // the comparison below sees trading
        Assert.Equal(a.Json.GetProperty("summary").GetRawText(), b.Json.GetProperty("summary").GetRawText());
        // The fingerprint is of the rows as replayed: the sorted file's is the ordered file's.
        Assert.Equal(ResultMetadata.Read(Path.Combine(outA, "summary.arrow")).Data!.Fingerprint,
            ResultMetadata.Read(Path.Combine(outB, "summary.arrow")).Data!.Fingerprint);
    }

    [Fact]
    public void Sweep_takes_the_flag_for_day_files_replayed_as_segments()
    {
        using var dir = new TempDirectory();
        string day1 = TradesFile(dir.Path, "BTCUSDT-trades-2024-01-01.csv", swapped: false);
        // The second day: the same trades a day later, two of them swapped.
        string text = File.ReadAllText(TradesFile(dir.Path, "tmp.csv", swapped: true));
        File.Delete(Path.Combine(dir.Path, "tmp.csv"));
        var shifted = new StringBuilder(Header);
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..])
        {
            string[] cells = line.Split(',');
            cells[4] = (long.Parse(cells[4], CultureInfo.InvariantCulture) + 86_400_000).ToString(CultureInfo.InvariantCulture);
            shifted.Append(string.Join(',', cells)).Append('\n');
        }
        string day2 = Path.Combine(dir.Path, "BTCUSDT-trades-2024-01-02.csv");
        File.WriteAllText(day2, shifted.ToString());

        var refused = Cli.Run("sweep", "-s", "SmaCross", "-d", day1, "-d", day2, "-o", Path.Combine(dir.Path, "refused"), "--quiet");
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"error: cannot read market data '{day2}': row 203, column 'time': timestamps go backwards within the symbol: "
            + "1704153800000000000 after 1704153801000000000 (give --sort-if-unordered to sort instead)", refused.Error.Trim());

        var sorted = Cli.Run("sweep", "-s", "SmaCross", "-d", day1, "-d", day2, "-o", Path.Combine(dir.Path, "sorted"), "--quiet", "--sort-if-unordered");
        Assert.True(sorted.ExitCode == 0, sorted.Error);
        Assert.True(File.Exists(Path.Combine(dir.Path, "sorted", "sweep.arrow")));
    }

    [Fact]
    public void Convert_with_the_flag_writes_the_rows_in_time_order()
    {
        using var dir = new TempDirectory();
        string ordered = TradesFile(Directory.CreateDirectory(Path.Combine(dir.Path, "a")).FullName, "BTCUSDT-trades-2024-01-01.csv", swapped: false);
        string unordered = TradesFile(Directory.CreateDirectory(Path.Combine(dir.Path, "b")).FullName, "BTCUSDT-trades-2024-01-01.csv", swapped: true);
        string output = Path.Combine(dir.Path, "sorted.arrow");

        var refused = Cli.Run("data", "convert", unordered, output);
        Assert.Equal(1, refused.ExitCode);
        Assert.EndsWith("1704067400000000000 after 1704067401000000000 (give --sort-if-unordered to sort instead)", refused.Error.Trim());
        Assert.False(File.Exists(output));

        var convert = Cli.Run("data", "convert", unordered, output, "--sort-if-unordered");
        Assert.True(convert.ExitCode == 0, convert.Error);
        using MarketData written = MarketDataFiles.Open(output);
        using MarketData expected = MarketDataFiles.Open(ordered);
        Assert.Equal(expected.Trades.Timestamps.ToArray(), written.Trades.Timestamps.ToArray());
        Assert.Equal(expected.Trades.Prices.ToArray(), written.Trades.Prices.ToArray());
        Assert.Equal(T0Ms * 1_000_000 + 200_000_000_000, written.Trades.Timestamps.Span[200]); // trade 200 back in its place
    }

    public static TheoryData<string[]> ResearchCommands => new()
    {
        new[] { "search", "random", "-s", "SmaCross", "--samples", "2", "-o", "{out}" },
        new[] { "overfitting", "-s", "SmaCross", "--blocks", "4", "--spacing", "120000" },
        // SmaCross does not trade in 400 trades: every Sharpe ratio is NaN and a walk-forward by it is refused (decision
        // 0105); every net PnL is 0, a tie, which goes to the lower grid index.
        new[] { "walkforward", "-s", "SmaCross", "--in-sample", "200s", "--out-of-sample", "100s", "--by", "net_pnl", "-o", "{out}" },
        new[] { "walkforward", "-s", "SmaCross", "--in-sample", "200s", "--out-of-sample", "100s", "--by", "net_pnl", "-o", "{out}", "--segments", "{data}" },
    };

    [Theory]
    [MemberData(nameof(ResearchCommands))]
    public void The_research_commands_refuse_out_of_order_data_naming_the_flag_and_take_it(string[] command)
    {
        using var dir = new TempDirectory();
        int spacing = Array.IndexOf(command, "--spacing");
        long spacingMs = spacing >= 0 ? long.Parse(command[spacing + 1], CultureInfo.InvariantCulture) : 1000;
        if (spacing >= 0) command = [.. command[..spacing], .. command[(spacing + 2)..]];
        string file = TradesFile(dir.Path, "BTCUSDT-trades-2024-01-01.csv", swapped: true, spacingMs, spacing >= 0 ? 3_000 : 400);
        bool segments = Array.IndexOf(command, "--segments") >= 0;
        string[] Args(string output, params string[] more)
        {
            var args = new System.Collections.Generic.List<string>();
            foreach (string a in command) args.Add(a.Replace("{out}", Path.Combine(dir.Path, output), StringComparison.Ordinal).Replace("{data}", file, StringComparison.Ordinal));
            if (!segments) args.AddRange(["-d", file]);
            args.AddRange(more);
            return [.. args];
        }

        var refused = Cli.Run(Args("refused", "-q"));
        Assert.Equal(1, refused.ExitCode);
        long before = (T0Ms + 200 * spacingMs) * 1_000_000, after = (T0Ms + 201 * spacingMs) * 1_000_000;
        Assert.EndsWith($"row 203, column 'time': timestamps go backwards within the symbol: {before} after {after} (give --sort-if-unordered to sort instead)",
            refused.Error.Trim());

        var taken = Cli.Run(Args("taken", "-q", "--sort-if-unordered"));
        Assert.True(taken.ExitCode == 0, taken.Error);
    }

    [Fact]
    public void Inspect_takes_the_flag()
    {
        using var dir = new TempDirectory();
        string unordered = TradesFile(dir.Path, "BTCUSDT-trades-2024-01-01.csv", swapped: true);

        Assert.Equal(1, Cli.Run("data", "inspect", unordered).ExitCode);
        var inspect = Cli.Run("data", "inspect", unordered, "--sort-if-unordered", "--json");
        Assert.True(inspect.ExitCode == 0, inspect.Error);
        Assert.Equal(400, inspect.Json.GetProperty("trades").GetInt64());
        Assert.Equal(("2024-01-01T00:00:00.000000000Z", "2024-01-01T00:06:39.000000000Z"), (inspect.Json.GetProperty("from").GetString(), inspect.Json.GetProperty("to").GetString()));
    }

    [Fact]
    public void A_file_whose_layout_or_symbol_cannot_be_told_is_advised_to_be_converted_first_by_the_replaying_commands()
    {
        using var dir = new TempDirectory();
        string unknown = Path.Combine(dir.Path, "export.csv");
        File.WriteAllText(unknown, "a,b,c\n1,2,3\n");

        var run = Cli.Run("run", "-s", "SmaCross", "-d", unknown, "-o", Path.Combine(dir.Path, "out"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: cannot read market data '{unknown}': cannot tell the CSV layout from the file name or header; convert it first with "
            + "'backtester data convert <file> <out.arrow> --format <layout>' (binance-trades, binance-aggtrades, binance-klines, tardis-trades, "
            + "tardis-quotes, tardis-book-l2, tardis-book-snapshot, market-by-order)", run.Error.Trim());
    }
}
