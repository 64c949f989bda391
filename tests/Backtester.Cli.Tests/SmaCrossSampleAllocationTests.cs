using System;
using Backtester.Samples;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>
/// The quickstart's strategy allocates nothing per event or per fill through the public API, as docs/fast-strategies.md
/// shows how to check: a run over 30 times the trades, with 30 times the fills, allocates what a short run does (the
/// indicator windows, the per-symbol arrays and the result), give or take a few hundred bytes.
/// </summary>
public class SmaCrossSampleAllocationTests
{
    private static readonly BacktestOptions Options = new() { TakerFeeBps = 2, OrderLatencyNs = 2_000_000 };

    [Fact]
    public void A_run_over_3M_trades_allocates_what_a_run_over_100k_does()
    {
        long small = AllocatedByRun(SyntheticData.Trades(new SyntheticDataOptions { Events = 100_000 }), out long smallFills);
        long large = AllocatedByRun(SyntheticData.Trades(new SyntheticDataOptions { Events = 3_000_000 }), out long largeFills);

        // The comparison proves something only if the long run has many more fills and events to allocate for.
        Assert.True(largeFills >= 10 * smallFills && smallFills > 10, $"fills: {smallFills} and {largeFills}");
        // One byte per event would be 2.9 MB more; one small object per fill, over 100 KB.
        Assert.True(Math.Abs(large - small) < 1024, $"allocated {small:N0} B over 100k trades and {large:N0} B over 3M");
        Assert.InRange(small, 1, 1024 * 1024);
    }

    /// <summary>Bytes this thread allocates for one run, after a run of the same data has compiled the code and filled the buffer pools.</summary>
    private static long AllocatedByRun(MarketData data, out long fills)
    {
        Backtest.Run(data, new SmaCross(), Options);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = GC.GetAllocatedBytesForCurrentThread();
        BacktestResult result = Backtest.Run(data, new SmaCross(), Options);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        fills = result.Summary.Fills;
        return allocated;
    }
}
