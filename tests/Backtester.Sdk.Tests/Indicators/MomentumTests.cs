using System;
using Backtester.Indicators;

namespace Backtester.Tests.Indicators;

public sealed class MomentumTests
{
    private const double NaN = double.NaN;

    [Fact]
    public void Rsi_seeds_average_gain_and_loss_with_simple_averages_then_applies_wilder_smoothing()
    {
        var rsi = new Rsi(2);
        double[] got = Series.Run([1, 2, 1.5, 3, 2], x => rsi.Update(x), () => rsi.Value);
        // changes +1, -0.5, +1.5, -1
        // seed (3rd value): gain (1 + 0) / 2 = 0.5, loss (0 + 0.5) / 2 = 0.25
        // 4th: gain (0.5 * 1 + 1.5) / 2 = 1,   loss (0.25 * 1 + 0) / 2 = 0.125
        // 5th: gain (1 * 1 + 0) / 2 = 0.5,     loss (0.125 * 1 + 1) / 2 = 0.5625
        Series.AssertClose([NaN, NaN, 100 * 0.5 / 0.75, 100 * 1 / 1.125, 100 * 0.5 / 1.0625], got);
    }

    [Fact]
    public void Rsi_of_a_flat_series_is_zero_as_in_ta_lib()
    {
        var rsi = new Rsi(3);
        Series.AssertClose([NaN, NaN, NaN, 0, 0], Series.Run([5, 5, 5, 5, 5], x => rsi.Update(x), () => rsi.Value));
    }

    [Fact]
    public void Roc_is_the_percent_change_from_n_values_back_and_zero_from_a_zero_reference()
    {
        var roc = new Roc(2);
        double[] got = Series.Run([10, 11, 12, 9.9, 0, 5, 7], x => roc.Update(x), () => roc.Value);
        Series.AssertClose([NaN, NaN, ((12 / 10.0) - 1) * 100, ((9.9 / 11) - 1) * 100, ((0 / 12.0) - 1) * 100, ((5 / 9.9) - 1) * 100, 0], got);
    }

    [Fact]
    public void Macd_starts_the_fast_ema_late_like_ta_lib_and_outputs_from_slow_plus_signal_minus_1_values()
    {
        var macd = new Macd(2, 3, 2);
        double[] xs = [1, 2, 4, 8, 16];
        var line = new double[xs.Length];
        var signal = new double[xs.Length];
        var histogram = new double[xs.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            macd.Update(xs[i]);
            (line[i], signal[i], histogram[i]) = (macd.Line, macd.Signal, macd.Histogram);
        }
        // slow EMA(3), k = 1/2: seed (1 + 2 + 4) / 3 = 7/3, then 7/3 + (8 - 7/3)/2 = 31/6, then 31/6 + (16 - 31/6)/2 = 127/12
        // fast EMA(2), k = 2/3, starts at the 2nd value: seed (2 + 4) / 2 = 3, then 3 + 2/3 (8 - 3) = 19/3, then 19/3 + 2/3 (16 - 19/3) = 115/9
        // line: 3 - 7/3 = 2/3, 19/3 - 31/6 = 7/6, 115/9 - 127/12 = 79/36
        // signal EMA(2): seed (2/3 + 7/6) / 2 = 11/12, then 11/12 + 2/3 (79/36 - 11/12) = 191/108
        Series.AssertClose([NaN, NaN, NaN, 7.0 / 6, 79.0 / 36], line);
        Series.AssertClose([NaN, NaN, NaN, 11.0 / 12, 191.0 / 108], signal);
        Series.AssertClose([NaN, NaN, NaN, (7.0 / 6) - (11.0 / 12), (79.0 / 36) - (191.0 / 108)], histogram);
    }

    [Fact]
    public void Macd_12_26_9_is_ready_after_34_values_as_ta_lib_lookback_33()
    {
        var macd = new Macd(12, 26, 9);
        for (int i = 1; i <= 33; i++)
        {
            macd.Update(100 + Math.Sin(i));
            Assert.False(macd.IsReady);
        }
        macd.Update(100);
        Assert.True(macd.IsReady);
        Assert.Equal((12, 26, 9), (macd.FastPeriod, macd.SlowPeriod, macd.SignalPeriod));
    }

