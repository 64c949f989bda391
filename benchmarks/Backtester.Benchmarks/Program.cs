using System;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Backtester.Benchmarks;

/// <summary>
/// Runs the BenchmarkDotNet suites. <c>--quick</c> runs every benchmark once, in process, to check that it works
/// (CI's smoke mode: no timing is asserted) and then <see cref="DispatchCheck"/>; any other arguments go to BenchmarkDotNet, e.g.
/// <c>--filter *Replay*</c>. <c>--memory</c> is not a benchmark: it prints the memory of replays over memory-mapped
/// and in-memory data of growing size (see <see cref="Replay.MemoryProbe"/>). <c>--paired</c> times variants taking turns in
/// one process (see <see cref="Paired.PairedMode"/>), <c>--paired-builds</c> one variant of two builds of this project in one
/// process (see <see cref="Paired.PairedBuilds"/>); <c>peers</c> is the C# side of the comparison with a numba loop
/// (see <see cref="Peers.PeerCommand"/> and benchmarks/peers/); <c>--cold-start</c> times a fresh process's first
/// README-strategy run against its warm runs (see <see cref="Replay.ColdStart"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Contains(DispatchCheck.ReplayOnceArgument))
        {
            DispatchCheck.ReplayOnce();
            return 0;
        }
        if (args.Length > 0 && args[0] == "--memory") return Replay.MemoryProbe.Run(args[1..]);
        if (args.Length > 0 && args[0] == "--cold-start") return Replay.ColdStart.Run(args[1..], Console.Out);
        if (args.Length > 0 && args[0] == "peers") return Peers.PeerCommand.Run(args[1..]);
        if (args.Length > 0 && args[0] == "--paired") return Paired.PairedMode.Run(args[1..]);
        if (args.Length > 0 && args[0] == "--paired-builds") return Paired.PairedBuilds.Run(args[1..]);
        if (args.Length > 0 && args[0] == "--indicator-pairs") return Indicators.IndicatorPairs.Run(args[1..]);
        if (args.Length > 0 && args[0] == "--repeat") return Paired.PairedMode.Repeat(args[1..]);
        bool quick = args.Contains("--quick");
        QuickMode.IsOn = quick;
        string[] rest = args.Where(a => a != "--quick").ToArray();
        IConfig config = quick
            ? DefaultConfig.Instance.AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance)).WithOptions(ConfigOptions.DisableOptimizationsValidator)
            : DefaultConfig.Instance;
        if (quick && rest.Length == 0) rest = ["--filter", "*"];
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);
        bool failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        if (quick) failed |= !DispatchCheck.Run(Console.Out);
        if (quick) failed |= !QuickChecks.Run(Console.Out);
        Console.WriteLine(failed ? "benchmarks: FAILED" : "benchmarks: ok");
        return failed ? 1 : 0;
    }
}
