using System;
using System.IO;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Xunit;

namespace Backtester.Data.Tests;

public sealed class DepthDataTests : IDisposable
{
    private const long T0 = 1_704_067_200_000_000_000; // 2024-01-01T00:00:00Z in ns
    private const BookUpdateFlags R = BookUpdateFlags.Reset | BookUpdateFlags.Snapshot, S = BookUpdateFlags.Snapshot, N = BookUpdateFlags.None;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string IncrementalHeader = "exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount\n";

    [Fact]
    public void Tardis_incremental_book_becomes_updates_with_a_reset_at_the_start_of_each_snapshot()
    {
        string path = _dir.Write("incremental_book_L2.csv", IncrementalHeader +
            "binance-futures,BTCUSDT,1704067200000000,1704067200000100,true,ask,42001.5,2.5\n" +
            "binance-futures,BTCUSDT,1704067200000000,1704067200000100,true,bid,42000.0,1.25\n" +
            "binance-futures,BTCUSDT,1704067200000000,1704067200000100,true,bid,41999.5,3\n" +
            "binance-futures,BTCUSDT,1704067200100000,1704067200100200,false,bid,42000.0,0\n" +
            "binance-futures,BTCUSDT,1704067200100000,1704067200100200,false,ask,42001.0,0.75\n" +
            "binance-futures,BTCUSDT,1704067200200000,1704067200200100,true,bid,41990,1\n" +
            "binance-futures,BTCUSDT,1704067200200000,1704067200200100,true,ask,41995,1\n");
        using MarketData data = CsvMarketData.Read(path, CsvFormat.TardisIncrementalBookL2);

        BookColumns b = data.Book;
        Assert.Equal("BTCUSDT", data.Symbols[0]);
        Assert.Equal(0, data.Trades.Count);
        Assert.Equal(7, data.EventCount);
        long ms100 = 100_000_000;
        Assert.Equal(new[] { T0, T0, T0, T0 + ms100, T0 + ms100, T0 + 2 * ms100, T0 + 2 * ms100 }, b.Timestamps.ToArray());
        Assert.Equal(new int[7], b.SymbolIds.ToArray());
        Assert.Equal(new[] { BookSide.Ask, BookSide.Bid, BookSide.Bid, BookSide.Bid, BookSide.Ask, BookSide.Bid, BookSide.Ask }, b.Sides.ToArray());
        Assert.Equal(new[] { 42001.5, 42000.0, 41999.5, 42000.0, 42001.0, 41990, 41995 }, b.Prices.ToArray());
        Assert.Equal(new[] { 2.5, 1.25, 3, 0, 0.75, 1, 1 }, b.Sizes.ToArray());
        Assert.Equal(new[] { R, S, S, N, N, R, S }, b.Flags.ToArray());
    }

    [Fact]
    public void Snapshot_runs_reset_per_symbol_when_symbols_interleave()
    {
        string path = _dir.Write("two.csv", IncrementalHeader +
            "x,A,1,1,true,bid,10,1\n" +
            "x,B,1,1,true,bid,20,1\n" +
            "x,A,1,1,true,ask,11,1\n" +
            "x,A,2,2,false,ask,11,0\n" +
            "x,B,2,2,true,ask,21,1\n");
        using MarketData data = CsvMarketData.Read(path, CsvFormat.TardisIncrementalBookL2);
        Assert.Equal(new[] { 0, 1, 0, 0, 1 }, data.Book.SymbolIds.ToArray());
        // B's second snapshot row continues its snapshot: A's incremental row in between does not end it.
        Assert.Equal(new[] { R, R, S, N, S }, data.Book.Flags.ToArray());
    }

