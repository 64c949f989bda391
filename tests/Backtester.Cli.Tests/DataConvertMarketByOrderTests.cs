using System.IO;
using Backtester.Data;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary><c>data convert --format market-by-order</c> reads an L3 CSV as that layout, and refuses a file that is not one.</summary>
public class DataConvertMarketByOrderTests
{
    private const string Orders = """
        timestamp,symbol,order_id,side,price,size,action
        1000,X,10,ask,101,5,add
        1000,X,1,bid,100,2,add
        1000,X,2,bid,100,3,add
        2000,X,2,bid,100,1,modify
        3000,X,1,bid,100,2,execute
        4000,X,10,ask,101,0,cancel

        """;

    [Fact]
    public void Format_market_by_order_reads_an_l3_csv_whose_name_would_be_taken_for_binance_trades()
    {
        using var dir = new TempDirectory();
        // Named like a Binance trades dump, so without --format the name decides the layout (and the file is refused).
        string csv = dir.File("X-trades-2024-01-01.csv"), arrow = dir.File("orders.arrow");
        File.WriteAllText(csv, Orders);
        Assert.Equal(1, Cli.Run("data", "convert", csv, dir.File("detected.arrow"), "-q").ExitCode);

        var convert = Cli.Run("data", "convert", csv, arrow, "--format", "market-by-order");
        Assert.True(convert.ExitCode == 0, convert.Error);
        Assert.Contains("wrote 6 events", convert.Out); // the six order rows, kept as they are

        // The L2 book those orders make, by hand: ask 101 = 5; bid 100 = 2, then 2 + 3; order 2 cut to 1 (2 + 1); order 1
        // executed (1); the ask cancelled (0).
        using MarketData data = MarketDataFiles.Open(arrow);
        Assert.Equal(["X"], [data.Symbols[0]]);
        Assert.Equal([1000L, 1000, 1000, 2000, 3000, 4000], data.Book.Timestamps.ToArray());
        Assert.Equal([BookSide.Ask, BookSide.Bid, BookSide.Bid, BookSide.Bid, BookSide.Bid, BookSide.Ask], data.Book.Sides.ToArray());
        Assert.Equal([101.0, 100, 100, 100, 100, 101], data.Book.Prices.ToArray());
        Assert.Equal([5.0, 2, 5, 3, 1, 0], data.Book.Sizes.ToArray());
    }

    [Fact]
    public void Format_market_by_order_refuses_a_tardis_book_csv_naming_the_file_and_the_expected_header()
    {
        using var dir = new TempDirectory();
        string csv = dir.File("book.csv"), arrow = dir.File("book.arrow");
        File.WriteAllText(csv, """
            exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount
            x,BTCUSDT,1704067200000000,1704067200000100,true,ask,42001.5,2.5

            """);
        var convert = Cli.Run("data", "convert", csv, arrow, "--format", "market-by-order");
        Assert.Equal(1, convert.ExitCode);
        Assert.Equal($"error: cannot convert '{csv}': column 'order_id': missing column: a market-by-order (L3) CSV has the header "
            + "timestamp,symbol,order_id,side,price,size,action (the header has: exchange, symbol, timestamp, local_timestamp, is_snapshot, side, price, amount)",
            convert.Error.Trim());
        Assert.Equal([csv], dir.Files()); // no output, no temporary file
    }

    [Fact]
    public void Format_market_by_order_refuses_a_parquet_input_rather_than_reading_it_as_parquet()
    {
        using var dir = new TempDirectory();
        string parquet = dir.File("book.parquet"), arrow = dir.File("book.arrow");
        MarketData book = SyntheticBook.Generate(new SyntheticBookOptions { Steps = 10, Symbols = 1, Levels = 2, Seed = 1 });
        ParquetMarketData.Write(book.Symbols, book.Book, parquet);
        var convert = Cli.Run("data", "convert", parquet, arrow, "--format", "market-by-order");
        Assert.Equal(1, convert.ExitCode);
        Assert.Equal($"error: cannot convert '{parquet}': --format market-by-order expects a CSV file (.csv or .csv.gz); an Arrow, Parquet or synthetic input is read by its own kind, so leave --format out",
            convert.Error.Trim());
        Assert.False(File.Exists(arrow));
    }

    [Fact]
    public void Convert_help_and_an_unknown_format_list_market_by_order_among_the_formats()
    {
        Assert.Contains("market-by-order", Cli.Run("data", "convert", "--help").Out);
        var unknown = Cli.Run("data", "convert", "a.csv", "b.arrow", "--format", "l3-orders");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("'tardis-book-snapshot', 'market-by-order', 'csv', 'parquet'", unknown.Error); // the values accepted
    }
}
