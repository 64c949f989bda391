using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Backtester.Benchmarks.Replay;

namespace Backtester.Benchmarks;

/// <summary>
/// Proves from the JIT's own output that the replay loop specialized for a generated driver makes no virtual or
/// interface call: it re-runs this program in a child process with <c>DOTNET_JitDisasm</c> set for the replay's merge,
/// <c>EventMerge</c>'s methods (fully optimized, no tiering: <c>Replay</c>, which picks the merge compiled with or
/// without the mark-price source, the merge <c>Merge</c>, into which the JIT inlines the per-event loops <c>Drain</c>, one
/// per event source), and scans every listing specialized for
/// <c>SmaCrossBench+Driver</c> for indirect calls. (Opening and disposing data segments, once per segment, happens outside the merge.)
/// The only indirect calls allowed are <c>MemoryManager.GetSpan</c>, made once per run when a column is backed by a
/// memory-mapped file; the listing for the interface-dispatch driver must show the interface calls, so the check
/// cannot pass vacuously.
/// </summary>
public static partial class DispatchCheck
{
    public const string ReplayOnceArgument = "--replay-once";

    /// <summary>The child process: one replay per driver, so the JIT compiles (and prints) both specializations.</summary>
    public static void ReplayOnce()
    {
        var data = ReplayWorkload.Data(10_000);
        var runner = new BacktestRunner();
        SmaCrossBench.Driver generated = new SmaCrossBench().CreateDriver();
        runner.RunSummary(data, ref generated, ReplayWorkload.Options);
        var oop = new InterfaceDriver(new OopSmaCross());
        runner.RunSummary(data, ref oop, ReplayWorkload.Options);
    }

    public static bool Run(TextWriter log)
    {
        string listing = Path.Combine(Path.GetTempPath(), $"backtester-jitdisasm-{Environment.ProcessId}.txt");
        var start = new ProcessStartInfo("dotnet", $"\"{typeof(DispatchCheck).Assembly.Location}\" {ReplayOnceArgument}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_JitDisasm"] = "Replay Merge Drain"; // method names; the listings are filtered to EventMerge below
        start.Environment["DOTNET_TieredCompilation"] = "0";
        start.Environment["DOTNET_JitStdOutFile"] = listing;
        using (Process child = Process.Start(start)!)
        {
            child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            if (child.ExitCode != 0)
            {
                log.WriteLine($"dispatch check: child exited with {child.ExitCode}: {child.StandardError.ReadToEnd()}");
                return false;
            }
        }
        string text = File.ReadAllText(listing);
        File.Delete(listing);
        string[] generated = IndirectCalls(text, "SmaCrossBench+Driver");
        string[] viaInterface = IndirectCalls(text, "InterfaceDriver");
        bool interfaceSeen = viaInterface.Any(c => c.Contains("IOopStrategy:OnTrade", StringComparison.Ordinal));
        log.WriteLine($"dispatch check: generated driver merge (EventMerge) has {generated.Length} indirect call(s) other than MemoryManager.GetSpan; " +
                      $"the interface-dispatch loop has {viaInterface.Length} (interface OnTrade call seen: {interfaceSeen})");
        foreach (string call in generated) log.WriteLine("  " + call);
        return generated.Length == 0 && interfaceSeen;
    }

    /// <summary>Indirect call instructions (through a register or memory slot) in every EventMerge listing specialized for the driver.</summary>
    private static string[] IndirectCalls(string listing, string driver)
    {
        var methods = listing.Split("; Assembly listing for method ")
            .Where(m => m.StartsWith("Backtester.EventMerge:", StringComparison.Ordinal) && m.Split('\n')[0].Contains(driver, StringComparison.Ordinal))
            .ToArray();
        // The merge itself (the JIT inlines the per-source loops into it; any it does not inline are listed too). The
        // workload has no mark prices, so it runs the merge compiled without their source.
        if (!methods.Any(m => m.StartsWith("Backtester.EventMerge:Merge[", StringComparison.Ordinal) && m.Split('\n')[0].Contains("WithoutMarkPrices", StringComparison.Ordinal)))
            throw new InvalidOperationException($"No JIT listing for EventMerge:Merge[{driver}, ..., WithoutMarkPrices].");
        return methods.SelectMany(m => m.Split('\n'))
            .Select(l => l.Trim())
            .Where(l => IndirectCall().IsMatch(l) && !l.Contains("MemoryManager", StringComparison.Ordinal))
            .ToArray();
    }

    [GeneratedRegex(@"^call\s+(qword ptr\s+)?\[r[a-z0-9]+(\+0x[0-9A-F]+)?\]")]
    private static partial Regex IndirectCall();
}
