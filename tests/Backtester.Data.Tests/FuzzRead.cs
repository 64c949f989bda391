using System;
using System.Threading;
using Xunit;

namespace Backtester.Data.Tests;

/// <summary>
/// One fuzz case's read, on a thread of its own so that a reader that spins fails the case instead of hanging the run,
/// and with what it allocated on that thread: a damaged file must be refused before anything is sized by what it
/// declares (a spliced Arrow file once had Apache.Arrow allocate 7.1 GB, decision 0094). The readers of the fuzz
/// tests' small files need a few MB.
/// </summary>
internal static class FuzzRead
{
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(20);
    private const long MaxAllocated = 64L << 20;

    /// <summary>Runs <paramref name="read"/>; asserts it ended in time and within the allocation bound; returns the data or null with the exception.</summary>
    public static (MarketData? Data, Exception? Error) Run(Func<MarketData> read, string where)
    {
        MarketData? data = null;
        Exception? error = null;
        long allocated = 0;
        var thread = new Thread(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try { data = read(); }
            catch (Exception e) { error = e; }
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }, 16 << 20) { IsBackground = true };
        thread.Start();
        Assert.True(thread.Join(CaseTimeout), $"{where}: still reading after {CaseTimeout}");
        Assert.True(allocated < MaxAllocated, $"{where}: the read allocated {allocated:N0} bytes");
        return (data, error);
    }
}
