using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Backtester.Logging;
using Backtester.Results;
using Xunit;

namespace Backtester.Engine.Tests;

public class ResultFilesTests
{
    private static readonly MarketData Data = SyntheticData.Trades(new SyntheticDataOptions { Events = 20_000, Symbols = 2 });

    private static BacktestOptions OptionsFor(string directory, ArrowCompression compression = ArrowCompression.None) => new()
    {
        TradeLog = TradeLogMode.All,
        EquitySampleIntervalNs = 1_000_000, // 1 ms: 20 samples over 20 000 trades 1 µs apart
        Output = new RunOutput(directory) { Arrow = new ArrowFileOptions { BatchSize = 128, Compression = compression } },
    };

    private static List<RecordBatch> ReadBatches(string path, out Schema schema)
    {
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream, new Apache.Arrow.Compression.CompressionCodecFactory());
        var batches = new List<RecordBatch>();
        while (reader.ReadNextRecordBatch() is { } batch) batches.Add(batch);
        schema = reader.Schema;
        return batches;
    }

    private static T[] Column<T>(List<RecordBatch> batches, string name, Func<IArrowArray, int, T> get) =>
        batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(i => get(b.Column(name), i))).ToArray();

    [Fact]
    public void A_run_with_output_writes_summary_fills_equity_and_logged_records_that_read_back_exactly()
    {
        using var dir = new TempDirectory();
        BacktestResult result = Backtest.Run(Data, new Signaller { Every = 50 }, OptionsFor(dir.Path));
        Fill[] fills = result.Fills.ToArray();

        Assert.Equal(new[] { "equity.arrow", "fills.arrow", "orders.arrow", "round_trips.arrow", "signal_snapshot.arrow", "summary.arrow", "symbols.arrow" },
            Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order().ToArray());

        var fillBatches = ReadBatches(dir.File("fills.arrow"), out Schema fillSchema);
        // 20 000 trades, a decision every 50: 400 orders, each filled on the next trade, except the one decided on the
        // very last trade, which has no later event to fill against.
        Assert.Equal(399, fills.Length);
        Assert.Equal((fills.Length + 127) / 128, fillBatches.Count);
        Assert.Equal(fills.Select(f => f.Timestamp), Column(fillBatches, "timestamp", (a, i) => ((TimestampArray)a).GetValue(i)!.Value));
        Assert.Equal(fills.Select(f => f.OrderId), Column(fillBatches, "order_id", (a, i) => ((Int64Array)a).GetValue(i)!.Value));
        Assert.Equal(fills.Select(f => f.Price), Column(fillBatches, "price", (a, i) => ((DoubleArray)a).GetValue(i)!.Value));
        Assert.Equal(fills.Select(f => (sbyte)f.Side), Column(fillBatches, "side", (a, i) => ((Int8Array)a).GetValue(i)!.Value));
        Assert.Equal(fills.Select(f => f.IsMaker), Column(fillBatches, "is_maker", (a, i) => ((BooleanArray)a).GetValue(i)!.Value));
        var timestampType = (TimestampType)fillSchema.GetFieldByName("timestamp").DataType;
        Assert.Equal((TimeUnit.Nanosecond, "UTC"), (timestampType.Unit, timestampType.Timezone));
        Assert.Equal("Signaller", fillSchema.Metadata[ResultMetadata.Keys.Strategy]);
        Assert.Equal("Every=50", fillSchema.Metadata[ResultMetadata.Keys.Parameters]);
        Assert.Equal(Data.Source, fillSchema.Metadata[ResultMetadata.Keys.DataSource]);

        var summary = ReadBatches(dir.File("summary.arrow"), out _);
        Assert.Equal(1, summary.Sum(b => b.Length));
        Assert.Equal(result.Summary.NetPnl, ((DoubleArray)summary[0].Column("net_pnl")).GetValue(0));
        Assert.Equal(result.Summary.Fills, ((Int64Array)summary[0].Column("fills")).GetValue(0));

        var equity = ReadBatches(dir.File("equity.arrow"), out _);
        Assert.Equal(result.Summary.EquitySamples, equity.Sum(b => b.Length));
        // boundaries at 1..19 ms after the first trade, then the final equity at the last trade (19.999 ms)
        Assert.Equal(20, result.Summary.EquitySamples);
        var times = Column(equity, "timestamp", (a, i) => ((TimestampArray)a).GetValue(i)!.Value);
        Assert.Equal(Data.Trades.Timestamps.Span[^1], times[^1]);
        Assert.Equal(times[0] + 18 * (times[1] - times[0]), times[^2]);
        Assert.Equal(result.Summary.FinalEquity, Column(equity, "equity", (a, i) => ((DoubleArray)a).GetValue(i)!.Value)[^1]);

        var signals = ReadBatches(dir.File("signal_snapshot.arrow"), out _);
        Assert.Equal(400, signals.Sum(b => b.Length));
        string?[] notes = Column(signals, "note", (a, i) => ((StringArray)a).GetString(i));
        Assert.Null(notes[1]);      // decision 2 (trade 100) logs no note
        Assert.Equal("n50", notes[0]);
    }

    [Fact]
    public void The_JavaScript_Arrow_reader_sees_the_same_schema_types_and_values()
    {
        using var dir = new TempDirectory();
        BacktestResult result = Backtest.Run(Data, new Signaller { Every = 50 }, OptionsFor(dir.Path));
        Fill[] fills = result.Fills.ToArray();

        JsonElement js = ArrowJs.Read(dir.File("fills.arrow"));
        Assert.Equal(fills.Length, js.GetProperty("rows").GetInt32());
        Assert.Equal((fills.Length + 127) / 128, js.GetProperty("batches").GetInt32());
        Assert.Equal("Signaller", js.GetProperty("metadata").GetProperty("backtester.strategy").GetString());
        var fields = js.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal("Timestamp<NANOSECOND, UTC>", fields["timestamp"].GetProperty("type").GetString());
        Assert.Equal("Int8", fields["side"].GetProperty("type").GetString());
        Assert.Equal("Buy=1,Sell=-1", fields["side"].GetProperty("metadata").GetProperty("backtester.enum").GetString());
        Assert.Equal("Float64", fields["price"].GetProperty("type").GetString());
        Assert.Equal("Bool", fields["is_maker"].GetProperty("type").GetString());

        JsonElement columns = js.GetProperty("columns");
        Assert.Equal(fills.Select(f => f.Price), columns.GetProperty("price").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(fills.Select(f => f.Quantity), columns.GetProperty("quantity").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(fills.Select(f => (int)f.Side), columns.GetProperty("side").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(fills.Select(f => f.OrderId.ToString()), columns.GetProperty("order_id").EnumerateArray().Select(v => v.GetString()));

        JsonElement signals = ArrowJs.Read(dir.File("signal_snapshot.arrow"));
        var notes = signals.GetProperty("columns").GetProperty("note").EnumerateArray().ToArray();
        Assert.Equal("n50", notes[0].GetString());
        Assert.Equal(JsonValueKind.Null, notes[1].ValueKind);
        var summary = ArrowJs.Read(dir.File("summary.arrow")).GetProperty("columns");
        Assert.Equal(result.Summary.NetPnl, summary.GetProperty("net_pnl")[0].GetDouble());
    }

    [Fact]
    public void A_run_that_throws_leaves_no_file_behind()
    {
        using var dir = new TempDirectory();
        Assert.Throws<InvalidOperationException>(() => Backtest.Run(Data, new Signaller { Every = 50, ThrowAt = 5_000 }, OptionsFor(dir.Path)));

        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Theory]
    [InlineData(ArrowCompression.Lz4)]
    [InlineData(ArrowCompression.Zstd)]
    public void Compressed_files_read_back_with_the_same_rows(ArrowCompression compression)
    {
        using var dir = new TempDirectory();
        BacktestResult result = Backtest.Run(Data, new Signaller { Every = 50 }, OptionsFor(dir.Path, compression));

        var batches = ReadBatches(dir.File("fills.arrow"), out _);
        Assert.Equal(result.Fills.ToArray().Select(f => f.Price), Column(batches, "price", (a, i) => ((DoubleArray)a).GetValue(i)!.Value));
    }

    [Fact]
    public void Record_files_are_named_by_the_generated_table_name()
    {
        // The generator owns the snake_case rule (its tests cover acronyms and digits); the engine only appends ".arrow".
        Assert.Equal("signal_snapshot", SignalSnapshot.TableName);
        using var dir = new TempDirectory();
        Backtest.Run(Data, new Signaller { Every = 50 }, OptionsFor(dir.Path));
        Assert.True(File.Exists(dir.File(SignalSnapshot.TableName + ".arrow")));
    }
}
