using System.IO;
using Backtester.Data;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary><see cref="MarkPriceFile"/>: Binance markPriceKlines and Tardis derivative_ticker, and bad input named by file, line and column.</summary>
public class MarkPriceFileTests
{
    private const string KlineHeader = "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore";

    [Fact]
    public void Binance_mark_price_klines_read_as_their_closes_at_the_interval_end_with_or_without_a_header()
    {
        using var dir = new TempDirectory();
        var symbols = new SymbolTable(new[] { "BTCUSDT", "ETHUSDT" });
        // Two one-minute klines of ETHUSDT from 2024-01-01 00:00 UTC (1704067200000 ms): closes 2300.5 and 2299.75 at
        // close_time + 1 ms = 1704067260000 and 1704067320000 ms.
        string rows = "1704067200000,2301,2302,2299,2300.5,0,1704067259999,0,60,0,0,0\n1704067260000,2300.5,2301,2299,2299.75,0,1704067319999,0,60,0,0,0\n";
        string headed = dir.File("ETHUSDT-1m-2024-01-01.csv");
        File.WriteAllText(headed, KlineHeader + "\n" + rows);
        string bare = dir.File("ETHUSDT-1m-2024-01-01-bare.csv");
        File.WriteAllText(bare, rows);

        foreach (string path in new[] { headed, bare })
        {
            MarkPriceColumns m = MarkPriceFile.Read(path, symbols);
            Assert.Equal(2, m.Count);
            Assert.Equal(new MarkPriceUpdate(1_704_067_260_000_000_000, 1, 2300.5), m[0]);
            Assert.Equal(new MarkPriceUpdate(1_704_067_320_000_000_000, 1, 2299.75), m[1]);
            Assert.True(m.Covers(1));
            Assert.False(m.Covers(0));
        }
    }

