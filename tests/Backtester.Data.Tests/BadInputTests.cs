using System;
using System.Collections.Generic;
using System.IO;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Backtester.Data;
using Xunit;

namespace Backtester.Data.Tests;

/// <summary>Every bad input stops with a <see cref="MarketDataException"/> naming file, row (CSV: 1-based line) and column.</summary>
public sealed class BadInputTests : IDisposable
{
    private const string TardisHeader = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static MarketDataException Fails(Func<MarketData> read) => Assert.Throws<MarketDataException>(() => read());

    private MarketDataException BinanceFails(string text) =>
        Fails(() => CsvMarketData.Read(_dir.Write("BTCUSDT-trades-2024-01-01.csv", text), CsvFormat.BinanceTrades));

    private string BinancePath => _dir.File("BTCUSDT-trades-2024-01-01.csv");

    [Fact]
    public void Unparsable_price_names_line_and_column()
    {
        var e = BinanceFails("1,42000.5,0.01,420,1704067200000,true\n2,abc,0.01,420,1704067200001,true\n");
        Assert.Equal($"{BinancePath}: row 2, column 'price': expected a number, got 'abc'", e.Message);
        Assert.Equal((2L, "price"), (e.Row, e.Column));
    }

    [Fact]
    public void Binance_timestamps_in_seconds_are_refused_rather_than_read_as_1970()
    {
        // 1704067201 s is 2024-01-01T00:00:01; as the milliseconds Binance writes it is 1970-01-20 17:21:07.
        var e = BinanceFails("1,42000.5,0.01,420,1704067200000,true\n2,42000.5,0.01,420,1704067201,true\n");
        Assert.Equal((2L, "time"), (e.Row, e.Column));
        Assert.Contains("got 1704067201, which as milliseconds is 1970-01-20 17:21:07 UTC; timestamps in seconds?", e.Message);

        // klines too: an open time in seconds
        var k = Fails(() => CsvMarketData.Read(_dir.Write("BTCUSDT-1m-2024-01-01.csv", "1704067200,42000,42010,41990,42005,1.5,1704067259,63007.5,10,0.7,29403.5,0\n"), CsvFormat.BinanceKlines));
        Assert.Equal((1L, "open_time"), (k.Row, k.Column));
        Assert.Contains("timestamps in seconds?", k.Message);
    }

    [Fact]
    public void Line_numbers_count_the_header_line()
    {
        var e = BinanceFails("id,price,qty,quote_qty,time,is_buyer_maker\n1,42000.5,x,420,1704067200000,true\n");
        Assert.Equal($"{BinancePath}: row 2, column 'qty': expected a number, got 'x'", e.Message);
    }

    [Fact]
    public void NaN_price_is_rejected()
    {
        var e = BinanceFails("1,NaN,0.01,420,1704067200000,true\n");
        Assert.Equal($"{BinancePath}: row 1, column 'price': expected a positive finite number, got NaN", e.Message);
    }

    [Fact]
    public void Infinite_size_is_rejected()
    {
        var e = BinanceFails("1,1,Infinity,420,1704067200000,true\n");
        Assert.StartsWith($"{BinancePath}: row 1, column 'qty': expected a positive finite number, got ", e.Message);
    }

    [Fact]
    public void Negative_size_is_rejected()
    {
        var e = BinanceFails("1,1,-0.5,420,1704067200000,true\n");
        Assert.Equal($"{BinancePath}: row 1, column 'qty': expected a positive finite number, got -0.5", e.Message);
    }

    [Fact]
    public void Zero_price_is_rejected()
    {
        var e = BinanceFails("1,0,1,0,1704067200000,true\n");
        Assert.Equal($"{BinancePath}: row 1, column 'price': expected a positive finite number, got 0", e.Message);
        Assert.Equal(MarketDataRemedy.None, e.Remedy); // no reader setting makes a zero price right
    }

