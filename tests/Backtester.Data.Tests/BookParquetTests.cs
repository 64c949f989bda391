using System;
using System.IO;
using System.Threading.Tasks;
using Parquet;
using Parquet.Schema;
using Xunit;

namespace Backtester.Data.Tests;

/// <summary>L2 book updates in Parquet: the Arrow book file's columns, written and read back, checked as an Arrow book file is.</summary>
public sealed class BookParquetTests : IDisposable
{
    private const BookUpdateFlags R = BookUpdateFlags.Reset | BookUpdateFlags.Snapshot, S = BookUpdateFlags.Snapshot, N = BookUpdateFlags.None;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_synthetic_book_reads_back_from_parquet_as_from_arrow_column_by_column()
    {
        MarketData market = SyntheticBook.Generate(new SyntheticBookOptions { Steps = 5_000, Symbols = 3, Levels = 5, Seed = 7 });
        string arrow = _dir.File("book.arrow"), parquet = _dir.File("book.parquet");
        ArrowMarketDataWriter.Write(market.Symbols, market.Book, arrow);
        ParquetMarketData.Write(market.Symbols, market.Book, parquet);

        using MarketData a = MarketDataFiles.Open(arrow);
        using MarketData p = MarketDataFiles.Open(parquet);
        Assert.True(p.Book.Count > 5_000, "every step changes the book at least once");
        Assert.Equal(a.Book.Timestamps.ToArray(), p.Book.Timestamps.ToArray());
        Assert.Equal(a.Book.SymbolIds.ToArray(), p.Book.SymbolIds.ToArray());
        Assert.Equal(a.Book.Sides.ToArray(), p.Book.Sides.ToArray());
        Assert.Equal(a.Book.Prices.ToArray(), p.Book.Prices.ToArray());
        Assert.Equal(a.Book.Sizes.ToArray(), p.Book.Sizes.ToArray());
        Assert.Equal(a.Book.Flags.ToArray(), p.Book.Flags.ToArray());
        Assert.Equal((0, 0, 0), (p.Trades.Count, p.Quotes.Count, p.Bars.Count));
        Assert.Equal(new[] { "SYN0", "SYN1", "SYN2" }, new[] { p.Symbols[0], p.Symbols[1], p.Symbols[2] });
        // And both equal what was written: the same content fingerprint as the generated book.
        Assert.Equal(market.Book.Prices.ToArray(), p.Book.Prices.ToArray());
        Assert.Equal(a.Identity.Fingerprint, p.Identity.Fingerprint);
    }

    [Fact]
    public void Book_rows_written_to_parquet_read_back_exactly_with_their_flags()
    {
        // A snapshot of two symbols at 1000 (X: bid 99 × 5 first, so Reset|Snapshot; ask 101 × 3), then X's bid removed at 2000.
        var book = new BookColumns("hand", 2, new long[] { 1_000, 1_000, 1_000, 2_000 }, new[] { 0, 0, 1, 0 },
            new[] { BookSide.Bid, BookSide.Ask, BookSide.Ask, BookSide.Bid }, new[] { 99.0, 101, 7.5, 99 }, new[] { 5.0, 3, 2, 0 }, new[] { R, S, R, N });
        string path = _dir.File("hand.parquet");
        ParquetMarketData.Write(new SymbolTable(["X", "Y"]), book, path);

        using MarketData read = ParquetMarketData.Read(path);
        Assert.Equal(new long[] { 1_000, 1_000, 1_000, 2_000 }, read.Book.Timestamps.ToArray());
        Assert.Equal(new[] { 0, 0, 1, 0 }, read.Book.SymbolIds.ToArray());
        Assert.Equal(new[] { BookSide.Bid, BookSide.Ask, BookSide.Ask, BookSide.Bid }, read.Book.Sides.ToArray());
        Assert.Equal(new[] { 99.0, 101, 7.5, 99 }, read.Book.Prices.ToArray());
        Assert.Equal(new[] { 5.0, 3, 2, 0 }, read.Book.Sizes.ToArray());
        Assert.Equal(new[] { R, S, R, N }, read.Book.Flags.ToArray());
        Assert.Equal("Y", read.Symbols[1]);
    }

    [Fact]
    public async Task The_file_has_the_arrow_book_columns_with_a_string_symbol()
    {
        var book = new BookColumns("hand", 1, new long[] { 1 }, new[] { 0 }, new[] { BookSide.Ask }, new[] { 1.0 }, new[] { 1.0 }, new[] { R });
        string path = _dir.File("one.parquet");
        ParquetMarketData.Write(new SymbolTable(["X"]), book, path);
        await using var stream = File.OpenRead(path);
        await using ParquetReader reader = await ParquetReader.CreateAsync(stream);
        DataField[] fields = reader.Schema.GetDataFields();
        Assert.Equal(new[] { "timestamp", "symbol", "side", "price", "size", "flags" }, Array.ConvertAll(fields, f => f.Name));
        // Parquet.Net shows a UTF-8 string column as ReadOnlyMemory<char>; sbyte is INT32 annotated INT(8, signed), byte INT(8, unsigned).
        Assert.Equal(new[] { typeof(long), typeof(ReadOnlyMemory<char>), typeof(sbyte), typeof(double), typeof(double), typeof(byte) }, Array.ConvertAll(fields, f => f.ClrType));
    }

