using System;
using System.Linq;
using Backtester.Data;
using Xunit;

namespace Backtester.Engine.Tests;

public class SyntheticDataTests
{
    [Fact]
    public void Same_seed_gives_identical_data_and_another_seed_differs()
    {
        var options = new SyntheticDataOptions { Events = 10_000, Symbols = 3 };
        MarketData a = SyntheticData.Trades(options), b = SyntheticData.Trades(options);
        MarketData c = SyntheticData.Trades(options with { Seed = 7 });

        Assert.True(a.Trades.Prices.Span.SequenceEqual(b.Trades.Prices.Span));
        Assert.True(a.Trades.Sizes.Span.SequenceEqual(b.Trades.Sizes.Span));
        Assert.False(a.Trades.Prices.Span.SequenceEqual(c.Trades.Prices.Span));
    }

    [Fact]
    public void Trades_cycle_through_symbols_one_interval_apart_and_move_at_most_one_tick()
    {
        var options = new SyntheticDataOptions { Events = 4_000, Symbols = 4, IntervalNs = 1_000, TickSize = 0.01 };
        MarketData data = SyntheticData.Trades(options);
        var t = data.Trades;

        Assert.Equal(4, data.Symbols.Count);
        Assert.Equal(4_000, t.Count);
        for (int i = 0; i < t.Count; i++)
        {
            Assert.Equal(i % 4, t.SymbolIds.Span[i]);
            Assert.Equal(options.StartTime + i * 1_000L, t.Timestamps.Span[i]);
            double ticks = t.Prices.Span[i] * 100;
            Assert.Equal(Math.Round(ticks), ticks, 6);
            if (i >= 4) Assert.True(Math.Abs(t.Prices.Span[i] - t.Prices.Span[i - 4]) <= 0.0100001);
        }
        Assert.Equal(new[] { "SYN0", "SYN1", "SYN2", "SYN3" }, Enumerable.Range(0, 4).Select(s => data.Symbols[s]));
    }

    [Fact]
    public void Invalid_options_are_rejected_by_name()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.Trades(new SyntheticDataOptions { Symbols = 0 }));
        Assert.Equal("Symbols", ex.ParamName);
    }
}
