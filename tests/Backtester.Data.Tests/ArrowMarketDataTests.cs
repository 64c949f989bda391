using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Xunit;

namespace Backtester.Data.Tests;

public sealed class ArrowMarketDataTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Trades_written_to_arrow_and_mapped_back_have_identical_columns()
    {
        MarketData original = SyntheticData.Trades(new SyntheticDataOptions { Events = 10_000, Symbols = 3, Seed = 7 });
        string path = _dir.File("trades.arrow");
        ArrowMarketDataWriter.Write(original, path);

        using MarketData mapped = ArrowMarketData.Open(path);
        Assert.Equal(3, mapped.Symbols.Count);
        Assert.Equal("SYN2", mapped.Symbols[2]);
        Assert.Equal(original.Trades.Timestamps.ToArray(), mapped.Trades.Timestamps.ToArray());
        Assert.Equal(original.Trades.SymbolIds.ToArray(), mapped.Trades.SymbolIds.ToArray());
        Assert.Equal(original.Trades.Prices.ToArray(), mapped.Trades.Prices.ToArray());
        Assert.Equal(original.Trades.Sizes.ToArray(), mapped.Trades.Sizes.ToArray());
        Assert.Equal(original.Trades.Aggressors.ToArray(), mapped.Trades.Aggressors.ToArray());
        Assert.Equal(path, mapped.Source);
    }

    [Fact]
    public void Quotes_and_bars_round_trip_through_arrow()
    {
        var symbols = new SymbolTable(["A", "B"]);
        var quotes = new QuoteColumns("q", 2, new long[] { 1, 2, 2 }, new[] { 0, 1, 0 }, new[] { 10.0, 20, 10.5 }, new[] { 1.0, 0, 2 }, new[] { 10.1, 20.2, 10.6 }, new[] { 3.0, 4, 0 });
        var bars = new BarColumns("b", 2, new long[] { 60, 60 }, new[] { 0, 1 }, new[] { 1.0, 5 }, new[] { 3.0, 6 }, new[] { 1.0, 4 }, new[] { 2.0, 5.5 }, new[] { 7.0, 0 });
        ArrowMarketDataWriter.Write(symbols, quotes, _dir.File("q.arrow"));
        ArrowMarketDataWriter.Write(symbols, bars, _dir.File("b.arrow"));

        using MarketData q = ArrowMarketData.Open(_dir.File("q.arrow"));
        using MarketData b = ArrowMarketData.Open(_dir.File("b.arrow"));
        Assert.Equal(0, q.Trades.Count);
        Assert.Equal(new Quote(2, 1, 20, 0, 20.2, 4), q.Quotes[1]);
        Assert.Equal(new[] { 10.6 }, q.Quotes.AskPrices[2..].ToArray());
        Assert.Equal(new Bar(60, 1, 5, 6, 4, 5.5, 0), b.Bars[1]);
    }

    [Fact]
    public void Mapped_price_column_is_not_a_managed_array_and_opening_allocates_far_less_than_the_file()
    {
        string path = _dir.File("big.arrow");
        ArrowMarketDataWriter.Write(SyntheticData.Trades(new SyntheticDataOptions { Events = 1_000_000 }), path);
        long fileSize = new FileInfo(path).Length;

        long before = GC.GetAllocatedBytesForCurrentThread();
        using MarketData data = ArrowMarketData.Open(path);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(MemoryMarshal.TryGetArray(data.Trades.Prices, out _));
        Assert.False(MemoryMarshal.TryGetArray(data.Trades.Timestamps, out _));
        Assert.True(allocated < fileSize / 100, $"allocated {allocated} bytes opening a {fileSize}-byte file");
        Assert.Equal(1_000_000, data.Trades.Count);
    }

    [Fact]
    public void File_with_several_record_batches_is_concatenated_in_order()
    {
        MarketData all = SyntheticData.Trades(new SyntheticDataOptions { Events = 100, Symbols = 2 });
        string single = _dir.File("single.arrow");
        ArrowMarketDataWriter.Write(all, single);
        string multi = _dir.File("multi.arrow");
        using (var reader = new ArrowFileReader(File.OpenRead(single)))
        {
            RecordBatch batch = reader.ReadNextRecordBatch();
            using var stream = File.Create(multi);
            using var writer = new ArrowFileWriter(stream, batch.Schema);
            writer.WriteRecordBatch(batch.Slice(0, 30));
            writer.WriteRecordBatch(batch.Slice(30, 70));
            writer.WriteEnd();
        }

        using MarketData data = ArrowMarketData.Open(multi);
        Assert.Equal(all.Trades.Prices.ToArray(), data.Trades.Prices.ToArray());
        Assert.Equal(all.Trades.Timestamps.ToArray(), data.Trades.Timestamps.ToArray());
        Assert.True(MemoryMarshal.TryGetArray(data.Trades.Prices, out _)); // one managed copy
    }

    [Fact]
    public void Several_files_merge_in_time_order_matching_symbols_by_name()
    {
        // Day files for different symbol sets: the merged symbol table is in order of first appearance.
        string a = _dir.File("a.arrow"), b = _dir.File("b.arrow");
        ArrowMarketDataWriter.Write(MarketData.FromTrades("a", ["X", "Y"], [10, 30, 50], [0, 1, 0], [1, 2, 3], [1, 1, 1], [Side.Buy, Side.Buy, Side.Buy]), a);
        ArrowMarketDataWriter.Write(MarketData.FromTrades("b", ["Y", "Z"], [20, 30, 40], [0, 1, 0], [4, 5, 6], [1, 1, 1], [Side.Sell, Side.Sell, Side.Sell]), b);

        using MarketData data = ArrowMarketData.Open([a, b]);
        Assert.Equal(new long[] { 10, 20, 30, 30, 40, 50 }, data.Trades.Timestamps.ToArray());
        Assert.Equal(new double[] { 1, 4, 2, 5, 6, 3 }, data.Trades.Prices.ToArray()); // tie at 30: file a first
        Assert.Equal(new[] { "X", "Y", "Z" }, new[] { data.Symbols[0], data.Symbols[1], data.Symbols[2] });
        Assert.Equal(new[] { 0, 1, 1, 2, 1, 0 }, data.Trades.SymbolIds.ToArray());
        Assert.Equal(Side.Sell, data.Trades.Aggressors.Span[1]);
    }

    [Fact]
    public void Writing_replaces_the_file_and_leaves_no_temporary_file()
    {
        string path = _dir.File("t.arrow");
        ArrowMarketDataWriter.Write(SyntheticData.Trades(new SyntheticDataOptions { Events = 10 }), path);
        ArrowMarketDataWriter.Write(SyntheticData.Trades(new SyntheticDataOptions { Events = 20 }), path);
        Assert.Equal(new[] { path }, _dir.Files());
        using MarketData data = ArrowMarketData.Open(path);
        Assert.Equal(20, data.Trades.Count);
    }

    [Fact]
    public void Schema_is_the_documented_one()
    {
        string path = _dir.File("t.arrow");
        ArrowMarketDataWriter.Write(MarketData.FromTrades("s", ["BTCUSDT"], [1], [0], [2], [3], [Side.Sell]), path);
        using var reader = new ArrowFileReader(File.OpenRead(path));
        Schema schema = reader.Schema;
        Assert.Equal(new[] { "timestamp", "symbol_id", "price", "size", "side" }, schema.FieldsList.Select(f => f.Name));
        var ts = Assert.IsType<TimestampType>(schema.GetFieldByName("timestamp").DataType);
        Assert.Equal((TimeUnit.Nanosecond, "UTC"), (ts.Unit, ts.Timezone));
        Assert.IsType<Int8Type>(schema.GetFieldByName("side").DataType);
        Assert.Equal("trades", schema.Metadata["backtester.kind"]);
        Assert.Equal("[\"BTCUSDT\"]", schema.Metadata["backtester.symbols"]);
        Assert.Equal((sbyte)-1, ((Int8Array)reader.ReadNextRecordBatch().Column("side")).GetValue(0));
    }
}
