using System;
using Xunit;

namespace Backtester.Data.Tests;

public sealed class ParquetAndResamplingTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Trades_round_trip_through_parquet()
    {
        MarketData original = SyntheticData.Trades(new SyntheticDataOptions { Events = 5_000, Symbols = 3 });
        string path = _dir.File("t.parquet");
        ParquetMarketData.Write(original, path);
        using MarketData read = MarketDataFiles.Open(path);
        Assert.Equal(original.Trades.Timestamps.ToArray(), read.Trades.Timestamps.ToArray());
        Assert.Equal(original.Trades.SymbolIds.ToArray(), read.Trades.SymbolIds.ToArray());
        Assert.Equal(original.Trades.Prices.ToArray(), read.Trades.Prices.ToArray());
        Assert.Equal(original.Trades.Sizes.ToArray(), read.Trades.Sizes.ToArray());
        Assert.Equal(original.Trades.Aggressors.ToArray(), read.Trades.Aggressors.ToArray());
        Assert.Equal("SYN1", read.Symbols[1]);
    }

    [Fact]
    public void Bars_round_trip_through_parquet()
    {
        var bars = new BarColumns("b", 1, new long[] { 60, 120 }, new[] { 0, 0 }, new[] { 1.0, 2 }, new[] { 3.0, 2 }, new[] { 1.0, 2 }, new[] { 3.0, 2 }, new[] { 5.0, 0 });
        string path = _dir.File("b.parquet");
        ParquetMarketData.Write(new MarketData(new SymbolTable(["X"]), new TradeColumns("t", 1, default, default, default, default, default), bars: bars), path);
        using MarketData read = ParquetMarketData.Read(path);
        Assert.Equal(new Bar(120, 0, 2, 2, 2, 2, 0), read.Bars[1]);
    }

    [Fact]
    public void One_minute_bars_from_trades_are_stamped_with_the_interval_end()
    {
        const long S = 1_000_000_000;
        var trades = new TradeColumns("t", 1, new[] { 0, 10 * S, 61 * S }, new[] { 0, 0, 0 }, new[] { 1.0, 3, 2 }, new[] { 1.0, 2, 4 }, new[] { Side.Buy, Side.Sell, Side.Buy });
        BarColumns bars = BarResampler.FromTrades(trades, 60 * S);
        Assert.Equal(2, bars.Count);
        Assert.Equal(new Bar(60 * S, 0, 1, 3, 1, 3, 3), bars[0]);
        Assert.Equal(new Bar(120 * S, 0, 2, 2, 2, 2, 4), bars[1]);
    }

    [Fact]
    public void Empty_intervals_give_no_bar_and_symbols_get_their_own_bars_in_order()
    {
        var trades = new TradeColumns("t", 2, new long[] { 5, 7, 35, 38 }, new[] { 1, 0, 1, 1 }, new[] { 10.0, 20, 11, 9 }, new[] { 1.0, 1, 1, 1 }, new[] { Side.Buy, Side.Buy, Side.Buy, Side.Buy });
        BarColumns bars = BarResampler.FromTrades(trades, 10);
        Assert.Equal(new long[] { 10, 10, 40 }, bars.Timestamps.ToArray()); // nothing for (10, 30]
        Assert.Equal(new[] { 0, 1, 1 }, bars.SymbolIds.ToArray());
        Assert.Equal(new Bar(40, 1, 11, 11, 9, 9, 2), bars[2]);
    }

    [Fact]
    public void Synthetic_source_is_opened_through_the_same_entry_point()
    {
        using MarketData data = MarketDataFiles.Open("synthetic:events=1000,symbols=4,seed=42");
        MarketData expected = SyntheticData.Trades(new SyntheticDataOptions { Events = 1000, Symbols = 4, Seed = 42 });
        Assert.Equal(expected.Trades.Prices.ToArray(), data.Trades.Prices.ToArray());
        Assert.Equal(4, data.Symbols.Count);
    }

    [Fact]
    public void Unknown_synthetic_setting_is_rejected_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => MarketDataFiles.Open("synthetic:events=10,colour=red"));
        Assert.StartsWith("Unknown synthetic setting 'colour'", e.Message);
    }
}