    [Fact]
    public void Timestamps_going_backwards_within_a_symbol_are_rejected()
    {
        var e = BinanceFails("1,1,1,1,1704067200005,true\n2,1,1,1,1704067200009,true\n3,1,1,1,1704067200001,true\n");
        Assert.Equal($"{BinancePath}: row 3, column 'time': timestamps go backwards within the symbol: 1704067200001000000 after 1704067200009000000 (set MarketDataReadOptions.SortIfUnordered to sort instead)", e.Message);
        Assert.Equal(MarketDataRemedy.SortIfUnordered, e.Remedy);
        Assert.Equal("timestamps go backwards within the symbol: 1704067200001000000 after 1704067200009000000", e.Problem);
        Assert.Equal((3L, "time"), (e.Row, e.Column));
    }

    [Fact]
    public void Unknown_buyer_maker_value_is_rejected()
    {
        var e = BinanceFails("1,1,1,1,1704067200000,maybe\n");
        Assert.Equal($"{BinancePath}: row 1, column 'is_buyer_maker': expected true or false, got 'maybe'", e.Message);
    }

    [Fact]
    public void Unknown_tardis_side_is_rejected()
    {
        string path = _dir.Write("t.csv", TardisHeader + "x,A,1,1,1,unknown,1,1\n");
        var e = Fails(() => CsvMarketData.Read(path, CsvFormat.TardisTrades));
        Assert.Equal($"{path}: row 2, column 'side': expected one of buy, sell, got 'unknown'", e.Message);
    }

    [Fact]
    public void Missing_csv_column_is_named_with_the_header_found()
    {
        string path = _dir.Write("t.csv", "exchange,symbol,timestamp,local_timestamp,id,side,price\nx,A,1,1,1,buy,1\n");
        var e = Fails(() => CsvMarketData.Read(path, CsvFormat.TardisTrades));
        Assert.Equal($"{path}: column 'amount': missing column (the header has: exchange, symbol, timestamp, local_timestamp, id, side, price)", e.Message);
    }

    [Fact]
    public void Short_row_is_rejected()
    {
        var e = BinanceFails("1,42000.5,0.01\n");
        Assert.Equal($"{BinancePath}: row 1: expected 6 or 7 columns, got 3 (a line cut short?)", e.Message);
    }

    // Before: "row 3: expected 6 or 7 columns, got 1 (a line cut short?)"
    [Fact]
    public void An_empty_line_is_named_as_empty_not_as_a_line_cut_short()
    {
        var e = BinanceFails("1,42000.5,0.01,420.005,1704067200000,true,true\n2,42000.5,0.01,420.005,1704067201000,true,true\n\n\n");
        Assert.Equal($"{BinancePath}: row 3: the line is empty (every line must be a row: remove empty lines, such as several at the end of the file)", e.Message);
    }

    [Fact]
    public void Empty_csv_file_is_rejected()
    {
        var e = BinanceFails("");
        Assert.Equal($"{BinancePath}: the file is empty", e.Message);
    }

    [Fact]
    public void Empty_csv_file_whose_layout_must_be_detected_from_its_header_is_rejected_as_empty()
    {
        // No Binance dump name, so the layout comes from the header, which an empty file does not have.
        string path = _dir.Write("trades.csv", "");
        Assert.Equal($"{path}: the file is empty", Fails(() => MarketDataFiles.Open(path)).Message);
    }

    [Theory]
    [InlineData("days.arrow")]
    [InlineData("days.csv")]
    [InlineData("days")]
    public void A_folder_given_as_a_file_is_rejected_as_a_folder(string name)
    {
        string path = _dir.File(name);
        Directory.CreateDirectory(path);
        Assert.Equal($"{path}: expected a file, got a folder (open its files as a list, or as MarketDataSegments)", Fails(() => MarketDataFiles.Open(path)).Message);
    }

