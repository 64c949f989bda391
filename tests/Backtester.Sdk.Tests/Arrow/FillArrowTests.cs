using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Backtester.Arrow;

namespace Backtester.Tests.Arrow;

/// <summary>The Sdk's own Fill, with the members the generator adds to it when the Sdk builds.</summary>
public sealed class FillArrowTests
{
    private static Fill FillNumber(int i) => new(
        Timestamp: 1_700_000_000_000_000_000L + i * 1_000_003L,
        OrderId: 10_000 + i / 3,
        SymbolId: i % 7,
        Side: i % 2 == 0 ? Side.Buy : Side.Sell,
        Price: 100.0 + i * 0.25,
        Quantity: 1 + (i % 5) * 0.1,
        Fee: i % 4 == 0 ? -0.01 : 0.02 * i,
        IsMaker: i % 3 == 0,
        Kind: i % 11 == 0 ? FillKind.Liquidation : FillKind.Trade);

    [Fact]
    public void Fill_schema_is_snake_case_with_a_utc_nanosecond_timestamp_and_the_side_names_in_metadata()
    {
        Schema schema = Fill.ArrowSchema;

        Assert.Equal(
            new[] { "timestamp", "order_id", "symbol_id", "side", "price", "quantity", "fee", "is_maker", "kind" },
            schema.FieldsList.Select(f => f.Name));
        Assert.All(schema.FieldsList, f => Assert.False(f.IsNullable));
        var timestamp = Assert.IsType<TimestampType>(schema.GetFieldByName("timestamp").DataType);
        Assert.Equal((TimeUnit.Nanosecond, "UTC"), (timestamp.Unit, timestamp.Timezone));
        Assert.IsType<Int8Type>(schema.GetFieldByName("side").DataType);
        Assert.Equal("Buy=1,Sell=-1", schema.GetFieldByName("side").Metadata["backtester.enum"]);
        Assert.IsType<BooleanType>(schema.GetFieldByName("is_maker").DataType);
        Assert.IsType<UInt8Type>(schema.GetFieldByName("kind").DataType);
        Assert.Equal("Trade=0,Liquidation=1", schema.GetFieldByName("kind").Metadata["backtester.enum"]);
    }

    [Fact]
    public void A_thousand_fills_written_to_an_Arrow_IPC_file_read_back_value_for_value()
    {
        const int n = 1000;
        string directory = Path.Combine(Path.GetTempPath(), "backtester-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string path = Path.Combine(directory, "fills.arrow");
            using (IArrowColumns<Fill> columns = Fill.CreateColumns())
            {
                for (int i = 0; i < n; i++) columns.Append(FillNumber(i));
                using PooledRecordBatch batch = columns.ToRecordBatch();
                using FileStream stream = File.Create(path);
                using var writer = new ArrowFileWriter(stream, Fill.ArrowSchema);
                writer.WriteRecordBatch(batch.Batch);
                writer.WriteEnd();
            }

            using FileStream input = File.OpenRead(path);
            using var reader = new ArrowFileReader(input);
            using RecordBatch read = reader.ReadNextRecordBatch();
            Assert.Null(reader.ReadNextRecordBatch());

            Assert.Equal(n, read.Length);
            Assert.Equal(Fill.ArrowSchema.FieldsList.Select(f => (f.Name, f.DataType.TypeId)), read.Schema.FieldsList.Select(f => (f.Name, f.DataType.TypeId)));
            Assert.Equal("UTC", ((TimestampType)read.Schema.GetFieldByName("timestamp").DataType).Timezone);
            Assert.Equal("Buy=1,Sell=-1", read.Schema.GetFieldByName("side").Metadata["backtester.enum"]);

            var timestamps = (TimestampArray)read.Column("timestamp");
            var orderIds = (Int64Array)read.Column("order_id");
            var symbolIds = (Int32Array)read.Column("symbol_id");
            var sides = (Int8Array)read.Column("side");
            var prices = (DoubleArray)read.Column("price");
            var quantities = (DoubleArray)read.Column("quantity");
            var fees = (DoubleArray)read.Column("fee");
            var makers = (BooleanArray)read.Column("is_maker");
            var kinds = (UInt8Array)read.Column("kind");
            for (int i = 0; i < n; i++)
            {
                Fill expected = FillNumber(i);
                var actual = new Fill(
                    timestamps.GetValue(i)!.Value,
                    orderIds.GetValue(i)!.Value,
                    symbolIds.GetValue(i)!.Value,
                    (Side)sides.GetValue(i)!.Value,
                    prices.GetValue(i)!.Value,
                    quantities.GetValue(i)!.Value,
                    fees.GetValue(i)!.Value,
                    makers.GetValue(i)!.Value,
                    (FillKind)kinds.GetValue(i)!.Value);
                Assert.Equal(expected, actual);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Column_set_is_empty_after_ToRecordBatch_and_the_next_batch_holds_only_new_fills()
    {
        using IArrowColumns<Fill> columns = Fill.CreateColumns();
        columns.Append(FillNumber(1));
        columns.Append(FillNumber(2));
        using (PooledRecordBatch first = columns.ToRecordBatch()) Assert.Equal(2, first.Length);
        Assert.Equal(0, columns.Count);

        columns.Append(FillNumber(3));
        using PooledRecordBatch second = columns.ToRecordBatch();
        Assert.Equal(1, second.Length);
        Assert.Equal(FillNumber(3).OrderId, ((Int64Array)second.Batch.Column("order_id")).GetValue(0));

        columns.Append(FillNumber(4));
        columns.Clear();
        Assert.Equal(0, columns.Count);
        using PooledRecordBatch empty = columns.ToRecordBatch();
        Assert.Equal(0, empty.Length);
    }

    [Fact]
    public void Appending_100k_fills_after_warm_up_allocates_nothing()
    {
        const int n = 100_000;
        using IArrowColumns<Fill> columns = Fill.CreateColumns();
        var fill = FillNumber(5);
        for (int i = 0; i < n; i++) columns.Append(fill);
        columns.Clear();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < n; i++) columns.Append(fill);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0L, allocated);
        Assert.Equal(n, columns.Count);
    }
}
