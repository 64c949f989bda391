using System;
using System.IO;
using Xunit;

namespace Backtester.Data.Tests;

public sealed class MarketDataConverterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Csv_converts_to_an_arrow_file_that_maps_to_the_same_trades()
    {
        string csv = _dir.Write("BTCUSDT-trades-2024-01-01.csv", "1,42000.5,0.01,420.005,1704067200000,true,true\n2,42001,0.5,1,1704067200007,false,true\n");
        string arrow = _dir.File("out.arrow");
        Assert.Equal(2, MarketDataConverter.Convert(csv, arrow, CsvFormat.BinanceTrades));
        using MarketData data = MarketDataFiles.Open(arrow);
        Assert.Equal(new Trade(1_704_067_200_007_000_000, 0, 42001, 0.5, Side.Buy), data.Trades[1]);
        Assert.Equal("BTCUSDT", data.Symbols[0]);
    }

    [Fact]
    public void Parquet_converts_to_arrow()
    {
        string parquet = _dir.File("t.parquet");
        MarketData original = SyntheticData.Trades(new SyntheticDataOptions { Events = 100 });
        ParquetMarketData.Write(original, parquet);
        string arrow = _dir.File("t.arrow");
        MarketDataConverter.Convert(parquet, arrow);
        using MarketData data = ArrowMarketData.Open(arrow);
        Assert.Equal(original.Trades.Prices.ToArray(), data.Trades.Prices.ToArray());
    }

    [Fact]
    public void Failing_conversion_leaves_no_output_and_no_temporary_file()
    {
        string csv = _dir.Write("BTCUSDT-trades-2024-01-01.csv", "1,42000.5,0.01,420,1704067200000,true\n2,oops,0.01,420,1704067200001,true\n");
        string arrow = _dir.File("out.arrow");
        Assert.Throws<MarketDataException>(() => MarketDataConverter.Convert(csv, arrow, CsvFormat.BinanceTrades));
        Assert.Equal(new[] { csv }, _dir.Files());
    }

    [Fact]
    public void Data_with_mark_prices_is_refused_rather_than_written_without_them()
    {
        // The bars alone would fit one file; the built-in market's marks have no place in it and must not vanish.
        string parquet = _dir.File("bars.parquet");
        var e = Assert.Throws<ArgumentException>(() => MarketDataConverter.Convert("synthetic:market,days=1,trades=false,quotes=false,marks=true", parquet));
        Assert.Contains("has 5760 mark prices, which Arrow and Parquet market-data files do not hold", e.Message); // 4 symbols × 1,440 minutes
        Assert.Empty(_dir.Files());
        Assert.Equal(5760, MarketDataConverter.Convert("synthetic:market,days=1,trades=false,quotes=false", parquet)); // without them: the bars
    }

    [Fact]
    public void Failing_write_keeps_the_previous_output_and_leaves_no_temporary_file()
    {
        string arrow = _dir.File("out.arrow");
        ArrowMarketDataWriter.Write(SyntheticData.Trades(new SyntheticDataOptions { Events = 10 }), arrow);
        byte[] before = File.ReadAllBytes(arrow);
        var both = new MarketData(new SymbolTable(["X"]), new TradeColumns("t", 1, new long[] { 1 }, new[] { 0 }, new[] { 1.0 }, new[] { 1.0 }, new[] { Side.Buy }),
            new QuoteColumns("q", 1, new long[] { 1 }, new[] { 0 }, new[] { 1.0 }, new[] { 1.0 }, new[] { 2.0 }, new[] { 1.0 }));
        Assert.Throws<ArgumentException>(() => ArrowMarketDataWriter.Write(both, arrow));
        Assert.Equal(new[] { arrow }, _dir.Files());
        Assert.Equal(before, File.ReadAllBytes(arrow));
    }

    [Fact]
    public void Unrecognised_csv_layout_asks_for_the_format()
    {
        string csv = _dir.Write("data.csv", "a,b\n1,2\n");
        var e = Assert.Throws<MarketDataException>(() => MarketDataFiles.Open(csv));
        Assert.Equal($"{csv}: cannot tell the CSV layout from the file name or header; set MarketDataReadOptions.CsvFormat", e.Message);
    }
}