    // Before: "Cannot tell the format of '….zip': expected .arrow, …", for the file data.binance.vision serves.
    [Fact]
    public void A_zip_archive_is_refused_with_the_advice_to_unzip_it()
    {
        string path = _dir.File("BTCUSDT-trades-2024-01-01.zip");
        File.WriteAllBytes(path, [0x50, 0x4B, 0x03, 0x04]);
        var e = Assert.Throws<ArgumentException>(() => MarketDataFiles.Open(path));
        Assert.StartsWith($"'{path}' is a zip archive, which is not read: unzip it (Binance's dumps are one CSV file in a zip) and give the .csv, or gzip it (.csv.gz).", e.Message);
    }

    [Fact]
    public void Csv_file_with_only_a_header_is_rejected()
    {
        string path = _dir.Write("t.csv", TardisHeader);
        var e = Fails(() => CsvMarketData.Read(path, CsvFormat.TardisTrades));
        Assert.Equal($"{path}: the file has no data rows", e.Message);
    }

    [Fact]
    public void Kline_with_low_above_high_is_rejected()
    {
        string path = _dir.Write("BTCUSDT-1m-2024-01-01.csv", "1704067200000,10,11,12,10.5,1,1704067259999,0,0,0,0,0\n");
        var e = Fails(() => CsvMarketData.Read(path, CsvFormat.BinanceKlines));
        Assert.Equal($"{path}: row 1, column 'low': expected low ≤ high, got low 12 > high 11", e.Message);
    }

    [Fact]
    public void Quote_with_bid_above_ask_is_rejected()
    {
        string path = _dir.Write("q.csv", "exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount\nx,A,1,1,1,100,101,1\n");
        var e = Fails(() => CsvMarketData.Read(path, CsvFormat.TardisQuotes));
        Assert.Equal($"{path}: row 2, column 'bid_price': expected the bid at or below the ask, got bid 101 > ask 100", e.Message);
    }

    [Fact]
    public void Arrow_column_of_the_wrong_type_names_field_expected_and_actual_types()
    {
        string path = WriteArrow("t.arrow", price: new Int64Array.Builder().Append(5).Build());
        var e = Fails(() => ArrowMarketData.Open(path));
        Assert.Equal($"{path}: column 'price': expected Arrow type double, got int64", e.Message);
    }

    [Fact]
    public void Arrow_timestamp_in_milliseconds_is_rejected()
    {
        string path = WriteArrow("t.arrow", timestampType: new TimestampType(TimeUnit.Millisecond, "UTC"));
        var e = Fails(() => ArrowMarketData.Open(path));
        Assert.Equal($"{path}: column 'timestamp': expected Arrow type timestamp[ns, tz=UTC], got timestamp[ms, tz=UTC]", e.Message);
    }

    [Fact]
    public void Arrow_file_without_a_size_column_is_rejected()
    {
        string path = WriteArrow("t.arrow", omit: "size");
        var e = Fails(() => ArrowMarketData.Open(path));
        Assert.Equal($"{path}: column 'size': missing column (expected Arrow type double)", e.Message);
    }

    [Fact]
    public void Arrow_negative_price_names_the_zero_based_row()
    {
        string path = WriteArrow("t.arrow", prices: [1, -2]);
        var e = Fails(() => ArrowMarketData.Open(path));
        Assert.Equal($"{path}: row 1, column 'price': expected a positive finite number, got -2", e.Message);
    }

    [Fact]
    public void Arrow_unknown_side_value_is_rejected()
    {
        string path = WriteArrow("t.arrow", sides: [1, 0]);
        var e = Fails(() => ArrowMarketData.Open(path));
        Assert.Equal($"{path}: row 1, column 'side': expected Buy (1) or Sell (-1), got 0", e.Message);
    }

