using System;

namespace Backtester.Benchmarks.Replay;

/// <summary>
/// One equity sample of the hand-written loops (<see cref="HandWrittenReplay"/>, <c>ReadmeHandWritten</c>), as the
/// engine's <c>EquitySampler</c> takes them: the return, Welford's mean and variance, the compensated downside sum and
/// the sampled drawdown. Samples come once an interval, so the call costs nothing per event.
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
}
