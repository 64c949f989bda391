using System.Collections.Generic;
using System.Linq;
using Apache.Arrow;
using Apache.Arrow.Types;
using Xunit;
using Backtester.Arrow;

namespace Backtester.Generators.Tests;

/// <summary>Compiles [ArrowRecord] records with their generated code, appends records and reads the Arrow batch back.</summary>
public sealed class ArrowRecordCompileAndRunTests
{
    private const string Writer = """
        using Backtester;
        using Backtester.Arrow;

        public static class SignalLogWriter
        {
            public static PooledRecordBatch WriteThree()
            {
                using IArrowColumns<SignalLog> columns = Create<SignalLog>();
                columns.Append(new SignalLog { Time = 1_700_000_000_000_000_001, Regime = Regime.Trending, IsEntry = true, Note = "breakout", Score = 0.75f, Level = 200, Tilt = -3, Bucket = -1234 });
                columns.Append(new SignalLog { Time = 1_700_000_060_000_000_000, Regime = Regime.Volatile, IsEntry = false, Note = null, Score = -1.5f, Level = 0, Tilt = 127, Bucket = 32767 });
                columns.Append(new SignalLog { Time = 0, Regime = Regime.Calm, IsEntry = true, Note = "größe €", Score = float.MaxValue, Level = 255, Tilt = -128, Bucket = 0 });
                if (columns.Count != 3) throw new System.InvalidOperationException("Count");
                return columns.ToRecordBatch();
            }

            // Through the static abstract interface members, as the engine uses them.
            private static IArrowColumns<T> Create<T>() where T : struct, IArrowRecord<T> => T.CreateColumns();
        }
        """;

    [Fact]
    public void Three_appended_records_come_back_column_by_column_with_the_generated_schema()
    {
        using var loaded = new LoadedAssembly(SampleArrowRecords.SignalLog, Writer);
        using var batch = (PooledRecordBatch)loaded.GetType("SignalLogWriter").GetMethod("WriteThree")!.Invoke(null, null)!;
        Schema schema = batch.Batch.Schema;

        Assert.Equal(3, batch.Length);
        Assert.Equal(new[] { "time", "regime", "is_entry", "note", "score", "level", "tilt", "bucket" }, schema.FieldsList.Select(f => f.Name));
        Assert.Equal(new[] { false, false, false, true, false, false, false, false }, schema.FieldsList.Select(f => f.IsNullable));

        var time = Assert.IsType<TimestampType>(schema.GetFieldByName("time").DataType);
        Assert.Equal(TimeUnit.Nanosecond, time.Unit);
        Assert.Equal("UTC", time.Timezone);
        Field regime = schema.GetFieldByName("regime");
        Assert.IsType<Int16Type>(regime.DataType);
        Assert.Equal(new Dictionary<string, string> { ["backtester.enum"] = "Calm=0,Trending=5,Volatile=-2" }, regime.Metadata);
        Assert.IsType<BooleanType>(schema.GetFieldByName("is_entry").DataType);
        Assert.IsType<StringType>(schema.GetFieldByName("note").DataType);
        Assert.IsType<FloatType>(schema.GetFieldByName("score").DataType);
        Assert.IsType<UInt8Type>(schema.GetFieldByName("level").DataType);
        Assert.IsType<Int8Type>(schema.GetFieldByName("tilt").DataType);
        Assert.IsType<Int16Type>(schema.GetFieldByName("bucket").DataType);
        Assert.False(schema.GetFieldByName("time").HasMetadata);

        Assert.Equal(new long[] { 1_700_000_000_000_000_001, 1_700_000_060_000_000_000, 0 }, Column<TimestampArray>(batch, "time").Values.ToArray());
        Assert.Equal(new short?[] { 5, -2, 0 }, Column<Int16Array>(batch, "regime").ToArray());
        Assert.Equal(new bool?[] { true, false, true }, Column<BooleanArray>(batch, "is_entry").ToArray());
        var note = Column<StringArray>(batch, "note");
        Assert.Equal(new[] { "breakout", null, "größe €" }, Enumerable.Range(0, 3).Select(i => note.GetString(i)));
        Assert.Equal(1, note.NullCount);
        Assert.Equal(new float?[] { 0.75f, -1.5f, float.MaxValue }, Column<FloatArray>(batch, "score").ToArray());
        Assert.Equal(new byte?[] { 200, 0, 255 }, Column<UInt8Array>(batch, "level").ToArray());
        Assert.Equal(new sbyte?[] { -3, 127, -128 }, Column<Int8Array>(batch, "tilt").ToArray());
        Assert.Equal(new short?[] { -1234, 32767, 0 }, Column<Int16Array>(batch, "bucket").ToArray());
    }

    [Fact]
    public void Fill_like_record_compiles_with_its_computed_property_left_out_of_the_schema()
    {
        using var loaded = new LoadedAssembly(SampleArrowRecords.Execution);
        var schema = (Schema)loaded.GetType("Demo.Logs.Execution").GetProperty("ArrowSchema")!.GetValue(null)!;

        Assert.Equal(
            new[] { "timestamp", "order_id", "symbol_id", "side", "price", "quantity", "fee", "is_maker" },
            schema.FieldsList.Select(f => f.Name));
        Assert.Equal("Buy=1,Sell=-1", schema.GetFieldByName("side").Metadata["backtester.enum"]);
        Assert.IsType<Int8Type>(schema.GetFieldByName("side").DataType);
    }

    private static TArray Column<TArray>(PooledRecordBatch batch, string name) where TArray : IArrowArray =>
        Assert.IsType<TArray>(batch.Batch.Column(name));

    [Fact]
    public void Table_name_is_the_snake_case_type_name_or_the_attribute_override()
    {
        const string records = """
            using Backtester;
            using Backtester.Arrow;
            namespace Logs;
            [ArrowRecord] public partial record struct PnLByHour(long Hour, double Pnl);
            [ArrowRecord(TableName = "fills-v2")] public partial record struct Fills(long Id);
            public static class Names
            {
                // Through the static abstract member, as the engine's RunFiles reads it.
                public static string Of<T>() where T : struct, IArrowRecord<T> => T.TableName;
                public static string[] All() => new[] { Of<PnLByHour>(), Of<Fills>() };
            }
            """;
        using var loaded = new LoadedAssembly(records);
        var names = (string[])loaded.GetType("Logs.Names").GetMethod("All")!.Invoke(null, null)!;
        Assert.Equal(new[] { "pn_l_by_hour", "fills-v2" }, names);
    }
}
