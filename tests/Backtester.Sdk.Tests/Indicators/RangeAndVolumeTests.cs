using System;
using Backtester.Indicators;

namespace Backtester.Tests.Indicators;

public sealed class RangeAndVolumeTests
{
    private const double NaN = double.NaN;

    [Fact]
    public void Rolling_max_and_min_cover_the_last_n_values_including_the_current_one()
    {
        var max = new RollingMax(3);
        var min = new RollingMin(3);
        double[] xs = [1, 3, 2, 5, 4, 1, 0];
        Series.AssertClose([NaN, NaN, 3, 5, 5, 5, 4], Series.Run(xs, x => max.Update(x), () => max.Value));
        Series.AssertClose([NaN, NaN, 1, 2, 2, 1, 0], Series.Run(xs, x => min.Update(x), () => min.Value));
    }

    [Fact]
    public void Rolling_max_window_spans_the_previous_block_and_the_current_one()
    {
        // Period 4 cuts the values into blocks of 4: [9 1 2 3] [1 8 1 1] [2 2 7 1]. After the 6th value (8, block 2 position 1)
        // the window is 2 3 | 1 8: the suffix maximum of block 1 from position 2 (max(2, 3) = 3) against block 2's running
        // maximum (max(1, 8) = 8) = 8. After the 5th: 1 2 3 | 1 = 3 (the 9 has just left); after the 10th: 1 1 | 2 2 = 2
        // (the 8 has just left). Window by window:
        // values  9  1  2  3  1  8  1  1  2  2  7  1
        // window  -  -  -  9  3  8  8  8  8  2  7  7
        var max = new RollingMax(4);
        double[] xs = [9, 1, 2, 3, 1, 8, 1, 1, 2, 2, 7, 1];
        Series.AssertClose([NaN, NaN, NaN, 9, 3, 8, 8, 8, 8, 2, 7, 7], Series.Run(xs, x => max.Update(x), () => max.Value));
    }

    [Fact]
    public void Rolling_min_ignores_a_nan_and_restarts_after_reset_in_the_middle_of_a_block()
    {
        var min = new RollingMin(3);
        // 5 4 (NaN ignored) 6: window 5 4 6 -> 4; then 7: 4 6 7 -> 4; then 8: 6 7 8 -> 6.
        double[] xs = [5, 4, NaN, 6, 7, 8];
        Series.AssertClose([NaN, NaN, NaN, 4, 4, 6], Series.Run(xs, x => min.Update(x), () => min.Value));
        // Reset two values into a block: the old values (6 7 8) must not reach the new windows 3 9 2 -> 2, then 9 2 10 -> 2.
        min.Reset();
        double[] ys = [3, 9, 2, 10, 11];
        Series.AssertClose([NaN, NaN, 2, 2, 2], Series.Run(ys, y => min.Update(y), () => min.Value));
    }

    [Fact]
    public void Donchian_channel_is_the_highest_high_and_lowest_low_of_the_last_n_bars()
    {
        var channel = new Donchian(2);
        channel.Update(10, 8);
        Assert.True(double.IsNaN(channel.Upper));
        channel.Update(12, 9);
        Assert.Equal((12.0, 8.0, 10.0), (channel.Upper, channel.Lower, channel.Middle));
        channel.Update(new Bar(0, 0, 10, 11, 7, 8, 1));
        Assert.Equal((12.0, 7.0, 9.5), (channel.Upper, channel.Lower, channel.Middle));
        channel.Update(10.5, 9.5);
        Assert.Equal((11.0, 7.0, 9.0), (channel.Upper, channel.Lower, channel.Middle));
    }

    [Fact]
    public void Obv_starts_at_the_first_volume_and_adds_or_subtracts_by_close_direction()
    {
        var obv = new Obv();
        (double Close, double Volume)[] bars = [(10, 100), (11, 200), (11, 300), (9, 400), (12, 500)];
        var got = Series.Run(bars, b => obv.Update(b.Close, b.Volume), () => obv.Value);
        Series.AssertClose([100, 100 + 200, 300, 300 - 400, -100 + 500], got);
    }

