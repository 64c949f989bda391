using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Apache.Arrow;
using Backtester.Infrastructure;

namespace Backtester.Tests.Arrow;

public sealed class ArrowTextTests
{
    /// <summary>A utf8 column over <paramref name="offsets"/> and <paramref name="bytes"/> as a damaged file could hold them: nothing checked.</summary>
    private static StringArray Column(int[] offsets, byte[] bytes, int length) =>
        new(length, new ArrowBuffer(MemoryMarshal.AsBytes(offsets.AsSpan()).ToArray()), new ArrowBuffer(bytes), ArrowBuffer.Empty);

    [Fact]
    public void Reads_what_the_builder_wrote_text_empty_null_and_multibyte_as_GetString_does()
    {
        StringArray array = new StringArray.Builder().Append("alpha").Append("").AppendNull().Append("κόσμε €").Build();

        for (int row = 0; row < array.Length; row++) Assert.Equal(array.GetString(row), ArrowText.Read(array, row, "note"));
        Assert.Equal("alpha", ArrowText.Read(array, 0, "note"));
        Assert.Equal("", ArrowText.Read(array, 1, "note"));
        Assert.Null(ArrowText.Read(array, 2, "note"));
        Assert.Equal("κόσμε €", ArrowText.Read(array, 3, "note"));
    }

    [Fact]
    public void Reads_the_rows_of_a_slice_by_their_offsets_in_the_whole_buffer()
    {
        StringArray array = new StringArray.Builder().Append("a").Append("bb").Append("ccc").Append("dddd").Build();

        var slice = (StringArray)array.Slice(1, 2);

        Assert.Equal("bb", ArrowText.Read(slice, 0, "s"));
        Assert.Equal("ccc", ArrowText.Read(slice, 1, "s"));
    }

    [Theory]
    [InlineData(0, 0x3FFF_FFF0, "bytes 0..1073741808 of a 9-byte value buffer")] // far past the buffer: GetString read unmapped memory
    [InlineData(0, 200, "bytes 0..200 of a 9-byte value buffer")] // just past it: GetString returned the bytes beyond it
    [InlineData(-4, 5, "bytes -4..5 of a 9-byte value buffer")]
    [InlineData(6, 5, "bytes 6..5 of a 9-byte value buffer")]
    public void An_offset_outside_the_value_buffer_or_going_backwards_is_refused_naming_column_row_and_offsets(int start, int end, string expected)
    {
        StringArray array = Column([start, end, 9], "alphabeta"u8.ToArray(), 2);

        var e = Assert.Throws<InvalidDataException>(() => ArrowText.Read(array, 0, "symbol"));

        Assert.Equal($"column 'symbol', row 0: its text would be {expected} (a damaged file: the offsets are wrong)", e.Message);
    }

    [Fact]
    public void An_offsets_buffer_too_short_for_the_rows_is_refused()
    {
        StringArray array = Column([0, 5], "alphabeta"u8.ToArray(), 2);

        Assert.Equal("alpha", ArrowText.Read(array, 0, "symbol"));
        var e = Assert.Throws<InvalidDataException>(() => ArrowText.Read(array, 1, "symbol"));
        Assert.Equal("column 'symbol', row 1: its offsets buffer holds 2 offsets, too few for 2 rows (a damaged file)", e.Message);
    }

    [Fact]
    public void A_row_outside_the_column_is_an_argument_error()
    {
        StringArray array = new StringArray.Builder().Append("a").Build();

        Assert.Throws<ArgumentOutOfRangeException>(() => ArrowText.Read(array, 1, "s"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ArrowText.Read(array, -1, "s"));
    }

    [Fact]
    public void Allocates_nothing_but_the_string()
    {
        StringArray array = new StringArray.Builder().Append("a longer symbol name").Append("").AppendNull().Build();
        ArrowText.Read(array, 0, "s"); // JIT first
        byte[] bytes = Encoding.UTF8.GetBytes("a longer symbol name");
        Encoding.UTF8.GetString(bytes);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Encoding.UTF8.GetString(bytes);
        long oneString = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        ArrowText.Read(array, 0, "s");
        long text = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        ArrowText.Read(array, 1, "s");
        ArrowText.Read(array, 2, "s");
        long emptyAndNull = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(oneString, text);
        Assert.Equal(0L, emptyAndNull);
    }

    [Fact]
    public void An_enum_name_reads_as_its_member_and_a_null_or_unknown_name_is_refused_naming_the_column()
    {
        StringArray array = new StringArray.Builder().Append("Sell").AppendNull().Append("Short").Append("5").Build();

        Assert.Equal(Side.Sell, ArrowText.ReadEnum<Side>(array, 0, "side"));
        var none = Assert.Throws<InvalidDataException>(() => ArrowText.ReadEnum<Side>(array, 1, "side"));
        Assert.Equal("column 'side', row 1: null where a Side name is stored", none.Message);
        var unknown = Assert.Throws<InvalidDataException>(() => ArrowText.ReadEnum<Side>(array, 2, "side"));
        Assert.Equal("column 'side', row 2: 'Short' is not a Side (one of Buy, Sell)", unknown.Message);
        // The number ToString() writes for a value without a name (5 is neither Buy = 1 nor Sell = -1) reads back as it was.
        Assert.Equal((Side)5, ArrowText.ReadEnum<Side>(array, 3, "side"));
    }
}
