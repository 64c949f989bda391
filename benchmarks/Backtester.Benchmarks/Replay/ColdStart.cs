using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Backtester.Data;

using Backtester.Benchmarks.Peers;

namespace Backtester.Benchmarks.Replay;

/// <summary>
/// <c>--cold-start [runs]</c>: what a one-off <c>backtester run</c> pays. In a fresh process it generates the README's
/// data, then times the README strategy's first 1M-event run and the following ones, and prints one line:
/// <c>first_ms warm_ms ratio</c> (warm: the fastest of the later runs). <c>benchmarks/cold-start.sh</c> starts it
/// several times under each runtime setting.
/// </summary>
public static class ColdStart
{
    public static int Run(string[] args, TextWriter output)
    {
        int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
        MarketData data = SyntheticData.Trades(new SyntheticDataOptions { Events = 1_000_000 });
        var runner = new BacktestRunner();
        double first = 0, warm = double.MaxValue;
        for (int i = 0; i < runs; i++)
        {
            var strategy = new ReadmeSmaCross();
            long start = Stopwatch.GetTimestamp();
            ReadmeSmaCross.Driver driver = strategy.CreateDriver();
            runner.RunSummary(data, ref driver, ReadmeSmaCrossBenchmarks.Options);
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (i == 0) first = ms;
            else warm = Math.Min(warm, ms);
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{first:F1} {warm:F1} {first / warm:F2}"));
        return 0;
    }
}
