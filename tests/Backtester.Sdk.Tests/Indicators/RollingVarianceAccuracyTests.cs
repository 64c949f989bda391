using System;
using Backtester.Indicators;
using CsCheck;
using Xunit;

namespace Backtester.Tests.Indicators;

/// <summary>
/// The rolling variance (StdDev, ZScore, BollingerBands) against the exact variance of each window (BigInteger
/// arithmetic, <see cref="ExactVariance"/>) at price levels from 1e-3 to 1e12 with moves far smaller than the level:
/// where a Welford update loses digits in proportion to the level.
/// </summary>
public class RollingVarianceAccuracyTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void StdDev_of_two_close_values_at_a_billion_is_exact()
    {
        // Worked by hand from the doubles' exact values (each is a multiple of 2^-23 at this level):
        // 999999979.9 is 999999979.89999997615814208984375 and 999999979.92 is 999999979.91999995708465576171875,
        // so the window's population deviation, half their difference, is exactly 0.0099999904632568359375.
        var sd = new StdDev(2);
        sd.Update(1e9);
        sd.Update(999999979.9);
        sd.Update(999999979.92);
        const double exact = 0.0099999904632568359375;
        Assert.True(Math.Abs(sd.Value - exact) <= Tolerance * exact, $"StdDev {sd.Value:R}, exact {exact:R}");
        Assert.True(Math.Abs(sd.Variance - (exact * exact)) <= Tolerance * exact * exact, $"variance {sd.Variance:R}");
    }

    /// <summary>A level, a relative move size, a window and a series length: a random walk of small moves around the level.</summary>
    private static readonly Gen<(double Level, double Move, int Period, double[] Steps)> Walks =
        Gen.Select(Gen.Int[-3, 12], Gen.Int[-9, -3], Gen.Int[2, 40], Gen.Double[-1, 1].Array[1, 200])
            .Select((exponent, moveExponent, period, steps) => (Math.Pow(10, exponent), Math.Pow(10, moveExponent), period, steps));

    [Fact]
    public void StdDev_variance_zscore_and_bands_match_the_exact_variance_of_every_window_at_any_level()
    {
        Walks.Sample(walk =>
        {
            var (level, move, n, steps) = walk;
            var xs = new double[steps.Length];
            double x = level;
            for (int i = 0; i < xs.Length; i++)
            {
                x += level * move * steps[i];
                xs[i] = x;
            }
            var sd = new StdDev(n);
            var z = new ZScore(n);
            var bands = new BollingerBands(n, 2);
            for (int i = 0; i < xs.Length; i++)
            {
                sd.Update(xs[i]);
                z.Update(xs[i]);
                bands.Update(xs[i]);
                if (i + 1 < n) continue;
                ReadOnlySpan<double> window = xs.AsSpan(i + 1 - n, n);
                double variance = ExactVariance.Of(window);
                Close(variance, sd.Variance, $"variance at {i}");
                double deviation = Math.Sqrt(variance);
                Close(deviation, sd.Value, $"deviation at {i}");
                Close(deviation, bands.StandardDeviation, $"band deviation at {i}");
                Close(ExactVariance.Mean(window), sd.Mean, $"mean at {i}", absolute: Tolerance * deviation);
                if (deviation > 0)
                    Close(ExactVariance.DeviationOfLast(window) / deviation, z.Value, $"z-score at {i}", absolute: 1e-9);
            }
        }, iter: 300);
    }

    [Fact]
    public void A_jump_to_a_new_level_does_not_cost_digits_in_the_windows_after_it()
    {
        // 1e9-level values with a spread of 1e6, then values near 1 with a spread of 1e-3: once the last large value has
        // left the window the deviation is of the small values alone, exactly.
        const int n = 5;
        var sd = new StdDev(n);
        var random = new Random(3);
        var xs = new double[60];
        for (int i = 0; i < xs.Length; i++)
            xs[i] = i < 30 ? 1e9 + (1e6 * random.NextDouble()) : 1 + (1e-3 * random.NextDouble());
        for (int i = 0; i < xs.Length; i++)
        {
            sd.Update(xs[i]);
            if (i + 1 >= n) Close(ExactVariance.Of(xs.AsSpan(i + 1 - n, n)), sd.Variance, $"variance at {i}");
        }
    }

    private static void Close(double expected, double actual, string what, double absolute = 0)
    {
        double limit = Math.Max(Tolerance * Math.Abs(expected), absolute);
        if (!(Math.Abs(actual - expected) <= limit))
            throw new Xunit.Sdk.XunitException($"{what}: expected {expected:R}, got {actual:R} (off by {Math.Abs(actual - expected) / Math.Abs(expected):E2} relative)");
    }
}
