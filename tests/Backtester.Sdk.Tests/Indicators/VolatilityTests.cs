using System;
using Backtester.Indicators;

namespace Backtester.Tests.Indicators;

public sealed class VolatilityTests
{
    private const double NaN = double.NaN;

    [Fact]
    public void Atr_needs_a_previous_close_then_seeds_with_the_mean_true_range_and_applies_wilder_smoothing()
    {
        var atr = new Atr(2);
        Bar[] bars =
        [
            new(1, 0, 9, 10, 8, 9, 100),
            new(2, 0, 9, 11, 9, 10.5, 100),   // TR = max(11, 9) - min(9, 9) = 2
            new(3, 0, 10, 10.8, 9.5, 10, 100), // TR = max(10.8, 10.5) - min(9.5, 10.5) = 1.3
            new(4, 0, 11, 13, 11, 12, 100),   // gap up: TR = 13 - min(11, 10) = 3
            new(5, 0, 9, 9, 8, 8.5, 100),     // gap down: TR = max(9, 12) - 8 = 4
        ];
        double[] got = Series.Run(bars, b => atr.Update(b), () => atr.Value);
        double seed = (2 + 1.3) / 2;                 // 1.65
        double fourth = ((seed * 1) + 3) / 2;        // 2.325
        double fifth = ((fourth * 1) + 4) / 2;       // 3.1625
        Series.AssertClose([NaN, NaN, seed, fourth, fifth], got);
    }

    [Fact]
    public void Bollinger_bands_lie_k_population_deviations_around_the_sma()
    {
        var bands = new BollingerBands(3, 2);
        foreach (double x in new double[] { 1, 2 })
            bands.Update(x);
        Assert.True(double.IsNaN(bands.Upper));
        bands.Update(3);
        // mean 2, population variance ((1-2)^2 + 0 + (3-2)^2) / 3 = 2/3
        Series.AssertClose(2, bands.Middle);
        Series.AssertClose(2 + (2 * Math.Sqrt(2.0 / 3)), bands.Upper);
        Series.AssertClose(2 - (2 * Math.Sqrt(2.0 / 3)), bands.Lower);
        bands.Update(6);
        // window 2, 3, 6: mean 11/3, deviations -5/3, -2/3, 7/3, variance (25 + 4 + 49) / 9 / 3 = 26/9
        Series.AssertClose(11.0 / 3, bands.Middle);
        Series.AssertClose((11.0 / 3) + (2 * Math.Sqrt(26) / 3), bands.Upper);
        Series.AssertClose(Math.Sqrt(26) / 3, bands.StandardDeviation);
    }

    [Fact]
    public void StdDev_and_ZScore_use_the_population_deviation_of_the_window_including_the_latest_value()
    {
        var sd = new StdDev(3);
        var z = new ZScore(3);
        double[] xs = [1, 2, 3, 6];
        Series.AssertClose([NaN, NaN, Math.Sqrt(2.0 / 3), Math.Sqrt(26) / 3], Series.Run(xs, x => sd.Update(x), () => sd.Value));
        Series.AssertClose([NaN, NaN, (3 - 2) / Math.Sqrt(2.0 / 3), (6 - (11.0 / 3)) / (Math.Sqrt(26) / 3)], Series.Run(xs, x => z.Update(x), () => z.Value));
        Series.AssertClose(26.0 / 9, sd.Variance);
        Series.AssertClose(11.0 / 3, sd.Mean);
    }

    [Fact]
    public void ZScore_of_a_window_without_spread_is_zero()
    {
        var z = new ZScore(3);
        Series.AssertClose([NaN, NaN, 0, 0], Series.Run([4.0, 4, 4, 4], x => z.Update(x), () => z.Value));
    }

    [Fact]
    public void Variance_never_goes_negative_and_does_not_drift_after_huge_values_leave_the_window()
    {
        const int n = 7;
        var sd = new StdDev(n);
        var random = new Random(11);
        for (int i = 0; i < 1_000_000; i++)
        {
            sd.Update(1e9 + (1e6 * random.NextDouble()));
            Assert.True(sd.Variance >= 0 || double.IsNaN(sd.Variance));
        }
        var window = new double[n];
        for (int i = 0; i < 1000; i++)
        {
            double x = 1.0 + (1e-3 * random.NextDouble());
            window[i % n] = x;
            sd.Update(x);
            Assert.True(sd.Variance >= 0);
        }
        Series.AssertClose(Math.Sqrt(Naive.PopulationVariance(window, 0, n)), sd.Value, 1e-9);
        for (int i = 0; i < n; i++)
            sd.Update(5.0);
        Assert.Equal(0.0, sd.Variance);
    }

    [Fact]
    public void Atr_agrees_with_the_batch_wilder_recursion() =>
        Generators.AgreesWithNaiveOnBars(15, (n, bars) => Naive.Atr(bars, n), (n, bars) => { var s = new Atr(n); return Series.Run(bars, b => s.Update(b), () => s.Value); });

    [Fact]
    public void Rolling_deviation_bands_and_zscore_agree_with_two_pass_windows()
    {
        Generators.AgreesWithNaive(15, (n, xs) => Naive.StdDev(xs, n), (n, xs) => { var s = new StdDev(n); return Series.Run(xs, x => s.Update(x), () => s.Value); });
        Generators.AgreesWithNaive(15, (n, xs) => Naive.ZScore(xs, n), (n, xs) => { var s = new ZScore(n); return Series.Run(xs, x => s.Update(x), () => s.Value); });
        Generators.AgreesWithNaive(15, (n, xs) => Naive.Sma(xs, n), (n, xs) => { var s = new BollingerBands(n, 1.5); return Series.Run(xs, x => s.Update(x), () => s.Middle); });
        Generators.AgreesWithNaive(15, (n, xs) => Combine(Naive.Sma(xs, n), Naive.StdDev(xs, n), (m, sd) => m - (1.5 * sd)), (n, xs) => { var s = new BollingerBands(n, 1.5); return Series.Run(xs, x => s.Update(x), () => s.Lower); });
    }

    [Fact]
    public void Bad_arguments_are_rejected_naming_the_argument()
    {
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => new Atr(0)).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => new StdDev(0)).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => new ZScore(0)).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => new BollingerBands(0)).ParamName);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new BollingerBands(20, -1));
        Assert.Equal(("deviations", (object?)-1.0), (e.ParamName, e.ActualValue));
        Assert.Equal("deviations", Assert.Throws<ArgumentOutOfRangeException>(() => new BollingerBands(20, double.NaN)).ParamName);
    }

    private static double[] Combine(double[] a, double[] b, Func<double, double, double> f)
    {
        var result = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
            result[i] = f(a[i], b[i]);
        return result;
    }
}
