using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Backtester.Arrow;
using Backtester.Infrastructure;

namespace Backtester.Tests.Arrow;

public sealed class PooledColumnTests
{
    private const int ManyGrowths = 10_000; // 80 KB of longs: several doublings from the first 256-byte rental

    [Fact]
    public void Int64_values_appended_across_several_growths_come_back_from_the_Arrow_array()
    {
        using var column = new PooledColumn<long>();
        for (long i = 0; i < ManyGrowths; i++) column.Append(i * 1_000_000_007L - 5);
        Assert.Equal(ManyGrowths, column.Count);

        var rentals = new List<byte[]>();
        var array = Assert.IsType<Int64Array>(column.Detach(Int64Type.Default, rentals));

        Assert.Single(rentals);
        Assert.Equal(ManyGrowths, array.Length);
        Assert.Equal(0, array.NullCount);
        for (int i = 0; i < ManyGrowths; i++) Assert.Equal(i * 1_000_000_007L - 5, array.GetValue(i));
        Assert.Equal(0, column.Count);
        ReturnAll(rentals);
    }

    [Fact]
    public void Double_values_keep_every_bit_including_nan_and_negative_zero()
    {
        using var column = new PooledColumn<double>();
        double[] values = { 1.5, -0.0, double.NaN, double.MaxValue, double.Epsilon, -3e-300 };
        foreach (double value in values) column.Append(value);

        var rentals = new List<byte[]>();
        var array = Assert.IsType<DoubleArray>(column.Detach(DoubleType.Default, rentals));

        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), array.Values.ToArray().Select(BitConverter.DoubleToInt64Bits));
        ReturnAll(rentals);
    }

    [Fact]
    public void Long_column_detached_with_a_timestamp_type_is_a_utc_nanosecond_TimestampArray()
    {
        using var column = new PooledColumn<long>();
        column.Append(1_700_000_000_123_456_789L);
        column.Append(0);

        var rentals = new List<byte[]>();
        var array = Assert.IsType<TimestampArray>(column.Detach(new TimestampType(TimeUnit.Nanosecond, "UTC"), rentals));

        var type = Assert.IsType<TimestampType>(array.Data.DataType);
        Assert.Equal(TimeUnit.Nanosecond, type.Unit);
        Assert.Equal("UTC", type.Timezone);
        Assert.Equal(1_700_000_000_123_456_789L, array.GetValue(0));
        Assert.Equal(new DateTimeOffset(2023, 11, 14, 22, 13, 20, TimeSpan.Zero).AddTicks(1_234_567), array.GetTimestamp(0));
        Assert.Equal(0L, array.GetValue(1));
        ReturnAll(rentals);
    }

    [Fact]
    public void Booleans_are_bit_packed_lsb_first_across_several_growths()
    {
        using var column = new PooledBooleanColumn();
        for (int i = 0; i < ManyGrowths; i++) column.Append(i % 3 == 0);

        var rentals = new List<byte[]>();
        var array = Assert.IsType<BooleanArray>(column.Detach(rentals));

        // Bits 0, 3, 6 of the first byte: 0b0100_1001.
        Assert.Equal(0b0100_1001, array.ValueBuffer.Span[0]);
        Assert.Equal(ManyGrowths, array.Length);
        for (int i = 0; i < ManyGrowths; i++) Assert.Equal(i % 3 == 0, array.GetValue(i));
        ReturnAll(rentals);
    }

    [Fact]
    public void Booleans_ignore_stale_bytes_in_a_reused_buffer()
    {
        using var column = new PooledBooleanColumn();
        for (int i = 0; i < 64; i++) column.Append(true);
        column.Clear();
        for (int i = 0; i < 64; i++) column.Append(false);

        Assert.All(Enumerable.Range(0, 64), i => Assert.False(column[i]));
    }

    [Fact]
    public void Strings_and_nulls_round_trip_through_a_StringArray()
    {
        using var column = new PooledStringColumn();
        string?[] values = { "BTC-USD", null, "", "größe €", "🚀", null };
        for (int round = 0; round < 2_000; round++)
        {
            foreach (string? value in values) column.Append(value);
        }

        var rentals = new List<byte[]>();
        var array = Assert.IsType<StringArray>(column.Detach(rentals));

        Assert.Equal(3, rentals.Count);
        Assert.Equal(values.Length * 2_000, array.Length);
        Assert.Equal(2 * 2_000, array.NullCount);
        for (int i = 0; i < array.Length; i++)
        {
            string? expected = values[i % values.Length];
            Assert.Equal(expected is null, array.IsNull(i));
            Assert.Equal(expected, array.GetString(i));
        }
        Assert.Equal(0, column.Count);
        Assert.Equal(0, column.NullCount);
        ReturnAll(rentals);
    }

    [Fact]
    public void An_empty_string_column_detaches_to_an_empty_array()
    {
        using var column = new PooledStringColumn();
        var rentals = new List<byte[]>();
        var array = Assert.IsType<StringArray>(column.Detach(rentals));

        Assert.Equal(0, array.Length);
        ReturnAll(rentals);
    }

    [Fact]
    public void Disposing_the_batch_returns_its_rented_array_to_the_shared_pool()
    {
        var schema = new Schema.Builder().Field(new Field("x", Int64Type.Default, nullable: false)).Build();
        using var column = new PooledColumn<long>();
        for (long i = 0; i < 1000; i++) column.Append(i);

        var builder = new ArrowBatchBuilder(schema, column.Count);
        builder.Add(column);
        PooledRecordBatch batch = builder.Build();
        var array = (Int64Array)batch.Batch.Column(0);
        Assert.True(MemoryMarshal.TryGetArray(array.ValueBuffer.Memory, out ArraySegment<byte> segment));
        Assert.Equal(999L, array.GetValue(999));

        batch.Dispose();

        // The shared pool hands the array most recently returned on this thread out first.
        byte[] rentedAgain = ArrayPool<byte>.Shared.Rent(segment.Array!.Length);
        Assert.Same(segment.Array, rentedAgain);
        ArrayPool<byte>.Shared.Return(rentedAgain);
    }

    [Fact]
    public void A_column_is_empty_and_reusable_after_its_batch_is_built_and_disposed()
    {
        var schema = new Schema.Builder().Field(new Field("x", Int32Type.Default, nullable: false)).Build();
        using var column = new PooledColumn<int>();
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 500; i++) column.Append(round * 1000 + i);
            var builder = new ArrowBatchBuilder(schema, column.Count);
            builder.Add(column);
            using PooledRecordBatch batch = builder.Build();

            Assert.Equal(0, column.Count);
            Assert.Equal(500, batch.Length);
            Assert.Equal(round * 1000 + 499, ((Int32Array)batch.Batch.Column(0)).GetValue(499));
        }
    }

    [Fact]
    public void Batch_builder_rejects_a_column_whose_count_differs_from_the_row_count()
    {
        var schema = new Schema.Builder().Field(new Field("x", Int64Type.Default, nullable: false)).Build();
        using var column = new PooledColumn<long>();
        column.Append(1);

        var builder = new ArrowBatchBuilder(schema, 2);
        var error = Assert.Throws<ArgumentException>(() => builder.Add(column));
        Assert.Contains("'x' has 1 values but the batch has 2 rows", error.Message);
    }

    [Fact]
    public void Batch_builder_rejects_a_batch_with_fewer_columns_than_fields()
    {
        var schema = new Schema.Builder()
            .Field(new Field("a", Int64Type.Default, nullable: false))
            .Field(new Field("b", Int64Type.Default, nullable: false))
            .Build();
        using var a = new PooledColumn<long>();
        var builder = new ArrowBatchBuilder(schema, 0);
        builder.Add(a);

        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }

    [Fact]
    public void Appending_100k_values_to_grown_columns_allocates_nothing()
    {
        using var longs = new PooledColumn<long>();
        using var doubles = new PooledColumn<double>();
        using var flags = new PooledBooleanColumn();
        using var names = new PooledStringColumn();
        const int n = 100_000;
        void AppendAll()
        {
            for (int i = 0; i < n; i++)
            {
                longs.Append(i);
                doubles.Append(i * 0.5);
                flags.Append((i & 1) == 0);
                names.Append((i & 1) == 0 ? "ETH-USD" : null);
            }
        }

        AppendAll();
        longs.Clear();
        doubles.Clear();
        flags.Clear();
        names.Clear();

        long before = GC.GetAllocatedBytesForCurrentThread();
        AppendAll();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0L, allocated);
        Assert.Equal(n, names.Count);
    }

    private static void ReturnAll(List<byte[]> rentals)
    {
        foreach (byte[] array in rentals) ArrayPool<byte>.Shared.Return(array);
    }
}
