using System;
using System.Linq;
using Backtester.Indicators;
using CsCheck;

namespace Backtester.Tests.Indicators;

/// <summary>The policies every indicator shares, checked for each one.</summary>
public sealed class CommonBehaviourTests
{
    private static readonly double[] Noisy = Enumerable.Range(0, 200).Select(i => 100 + (10 * Math.Sin(i * 0.7)) + (i % 7)).ToArray();

    [Theory, MemberData(nameof(IndicatorCase.All), MemberType = typeof(IndicatorCase))]
    public void Is_not_ready_and_NaN_until_its_warm_up_update_then_ready_with_finite_outputs(string name)
    {
        var c = IndicatorCase.Create(name);
        Assert.False(c.IsReady());
        Assert.All(c.Outputs(), o => Assert.True(double.IsNaN(o)));
        for (int update = 1; update <= c.UpdatesUntilReady + 5; update++)
        {
            c.Update(Noisy[update]);
            bool shouldBeReady = update >= c.UpdatesUntilReady;
            Assert.Equal(shouldBeReady, c.IsReady());
            Assert.All(c.Outputs(), o => Assert.Equal(shouldBeReady, double.IsFinite(o)));
        }
    }

    [Theory, MemberData(nameof(IndicatorCase.All), MemberType = typeof(IndicatorCase))]
    public void Reset_forgets_everything_so_a_replay_gives_the_same_outputs_as_a_fresh_instance(string name)
    {
        var used = IndicatorCase.Create(name);
        foreach (double x in Noisy.Skip(50).Take(37))
            used.Update(x);
        used.Reset();
        Assert.False(used.IsReady());
        Assert.All(used.Outputs(), o => Assert.True(double.IsNaN(o)));

        var fresh = IndicatorCase.Create(name);
        foreach (double x in Noisy)
        {
            used.Update(x);
            fresh.Update(x);
            Assert.Equal(fresh.IsReady(), used.IsReady());
            Assert.Equal(fresh.Outputs(), used.Outputs());
        }
    }

    [Theory, MemberData(nameof(IndicatorCase.All), MemberType = typeof(IndicatorCase))]
    public void Non_finite_inputs_are_ignored_leaving_state_and_outputs_unchanged(string name)
    {
        Gen.Double[-50, 50].Array[1, 60].Select(Gen.Int[0, 3].Array[60, 60]).Sample((values, junk) =>
        {
            var clean = IndicatorCase.Create(name);
            var dirty = IndicatorCase.Create(name);
            for (int i = 0; i < values.Length; i++)
            {
                double before = dirty.Outputs()[0];
                bool readyBefore = dirty.IsReady();
                for (int j = 0; j < junk[i]; j++)
                {
                    dirty.Update(j switch { 0 => double.NaN, 1 => double.PositiveInfinity, _ => double.NegativeInfinity });
                    Assert.Equal(readyBefore, dirty.IsReady());
                    Assert.Equal(before, dirty.Outputs()[0]);
                }
                clean.Update(values[i]);
                dirty.Update(values[i]);
                Assert.Equal(clean.Outputs(), dirty.Outputs());
            }
        }, iter: 200);
    }

    [Fact]
    public void Default_instances_report_not_ready_and_NaN_instead_of_throwing()
    {
        Assert.Equal((false, double.NaN), (default(Sma).IsReady, default(Sma).Value));
        Assert.Equal((false, double.NaN), (default(Ema).IsReady, default(Ema).Value));
        Assert.Equal((false, double.NaN), (default(Wma).IsReady, default(Wma).Value));
        Assert.Equal((false, double.NaN), (default(Dema).IsReady, default(Tema).Value));
        Assert.Equal((false, double.NaN), (default(Rsi).IsReady, default(Atr).Value));
        Assert.Equal((false, double.NaN), (default(BollingerBands).IsReady, default(BollingerBands).Upper));
        Assert.Equal((false, double.NaN), (default(Macd).IsReady, default(Macd).Histogram));
        Assert.Equal((false, double.NaN), (default(StdDev).IsReady, default(ZScore).Value));
        Assert.Equal((false, double.NaN), (default(RollingMax).IsReady, default(RollingMin).Value));
        Assert.Equal((false, double.NaN), (default(Donchian).IsReady, default(Donchian).Middle));
        Assert.Equal((false, double.NaN), (default(Vwap).IsReady, default(Vwap).Value));
        Assert.Equal((false, double.NaN), (default(Roc).IsReady, default(Roc).Value));
        Assert.Equal((false, double.NaN), (default(Stochastic).IsReady, default(Stochastic).K));
        Assert.Equal((false, double.NaN), (default(Obv).IsReady, default(Obv).Value));
    }

    [Theory, MemberData(nameof(IndicatorCase.All), MemberType = typeof(IndicatorCase))]
    public void A_million_updates_after_construction_allocate_nothing(string name)
    {
        var c = IndicatorCase.Create(name);
        c.Update(1.0); // first call JITs the path; compilation is not the indicator's allocation
        c.Update(2.0);
        c.Reset();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000_000; i++)
            c.Update(100.0 + (i % 97) - (i % 13));
        c.Reset();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }
}
