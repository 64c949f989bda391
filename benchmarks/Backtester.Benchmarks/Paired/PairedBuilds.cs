using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace Backtester.Benchmarks.Paired;

/// <summary>
/// <c>--paired-builds DIR_A DIR_B [--variant NAME] [--rounds N] [--runs K] [--warmup W] [--events N] [--cpu]</c>: times
/// one <see cref="PairedVariant"/> of two builds of this project taking turns in one process, for a change to the
/// engine that <c>--paired</c> cannot hold side by side (the same code, compiled two ways). DIR_A and DIR_B are copies of
/// <c>benchmarks/Backtester.Benchmarks/bin/Release/net10.0</c> made before and after the change. Each build is loaded
/// into an <see cref="AssemblyLoadContext"/> of its own, with its own engine, SDK and strategies; the framework is
/// shared. <c>benchmarks/compare-builds.sh</c> alternates fresh processes instead; on a shared VM, processes differ by
/// more than the change (another neighbour, other profile-guided code), while here both builds see the same seconds.
/// </summary>
/// <remarks>
/// Before timing, both builds' summaries must agree, property by property (doubles bit for bit): a change meant only
/// to be faster must not change a result. A round is K turns, a turn one run of each build (which goes first
/// alternates); the round's ratio is B's median over A's. Defaults: sweep-1m, 5 rounds of 2 turns after 1 warm-up run
/// each, 1M events. <c>--cpu</c> times the process's CPU time (every thread's) instead of the wall clock.
/// </remarks>
public static class PairedBuilds
{
    private const string Usage = "--paired-builds DIR_A DIR_B [--variant NAME] [--rounds N] [--runs K] [--warmup W] [--events N] [--cpu]";

    public static int Run(string[] args)
    {
        bool cpu = args.Contains("--cpu");
        args = args.Where(a => a != "--cpu").ToArray();
        if (args.Length < 2) throw new ArgumentException($"--paired-builds needs two build folders. Usage: {Usage}");
        string variantName = "sweep-1m";
        int rounds = 5, runs = 2, warmup = 1, events = 1_000_000;
        for (int i = 2; i < args.Length; i += 2)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value. Usage: {Usage}");
            switch (args[i])
            {
                case "--variant": variantName = value; break;
                case "--rounds": rounds = PairedMode.Positive(args[i], value); break;
                case "--runs": runs = PairedMode.Positive(args[i], value); break;
                case "--warmup": warmup = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--events": events = PairedMode.Positive(args[i], value); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Usage: {Usage}. Variants: {PairedVariant.Known}.");
            }
        }
        var builds = new[] { Build.Load("A", args[0], variantName, events), Build.Load("B", args[1], variantName, events) };

        // Equal results first.
        string a = builds[0].Summary(), b = builds[1].Summary();
        if (a != b)
            throw new InvalidOperationException($"the two builds' summaries of {variantName} differ:\nA ({builds[0].Folder}): {a}\nB ({builds[1].Folder}): {b}");
        foreach (Build build in builds)
            for (int w = 0; w < warmup; w++) build.RunOnce();

        Console.WriteLine($"paired builds ({(cpu ? "process CPU time" : "wall clock")}): {variantName}, {events:N0} events, {rounds} rounds of {runs} turns (a turn: one run of each build, which goes first alternating), {warmup} warm-up runs each; same summary checked");
        Console.WriteLine($"  A: {builds[0].Folder}: {builds[0].Workload}");
        Console.WriteLine($"  B: {builds[1].Folder}: {builds[1].Workload}");
        Console.WriteLine("| round | A ms | B ms | B / A |");
        Console.WriteLine("|---:|---:|---:|---:|");
        var ratios = new List<double>(rounds);
        var times = new[] { new double[runs], new double[runs] };
        int turn = 0;
        for (int r = 0; r < rounds; r++)
        {
            for (int i = 0; i < runs; i++, turn++)
            {
                for (int k = 0; k < 2; k++)
                {
                    int v = (turn + k) % 2;
                    Build build = builds[v];
                    times[v][i] = PairedMode.Time(() => build.RunOnce(), cpu);
                }
            }
            double ma = PairedMode.Median(times[0]), mb = PairedMode.Median(times[1]);
            ratios.Add(PairedMode.Ratio(mb, ma, "build A"));
            Console.WriteLine($"| {r + 1} | {F(ma, "F2")} | {F(mb, "F2")} | {F(ratios[^1], "F3")} |");
        }
        Console.WriteLine($"B / A: median {F(PairedMode.Median(ratios.ToArray()), "F3")}, spread {F(ratios.Min(), "F3")}-{F(ratios.Max(), "F3")} over {rounds} rounds");
        return 0;
    }

    /// <summary>One build's variant, created through reflection in the build's own load context.</summary>
    private sealed class Build(string folder, string workload, Delegate run)
    {
        public string Folder { get; } = folder;

        /// <summary>The strategy, data and options the variant runs in this build (<see cref="PairedVariant.Workload"/>).</summary>
        public string Workload { get; } = workload;

        public static Build Load(string label, string folder, string variant, int events)
        {
            string full = Path.GetFullPath(folder);
            string entry = Path.Combine(full, "Backtester.Benchmarks.dll");
            if (!File.Exists(entry)) throw new ArgumentException($"build {label}: no Backtester.Benchmarks.dll in {full}");
            var context = new BuildLoadContext(label, entry);
            Assembly assembly = context.LoadFromAssemblyPath(entry);
            Type type = assembly.GetType("Backtester.Benchmarks.Paired.PairedVariant", throwOnError: true)!;
            MethodInfo create = type.GetMethod("Create", [typeof(string), typeof(int)])
                ?? throw new ArgumentException($"build {label} ({full}) has no PairedVariant.Create(string, int)");
            object created = create.Invoke(null, [variant, events])!;
            var run = (Delegate)type.GetProperty("Run")!.GetValue(created)!;
            var workload = (string)type.GetProperty("Workload")!.GetValue(created)!;
            return new Build(full, workload, run);
        }

        public object RunOnce() => run.DynamicInvoke()!;

        /// <summary>Every public property of one run's summary, doubles in round-trip form, for comparing builds.</summary>
        public string Summary()
        {
            object summary = RunOnce();
            return string.Join(", ", summary.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0)
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => $"{p.Name}={Format(p.GetValue(summary))}"));
        }

        private static string Format(object? value) => value switch
        {
            double d => BitConverter.DoubleToInt64Bits(d).ToString("x16", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            null => "null",
            _ => value.ToString() ?? "",
        };
    }

    /// <summary>Resolves a build's own assemblies (engine, SDK, strategies, packages) from its folder; the framework comes from the default context.</summary>
    private sealed class BuildLoadContext(string label, string entry) : AssemblyLoadContext("build " + label)
    {
        private readonly AssemblyDependencyResolver _resolver = new(entry);

        protected override Assembly? Load(AssemblyName name)
        {
            string? path = _resolver.ResolveAssemblyToPath(name);
            return path is null ? null : LoadFromAssemblyPath(path);
        }

        protected override IntPtr LoadUnmanagedDll(string name)
        {
            string? path = _resolver.ResolveUnmanagedDllToPath(name);
            return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
        }
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
