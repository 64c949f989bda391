using System;
using Backtester.Data;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>A strategy-shaped driver with no allocation of its own: trades every 256 events, like the benchmark workload.</summary>
public struct AlternatingDriver : IStrategyDriver
{
    private long _events;
    public long FillsSeen;

    public void OnStart(Orders orders) { }

    public void OnTrade(in Trade trade, Orders orders)
    {
        if ((++_events & 255) == 0)
            orders.Market(orders.Position > 0 ? Side.Sell : Side.Buy, 1);
    }

    public void OnQuote(in Quote quote, Orders orders) { }

    public void OnBar(in Bar bar, Orders orders) { }

    public void OnFill(in Fill fill, Orders orders) => FillsSeen++;

    public void OnOrder(in OrderUpdate update, Orders orders) { }

    public void OnFinish(Orders orders) { }
}

public class AllocationTests
{
    private static long AllocatedBy(BacktestRunner runner, MarketData data, out BacktestSummary summary)
    {
        var driver = new AlternatingDriver();
        long before = GC.GetAllocatedBytesForCurrentThread();
        summary = runner.RunSummary(data, ref driver);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Replaying_a_million_trades_allocates_nothing_per_event()
    {
        MarketData small = SyntheticData.Trades(new SyntheticDataOptions { Events = 10_000 });
        MarketData large = SyntheticData.Trades(new SyntheticDataOptions { Events = 1_000_000 });
        var runner = new BacktestRunner();
        AllocatedBy(runner, small, out _); // JIT and buffer growth happen here

        long smallBytes = AllocatedBy(runner, small, out _);
        long largeBytes = AllocatedBy(runner, large, out BacktestSummary summary);

        Assert.Equal(1_000_000, summary.Events);
        Assert.True(summary.Fills > 3_000, $"expected thousands of fills, got {summary.Fills}");
        Assert.Equal(0, smallBytes);
        Assert.Equal(0, largeBytes);
    }
}
