using System;
using Backtester.Data;
using Xunit;

namespace Backtester.Engine.Tests;

public class MarketDataValidationTests
{
    private static MarketDataException Build(long[] ts, int[] sym, double[] px, double[] sz, Side[] side) =>
        Assert.Throws<MarketDataException>(() => MarketData.FromTrades("trades.bin", new[] { "X" }, ts, sym, px, sz, side));

    [Fact]
    public void NaN_price_is_rejected_naming_source_row_and_column()
    {
        var ex = Build(new long[] { 1, 2 }, new int[2], new[] { 1.0, double.NaN }, new[] { 1.0, 1.0 }, new[] { Side.Buy, Side.Buy });
        Assert.Equal("trades.bin: row 1, column 'price': expected a positive finite number, got NaN", ex.Message);
        Assert.Equal(1, ex.Row);
    }

    [Fact]
    public void Timestamps_going_backwards_are_rejected()
    {
        var ex = Build(new long[] { 5, 4 }, new int[2], new[] { 1.0, 1.0 }, new[] { 1.0, 1.0 }, new[] { Side.Buy, Side.Buy });
        Assert.Equal("trades.bin: row 1, column 'timestamp': timestamps go backwards: 4 after 5", ex.Message);
    }

    [Fact]
    public void The_timestamp_long_MinValue_is_refused_as_reserved()
    {
        var ex = Build(new long[] { long.MinValue, long.MinValue, 7 }, new int[3], new[] { 1.0, 1.0, 1.0 }, new[] { 1.0, 1.0, 1.0 }, new[] { Side.Buy, Side.Buy, Side.Buy });
        Assert.Equal("trades.bin: row 0, column 'timestamp': timestamp -9223372036854775808 is reserved (the replay's marker for no event yet); "
            + "timestamps must lie strictly between -9223372036854775808 and 9223372036854775807", ex.Message);
    }

    [Fact]
    public void The_timestamp_long_MaxValue_is_refused_as_reserved_at_its_first_row()
    {
        var ex = Build(new long[] { 1, long.MaxValue, long.MaxValue }, new int[3], new[] { 1.0, 1.0, 1.0 }, new[] { 1.0, 1.0, 1.0 }, new[] { Side.Buy, Side.Buy, Side.Buy });
        Assert.Equal("trades.bin: row 1, column 'timestamp': timestamp 9223372036854775807 is reserved (the replay's marker for past the end); "
            + "timestamps must lie strictly between -9223372036854775808 and 9223372036854775807", ex.Message);
        Assert.Equal(1, ex.Row);
    }

    [Fact]
    public void Timestamps_next_to_the_reserved_ones_are_accepted()
    {
        MarketData data = MarketData.FromTrades("trades.bin", new[] { "X" }, new[] { long.MinValue + 1, long.MaxValue - 1 }, new int[2], new[] { 1.0, 1.0 },
            new[] { 1.0, 1.0 }, new[] { Side.Buy, Side.Buy });
        Assert.Equal(2, data.Trades.Count);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-3.0)]
    [InlineData(double.PositiveInfinity)]
    public void Non_positive_or_infinite_size_is_rejected(double size)
    {
        var ex = Build(new long[] { 1 }, new int[1], new[] { 1.0 }, new[] { size }, new[] { Side.Sell });
        Assert.StartsWith("trades.bin: row 0, column 'size': expected a positive finite number", ex.Message);
    }

    [Fact]
    public void Unknown_symbol_id_is_rejected()
    {
        var ex = Build(new long[] { 1 }, new[] { 3 }, new[] { 1.0 }, new[] { 1.0 }, new[] { Side.Sell });
        Assert.Equal("trades.bin: row 0, column 'symbol': expected a symbol id in 0..0, got 3", ex.Message);
    }

    [Fact]
    public void Unknown_side_is_rejected()
    {
        var ex = Build(new long[] { 1 }, new int[1], new[] { 1.0 }, new[] { 1.0 }, new[] { (Side)0 });
        Assert.Equal("trades.bin: row 0, column 'side': expected Buy (1) or Sell (-1), got 0", ex.Message);
    }

    [Fact]
    public void Columns_of_different_lengths_are_rejected()
    {
        var ex = Build(new long[] { 1, 2 }, new int[1], new[] { 1.0 }, new[] { 1.0 }, new[] { Side.Buy });
        Assert.Equal("trades.bin: column 'symbol': expected 2 values (as many as timestamps), got 1", ex.Message);
    }

    [Fact]
    public void Duplicate_symbol_names_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SymbolTable(new[] { "A", "B", "A" }));
        Assert.Contains("'A' appears twice", ex.Message);
    }
}
