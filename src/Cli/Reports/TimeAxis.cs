using System;

namespace Backtester.Cli.Reports;

/// <summary>
/// Charts put time on the x axis as elapsed time since the first timestamp, in the unit that suits the span (backtests
/// over synthetic data last a second; real ones months), labelled with the start as ISO UTC.
/// </summary>
internal sealed record TimeAxis(double Origin, double UnitNs, string Label)
{
    public static TimeAxis For(double[] timestamps)
    {
        double first = double.MaxValue, last = double.MinValue;
        foreach (double t in timestamps) { first = Math.Min(first, t); last = Math.Max(last, t); }
        if (timestamps.Length == 0) (first, last) = (0, 0);
        double span = last - first;
        (double unit, string name) = span switch
        {
            < 2e9 => (1e6, "ms"),
            < 2 * 3600e9 => (1e9, "s"),
            < 2 * 86400e9 => (3600e9, "h"),
            _ => (86400e9, "days"),
        };
        // Doubles hold ns timestamps to about 0.2 µs: label the origin to the millisecond.
        return new TimeAxis(first, unit, $"{name} since {DataSpan.Iso((long)Math.Round(first / 1e6) * 1_000_000)}");
    }

    public double Scale(double timestamp) => (timestamp - Origin) / UnitNs;

    public double[] Scale(double[] timestamps) => Array.ConvertAll(timestamps, Scale);
}
