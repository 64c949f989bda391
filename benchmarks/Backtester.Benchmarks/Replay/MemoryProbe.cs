using System.Collections.Generic;
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Backtester.Data;

namespace Backtester.Benchmarks.Replay;

/// <summary>
/// <c>--memory [events...]</c> (default 1M 10M 60M): the memory of a SummaryOnly replay of <see cref="ScalingBenchmarks"/>' workload at
/// growing sizes, each size measured in a fresh child process, over the trades memory-mapped from an Arrow file and
/// over the same trades in managed arrays. Reports the bytes allocated by a warmed-up run, the GC heap (live and
/// committed, after a full collection), and on Linux
/// the process's resident memory split into anonymous (private: GC heap, runtime, JIT) and file-backed pages (the
/// mapped file, which the OS can drop and re-read), from <c>/proc/self/status</c>.
/// </summary>
public static class MemoryProbe
{
    private static readonly int[] DefaultSizes = [1_000_000, 10_000_000, 60_000_000];

    public static int Run(string[] args)
    {
        if (args.Length == 3 && args[0] == "--child") return args[1] == "segments" ? SegmentsChild(args[2]) : Child(args[1], args[2]);
        if (args.Length == 2 && args[0] == "--segments") return Segments(int.Parse(args[1], CultureInfo.InvariantCulture));
        int[] sizes = args.Length == 0 ? DefaultSizes : Array.ConvertAll(args, a => int.Parse(a, CultureInfo.InvariantCulture));
        using var directory = new TempDirectory("memory");
        Console.WriteLine("| events | data | file MB | allocated by run 2 (B) | GC live MB | GC committed MB | VmHWM MB | VmRSS MB | RssAnon MB | RssFile MB | run 2 ns/event |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int events in sizes)
        {
            // 29 bytes a trade: one mapped file is limited to 2 GiB (ArrowMarketData.Open), so larger sizes run in memory only.
            if ((long)events * 29 < int.MaxValue)
            {
                string path = directory.File($"trades-{events}.arrow");
                ArrowMarketDataWriter.Write(ReplayWorkload.Data(events), path);
                GC.Collect(); // the writer's arrays are garbage now; the children do not see this process's memory anyway
                Spawn("mapped", path);
                File.Delete(path);
            }
            Spawn("in-memory", events.ToString(CultureInfo.InvariantCulture));
        }
        return 0;
    }

    private static void Spawn(string kind, string argument)
    {
        string self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(MemoryProbe).Assembly.Location);
        foreach (string a in new[] { "--memory", "--child", kind, argument }) start.ArgumentList.Add(a);
        using Process child = Process.Start(start)!;
        child.WaitForExit();
        if (child.ExitCode != 0) throw new InvalidOperationException($"The {kind} probe of {argument} exited with {child.ExitCode}.");
    }

    private static int Child(string kind, string argument)
    {
        using MarketData data = kind == "mapped"
            ? ArrowMarketData.Open(argument)
            : ReplayWorkload.Data(int.Parse(argument, CultureInfo.InvariantCulture));
        long fileBytes = kind == "mapped" ? new FileInfo(argument).Length : 0;
        var runner = new BacktestRunner();
        var strategy = new SmaCrossBench();
        Replay(runner, strategy, data); // warm-up: grows the runner's buffers and tiers the loop up
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        BacktestSummary summary = Replay(runner, strategy, data);
        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (summary.Events != data.EventCount) throw new InvalidOperationException("The replay skipped events.");

        long live = GC.GetTotalMemory(forceFullCollection: true); // after a full collection, so the heap figures are current
        long committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var status = new ProcStatus();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {data.EventCount:N0} | {kind} | {fileBytes / 1e6:F0} | {allocated:N0} | {live / 1e6:F1} | {committed / 1e6:F1} | {status.Mb("VmHWM")} | {status.Mb("VmRSS")} | {status.Mb("RssAnon")} | {status.Mb("RssFile")} | {clock.Elapsed.TotalNanoseconds / data.EventCount:F1} |"));
        GC.KeepAlive(data);
        return 0;
    }

    /// <summary>
    /// <c>--memory --segments N</c>: N files of 1M trades each (consecutive times, like one file per day), replayed as
    /// <see cref="MarketDataSegments"/>: one segment is mapped at a time. Compares 1 segment with N.
    /// </summary>
    private static int Segments(int count)
    {
        const int PerSegment = 1_000_000;
        using var directory = new TempDirectory("segments");
        var paths = new List<string>();
        for (int k = 0; k < count; k++)
        {
            string path = directory.File($"day-{k:D4}.arrow");
            var options = new SyntheticDataOptions { Events = PerSegment, Symbols = 4, Seed = (ulong)k + 1, StartTime = 1_704_067_200_000_000_000L + (long)k * PerSegment * 1_000 };
            using (MarketData day = SyntheticData.Trades(options)) ArrowMarketDataWriter.Write(day, path);
            paths.Add(path);
        }
        string list = directory.File("segments.txt");
        Console.WriteLine("| events | segments of 1M trades | allocated by run 2 (B) | GC live MB | VmHWM MB | VmRSS MB | RssAnon MB | RssFile MB | run 2 ns/event |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int n in new[] { 1, count })
        {
            File.WriteAllLines(list, paths.GetRange(0, n));
            Spawn("segments", list);
        }
        return 0;
    }

    private static int SegmentsChild(string listFile)
    {
        string[] paths = File.ReadAllLines(listFile);
        var segments = MarketDataSegments.FromFiles(paths);
        var runner = new BacktestRunner();
        var strategy = new SmaCrossBench();
        SmaCrossBench.Driver driver = strategy.CreateDriver();
        runner.RunSummary(segments, ref driver, ScalingBenchmarks.Options); // warm-up
        driver = strategy.CreateDriver();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        BacktestSummary summary = runner.RunSummary(segments, ref driver, ScalingBenchmarks.Options);
        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (!double.IsFinite(summary.NetPnl)) throw new InvalidOperationException("The replay's account is not finite.");
        long live = GC.GetTotalMemory(forceFullCollection: true);
        var status = new ProcStatus();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {summary.Events:N0} | {paths.Length} | {allocated:N0} | {live / 1e6:F1} | {status.Mb("VmHWM")} | {status.Mb("VmRSS")} | {status.Mb("RssAnon")} | {status.Mb("RssFile")} | {clock.Elapsed.TotalNanoseconds / summary.Events:F1} |"));
        return 0;
    }

    private static BacktestSummary Replay(BacktestRunner runner, SmaCrossBench strategy, MarketData data)
    {
        SmaCrossBench.Driver driver = strategy.CreateDriver();
        return runner.RunSummary(data, ref driver, ScalingBenchmarks.Options);
    }

    /// <summary>The kB (KiB) fields of <c>/proc/self/status</c>, in MB like the GC columns; "n/a" off Linux.</summary>
    private sealed class ProcStatus
    {
        private readonly string[] _lines = File.Exists("/proc/self/status") ? File.ReadAllLines("/proc/self/status") : [];

        public string Mb(string field)
        {
            foreach (string line in _lines)
            {
                if (!line.StartsWith(field + ":", StringComparison.Ordinal)) continue;
                string kb = line[(field.Length + 1)..].Trim().Split(' ')[0];
                return (long.Parse(kb, CultureInfo.InvariantCulture) * 1024 / 1e6).ToString("F1", CultureInfo.InvariantCulture);
            }
            return "n/a";
        }
    }
}
