using System;
using CsCheck;

namespace Backtester.Tests.Indicators;

/// <summary>Random inputs for the property tests.</summary>
internal static class Generators
{
    public static readonly Gen<double[]> Values = Gen.Double[-100, 100].Array[0, 120];

    /// <summary>Bars with consistent high ≥ open/close ≥ low, increasing timestamps (gaps of 1 to 40 ns) and non-negative volume.</summary>
    public static readonly Gen<Bar[]> Bars =
        Gen.Select(Gen.Double[50, 150], Gen.Double[-5, 5], Gen.Double[0, 3], Gen.Double[0, 3], Gen.Double[0, 1000], Gen.Long[1, 40])
            .Array[0, 120]
            .Select(rows =>
            {
                var bars = new Bar[rows.Length];
                long t = 0;
                for (int i = 0; i < rows.Length; i++)
                {
                    var (open, move, up, down, volume, gap) = rows[i];
                    double close = open + move;
                    t += gap;
                    bars[i] = new Bar(t, 0, open, Math.Max(open, close) + up, Math.Min(open, close) - down, close, volume);
                }
                return bars;
            });

    /// <summary>Checks a streaming indicator against its naive reference for random periods up to <paramref name="maxPeriod"/> and random series.</summary>
    public static void AgreesWithNaive(int maxPeriod, Func<int, double[], double[]> naive, Func<int, double[], double[]> streaming) =>
        Gen.Select(Gen.Int[1, maxPeriod], Values).Sample((n, xs) => Series.AssertClose(naive(n, xs), streaming(n, xs)));

    /// <summary>The same over random bars.</summary>
    public static void AgreesWithNaiveOnBars(int maxPeriod, Func<int, Bar[], double[]> naive, Func<int, Bar[], double[]> streaming) =>
        Gen.Select(Gen.Int[1, maxPeriod], Bars).Sample((n, bars) => Series.AssertClose(naive(n, bars), streaming(n, bars)));
}
