using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Backtester.Engine.Tests;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>
/// docs/market-making.md: the Tardis-format sample (samples/BookMaker/tardis) converted with <c>data convert</c> and
/// run with the BookMaker sample through <c>backtester run</c>; the fills and queue positions the guide works out by hand
/// from the file's rows.
/// </summary>
public class MarketMakingWalkThroughTests
{
    private static string Sample(string name) => Path.Combine(RepositoryPaths.Root, "samples", "BookMaker", "tardis", name);

    private static readonly string BookMakerDll = typeof(Backtester.Samples.BookMaker).Assembly.Location;

    /// <summary>Rows of a CSV result file as name → value maps.</summary>
    private static List<Dictionary<string, string>> Csv(string path)
    {
        string[] lines = File.ReadAllLines(path);
        string[] header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    [Fact]
    public void The_sample_files_are_what_the_documented_script_writes()
    {
        using var dir = new TempDirectory();
        Backtester.Samples.TardisSample.Write(dir.Path);
        Assert.Equal(File.ReadAllText(Sample("incremental_book_L2.csv")), File.ReadAllText(dir.File("incremental_book_L2.csv")));
        Assert.Equal(File.ReadAllText(Sample("trades.csv")), File.ReadAllText(dir.File("trades.csv")));
        Assert.True(new FileInfo(Sample("incremental_book_L2.csv")).Length + new FileInfo(Sample("trades.csv")).Length < 200_000);
        // Tardis's headers, exactly.
        Assert.Equal("exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount", File.ReadLines(Sample("incremental_book_L2.csv")).First());
        Assert.Equal("exchange,symbol,timestamp,local_timestamp,id,side,price,amount", File.ReadLines(Sample("trades.csv")).First());
    }

    [Fact]
    public void The_guides_commands_give_the_fills_and_queue_positions_it_works_out()
    {
        using var dir = new TempDirectory();
        string book = dir.File("book.arrow"), trades = dir.File("trades.arrow"), output = dir.File("out");

        var convertBook = Cli.Run("data", "convert", Sample("incremental_book_L2.csv"), book, "--format", "tardis-book-l2");
        var convertTrades = Cli.Run("data", "convert", Sample("trades.csv"), trades, "--format", "tardis-trades");
        Assert.True(convertBook.ExitCode == 0, convertBook.Error);
        Assert.True(convertTrades.ExitCode == 0, convertTrades.Error);
        Assert.Contains("wrote 1,562 events", convertBook.Out); // 1,563 lines less the header
        Assert.Contains("wrote 260 events", convertTrades.Out);

        var run = Cli.Run("run", "-a", BookMakerDll, "--strategy", "BookMaker", "--data", book, "--data", trades,
            "--queue", "conservative", "--maker-fee-bps", "-0.5", "--fee-bps", "2", "--format", "csv", "--out", output, "--json");
        Assert.True(run.ExitCode == 0, run.Error);

        var fills = Csv(Path.Combine(output, "fills.csv"));
        var orders = Csv(Path.Combine(output, "orders.csv")).ToDictionary(o => o["order_id"]);

        // The sell (order 2): joins the ask 1000.1 behind 5, amended to 1000.2 at 10 ms and back to 1000.1 at 19 ms
        // (2 ahead), the trade of 1 at 28 ms leaves 1 ahead, the trade of 2 at 38 ms takes that 1 and fills it.
        Assert.Equal(("2", "Sell", "1000.1", "1", "true"), (fills[0]["order_id"], fills[0]["side"], fills[0]["price"], fills[0]["quantity"], fills[0]["is_maker"]));
        Assert.Equal("2024-01-01T00:00:00.038000000Z", fills[0]["timestamp"]);
        Assert.Equal("2", orders["2"]["amends"]);
        // Rebate: 0.5 bp of 1000.1 = 0.050005.
        Assert.Equal(-0.050005, double.Parse(fills[0]["fee"], System.Globalization.CultureInfo.InvariantCulture), 12);

        // The buy (order 1): follows the best bid through six amends; at 1000.0 from 31 ms it queues behind 17, the
        // trades of 3, 9 and 4 leave 1 ahead; at 1000.1 from 46 ms behind 2, and the trade of 8 at 53 ms fills it.
        Assert.Equal(("1", "Buy", "1000.1", "1"), (fills[1]["order_id"], fills[1]["side"], fills[1]["price"], fills[1]["quantity"]));
        Assert.Equal("2024-01-01T00:00:00.053000000Z", fills[1]["timestamp"]);
        Assert.Equal("6", orders["1"]["amends"]);

        // Flat again at 53 ms: the next pair (orders 3 and 4) is sent at the next consistent book, 53.001 ms.
        Assert.Equal("2024-01-01T00:00:00.053001000Z", orders["3"]["submitted_at"]);
        Assert.Equal("2024-01-01T00:00:00.053001000Z", orders["4"]["submitted_at"]);

        // Without queue position (--queue none) a trade exactly at a resting price never fills it: neither 38 ms nor 53 ms.
        var none = Cli.Run("run", "-a", BookMakerDll, "--strategy", "BookMaker", "--data", book, "--data", trades,
            "--maker-fee-bps", "-0.5", "--fee-bps", "2", "--format", "csv", "--out", dir.File("none"), "-q");
        Assert.True(none.ExitCode == 0, none.Error);
        var noneFills = Csv(Path.Combine(dir.File("none"), "fills.csv"));
        Assert.DoesNotContain(noneFills, f => f["timestamp"] is "2024-01-01T00:00:00.038000000Z" or "2024-01-01T00:00:00.053000000Z");
    }
}
