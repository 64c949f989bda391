using System;
using System.IO;
using System.Threading.Tasks;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Parquet;
using Parquet.Schema;
using Xunit;

namespace Backtester.Data.Tests;

/// <summary>
/// Symbol names are checked wherever they come from, as the CSV readers always did: an Arrow file's
/// <c>backtester.symbols</c>, a Parquet file's <c>symbol</c> column, and what the writers are asked to write (a file
/// no reader would take back is refused before it is written).
/// </summary>
public sealed class SymbolNameTests : IDisposable
{
    private const string Rule = "expected a symbol of at most 64 letters, digits and - _ . / : +";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_arrow_file_declaring_a_symbol_with_a_corrupted_byte_is_refused_naming_the_entry()
    {
        string path = WriteArrowTrades("t.arrow", "[\"BTCUSDT\",\"ETH\\u0001USDT\"]");

        var e = Assert.Throws<MarketDataException>(() => ArrowMarketData.Open(path));

        Assert.Equal($"{path}: column 'symbol_id': schema metadata 'backtester.symbols', symbol 1: {Rule}, got 'ETH\\u0001USDT' (a corrupted byte?)", e.Message);
    }

    [Fact]
    public void An_arrow_file_declaring_a_name_longer_than_the_limit_is_refused()
    {
        string name = new('A', 65);
        string path = WriteArrowTrades("t.arrow", $"[\"{name}\"]");

        var e = Assert.Throws<MarketDataException>(() => ArrowMarketData.Open(path));

        Assert.Equal($"{path}: column 'symbol_id': schema metadata 'backtester.symbols', symbol 0: {Rule}, got '{new string('A', 64)}'... (65 characters) (a corrupted byte?)", e.Message);
    }

    [Fact]
    public void A_parquet_symbol_with_a_space_is_refused_at_the_row_it_first_appears_in()
    {
        string path = WriteParquetTrades("t.parquet", ["BTCUSDT", "BTCUSDT", "BTC USDT", "BTC USDT"]);

        var e = Assert.Throws<MarketDataException>(() => ParquetMarketData.Read(path));

        Assert.Equal($"{path}: row 2, column 'symbol': {Rule}, got 'BTC USDT' (a corrupted byte?)", e.Message);
    }

    [Fact]
    public void A_parquet_symbol_of_spaces_is_an_empty_value()
    {
        string path = WriteParquetTrades("t.parquet", ["BTCUSDT", "   ", "BTCUSDT", "BTCUSDT"]);

        var e = Assert.Throws<MarketDataException>(() => ParquetMarketData.Read(path));

        Assert.Equal($"{path}: row 1, column 'symbol': expected a symbol, got an empty value", e.Message);
    }

    [Fact]
    public void A_binance_dump_whose_name_or_given_symbol_breaks_the_rule_is_refused_when_read()
    {
        const string Row = "id,price,qty,quote_qty,time,is_buyer_maker,is_best_match\n1,42000.5,0.01,420.005,1704067200000,true,true\n";
        string named = _dir.File("BTC USDT-trades-2024-01-01.csv"), plain = _dir.File("BTCUSDT-trades-2024-01-01.csv");
        File.WriteAllText(named, Row);
        File.WriteAllText(plain, Row);

        var fromName = Assert.Throws<MarketDataException>(() => MarketDataFiles.Open(named));
        var given = Assert.Throws<MarketDataException>(() => MarketDataFiles.Open(plain, new MarketDataReadOptions { Symbol = "BTC\tUSDT" }));

        Assert.Equal($"{named}: the symbol in the file's name: {Rule}, got 'BTC USDT'; set MarketDataReadOptions.Symbol", fromName.Message);
        Assert.Equal(MarketDataRemedy.Symbol, fromName.Remedy);
        Assert.Equal($"{plain}: the symbol given for the file: {Rule}, got 'BTC\\u0009USDT'", given.Message); // typed by a person: no "corrupted byte"
        using MarketData read = MarketDataFiles.Open(named, new MarketDataReadOptions { Symbol = "BTCUSDT" });
        Assert.Equal("BTCUSDT", read.Symbols[0]);
    }

