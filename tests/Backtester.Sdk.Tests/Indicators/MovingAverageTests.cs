using System;
using Backtester.Indicators;

namespace Backtester.Tests.Indicators;

public sealed class MovingAverageTests
{
    private const double NaN = double.NaN;

    [Fact]
    public void Sma_of_three_averages_the_last_three_values()
    {
        var sma = new Sma(3);
        double[] got = Series.Run([1, 2, 3, 4, 10], x => sma.Update(x), () => sma.Value);
        Series.AssertClose([NaN, NaN, (1 + 2 + 3) / 3.0, (2 + 3 + 4) / 3.0, (3 + 4 + 10) / 3.0], got);
        Assert.Equal(3, sma.Period);
    }

    [Fact]
    public void Ema_is_seeded_with_the_sma_of_the_first_n_values_then_smoothed_with_k_2_over_n_plus_1()
    {
        var ema = new Ema(3); // k = 2 / 4 = 0.5
        double[] got = Series.Run([2, 4, 6, 8, 3], x => ema.Update(x), () => ema.Value);
        double seed = (2 + 4 + 6) / 3.0;          // 4
        double third = seed + (0.5 * (8 - seed));   // 6
        double fourth = third + (0.5 * (3 - third)); // 4.5
        Series.AssertClose([NaN, NaN, seed, third, fourth], got);
    }

    [Fact]
    public void Ema_seeded_with_the_first_value_smooths_from_it_and_is_ready_after_n_values()
    {
        var ema = new Ema(3, EmaSeed.FirstValue);
        double[] got = Series.Run([2, 4, 6, 8, 3], x => ema.Update(x), () => ema.Value);
        double e1 = 2 + (0.5 * (4 - 2));   // 3
        double e2 = e1 + (0.5 * (6 - e1)); // 4.5
        double e3 = e2 + (0.5 * (8 - e2)); // 6.25
        double e4 = e3 + (0.5 * (3 - e3)); // 4.625
        Series.AssertClose([NaN, NaN, e2, e3, e4], got);
        Assert.Equal(EmaSeed.FirstValue, ema.Seed);
    }

    [Fact]
    public void Wma_weights_the_newest_value_n_and_the_oldest_1()
    {
        var wma = new Wma(3);
        double[] got = Series.Run([1, 2, 3, 4, 10], x => wma.Update(x), () => wma.Value);
        Series.AssertClose([NaN, NaN, ((1 * 1) + (2 * 2) + (3 * 3)) / 6.0, ((1 * 2) + (2 * 3) + (3 * 4)) / 6.0, ((1 * 3) + (2 * 4) + (3 * 10)) / 6.0], got);
    }

    [Fact]
    public void Dema_is_twice_the_ema_minus_the_ema_of_the_ema_ready_after_2n_minus_1_values()
    {
        var dema = new Dema(2); // k = 2/3
        double[] got = Series.Run([1, 2, 4, 8], x => dema.Update(x), () => dema.Value);
        // EMA1: 1.5 (seed), 1.5 + 2/3 (4 - 1.5) = 19/6, 19/6 + 2/3 (8 - 19/6) = 115/18
        // EMA2 over EMA1: seed (1.5 + 19/6) / 2 = 7/3, then 7/3 + 2/3 (115/18 - 7/3) = 136/27
        Series.AssertClose([NaN, NaN, (2 * 19.0 / 6) - (7.0 / 3), (2 * 115.0 / 18) - (136.0 / 27)], got);
    }

    [Fact]
    public void Tema_is_3_ema1_minus_3_ema2_plus_ema3_ready_after_3n_minus_2_values()
    {
        var tema = new Tema(2);
        double[] got = Series.Run([1, 2, 4, 8], x => tema.Update(x), () => tema.Value);
        // EMA1 at the 4th value 115/18, EMA2 136/27 (as for DEMA), EMA3 seed = (7/3 + 136/27) / 2 = 199/54
        Series.AssertClose([NaN, NaN, NaN, (3 * 115.0 / 18) - (3 * 136.0 / 27) + (199.0 / 54)], got);
    }