    [Fact]
    public void Arrow_timestamps_going_backwards_within_a_symbol_are_rejected_unless_sorting_is_asked()
    {
        string path = WriteArrow("t.arrow", timestamps: [5, 3]);
        var e = Fails(() => ArrowMarketData.Open(path));
        Assert.Equal($"{path}: row 1, column 'timestamp': timestamps go backwards within the symbol: 3 after 5 (set MarketDataReadOptions.SortIfUnordered to sort instead)", e.Message);
        Assert.Equal(MarketDataRemedy.SortIfUnordered, e.Remedy);
        using MarketData sorted = ArrowMarketData.Open(path, new MarketDataReadOptions { SortIfUnordered = true });
        Assert.Equal(new long[] { 3, 5 }, sorted.Trades.Timestamps.ToArray());
    }

    [Fact]
    public void Truncated_arrow_file_is_reported_as_truncated()
    {
        string path = _dir.File("t.arrow");
        ArrowMarketDataWriter.Write(SyntheticData.Trades(new SyntheticDataOptions { Events = 1000 }), path);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Fails(() => ArrowMarketData.Open(path));
        Assert.Equal($"{path}: truncated Arrow IPC file: it does not end with the 'ARROW1' footer magic (was it cut short while being written?)", e.Message);
    }

    [Fact]
    public void Empty_arrow_file_is_rejected()
    {
        string path = _dir.Write("t.arrow", "");
        Assert.Equal($"{path}: the file is empty", Fails(() => ArrowMarketData.Open(path)).Message);
    }

    [Fact]
    public void Non_arrow_file_is_rejected()
    {
        string path = _dir.Write("t.arrow", "timestamp,price\n1,2\n3,4\n5,6\n");
        Assert.Equal($"{path}: not an Arrow IPC file: it does not start with 'ARROW1'", Fails(() => ArrowMarketData.Open(path)).Message);
    }

    [Fact]
    public void Truncated_parquet_file_is_rejected()
    {
        string path = _dir.File("t.parquet");
        ParquetMarketData.Write(SyntheticData.Trades(new SyntheticDataOptions { Events = 1000 }), path);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Fails(() => ParquetMarketData.Read(path));
        Assert.Equal($"{path}: truncated Parquet file: it does not end with 'PAR1' (was it cut short while being written?)", e.Message);
    }

    [Fact]
    public void Empty_parquet_file_is_rejected()
    {
        string path = _dir.Write("t.parquet", "");
        Assert.Equal($"{path}: the file is empty", Fails(() => ParquetMarketData.Read(path)).Message);
    }

    /// <summary>A two-row trades file with our schema, except for what the arguments change.</summary>
    private string WriteArrow(string name, IArrowArray? price = null, TimestampType? timestampType = null, string? omit = null,
        double[]? prices = null, sbyte[]? sides = null, long[]? timestamps = null)
    {
        timestampType ??= new TimestampType(TimeUnit.Nanosecond, "UTC");
        Int64Array ts = new Int64Array.Builder().AppendRange(timestamps ?? [1, 2]).Build();
        var columns = new List<(string Name, IArrowArray Array)>
        {
            ("timestamp", new TimestampArray(new ArrayData(timestampType, ts.Length, 0, 0, ts.Data.Buffers))),
            ("symbol_id", new Int32Array.Builder().AppendRange([0, 0]).Build()),
            ("price", price ?? new DoubleArray.Builder().AppendRange(prices ?? [1, 2]).Build()),
            ("size", new DoubleArray.Builder().AppendRange([1, 1]).Build()),
            ("side", new Int8Array.Builder().AppendRange(sides ?? [1, -1]).Build()),
        };
        columns.RemoveAll(c => c.Name == omit);
        var schema = new Schema.Builder();
        foreach (var (n, a) in columns) schema.Field(new Field(n, a.Data.DataType, nullable: false));
        schema.Metadata("backtester.symbols", "[\"X\"]");
        Schema built = schema.Build();
        string path = _dir.File(name);
        using var stream = File.Create(path);
        using var writer = new ArrowFileWriter(stream, built);
        writer.WriteRecordBatch(new RecordBatch(built, columns.ConvertAll(c => c.Array), columns[0].Array.Length));
        writer.WriteEnd();
        return path;
    }
}