    [Fact]
    public void Vwap_restarts_when_a_timestamp_falls_in_a_new_session()
    {
        var vwap = new Vwap(sessionLength: 100);
        Assert.True(double.IsNaN(vwap.Value));
        vwap.Update(5, 10, 1);
        Assert.Equal(10, vwap.Value);
        vwap.Update(new Trade(50, 0, 20, 3, Side.Buy));
        Assert.Equal(((10 * 1) + (20 * 3)) / 4.0, vwap.Value);
        vwap.Update(105, 30, 2); // session 1 starts at t = 100
        Assert.Equal(30, vwap.Value);
        vwap.Update(new Bar(150, 0, 0, 12, 6, 9, 2)); // typical price (12 + 6 + 9) / 3 = 9
        Assert.Equal(((30 * 2) + (9 * 2)) / 4.0, vwap.Value);
    }

    [Fact]
    public void Vwap_session_offset_moves_the_session_boundaries()
    {
        var vwap = new Vwap(sessionLength: 100, sessionOffset: 50);
        vwap.Update(40, 10, 1);  // floor((40 - 50) / 100) = -1
        vwap.Update(49, 20, 1);  // still session -1
        Assert.Equal(15, vwap.Value);
        vwap.Update(60, 40, 1);  // session 0
        Assert.Equal(40, vwap.Value);
    }

    [Fact]
    public void Vwap_without_a_session_length_accumulates_until_reset_and_waits_for_volume()
    {
        var vwap = new Vwap();
        vwap.Update(10, 0);
        Assert.False(vwap.IsReady);
        vwap.Update(1_000_000_000_000_000_000, 10, 1);
        vwap.Update(20, 1);
        Assert.Equal(15, vwap.Value);
        vwap.Reset();
        Assert.True(double.IsNaN(vwap.Value));
        vwap.Update(7, 2);
        Assert.Equal(7, vwap.Value);
    }

    [Fact]
    public void Rolling_max_and_min_agree_with_scanning_the_window()
    {
        Generators.AgreesWithNaive(20, (n, xs) => Naive.Max(xs, n), (n, xs) => { var s = new RollingMax(n); return Series.Run(xs, x => s.Update(x), () => s.Value); });
        Generators.AgreesWithNaive(20, (n, xs) => Naive.Min(xs, n), (n, xs) => { var s = new RollingMin(n); return Series.Run(xs, x => s.Update(x), () => s.Value); });
        Generators.AgreesWithNaiveOnBars(20, (n, bars) => Naive.Max(Array.ConvertAll(bars, b => b.High), n), (n, bars) => { var s = new Donchian(n); return Series.Run(bars, b => s.Update(b), () => s.Upper); });
    }

    [Fact]
    public void Rolling_max_handles_runs_of_equal_values_and_monotone_series()
    {
        double[] xs = [3, 3, 3, 2, 2, 1, 1, 1, 1, 5, 5, 6, 7, 8, 9, 9, 8, 7, 6, 5, 4, 3, 2, 1];
        for (int n = 1; n <= 6; n++)
        {
            var max = new RollingMax(n);
            Series.AssertClose(Naive.Max(xs, n), Series.Run(xs, x => max.Update(x), () => max.Value));
        }
    }

    [Fact]
    public void Obv_and_session_vwap_agree_with_recomputation_from_the_start()
    {
        Generators.AgreesWithNaiveOnBars(1, (_, bars) => Naive.Obv(bars), (_, bars) => { var s = new Obv(); return Series.Run(bars, b => s.Update(b), () => s.Value); });
        Generators.AgreesWithNaiveOnBars(300, (n, bars) => Naive.Vwap(bars, n, n / 3), (n, bars) => { var s = new Vwap(n, n / 3); return Series.Run(bars, b => s.Update(b), () => s.Value); });
    }

    [Fact]
    public void Bad_arguments_are_rejected_naming_the_argument()
    {
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => new RollingMax(0)).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => new RollingMin(0)).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => new Donchian(0)).ParamName);
        Assert.Equal("sessionLength", Assert.Throws<ArgumentOutOfRangeException>(() => new Vwap(-1)).ParamName);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Vwap(100, 100));
        Assert.Equal(("sessionOffset", (object?)100L), (e.ParamName, e.ActualValue));
        Assert.Equal("sessionOffset", Assert.Throws<ArgumentOutOfRangeException>(() => new Vwap(0, 5)).ParamName);
    }
}
