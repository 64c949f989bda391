using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Parquet;
using Parquet.Schema;
using Xunit;

namespace Backtester.Data.Tests;

/// <summary>
/// Our Parquet files carry their symbol table (key-value metadata <c>backtester.symbols</c>, the Arrow files' JSON array),
/// so symbol ids and the data's fingerprint survive a trip through Parquet; files without it number symbols in order of
/// first appearance, as before.
/// </summary>
public sealed class ParquetSymbolTableTests : IDisposable
{
    private const string Rule = "expected a symbol of at most 64 letters, digits and - _ . / : +";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Synthetic_trades_converted_to_arrow_and_to_parquet_have_the_same_symbol_ids_and_fingerprint()
    {
        const string Source = "synthetic:market,days=2,quotes=false,bars=false";
        string arrow = _dir.File("trades.arrow"), parquet = _dir.File("trades.parquet"), back = _dir.File("back.arrow");
        MarketDataConverter.Convert(Source, arrow);
        MarketDataConverter.Convert(Source, parquet);
        MarketDataConverter.Convert(parquet, back);

        using MarketData a = MarketDataFiles.Open(arrow);
        using MarketData p = MarketDataFiles.Open(parquet);
        using MarketData b = MarketDataFiles.Open(back);
        // The generator's symbols in their declared order (SyntheticSymbol.Defaults), whichever trades first.
        string[] expected = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT"];
        foreach (MarketData d in new[] { a, p, b })
        {
            Assert.Equal(4, d.Symbols.Count);
            for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], d.Symbols[i]);
        }
        Assert.Equal(a.Trades.SymbolIds.ToArray(), p.Trades.SymbolIds.ToArray());
        Assert.Equal(a.Trades.SymbolIds.ToArray(), b.Trades.SymbolIds.ToArray());
        Assert.Equal(a.Identity.Fingerprint, p.Identity.Fingerprint);
        Assert.Equal(a.Identity.Fingerprint, b.Identity.Fingerprint);
    }

    [Fact]
    public void A_parquet_file_keeps_ids_that_differ_from_first_appearance_and_a_symbol_without_rows()
    {
        // AAA (id 1) trades first, then ZZZ (id 0); MMM (id 2) never trades. First-appearance numbering would give
        // AAA 0, ZZZ 1 and drop MMM.
        using var data = new MarketData(new SymbolTable(["ZZZ", "AAA", "MMM"]),
            new TradeColumns("mem", 3, new long[] { 1, 2, 3 }, new[] { 1, 0, 1 }, new[] { 10.0, 20, 11 }, new[] { 1.0, 2, 3 }, new[] { Side.Buy, Side.Sell, Side.Buy }));
        string path = _dir.File("t.parquet");
        ParquetMarketData.Write(data, path);

        using MarketData read = ParquetMarketData.Read(path);

        Assert.Equal(3, read.Symbols.Count);
        Assert.Equal(("ZZZ", "AAA", "MMM"), (read.Symbols[0], read.Symbols[1], read.Symbols[2]));
        Assert.Equal(new[] { 1, 0, 1 }, read.Trades.SymbolIds.ToArray());
        Assert.Equal(data.Identity.Fingerprint, read.Identity.Fingerprint);
    }

    [Fact]
    public void A_parquet_book_file_keeps_its_symbol_ids()
    {
        // Only Y (id 1) has rows: a bid 99 × 5 that resets its book.
        var book = new BookColumns("hand", 2, new long[] { 1_000 }, new[] { 1 }, new[] { BookSide.Bid }, new[] { 99.0 }, new[] { 5.0 },
            new[] { BookUpdateFlags.Reset | BookUpdateFlags.Snapshot });
        string path = _dir.File("book.parquet");
        ParquetMarketData.Write(new SymbolTable(["X", "Y"]), book, path);

        using MarketData read = ParquetMarketData.Read(path);

        Assert.Equal(("X", "Y"), (read.Symbols[0], read.Symbols[1]));
        Assert.Equal(new[] { 1 }, read.Book.SymbolIds.ToArray());
    }

    [Fact]
    public void A_parquet_file_without_the_table_numbers_symbols_in_order_of_first_appearance()
    {
        string path = WriteTrades("pandas.parquet", ["ETHUSDT", "BTCUSDT", "ETHUSDT"], metadata: null);

        using MarketData read = ParquetMarketData.Read(path);

        Assert.Equal(("ETHUSDT", "BTCUSDT"), (read.Symbols[0], read.Symbols[1]));
        Assert.Equal(new[] { 0, 1, 0 }, read.Trades.SymbolIds.ToArray());
    }

    [Fact]
    public void A_parquet_file_whose_table_lacks_a_symbol_of_its_column_is_refused_at_its_first_row()
    {
        string path = WriteTrades("t.parquet", ["BTCUSDT", "BTCUSDT", "ETHUSDT"], "[\"BTCUSDT\"]");

        var e = Assert.Throws<MarketDataException>(() => ParquetMarketData.Read(path));

        Assert.Equal($"{path}: row 2, column 'symbol': 'ETHUSDT' is not among the 1 symbol(s) of the file's Parquet key-value metadata 'backtester.symbols'", e.Message);
    }

    [Fact]
    public void A_parquet_table_naming_a_symbol_twice_is_refused()
    {
        string path = WriteTrades("t.parquet", ["BTCUSDT"], "[\"BTCUSDT\",\"ETHUSDT\",\"BTCUSDT\"]");

        var e = Assert.Throws<MarketDataException>(() => ParquetMarketData.Read(path));

        Assert.Equal($"{path}: column 'symbol': Parquet key-value metadata 'backtester.symbols' names 'BTCUSDT' twice (symbols 0 and 2)", e.Message);
    }

    [Fact]
    public void A_parquet_table_with_a_name_breaking_the_rule_is_refused_naming_the_entry()
    {
        string path = WriteTrades("t.parquet", ["BTCUSDT"], "[\"BTCUSDT\",\"ETH USDT\"]");

        var e = Assert.Throws<MarketDataException>(() => ParquetMarketData.Read(path));

        Assert.Equal($"{path}: column 'symbol': Parquet key-value metadata 'backtester.symbols', symbol 1: {Rule}, got 'ETH USDT' (a corrupted byte?)", e.Message);
    }

    [Fact]
    public void A_parquet_table_that_is_not_a_json_array_is_refused()
    {
        string path = WriteTrades("t.parquet", ["BTCUSDT"], "{\"0\":\"BTCUSDT\"}");

        var e = Assert.Throws<MarketDataException>(() => ParquetMarketData.Read(path));

        Assert.StartsWith($"{path}: column 'symbol': Parquet key-value metadata 'backtester.symbols' must be a JSON array of names: ", e.Message);
    }

    [Fact]
    public void An_arrow_table_naming_a_symbol_twice_is_refused_by_the_same_check()
    {
        string path = _dir.File("dup.arrow");
        WriteArrowWithSymbols(path, "[\"BTCUSDT\",\"BTCUSDT\"]");

        var e = Assert.Throws<MarketDataException>(() => ArrowMarketData.Open(path));

        Assert.Equal($"{path}: column 'symbol_id': schema metadata 'backtester.symbols' names 'BTCUSDT' twice (symbols 0 and 1)", e.Message);
    }

    private static void WriteArrowWithSymbols(string path, string symbolsJson)
    {
        var columns = new (string Name, Apache.Arrow.IArrowArray Array)[]
        {
            ("timestamp", new Apache.Arrow.TimestampArray.Builder(new Apache.Arrow.Types.TimestampType(Apache.Arrow.Types.TimeUnit.Nanosecond, "UTC")).Append(DateTimeOffset.FromUnixTimeMilliseconds(1)).Build()),
            ("symbol_id", new Apache.Arrow.Int32Array.Builder().Append(0).Build()),
            ("price", new Apache.Arrow.DoubleArray.Builder().Append(1).Build()),
            ("size", new Apache.Arrow.DoubleArray.Builder().Append(1).Build()),
            ("side", new Apache.Arrow.Int8Array.Builder().Append(1).Build()),
        };
        var schema = new Apache.Arrow.Schema.Builder();
        foreach (var (n, a) in columns) schema.Field(new Apache.Arrow.Field(n, a.Data.DataType, nullable: false));
        schema.Metadata("backtester.symbols", symbolsJson);
        Apache.Arrow.Schema built = schema.Build();
        using var stream = File.Create(path);
        using var writer = new Apache.Arrow.Ipc.ArrowFileWriter(stream, built);
        writer.WriteRecordBatch(new Apache.Arrow.RecordBatch(built, Array.ConvertAll(columns, c => c.Array), 1));
        writer.WriteEnd();
    }

    /// <summary>Trades written with Parquet.Net directly, with or without a <c>backtester.symbols</c> entry, one second apart.</summary>
    private string WriteTrades(string name, string[] symbols, string? metadata)
    {
        string path = _dir.File(name);
        DataField[] fields =
        [
            new DataField<long>("timestamp"), new DataField<string>("symbol", false), new DataField<double>("price"),
            new DataField<double>("size"), new DataField<sbyte>("side"),
        ];
        Write().GetAwaiter().GetResult();
        return path;

        async Task Write()
        {
            int n = symbols.Length;
            var times = new long[n];
            for (int i = 0; i < n; i++) times[i] = (i + 1) * 1_000_000_000L;
            await using FileStream stream = File.Create(path);
            await using ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
            if (metadata is not null) writer.CustomMetadata = new Dictionary<string, string> { ["backtester.symbols"] = metadata };
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            await group.WriteAsync(fields[0], (ReadOnlyMemory<long>)times);
            await group.WriteAsync(fields[1], symbols);
            await group.WriteAsync(fields[2], (ReadOnlyMemory<double>)Array.ConvertAll(times, _ => 100.0));
            await group.WriteAsync(fields[3], (ReadOnlyMemory<double>)Array.ConvertAll(times, _ => 1.0));
            await group.WriteAsync(fields[4], (ReadOnlyMemory<sbyte>)Array.ConvertAll(times, _ => (sbyte)1));
        }
    }
}
