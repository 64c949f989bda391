using System;
using System.Linq;
using Backtester.Statistics;
using CsCheck;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// The drawdown statistics, kept with shortcuts (the open drawdown's duration read at the end, the percentage divided
/// only for a fall deeper than any since its peak), against the plain definitions computed at every event: random
/// equity paths that hover at, rise above and fall below their peaks, and below zero (small capital, steps of 2.5 plus tenths).
/// </summary>
public class DrawdownPropertyTests
{
    private static readonly Gen<(double Initial, int[] Steps, int[] Fractions, int[] Gaps)> Paths =
        from initial in Gen.Int[0, 3].Select(i => new[] { 1_000.0, 10.0, 1.0, 0.1 }[i])
        from n in Gen.Int[1, 200]
        from steps in Gen.Int[-3, 3].Array[n] // often 0: equity unchanged from the event before
        from fractions in Gen.Int[0, 3].Array[n] // tenths, whose rounding differs from step to step
        from gaps in Gen.Int[0, 5].Array[n] // 0: several events at one time
        select (initial, steps, fractions, gaps);

    [Fact]
    public void Maximum_drawdown_its_percentage_and_its_duration_follow_their_definitions_at_every_event()
    {
        Paths.Sample(p =>
        {
            var stats = new RunStatistics();
            stats.Reset(p.Initial, sampleIntervalNs: 1_000, periodsPerYear: 365);
            double equity = p.Initial, peak = p.Initial, maxDrawdown = 0, maxPercent = 0;
            long time = 1_000, peakTime = 0, maxDuration = 0;
            bool below = false;
            for (int i = 0; i < p.Steps.Length; i++)
            {
                time += p.Gaps[i] * 250;
                equity += p.Steps[i] * 2.5 + p.Fractions[i] * 0.1;
                stats.OnEvent(time, equity, exposed: false);

                // The definitions, at every event: the peak is the highest equity so far (the initial equity, from the
                // first event's time, to begin with); a drawdown is the fall from it, its percentage the fall over that
                // peak, its duration the time from the peak while equity is below it, closed by the event that recovers.
                if (i == 0) peakTime = time;
                if (equity >= peak)
                {
                    if (below) maxDuration = Math.Max(maxDuration, time - peakTime);
                    below = false;
                    peak = equity;
                    peakTime = time;
                }
                else
                {
                    below = true;
                    maxDrawdown = Math.Max(maxDrawdown, peak - equity);
                    maxPercent = Math.Max(maxPercent, (peak - equity) / peak);
                    maxDuration = Math.Max(maxDuration, time - peakTime);
                }
                // Bit for bit: the statistics divide only when the fall deepens, the definition at every event.
                Assert.Equal(BitConverter.DoubleToInt64Bits(maxDrawdown), BitConverter.DoubleToInt64Bits(stats.MaxDrawdown));
                Assert.Equal(BitConverter.DoubleToInt64Bits(maxPercent), BitConverter.DoubleToInt64Bits(stats.MaxDrawdownPercent));
                Assert.Equal(maxDuration, stats.MaxDrawdownDurationNs);
            }
        });
    }
}