    [Fact]
    public void Tardis_derivative_ticker_reads_each_change_of_the_mark_in_nanoseconds()
    {
        using var dir = new TempDirectory();
        string path = dir.File("derivative_ticker.csv.gz");
        // µs. BTCUSDT marks 100, 100 (the same: no update), none, 101; ETHUSDT 10 between them; DOGEUSDT is not in the table.
        string text = """
            exchange,symbol,timestamp,local_timestamp,funding_timestamp,funding_rate,predicted_funding_rate,open_interest,last_price,index_price,mark_price
            binance-futures,BTCUSDT,1000000,1000100,8000000,0.0001,,,100,100,100
            binance-futures,BTCUSDT,2000000,2000100,8000000,0.0001,,,100.5,100,100
            binance-futures,ETHUSDT,2500000,2500100,8000000,0.0001,,,10,10,10
            binance-futures,DOGEUSDT,2600000,2600100,8000000,0.0001,,,0.1,0.1,0.1
            binance-futures,BTCUSDT,3000000,3000100,8000000,0.0002,,,101,100,
            binance-futures,BTCUSDT,4000000,4000100,8000000,0.0002,,,101,101,101
            """.Replace("            ", "");
        using (var gz = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
            gz.Write(System.Text.Encoding.UTF8.GetBytes(text));

        MarkPriceColumns m = MarkPriceFile.Read(path, new SymbolTable(new[] { "BTCUSDT", "ETHUSDT" }));

        Assert.Equal(new[]
        {
            new MarkPriceUpdate(1_000_000_000, 0, 100), new MarkPriceUpdate(2_500_000_000, 1, 10), new MarkPriceUpdate(4_000_000_000, 0, 101),
        }, new[] { m[0], m[1], m[2] });
        Assert.Equal(3, m.Count);
    }

    [Theory]
    [InlineData("exchange,symbol,timestamp,mark_price\nx,BTCUSDT,1000,NaN\n", 2, "mark_price", "expected a positive finite price, got 'NaN'")]
    [InlineData("exchange,symbol,timestamp,mark_price\nx,BTCUSDT,1000,-5\n", 2, "mark_price", "expected a positive finite price, got '-5'")]
    [InlineData("exchange,symbol,timestamp,mark_price\nx,BTCUSDT,2000,100\nx,BTCUSDT,1000,101\n", 3, "timestamp", "timestamps go backwards within the symbol: 1000000 after 2000000")]
    [InlineData("exchange,symbol,timestamp,mark_price\nx,BTCUSDT,1000\n", 2, null, "expected 4 columns, got 3 (a line cut short?)")]
    [InlineData("exchange,symbol,timestamp,mark_price\nx,BTCUSDT,soon,100\n", 2, "timestamp", "expected a timestamp in µs, got 'soon'")]
    public void A_bad_tardis_row_is_refused_naming_the_line_and_column(string text, int line, string? column, string problem)
    {
        using var dir = new TempDirectory();
        string path = dir.File("ticker.csv");
        File.WriteAllText(path, text);

        var e = Assert.Throws<MarketDataException>(() => MarkPriceFile.Read(path, new SymbolTable(new[] { "BTCUSDT" })));

        Assert.Equal(path, e.Source);
        Assert.Equal(line, e.Row);
        Assert.Equal(column, e.Column);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void A_bad_kline_is_refused_as_the_kline_reader_refuses_it_and_other_layouts_are_named()
    {
        using var dir = new TempDirectory();
        string kline = dir.File("BTCUSDT-1m.csv");
        // close above high.
        File.WriteAllText(kline, KlineHeader + "\n1704067200000,100,101,99,105,0,1704067259999,0,60,0,0,0\n");
        var e = Assert.Throws<MarketDataException>(() => MarkPriceFile.Read(kline, new SymbolTable(new[] { "BTCUSDT" })));
        Assert.Equal((2L, "close"), (e.Row, e.Column));

        string other = dir.File("other.csv");
        File.WriteAllText(other, "a,b\n1,2\n");
        e = Assert.Throws<MarketDataException>(() => MarkPriceFile.Read(other, new SymbolTable(new[] { "BTCUSDT" })));
        Assert.Contains("unknown mark-price layout (the first line is: 'a,b')", e.Message);

        string empty = dir.File("empty.csv");
        File.WriteAllText(empty, "");
        e = Assert.Throws<MarketDataException>(() => MarkPriceFile.Read(empty, new SymbolTable(new[] { "BTCUSDT" })));
        Assert.Contains("the file is empty", e.Message);
    }

    [Fact]
    public void Mark_prices_of_more_symbols_than_the_data_has_are_refused()
    {
        MarketData data = new Tape().Trades(100).Build();
        var marks = new MarkPriceColumns("m", 2, new long[] { 1 }, new[] { 1 }, new[] { 100.0 });
        var e = Assert.Throws<MarketDataException>(() => data.WithMarkPrices(marks));
        Assert.Contains("the mark prices have 2 symbols", e.Message);
    }

    [Fact]
    public void A_time_slice_keeps_the_mark_prices_of_its_range_and_what_the_series_covers()
    {
        // Marks of symbol 0 at 1 500 and 3 500; a slice [2 000, 4 000) keeps the second; [2 000, 3 000) none, yet it
        // still covers symbol 0, so a walk-forward window without a mark is not refused as if the data had none.
        MarketData data = new Tape().Trades(100, 101, 102, 103).Mark(1_500, 100).Mark(3_500, 102).Build();

        MarketData slice = data.Between(2_000, 4_000);
        Assert.Equal(new[] { new MarkPriceUpdate(3_500, 0, 102) }, new[] { slice.MarkPrices[0] });
        Assert.Equal(1, slice.MarkPrices.Count);
        MarketData empty = data.Between(2_000, 3_000);
        Assert.Equal(0, empty.MarkPrices.Count);
        Assert.True(empty.MarkPrices.Covers(0));
        Assert.NotEqual(data.Identity.Fingerprint, new Tape().Trades(100, 101, 102, 103).Build().Identity.Fingerprint); // marks are part of the data's identity
        MarketData later = new Tape().Trades(100, 101).Mark(500, 100).Mark(9_000, 101).Build();
        Assert.Equal((500L, 9_000L), (later.Identity.FirstTimeNs, later.Identity.LastTimeNs)); // and of its time range
    }
}