    [Theory]
    [InlineData(".arrow")]
    [InlineData(".parquet")]
    public void The_writers_refuse_a_name_no_reader_would_take_back_and_write_nothing(string extension)
    {
        var symbols = new SymbolTable(["BTCUSDT", "BTC USDT"]);
        using var data = new MarketData(symbols, new TradeColumns("mem", 2, new long[] { 1, 2 }, new[] { 0, 1 }, new double[] { 1, 2 }, new double[] { 1, 1 }, new[] { Side.Buy, Side.Sell }));
        string path = _dir.File("out" + extension);

        var e = Assert.Throws<ArgumentException>(() =>
        {
            if (extension == ".arrow") ArrowMarketDataWriter.Write(data, path);
            else ParquetMarketData.Write(data, path);
        });

        Assert.StartsWith($"Cannot write '{path}': symbol 1: {Rule}, got 'BTC USDT'; the readers would refuse the file.", e.Message);
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Theory]
    [InlineData(".arrow")]
    [InlineData(".parquet")]
    public void Exchange_names_with_punctuation_round_trip(string extension)
    {
        string[] names = ["BTC-PERPETUAL", "ETH-27JUN25-3000-C", "BTC/USD", "XBTUSD:BMEX", "1000PEPE_USDT.P+"];
        var ids = new int[names.Length];
        var times = new long[names.Length];
        for (int i = 0; i < names.Length; i++) (ids[i], times[i]) = (i, i + 1);
        using var data = new MarketData(new SymbolTable(names),
            new TradeColumns("mem", names.Length, times, ids, new double[] { 1, 2, 3, 4, 5 }, new double[] { 1, 1, 1, 1, 1 }, new[] { Side.Buy, Side.Sell, Side.Buy, Side.Sell, Side.Buy }));
        string path = _dir.File("out" + extension);
        if (extension == ".arrow") ArrowMarketDataWriter.Write(data, path);
        else ParquetMarketData.Write(data, path);

        using MarketData back = MarketDataFiles.Open(path);

        Assert.Equal(names.Length, back.Symbols.Count);
        for (int i = 0; i < names.Length; i++) Assert.Equal(names[i], back.Symbols[back.Trades.SymbolIds.Span[i]]);
    }

    private string WriteArrowTrades(string name, string symbolsJson)
    {
        var columns = new (string Name, IArrowArray Array)[]
        {
            ("timestamp", new TimestampArray.Builder(new TimestampType(TimeUnit.Nanosecond, "UTC")).Append(DateTimeOffset.FromUnixTimeMilliseconds(1)).Build()),
            ("symbol_id", new Int32Array.Builder().Append(0).Build()),
            ("price", new DoubleArray.Builder().Append(1).Build()),
            ("size", new DoubleArray.Builder().Append(1).Build()),
            ("side", new Int8Array.Builder().Append(1).Build()),
        };
        var schema = new Schema.Builder();
        foreach (var (n, a) in columns) schema.Field(new Apache.Arrow.Field(n, a.Data.DataType, nullable: false));
        schema.Metadata("backtester.symbols", symbolsJson);
        Schema built = schema.Build();
        string path = _dir.File(name);
        using var stream = File.Create(path);
        using var writer = new ArrowFileWriter(stream, built);
        writer.WriteRecordBatch(new RecordBatch(built, System.Array.ConvertAll(columns, c => c.Array), 1));
        writer.WriteEnd();
        return path;
    }

    private string WriteParquetTrades(string name, string[] symbols)
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
            for (int i = 0; i < n; i++) times[i] = i + 1;
            await using FileStream stream = File.Create(path);
            await using ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            await group.WriteAsync(fields[0], (ReadOnlyMemory<long>)times);
            await group.WriteAsync(fields[1], symbols);
            await group.WriteAsync(fields[2], (ReadOnlyMemory<double>)System.Array.ConvertAll(times, t => 100.0 + t));
            await group.WriteAsync(fields[3], (ReadOnlyMemory<double>)System.Array.ConvertAll(times, _ => 1.0));
            await group.WriteAsync(fields[4], (ReadOnlyMemory<sbyte>)System.Array.ConvertAll(times, t => (sbyte)(t % 2 == 0 ? 1 : -1)));
        }
    }
}