    [Fact]
    public void Rows_out_of_order_across_symbols_are_sorted_stably_and_within_a_symbol_refused_unless_asked()
    {
        // Y's row at 1 comes after X's at 2: sorted, X's two rows at 2 (one message) keep their order.
        string across = WriteRaw("across.parquet", ts: [2, 2, 1], symbols: ["X", "X", "Y"], sides: [1, -1, 1], prices: [10, 11, 20], sizes: [1, 1, 1], flags: [3, 2, 3]);
        using (MarketData data = ParquetMarketData.Read(across))
        {
            Assert.Equal(new long[] { 1, 2, 2 }, data.Book.Timestamps.ToArray());
            Assert.Equal(new[] { 20.0, 10, 11 }, data.Book.Prices.ToArray());
        }

        // X goes from 5 back to 4 at row 2 (0-based): an error, or sorted when asked for.
        string within = WriteRaw("within.parquet", ts: [5, 6, 4], symbols: ["X", "Y", "X"], sides: [1, 1, 1], prices: [10, 20, 10], sizes: [1, 1, 2], flags: [3, 3, 0]);
        var e = Assert.Throws<MarketDataException>(() => MarketDataFiles.Open(within));
        Assert.Equal((within, 2L, "timestamp"), (e.Source, e.Row, e.Column));
        Assert.Contains("timestamps go backwards within the symbol: 4 after 5", e.Message);
        using MarketData sorted = ParquetMarketData.Read(within, new MarketDataReadOptions { SortIfUnordered = true });
        Assert.Equal(new long[] { 4, 5, 6 }, sorted.Book.Timestamps.ToArray());
    }

    [Theory]
    [InlineData(double.NaN, 1.0, (sbyte)1, (byte)0, "price", "expected a positive finite number, got NaN")]
    [InlineData(-1.0, 1.0, (sbyte)1, (byte)0, "price", "expected a positive finite number, got -1")]
    [InlineData(10.0, -0.5, (sbyte)1, (byte)0, "size", "expected a non-negative finite number, got -0.5")]
    [InlineData(10.0, double.PositiveInfinity, (sbyte)1, (byte)0, "size", "expected a non-negative finite number")]
    [InlineData(10.0, 1.0, (sbyte)2, (byte)0, "side", "expected Bid (1) or Ask (-1), got 2")]
    [InlineData(10.0, 1.0, (sbyte)0, (byte)0, "side", "expected Bid (1) or Ask (-1), got 0")]
    [InlineData(10.0, 1.0, (sbyte)-1, (byte)4, "flags", "got 4")] // EndOfBatch is the replay's, not the data's
    public void A_bad_value_in_a_book_parquet_file_names_the_file_row_and_column(double price, double size, sbyte side, byte flags, string column, string problem)
    {
        // The bad value is the third row (row 2, 0-based), after two good ones.
        string path = WriteRaw("bad.parquet", ts: [1, 2, 3], symbols: ["X", "X", "X"], sides: [1, -1, side], prices: [10, 11, price], sizes: [1, 1, size], flags: [3, 2, flags]);
        var e = Assert.Throws<MarketDataException>(() => MarketDataFiles.Open(path));
        Assert.Equal((path, 2L, column), (e.Source, e.Row, e.Column));
        Assert.Contains(problem, e.Message);
        Assert.StartsWith($"{path}: row 2, column '{column}'", e.Message);
    }

    [Fact]
    public void A_book_parquet_file_missing_a_column_or_with_a_wrong_type_is_refused_by_name()
    {
        string noSize = WriteRaw("nosize.parquet", ts: [1], symbols: ["X"], sides: [1], prices: [10], sizes: [1], flags: [3], dropSize: true);
        var missing = Assert.Throws<MarketDataException>(() => ParquetMarketData.Read(noSize));
        Assert.Equal("size", missing.Column);
        Assert.Contains("missing column", missing.Message);

        string wide = WriteRaw("wide.parquet", ts: [1], symbols: ["X"], sides: [1], prices: [10], sizes: [1], flags: [3], flagsAsInt: true);
        var mistyped = Assert.Throws<MarketDataException>(() => ParquetMarketData.Read(wide));
        Assert.Equal("flags", mistyped.Column);
        // Named in Parquet's terms, as DuckDB or pyarrow show the schema: Parquet.Net writes an int as INT32 annotated INT(32, signed).
        Assert.Contains("expected Parquet type INT32 annotated INT(8, unsigned), got INT32 annotated INT(32, signed)", mistyped.Message);
    }

