using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime;
using System.Runtime.InteropServices;
using Backtester.Data;

using Backtester.Benchmarks.Peers;

namespace Backtester.Benchmarks.Replay;

/// <summary>
/// <c>--cold-start [runs]</c>: what a one-off <c>backtester run</c> pays. In a fresh process it generates the README's
/// data, then times the README strategy's first 1M-event run and the following ones, and prints one line:
/// <c>first_ms warm_ms ratio jit_ms first_wall_ms warm_wall_ms</c>. The first three are the replaying thread's CPU
/// time (time spent waiting for a core on a loaded machine does not count), warm being the fastest of the later runs;
/// <c>jit_ms</c> is the time this thread spent compiling during the first run; the last two are wall times.
/// <c>benchmarks/cold-start.sh</c> starts it several times under each runtime setting.
/// </summary>
public static class ColdStart
{
    public static int Run(string[] args, TextWriter output)
    {
        int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
        using JitTimes? jitTimes = Array.IndexOf(args, "--jit-times") >= 0 ? new JitTimes() : null;
        MarketData data = SyntheticData.Trades(new SyntheticDataOptions { Events = 1_000_000 });
        var runner = new BacktestRunner();
        double first = 0, warm = double.MaxValue, firstWall = 0, warmWall = double.MaxValue, firstJit = 0;
        for (int i = 0; i < runs; i++)
        {
            var strategy = new ReadmeSmaCross();
            if (i == 0) jitTimes?.Start();
            TimeSpan jitBefore = JitInfo.GetCompilationTime(currentThread: true);
            long cpuStart = ThreadCpuNs();
            long start = Stopwatch.GetTimestamp();
            ReadmeSmaCross.Driver driver = strategy.CreateDriver();
            runner.RunSummary(data, ref driver, ReadmeSmaCrossBenchmarks.Options);
            double wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            double cpu = (ThreadCpuNs() - cpuStart) / 1e6;
            if (i == 0) (first, firstWall, firstJit) = (cpu, wall, (JitInfo.GetCompilationTime(currentThread: true) - jitBefore).TotalMilliseconds);
            if (i == 0) jitTimes?.Stop();
            else (warm, warmWall) = (Math.Min(warm, cpu), Math.Min(warmWall, wall));
        }
        jitTimes?.Report(output, 40);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{first:F1} {warm:F1} {first / warm:F2} {firstJit:F1} {firstWall:F1} {warmWall:F1}"));
        return 0;
    }

    private static long ThreadCpuNs() => ThreadCpuClock.Nanoseconds("--cold-start");
}