    [Fact]
    public void Stochastic_averages_raw_k_into_k_and_k_into_d()
    {
        var stochastic = new Stochastic(2, 2, 2);
        (double High, double Low, double Close)[] bars = [(10, 8, 9), (12, 9, 11), (11, 7, 8), (13, 10, 12)];
        var k = new double[bars.Length];
        var d = new double[bars.Length];
        for (int i = 0; i < bars.Length; i++)
        {
            stochastic.Update(bars[i].High, bars[i].Low, bars[i].Close);
            (k[i], d[i]) = (stochastic.K, stochastic.D);
        }
        // raw %K: bar 2: 100 (11 - 8) / (12 - 8) = 75; bar 3: 100 (8 - 7) / (12 - 7) = 20; bar 4: 100 (12 - 7) / (13 - 7) = 250/3
        // %K = SMA2(raw): bar 3: 47.5, bar 4: (20 + 250/3) / 2 = 155/3;  %D = SMA2(%K): bar 4: (47.5 + 155/3) / 2 = 595/12
        Series.AssertClose([NaN, NaN, NaN, 155.0 / 3], k);
        Series.AssertClose([NaN, NaN, NaN, 595.0 / 12], d);
    }

    [Fact]
    public void Stochastic_raw_k_is_zero_when_the_range_is_flat()
    {
        var stochastic = new Stochastic(2, 1, 1);
        stochastic.Update(5, 5, 5);
        stochastic.Update(new Bar(0, 0, 5, 5, 5, 5, 1));
        Assert.Equal(0, stochastic.K);
    }

    [Fact]
    public void Rsi_and_Roc_agree_with_batch_references()
    {
        Generators.AgreesWithNaive(15, (n, xs) => Naive.Rsi(xs, n), (n, xs) => { var s = new Rsi(n); return Series.Run(xs, x => s.Update(x), () => s.Value); });
        Generators.AgreesWithNaive(15, (n, xs) => Naive.Roc(xs, n), (n, xs) => { var s = new Roc(n); return Series.Run(xs, x => s.Update(x), () => s.Value); });
    }

    [Fact]
    public void Macd_agrees_with_the_batch_ta_lib_construction()
    {
        Generators.AgreesWithNaive(8, (n, xs) => Naive.Macd(xs, n, n + 3, (n % 4) + 1).Histogram, (n, xs) =>
        {
            var m = new Macd(n, n + 3, (n % 4) + 1);
            return Series.Run(xs, x => m.Update(x), () => m.Histogram);
        });
        Generators.AgreesWithNaive(8, (n, xs) => Naive.Macd(xs, n, 2 * n + 1, 3).Signal, (n, xs) =>
        {
            var m = new Macd(n, 2 * n + 1, 3);
            return Series.Run(xs, x => m.Update(x), () => m.Signal);
        });
    }

    [Fact]
    public void Stochastic_agrees_with_from_scratch_windows()
    {
        Generators.AgreesWithNaiveOnBars(8, (n, bars) => Naive.Stochastic(bars, n, 3, 2).K, (n, bars) =>
        {
            var s = new Stochastic(n, 3, 2);
            return Series.Run(bars, b => s.Update(b), () => s.K);
        });
        Generators.AgreesWithNaiveOnBars(8, (n, bars) => Naive.Stochastic(bars, 4, n, n).D, (n, bars) =>
        {
            var s = new Stochastic(4, n, n);
            return Series.Run(bars, b => s.Update(b), () => s.D);
        });
    }

    [Fact]
    public void Bad_periods_are_rejected_naming_the_argument()
    {
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => new Rsi(0)).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => new Roc(0)).ParamName);
        Assert.Equal("fastPeriod", Assert.Throws<ArgumentOutOfRangeException>(() => new Macd(0, 26, 9)).ParamName);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Macd(26, 12, 9));
        Assert.Equal(("slowPeriod", (object?)12), (e.ParamName, e.ActualValue));
        Assert.Equal("signalPeriod", Assert.Throws<ArgumentOutOfRangeException>(() => new Macd(12, 26, 0)).ParamName);
        Assert.Equal("kPeriod", Assert.Throws<ArgumentOutOfRangeException>(() => new Stochastic(0, 3, 3)).ParamName);
        Assert.Equal("kSmoothing", Assert.Throws<ArgumentOutOfRangeException>(() => new Stochastic(5, 0, 3)).ParamName);
        Assert.Equal("dPeriod", Assert.Throws<ArgumentOutOfRangeException>(() => new Stochastic(5, 3, 0)).ParamName);
    }
}