    [Fact]
    public void A_failed_book_write_keeps_the_previous_file_and_leaves_no_temporary_file()
    {
        string path = _dir.File("out.parquet");
        var book = new BookColumns("b", 1, new long[] { 1 }, new[] { 0 }, new[] { BookSide.Bid }, new[] { 10.0 }, new[] { 1.0 }, new[] { R });
        ParquetMarketData.Write(new SymbolTable(["X"]), book, path);
        byte[] before = File.ReadAllBytes(path);

        // Book updates and trades in one data set: a file holds one kind.
        MarketData both = SyntheticBook.Generate(new SyntheticBookOptions { Steps = 100 });
        var e = Assert.Throws<ArgumentException>(() => ParquetMarketData.Write(both, path));
        Assert.Contains("book updates and 1 other kind(s)", e.Message);
        Assert.Equal(new[] { path }, _dir.Files());
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_bad_book_csv_converted_to_parquet_writes_nothing()
    {
        string csv = _dir.Write("l2.csv", "exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount\nx,A,1,1,true,bid,10,1\nx,A,2,2,false,ask,NaN,1\n");
        string parquet = _dir.File("l2.parquet");
        var e = Assert.Throws<MarketDataException>(() => MarketDataConverter.Convert(csv, parquet));
        Assert.Equal((3L, "price"), (e.Row, e.Column));
        Assert.Equal(new[] { csv }, _dir.Files());
    }

    [Fact]
    public void Tardis_book_csv_converts_to_parquet_and_back_to_the_same_rows()
    {
        string csv = _dir.Write("l2.csv", "exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount\n" +
            "x,A,1,1,true,bid,10,1\nx,A,1,1,true,ask,11,2\nx,A,3,3,false,ask,11,0\n");
        string parquet = _dir.File("l2.parquet");
        Assert.Equal(3, MarketDataConverter.Convert(csv, parquet));
        using MarketData back = MarketDataFiles.Open(parquet);
        // Tardis timestamps are µs: 1 µs = 1,000 ns.
        Assert.Equal(new long[] { 1_000, 1_000, 3_000 }, back.Book.Timestamps.ToArray());
        Assert.Equal(new[] { 10.0, 11, 11 }, back.Book.Prices.ToArray());
        Assert.Equal(new[] { 1.0, 2, 0 }, back.Book.Sizes.ToArray());
        Assert.Equal(new[] { R, S, N }, back.Book.Flags.ToArray());

        // Parquet back to Arrow: the same rows again.
        string arrow = _dir.File("l2.arrow");
        Assert.Equal(3, MarketDataConverter.Convert(parquet, arrow));
        using MarketData again = MarketDataFiles.Open(arrow);
        Assert.Equal(back.Book.Sizes.ToArray(), again.Book.Sizes.ToArray());
    }

    [Fact]
    public void Market_by_order_rows_are_refused_for_parquet_with_the_file_and_the_reason()
    {
        string csv = _dir.Write("orders.csv", "timestamp,symbol,order_id,side,price,size,action\n1000,X,10,ask,101,5,add\n1000,X,1,bid,100,2,add\n");
        string parquet = _dir.File("orders.parquet");
        var e = Assert.Throws<ArgumentException>(() => MarketDataConverter.Convert(csv, parquet));
        Assert.Contains($"'{csv}' holds market-by-order (L3) rows", e.Message);
        Assert.Contains("no column for the order ids and actions", e.Message);
        Assert.Equal(new[] { csv }, _dir.Files());
    }

    /// <summary>A book Parquet file written with Parquet.Net directly, so it can hold what <see cref="BookColumns"/> refuses.</summary>
    private string WriteRaw(string name, long[] ts, string[] symbols, sbyte[] sides, double[] prices, double[] sizes, byte[] flags, bool dropSize = false, bool flagsAsInt = false)
    {
        string path = _dir.File(name);
        var fields = new System.Collections.Generic.List<DataField>
        {
            new DataField<long>("timestamp"), new DataField<string>("symbol", false), new DataField<sbyte>("side"), new DataField<double>("price"),
        };
        if (!dropSize) fields.Add(new DataField<double>("size"));
        fields.Add(flagsAsInt ? new DataField<int>("flags") : new DataField<byte>("flags"));
        Write().GetAwaiter().GetResult();
        return path;

        async Task Write()
        {
            await using FileStream stream = File.Create(path);
            await using ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields.ToArray()), stream);
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            int f = 0;
            await group.WriteAsync(fields[f++], (ReadOnlyMemory<long>)ts);
            await group.WriteAsync(fields[f++], symbols);
            await group.WriteAsync(fields[f++], (ReadOnlyMemory<sbyte>)sides);
            await group.WriteAsync(fields[f++], (ReadOnlyMemory<double>)prices);
            if (!dropSize) await group.WriteAsync(fields[f++], (ReadOnlyMemory<double>)sizes);
            if (flagsAsInt) await group.WriteAsync(fields[f], (ReadOnlyMemory<int>)Array.ConvertAll(flags, b => (int)b));
            else await group.WriteAsync(fields[f], (ReadOnlyMemory<byte>)flags);
        }
    }
}
