using System;

namespace Backtester.Benchmarks.Replay;

/// <summary>
/// One equity sample of the hand-written loops (<see cref="HandWrittenReplay"/>, <c>ReadmeHandWritten</c>), as the
/// engine's <c>EquitySampler</c> takes them: the return, Welford's mean and variance, the compensated downside sum and
/// the sampled drawdown. Samples come once an interval, so the call costs nothing per event; <see cref="SampleRunEnd"/>
/// takes the last ones as the engine's end of a run does.
/// </summary>
internal static class HandWrittenSampling
{
    public static void Sample(double sampleLast, ref double samplePrevious, ref long samples, ref double mean, ref double m2, ref double downside,
        ref double downsideCompensation, ref double samplePeak, ref double sampleMaxDrawdown)
    {
        double r = sampleLast / samplePrevious - 1;
        samplePrevious = sampleLast;
        samples++;
        double delta = r - mean;
        mean += delta / samples;
        m2 += delta * (r - mean);
        if (r < 0)
        {
            double term = r * r, sum = downside + term;
            downsideCompensation += Math.Abs(downside) >= term ? (downside - sum) + term : (term - sum) + downside;
            downside = sum;
        }
        if (sampleLast > samplePeak) samplePeak = sampleLast;
        else if ((samplePeak - sampleLast) / samplePeak > sampleMaxDrawdown) sampleMaxDrawdown = (samplePeak - sampleLast) / samplePeak;
    }

    /// <summary>
    /// The samples at the end of a run whose events ran from <paramref name="firstTime"/> to <paramref name="lastTime"/>
    /// (none when <paramref name="firstTime"/> is <see cref="long.MinValue"/>: no event): boundaries at or before the last
    /// event see the final equity, then the final equity at the last event when it comes after the last boundary
    /// (decision 0093). The boundary state comes by value: the loop's per-event locals are not to be address-exposed.
    /// </summary>
    public static void SampleRunEnd(long firstTime, long lastTime, long interval, long nextBoundary, long lastSampleTime, double sampleLast,
        ref double samplePrevious, ref long samples, ref double mean, ref double m2, ref double downside, ref double downsideCompensation,
        ref double samplePeak, ref double sampleMaxDrawdown)
    {
        if (firstTime == long.MinValue) return;
        while (nextBoundary <= lastTime)
        {
            Sample(sampleLast, ref samplePrevious, ref samples, ref mean, ref m2, ref downside, ref downsideCompensation, ref samplePeak, ref sampleMaxDrawdown);
            lastSampleTime = nextBoundary;
            nextBoundary += interval;
        }
        if (lastTime > lastSampleTime)
            Sample(sampleLast, ref samplePrevious, ref samples, ref mean, ref m2, ref downside, ref downsideCompensation, ref samplePeak, ref sampleMaxDrawdown);
    }
}