    [Fact]
    public void Tardis_rows_of_a_symbol_before_its_first_snapshot_are_skipped()
    {
        // docs.tardis.dev: "Files may contain non-snapshot updates before the first snapshot — skip these rows". A's
        // lines 2 and 4 come before A's snapshot (line 5); B's snapshot (line 3) does not start A's book.
        string path = _dir.Write("reconnect.csv", IncrementalHeader +
            "x,A,1,1,false,bid,9,4\n" +
            "x,B,1,1,true,bid,20,1\n" +
            "x,A,2,2,false,ask,12,1\n" +
            "x,A,3,3,true,bid,10,1\n" +
            "x,A,3,3,true,ask,11,2\n" +
            "x,A,4,4,false,bid,10,0\n");
        using MarketData data = CsvMarketData.Read(path, CsvFormat.TardisIncrementalBookL2);
        Assert.Equal(new[] { 20.0, 10, 11, 10 }, data.Book.Prices.ToArray());
        Assert.Equal(new[] { R, R, S, N }, data.Book.Flags.ToArray());
        Assert.Equal(new[] { 1_000L, 3_000, 3_000, 4_000 }, data.Book.Timestamps.ToArray());

        // A skipped row is still checked: a bad value is an error naming its line.
        string bad = _dir.Write("bad-before.csv", IncrementalHeader + "x,A,1,1,false,bid,-9,4\nx,A,2,2,true,bid,10,1\n");
        var e = Assert.Throws<MarketDataException>(() => CsvMarketData.Read(bad, CsvFormat.TardisIncrementalBookL2));
        Assert.Equal((2L, "price"), (e.Row, e.Column));
    }

    [Theory]
    [InlineData("x,A,1,1,true,bid,NaN,1\n", 2, "price", "positive finite")]
    [InlineData("x,A,1,1,true,bid,-3,1\n", 2, "price", "positive finite")]
    [InlineData("x,A,1,1,true,bid,10,-1\n", 2, "amount", "non-negative finite")]
    [InlineData("x,A,1,1,true,bid,10,abc\n", 2, "amount", "expected a number, got 'abc'")]
    [InlineData("x,A,1,1,true,buy,10,1\n", 2, "side", "expected bid or ask, got 'buy'")]
    [InlineData("x,A,1,1,yes,bid,10,1\n", 2, "is_snapshot", "expected true or false")]
    [InlineData("x,A,5,5,false,bid,10,1\nx,A,4,4,false,bid,10,2\n", 3, "timestamp", "backwards")]
    public void Bad_incremental_rows_name_the_line_and_column(string rows, long line, string column, string problem)
    {
        string path = _dir.Write("bad.csv", IncrementalHeader + rows);
        var e = Assert.Throws<MarketDataException>(() => CsvMarketData.Read(path, CsvFormat.TardisIncrementalBookL2));
        Assert.Equal((line, column), (e.Row, e.Column));
        Assert.Contains(problem, e.Message);
        Assert.StartsWith(path, e.Message);
    }

    [Fact]
    public void Depth_csv_is_detected_by_its_header_and_converts_to_an_arrow_book_file()
    {
        string l2 = _dir.Write("l2.csv", IncrementalHeader + "x,A,1,1,true,bid,10,1\nx,A,1,1,true,ask,11,2\n");
        string snap = _dir.Write("snap.csv", SnapshotHeader + "d,X,1,1,42001,10,42000,5,42002,20,41999,7\n");
        using (MarketData a = MarketDataFiles.Open(l2)) Assert.Equal(2, a.Book.Count);
        using (MarketData b = MarketDataFiles.Open(snap)) Assert.Equal(4, b.Book.Count);

        string arrow = _dir.File("l2.arrow");
        Assert.Equal(2, MarketDataConverter.Convert(l2, arrow));
        using MarketData back = ArrowMarketData.Open(arrow);
        Assert.Equal(new[] { 10.0, 11.0 }, back.Book.Prices.ToArray());
        Assert.Equal(new[] { R, S }, back.Book.Flags.ToArray());
    }

    [Fact]
    public void Book_files_of_two_symbols_merge_by_time_keeping_each_message_whole()
    {
        string a = _dir.Write("a.csv", IncrementalHeader + "x,A,1,1,true,bid,10,1\nx,A,3,3,false,bid,10,2\nx,A,3,3,false,ask,11,2\n");
        string b = _dir.Write("b.csv", IncrementalHeader + "x,B,2,2,true,bid,20,1\nx,B,3,3,false,ask,21,5\n");
        using MarketData merged = MarketDataFiles.Open([a, b]);
        // At time 3 µs: A's two rows (first file) stay together, then B's.
        Assert.Equal(new[] { 10.0, 20, 10, 11, 21 }, merged.Book.Prices.ToArray());
        Assert.Equal(new[] { 0, 1, 0, 0, 1 }, merged.Book.SymbolIds.ToArray());
        Assert.Equal(new[] { 1000L, 2000, 3000, 3000, 3000 }, merged.Book.Timestamps.ToArray());
        Assert.Equal(new[] { R, R, N, N, N }, merged.Book.Flags.ToArray());
    }

