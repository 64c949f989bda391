using System;
using Xunit;

namespace Backtester.Data.Tests;

public sealed class CsvMarketDataTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Binance_trade_line_in_ms_becomes_a_sell_trade_when_the_buyer_was_maker()
    {
        string path = _dir.Write("BTCUSDT-trades-2024-01-01.csv", "1,42000.5,0.01,420.005,1704067200000,true,true\n2,42001,0.02,840.02,1704067200001,false,true\n");
        using MarketData data = CsvMarketData.Read(path, CsvFormat.BinanceTrades);

        Assert.Equal("BTCUSDT", data.Symbols[0]);
        Assert.Equal(new Trade(1_704_067_200_000_000_000, 0, 42000.5, 0.01, Side.Sell), data.Trades[0]);
        Assert.Equal(new Trade(1_704_067_200_001_000_000, 0, 42001, 0.02, Side.Buy), data.Trades[1]);
    }

    [Fact]
    public void Binance_trades_with_header_and_microsecond_times_are_read()
    {
        string path = _dir.Write("ETHUSDT-trades-2025-01-01.csv",
            "id,price,qty,quote_qty,time,is_buyer_maker,is_best_match\n7,3000.25,1.5,4500.375,1735689600000123,False,True\n");
        using MarketData data = CsvMarketData.Read(path, CsvFormat.BinanceTrades);
        Assert.Equal(new Trade(1_735_689_600_000_123_000, 0, 3000.25, 1.5, Side.Buy), data.Trades[0]);
    }

    [Fact]
    public void Binance_agg_trades_use_price_quantity_and_transact_time()
    {
        string path = _dir.Write("x.csv", "26129,0.01633102,4.70443515,27781,27781,1498793709153,true,true\n");
        using MarketData data = CsvMarketData.Read(path, CsvFormat.BinanceAggTrades, new MarketDataReadOptions { Symbol = "LTCBTC" });
        Assert.Equal("LTCBTC", data.Symbols[0]);
        Assert.Equal(new Trade(1_498_793_709_153_000_000, 0, 0.01633102, 4.70443515, Side.Sell), data.Trades[0]);
    }

    [Fact]
    public void Binance_kline_is_stamped_with_the_interval_end()
    {
        // close_time 1704067259999 is the last ms of the minute starting at 1704067200000.
        string path = _dir.Write("BTCUSDT-1m-2024-01-01.csv",
            "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n" +
            "1704067200000,42283.58,42298.62,42261.02,42298.61,35.92724,1704067259999,1519032.9,1327,16.2,685000.1,0\n");
        using MarketData data = CsvMarketData.Read(path, CsvFormat.BinanceKlines);
        Assert.Equal(new Bar(1_704_067_260_000_000_000, 0, 42283.58, 42298.62, 42261.02, 42298.61, 35.92724), data.Bars[0]);
    }

    [Fact]
    public void Gzipped_csv_is_read_as_a_stream()
    {
        string path = _dir.WriteGzip("BTCUSDT-trades-2024-01-01.csv.gz", "1,42000.5,0.01,420.005,1704067200000,true,true\n");
        using MarketData data = MarketDataFiles.Open(path);
        Assert.Equal(42000.5, data.Trades[0].Price);
        Assert.Equal("BTCUSDT", data.Symbols[0]);
    }

    [Fact]
    public void Tardis_trades_of_several_symbols_are_read_in_microseconds()
    {
        string path = _dir.Write("binance_trades.csv",
            "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n" +
            "binance,BTCUSDT,1704067200000001,1704067200000100,1,buy,42000.5,0.01\n" +
            "binance,ETHUSDT,1704067200000002,1704067200000200,2,sell,2280.1,1.5\n" +
            "binance,BTCUSDT,1704067200000003,1704067200000300,3,sell,41999,0.5\n");
        using MarketData data = MarketDataFiles.Open(path);
        Assert.Equal(new[] { "BTCUSDT", "ETHUSDT" }, new[] { data.Symbols[0], data.Symbols[1] });
        Assert.Equal(new Trade(1_704_067_200_000_001_000, 0, 42000.5, 0.01, Side.Buy), data.Trades[0]);
        Assert.Equal(new Trade(1_704_067_200_000_002_000, 1, 2280.1, 1.5, Side.Sell), data.Trades[1]);
        Assert.Equal(new Trade(1_704_067_200_000_003_000, 0, 41999, 0.5, Side.Sell), data.Trades[2]);
    }

    [Fact]
    public void Tardis_quotes_map_ask_and_bid_columns()
    {
        string path = _dir.Write("binance_book_ticker.csv",
            "exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount\n" +
            "binance,BTCUSDT,1704067200000001,1704067200000100,2.5,42001,42000,0.75\n");
        using MarketData data = MarketDataFiles.Open(path);
        Assert.Equal(new Quote(1_704_067_200_000_001_000, 0, 42000, 0.75, 42001, 2.5), data.Quotes[0]);
    }

    [Fact]
    public void Generic_csv_uses_the_column_mapping_units_and_side_values()
    {
        string path = _dir.Write("mine.csv", "when;what;px;qty;dir\n1700000000;AAPL;189.5;100;B\n1700000001;MSFT;370.25;5;A\n");
        var mapping = new CsvColumnMapping
        {
            Timestamp = "when", Symbol = "what", Price = "px", Size = "qty", Side = "dir", Separator = ';',
            TimestampUnit = TimestampUnit.Seconds,
            SideValues = new System.Collections.Generic.Dictionary<string, Side> { ["B"] = Side.Buy, ["A"] = Side.Sell },
        };
        using MarketData data = CsvMarketData.Read(path, CsvFormat.Generic, new MarketDataReadOptions { Mapping = mapping });
        Assert.Equal(new Trade(1_700_000_000_000_000_000, 0, 189.5, 100, Side.Buy), data.Trades[0]);
        Assert.Equal(new Trade(1_700_000_001_000_000_000, 1, 370.25, 5, Side.Sell), data.Trades[1]);
        Assert.Equal("MSFT", data.Symbols[1]);
    }

    [Fact]
    public void Rows_interleaved_across_symbols_are_stably_sorted_by_time()
    {
        // Tardis files are ordered by local time, so exchange times may interleave across symbols.
        string path = _dir.Write("t.csv",
            "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n" +
            "x,A,20,1,1,buy,1,1\nx,B,10,2,2,buy,2,1\nx,A,30,3,3,buy,3,1\nx,B,20,4,4,buy,4,1\n");
        using MarketData data = CsvMarketData.Read(path, CsvFormat.TardisTrades);
        Assert.Equal(new long[] { 10_000, 20_000, 20_000, 30_000 }, data.Trades.Timestamps.ToArray());
        Assert.Equal(new double[] { 2, 1, 4, 3 }, data.Trades.Prices.ToArray());
    }

    [Fact]
    public void Sort_if_unordered_sorts_a_symbol_going_back_in_time()
    {
        string path = _dir.Write("BTCUSDT-trades-x.csv", "1,10,1,10,1704067200002,true\n2,11,1,11,1704067200001,true\n");
        using MarketData data = CsvMarketData.Read(path, CsvFormat.BinanceTrades, new MarketDataReadOptions { SortIfUnordered = true });
        Assert.Equal(new double[] { 11, 10 }, data.Trades.Prices.ToArray());
    }

    [Fact]
    public void Several_csv_files_merge_in_time_order()
    {
        // 2024-01-01T00:00:01, :02 and :03 in ms, as Binance writes them
        string day1 = _dir.Write("BTCUSDT-trades-2024-01-01.csv", "1,1,1,1,1704067201000,true\n2,2,1,2,1704067203000,true\n");
        string day2 = _dir.Write("ETHUSDT-trades-2024-01-01.csv", "1,5,1,5,1704067202000,false\n");
        using MarketData data = MarketDataFiles.Open([day1, day2]);
        Assert.Equal(new double[] { 1, 5, 2 }, data.Trades.Prices.ToArray());
        Assert.Equal(new[] { 0, 1, 0 }, data.Trades.SymbolIds.ToArray());
    }
}