    [Fact]
    public void Sma_agrees_with_a_from_scratch_window_average() =>
        Generators.AgreesWithNaive(15, (n, xs) => Naive.Sma(xs, n), (n, xs) => { var s = new Sma(n); return Series.Run(xs, x => s.Update(x), () => s.Value); });

    [Fact]
    public void Wma_agrees_with_a_from_scratch_weighted_sum() =>
        Generators.AgreesWithNaive(15, (n, xs) => Naive.Wma(xs, n), (n, xs) => { var s = new Wma(n); return Series.Run(xs, x => s.Update(x), () => s.Value); });

    [Fact]
    public void Ema_agrees_with_the_batch_recursion_for_both_seeds()
    {
        Generators.AgreesWithNaive(15, (n, xs) => Naive.Ema(xs, n), (n, xs) => { var s = new Ema(n); return Series.Run(xs, x => s.Update(x), () => s.Value); });
        Generators.AgreesWithNaive(15, (n, xs) => Naive.Ema(xs, n, seedWithFirst: true), (n, xs) => { var s = new Ema(n, EmaSeed.FirstValue); return Series.Run(xs, x => s.Update(x), () => s.Value); });
    }

    [Fact]
    public void Dema_and_Tema_agree_with_batch_emas_of_emas()
    {
        Generators.AgreesWithNaive(10, (n, xs) => Naive.Dema(xs, n), (n, xs) => { var s = new Dema(n); return Series.Run(xs, x => s.Update(x), () => s.Value); });
        Generators.AgreesWithNaive(10, (n, xs) => Naive.Tema(xs, n), (n, xs) => { var s = new Tema(n); return Series.Run(xs, x => s.Update(x), () => s.Value); });
        Generators.AgreesWithNaive(10, (n, xs) => Naive.Tema(xs, n, seedWithFirst: true), (n, xs) => { var s = new Tema(n, EmaSeed.FirstValue); return Series.Run(xs, x => s.Update(x), () => s.Value); });
    }

    [Fact]
    public void Sma_does_not_drift_over_100_million_updates_of_a_noisy_series()
    {
        const int n = 50;
        const long updates = 100_000_000;
        var sma = new Sma(n);
        var last = new double[n];
        ulong state = 0x9E3779B97F4A7C15;
        double naiveSum = 0; // what an uncompensated running sum would give, to show the test has teeth
        for (long i = 0; i < updates; i++)
        {
            // xorshift noise; the first 90% swing over ±1e6, the calm tail sits near 1, so drift would show.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            double unit = (state >> 11) * (1.0 / (1UL << 53));
            double x = i < updates - (updates / 10) ? 1e6 * (unit - 0.5) : 1.0 + unit;
            double evicted = last[i % n];
            last[i % n] = x;
            naiveSum += x - (i >= n ? evicted : 0);
            sma.Update(x);
        }

        double exact = 0;
        foreach (double x in last)
            exact += x;
        exact /= n;
        Assert.True(Math.Abs(sma.Value - exact) <= 1e-9 * Math.Abs(exact), $"SMA {sma.Value:R} vs from-scratch {exact:R}");
        Assert.True(Math.Abs((naiveSum / n) - exact) > 1e-9 * Math.Abs(exact), "an uncompensated sum should have drifted on this series");
    }

    [Fact]
    public void Periods_below_one_are_rejected_naming_the_argument_and_value()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Sma(0));
        Assert.Equal("period", e.ParamName);
        Assert.Equal(0, e.ActualValue);
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => new Ema(-1)).ParamName);
        Assert.Equal("seed", Assert.Throws<ArgumentOutOfRangeException>(() => new Ema(3, (EmaSeed)7)).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => new Wma(0)).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => new Dema(0)).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => new Tema(0)).ParamName);
    }
}
