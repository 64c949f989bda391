using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace Backtester.Benchmarks.Indicators;

/// <summary>
/// <c>--indicator-pairs [--rounds N]</c>: every category of the hand-written indicator benchmarks, the SDK's method and
/// the hand-written one taking turns for N rounds (default 300) after a warm-up, each call timed by the thread's CPU
/// clock (<c>CLOCK_THREAD_CPUTIME_ID</c>), so time the thread spends waiting for a core on a loaded machine does not
/// count. Prints each side's fastest call per update and their ratio: BenchmarkDotNet's sequential variants follow the
/// load of a shared VM, while the minimum of alternating CPU times moves little.
/// </summary>
public static class IndicatorPairs
{
    public static int Run(string[] args)
    {
        int rounds = args.Length == 2 && args[0] == "--rounds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
        Console.WriteLine($"| Indicator | SDK ns/update | hand-written ns/update | SDK / hand |");
        Console.WriteLine($"|---|---:|---:|---:|");
        foreach (Type type in new[] { typeof(HandWrittenIndicatorBenchmarks), typeof(HandWrittenRecursiveIndicatorBenchmarks), typeof(HandWrittenWindowIndicatorBenchmarks) })
        {
            object instance = Activator.CreateInstance(type)!;
            type.GetMethod("Setup")!.Invoke(instance, null); // checks bit-identical outputs
            var byCategory = new Dictionary<string, (Func<double>? Sdk, Func<double>? Hand, int Ops)>();
            foreach (MethodInfo m in type.GetMethods())
            {
                if (m.GetCustomAttribute<BenchmarkAttribute>() is not { } b) continue;
                string category = m.GetCustomAttribute<BenchmarkCategoryAttribute>()!.Categories[0];
                var call = m.CreateDelegate<Func<double>>(instance);
                byCategory.TryGetValue(category, out var pair);
                byCategory[category] = b.Baseline ? (pair.Sdk, call, b.OperationsPerInvoke) : (call, pair.Hand, b.OperationsPerInvoke);
            }
            foreach ((string category, (Func<double>? sdk, Func<double>? hand, int ops)) in byCategory.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                for (int i = 0; i < 50; i++) { sdk!(); hand!(); }
                double bestSdk = double.MaxValue, bestHand = double.MaxValue;
                for (int r = 0; r < rounds; r++)
                {
                    bool sdkFirst = (r & 1) == 0;
                    double first = Time(sdkFirst ? sdk! : hand!), second = Time(sdkFirst ? hand! : sdk!);
                    bestSdk = Math.Min(bestSdk, sdkFirst ? first : second);
                    bestHand = Math.Min(bestHand, sdkFirst ? second : first);
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| `{category}` | {bestSdk / ops:F2} | {bestHand / ops:F2} | {bestSdk / bestHand:F2} |"));
            }
        }
        return 0;
    }

    private static double Time(Func<double> call)
    {
        long start = ThreadCpuNs();
        call();
        return ThreadCpuNs() - start;
    }

    private static long ThreadCpuNs() => ThreadCpuClock.Nanoseconds("--indicator-pairs");
}
