using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace Backtester.Benchmarks.Paired;

/// <summary>
/// <c>--paired [--variants a,b,...] [--rounds N] [--runs K] [--warmup W] [--events N]</c>: times two or more variants
/// taking turns in one process, for a machine whose load changes under a benchmark. BenchmarkDotNet runs variants one
/// after another, so on a shared VM a ratio can follow the load rather than the code; here a round is K turns, a turn
/// one run of every variant (the order rotating from turn to turn), and the round's ratio is each variant's median over
/// the first variant's median, so both sides of a ratio saw the same seconds of load. Prints every round,
/// then each variant's median ratio and its spread (min–max over the rounds). Defaults: handwritten,generated,interface;
/// 10 rounds of 5 turns after 10 warm-up runs each; 1M events. <c>--cpu</c> times the process's CPU time (every
/// thread's) instead of the wall clock: on a machine with more runnable threads than cores, time spent waiting for a
/// core then does not count.
/// </summary>
public static class PairedMode
{
    private const string Usage = "--paired [--variants a,b,...] [--rounds N] [--runs K] [--warmup W] [--events N] [--cpu]";

    public static int Run(string[] args)
    {
        string[] names = ["handwritten", "generated", "interface"];
        int rounds = 10, runs = 5, warmup = 10, events = 1_000_000;
        bool cpu = args.Contains("--cpu");
        args = args.Where(a => a != "--cpu").ToArray();
        for (int i = 0; i < args.Length; i += 2)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value. Usage: {Usage}");
            switch (args[i])
            {
                case "--variants": names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                case "--rounds": rounds = Positive(args[i], value); break;
                case "--runs": runs = Positive(args[i], value); break;
                case "--warmup": warmup = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--events": events = Positive(args[i], value); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Usage: {Usage}. Variants: {PairedVariant.Known}.");
            }
        }
        if (names.Length < 2) throw new ArgumentException($"--paired needs at least two variants, got '{string.Join(",", names)}'.");
        PairedVariant[] variants = names.Select(n => PairedVariant.Create(n, events)).ToArray();

        // Equal work first: variants of one workload must agree.
        var summaries = new BacktestSummary[variants.Length];
        for (int v = 0; v < variants.Length; v++)
        {
            summaries[v] = variants[v].Run();
            int same = Array.FindIndex(variants, 0, v, w => w.Workload == variants[v].Workload);
            if (same >= 0) SummaryCheck.Same(variants[same].Name, summaries[same], variants[v].Name, summaries[v]);
        }
        foreach (PairedVariant v in variants)
            for (int w = 0; w < warmup; w++) v.Run();

        Console.WriteLine($"paired ({(cpu ? "process CPU time" : "wall clock")}): {events:N0} events, {rounds} rounds of {runs} turns (a turn: one run of each variant), {warmup} warm-up runs each; ratios are each variant's median over {variants[0].Name}'s, per round");
        foreach (var group in variants.GroupBy(v => v.Workload))
            Console.WriteLine($"  {string.Join(", ", group.Select(v => v.Name))}: {group.Key}{(group.Count() > 1 ? " (same summary checked)" : "")}");
        Console.WriteLine($"| round | {string.Join(" | ", variants.Select(v => v.Name + " ms"))} | {string.Join(" | ", variants.Skip(1).Select(v => v.Name + " / " + variants[0].Name))} |");
        Console.WriteLine($"|---:|{string.Concat(Enumerable.Repeat("---:|", 2 * variants.Length - 1))}");
        var ratios = new List<double>[variants.Length];
        for (int v = 0; v < variants.Length; v++) ratios[v] = new List<double>(rounds);
        var medians = new double[variants.Length];
        var times = new double[variants.Length][];
        for (int v = 0; v < variants.Length; v++) times[v] = new double[runs];
        int turn = 0;
        for (int r = 0; r < rounds; r++)
        {
            for (int i = 0; i < runs; i++, turn++)
            {
                for (int k = 0; k < variants.Length; k++)
                {
                    int v = (turn + k) % variants.Length;
                    PairedVariant variant = variants[v];
                    times[v][i] = Time(() => variant.Run(), cpu);
                }
            }
            for (int v = 0; v < variants.Length; v++) medians[v] = Median(times[v]);
            for (int v = 0; v < variants.Length; v++) ratios[v].Add(Ratio(medians[v], medians[0], variants[0].Name));
            Console.WriteLine($"| {r + 1} | {string.Join(" | ", medians.Select(m => m.ToString("F2", CultureInfo.InvariantCulture)))} | {string.Join(" | ", Enumerable.Range(1, variants.Length - 1).Select(v => ratios[v][r].ToString("F3", CultureInfo.InvariantCulture)))} |");
        }
        for (int v = 1; v < variants.Length; v++)
            Console.WriteLine($"{variants[v].Name} / {variants[0].Name}: median {Median(ratios[v].ToArray()).ToString("F3", CultureInfo.InvariantCulture)}, spread {ratios[v].Min().ToString("F3", CultureInfo.InvariantCulture)}-{ratios[v].Max().ToString("F3", CultureInfo.InvariantCulture)} over {rounds} rounds");
        return 0;
    }

    /// <summary>
    /// <c>--repeat VARIANT RUNS [--events N]</c>: runs one variant RUNS times and nothing else, for instruction counts
    /// under <c>valgrind --tool=callgrind</c>, which repeat under load: the count of RUNS = 3 minus that of RUNS = 1,
    /// over 2 x N, is a warm run's instructions per event (start-up and JIT cancel out).
    /// </summary>
    public static int Repeat(string[] args)
    {
        if (args.Length is not (2 or 4)) throw new ArgumentException("Usage: --repeat VARIANT RUNS [--events N]");
        int runs = Positive("RUNS", args[1]);
        int events = args.Length == 4 && args[2] == "--events" ? Positive(args[2], args[3]) : 1_000_000;
        PairedVariant variant = PairedVariant.Create(args[0], events);
        BacktestSummary summary = default;
        for (int i = 0; i < runs; i++) summary = variant.Run();
        Console.WriteLine($"{variant.Name} x{runs}, {events:N0} events: {summary.Fills} fills, net PnL {summary.NetPnl.ToString("R", CultureInfo.InvariantCulture)}");
        return 0;
    }

    /// <summary>Milliseconds <paramref name="run"/> takes: the process's CPU time (every thread's) with <paramref name="cpu"/>, else the wall clock.</summary>
    internal static double Time(Action run, bool cpu)
    {
        if (cpu)
        {
            TimeSpan before = Process.GetCurrentProcess().TotalProcessorTime;
            run();
            return (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds;
        }
        long start = Stopwatch.GetTimestamp();
        run();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>
    /// <paramref name="time"/> over <paramref name="baseline"/>'s; refuses a baseline that took no measurable time (a run
    /// shorter than the clock's step, as process CPU time can be for a small --events), whose ratio would be infinite or NaN.
    /// </summary>
    internal static double Ratio(double time, double baseline, string baselineName)
    {
        if (!(baseline > 0) || !double.IsFinite(time))
            throw new InvalidOperationException($"{baselineName} took {baseline} ms against {time} ms: too short to time; give more --events or leave out --cpu.");
        return time / baseline;
    }

    internal static double Median(double[] values)
    {
        double[] sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    internal static int Positive(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new ArgumentException($"{option} expects a positive whole number, got '{value}'.");
}