    [Fact]
    public void Missing_column_is_named()
    {
        string path = _dir.Write("bad.csv", "exchange,symbol,timestamp,local_timestamp,side,price,amount\nx,A,1,1,bid,10,1\n");
        var e = Assert.Throws<MarketDataException>(() => CsvMarketData.Read(path, CsvFormat.TardisIncrementalBookL2));
        Assert.Equal("is_snapshot", e.Column);
    }

    private const string SnapshotHeader = "exchange,symbol,timestamp,local_timestamp,asks[0].price,asks[0].amount,bids[0].price,bids[0].amount,asks[1].price,asks[1].amount,bids[1].price,bids[1].amount\n";

    [Fact]
    public void Tardis_book_snapshot_rows_become_a_reset_then_bids_and_asks_best_first()
    {
        string path = _dir.Write("book_snapshot_2.csv", SnapshotHeader +
            "deribit,BTC-PERPETUAL,1704067200000000,1704067200000500,42001,10,42000,5,42002,20,41999,7\n" +
            "deribit,BTC-PERPETUAL,1704067201000000,1704067201000500,42001.5,3,42000.5,4,,,41999,8\n");
        using MarketData data = CsvMarketData.Read(path, CsvFormat.TardisBookSnapshot);

        BookColumns b = data.Book;
        long s1 = T0 + 1_000_000_000;
        Assert.Equal(new[] { T0, T0, T0, T0, s1, s1, s1 }, b.Timestamps.ToArray());
        Assert.Equal(new[] { BookSide.Bid, BookSide.Bid, BookSide.Ask, BookSide.Ask, BookSide.Bid, BookSide.Bid, BookSide.Ask }, b.Sides.ToArray());
        Assert.Equal(new[] { 42000, 41999, 42001, 42002, 42000.5, 41999, 42001.5 }, b.Prices.ToArray());
        Assert.Equal(new double[] { 5, 7, 10, 20, 4, 8, 3 }, b.Sizes.ToArray());
        Assert.Equal(new[] { R, S, S, S, R, S, S }, b.Flags.ToArray());
    }

    [Theory]
    [InlineData("d,X,1,1,42001,10,42002,5,42003,20,41999,7\n", "asks[0].price", "best ask above the best bid 42002")]
    [InlineData("d,X,1,1,42001,10,42000,5,42003,20,42000.5,7\n", "bids[1].price", "bids below the level before (42000)")]
    [InlineData("d,X,1,1,42001,10,42000,-5,42003,20,41999,7\n", "bids[0].amount", "non-negative")]
    public void Bad_snapshot_rows_name_the_line_and_column(string row, string column, string problem)
    {
        string path = _dir.Write("bad.csv", SnapshotHeader + row);
        var e = Assert.Throws<MarketDataException>(() => CsvMarketData.Read(path, CsvFormat.TardisBookSnapshot));
        Assert.Equal((2L, column), (e.Row, e.Column));
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Book_updates_round_trip_through_arrow_mapped_in_place()
    {
        MarketData original = SyntheticBook.Generate(new SyntheticBookOptions { Steps = 5_000, Symbols = 2, Seed = 3 });
        string path = _dir.File("book.arrow");
        ArrowMarketDataWriter.Write(original.Symbols, original.Book, path);

        using MarketData mapped = ArrowMarketData.Open(path);
        Assert.Equal(new[] { "SYN0", "SYN1" }, new[] { mapped.Symbols[0], mapped.Symbols[1] });
        Assert.Equal(0, mapped.Trades.Count);
        Assert.Equal(original.Book.Timestamps.ToArray(), mapped.Book.Timestamps.ToArray());
        Assert.Equal(original.Book.SymbolIds.ToArray(), mapped.Book.SymbolIds.ToArray());
        Assert.Equal(original.Book.Sides.ToArray(), mapped.Book.Sides.ToArray());
        Assert.Equal(original.Book.Prices.ToArray(), mapped.Book.Prices.ToArray());
        Assert.Equal(original.Book.Sizes.ToArray(), mapped.Book.Sizes.ToArray());
        Assert.Equal(original.Book.Flags.ToArray(), mapped.Book.Flags.ToArray());
        Assert.False(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(mapped.Book.Prices, out _), "expected a view of the mapped file, not a copy");

        var schema = ArrowFileSchema(path);
        Assert.Equal("book", schema.Metadata["backtester.kind"]);
        Assert.Equal(new[] { "timestamp", "symbol_id", "side", "price", "size", "flags" }, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(schema.FieldsList, f => f.Name)));
        Assert.Equal(ArrowTypeId.UInt8, schema.GetFieldByName("flags").DataType.TypeId);
    }

    [Fact]
    public void Arrow_book_file_with_a_wrong_column_type_is_refused_by_name()
    {
        var schema = new Schema.Builder()
            .Field(new Field("timestamp", new TimestampType(TimeUnit.Nanosecond, "UTC"), false))
            .Field(new Field("symbol_id", Int32Type.Default, false))
            .Field(new Field("side", Int8Type.Default, false))
            .Field(new Field("price", DoubleType.Default, false))
            .Field(new Field("size", DoubleType.Default, false))
            .Field(new Field("flags", Int32Type.Default, false))
            .Metadata("backtester.kind", "book").Metadata("backtester.symbols", "[\"A\"]").Build();
        string path = _dir.File("wrong.arrow");
        using (var stream = File.Create(path))
        using (var writer = new ArrowFileWriter(stream, schema))
        {
            writer.WriteRecordBatch(new RecordBatch(schema, [
                new TimestampArray.Builder(TimeUnit.Nanosecond, "UTC").Append(DateTimeOffset.UnixEpoch).Build(),
                new Int32Array.Builder().Append(0).Build(), new Int8Array.Builder().Append(1).Build(),
                new DoubleArray.Builder().Append(10).Build(), new DoubleArray.Builder().Append(1).Build(),
                new Int32Array.Builder().Append(0).Build()], 1));
            writer.WriteEnd();
        }
        var e = Assert.Throws<MarketDataException>(() => ArrowMarketData.Open(path));
        Assert.Equal("flags", e.Column);
        Assert.Contains("uint8", e.Message);
    }

    [Theory]
    [InlineData(1, "price", double.NaN, 1.0, (sbyte)1, (byte)0)]
    [InlineData(1, "size", 10.0, -1.0, (sbyte)1, (byte)0)]
    [InlineData(1, "side", 10.0, 1.0, (sbyte)0, (byte)0)]
    [InlineData(1, "flags", 10.0, 1.0, (sbyte)-1, (byte)4)]
    public void Book_columns_refuse_bad_rows_by_row_and_column(int row, string column, double price, double size, sbyte side, byte flags)
    {
        long[] ts = [1, 2];
        int[] sym = [0, 0];
        BookSide[] sides = [BookSide.Bid, (BookSide)side];
        double[] prices = [9, price], sizes = [1, size];
        BookUpdateFlags[] f = [BookUpdateFlags.None, (BookUpdateFlags)flags];
        var e = Assert.Throws<MarketDataException>(() => new BookColumns("mem", 1, ts, sym, sides, prices, sizes, f));
        Assert.Equal((row, column), ((int)e.Row, e.Column));
    }

    [Fact]
    public void Book_columns_refuse_time_going_backwards()
    {
        var e = Assert.Throws<MarketDataException>(() => new BookColumns("mem", 1, new long[] { 5, 4 }, new int[2],
            new[] { BookSide.Bid, BookSide.Bid }, new double[] { 1, 1 }, new double[] { 1, 1 }, new BookUpdateFlags[2]));
        Assert.Equal((1L, "timestamp"), (e.Row, e.Column));
        Assert.Equal(MarketDataRemedy.None, e.Remedy); // columns made in memory: no read setting sorts them
    }

    [Fact]
    public void Incremental_book_rows_going_backwards_name_sorting_as_the_remedy_and_sort_when_asked()
    {
        string path = _dir.Write("bad.csv", IncrementalHeader + "x,A,5,5,true,bid,10,1\nx,A,7,7,false,bid,10,2\nx,A,6,6,false,ask,11,2\n");
        var e = Assert.Throws<MarketDataException>(() => CsvMarketData.Read(path, CsvFormat.TardisIncrementalBookL2));
        Assert.Equal((4L, MarketDataRemedy.SortIfUnordered), (e.Row, e.Remedy));
        Assert.EndsWith("(set MarketDataReadOptions.SortIfUnordered to sort instead)", e.Message);
        using MarketData sorted = MarketDataFiles.Open(path, new MarketDataReadOptions { SortIfUnordered = true });
        Assert.Equal(new long[] { 5_000, 6_000, 7_000 }, sorted.Book.Timestamps.ToArray());
    }

    private static Schema ArrowFileSchema(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        return reader.Schema;
    }
}
