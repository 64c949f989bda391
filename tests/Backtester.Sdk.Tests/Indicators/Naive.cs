using System;

namespace Backtester.Tests.Indicators;

/// <summary>
/// Batch reference implementations written from the definitions (windows recomputed from scratch, recursions
/// run from the start as TA-Lib's batch functions do). Each returns one output per input, NaN before the lookback.
/// </summary>
internal static class Naive
{
    private static double[] Empty(int length)
    {
        var result = new double[length];
        Array.Fill(result, double.NaN);
        return result;
    }

    public static double Mean(double[] xs, int from, int count)
    {
        double sum = 0;
        for (int i = from; i < from + count; i++)
            sum += xs[i];
        return sum / count;
    }

    public static double PopulationVariance(double[] xs, int from, int count)
    {
        double mean = Mean(xs, from, count), sum = 0;
        for (int i = from; i < from + count; i++)
            sum += (xs[i] - mean) * (xs[i] - mean);
        return sum / count;
    }

    public static double[] Window(double[] xs, int n, Func<double[], int, double> ofWindowStartingAt)
    {
        var result = Empty(xs.Length);
        for (int i = n - 1; i < xs.Length; i++)
            result[i] = ofWindowStartingAt(xs, i - n + 1);
        return result;
    }

    public static double[] Sma(double[] xs, int n) => Window(xs, n, (a, s) => Mean(a, s, n));

    public static double[] Wma(double[] xs, int n) => Window(xs, n, (a, s) =>
    {
        double sum = 0;
        for (int k = 0; k < n; k++)
            sum += (k + 1) * a[s + k];
        return sum / (n * (n + 1) / 2.0);
    });

    public static double[] StdDev(double[] xs, int n) => Window(xs, n, (a, s) => Math.Sqrt(PopulationVariance(a, s, n)));

    public static double[] ZScore(double[] xs, int n) => Window(xs, n, (a, s) =>
    {
        double sd = Math.Sqrt(PopulationVariance(a, s, n));
        return sd > 0 ? (a[s + n - 1] - Mean(a, s, n)) / sd : 0;
    });

    public static double[] Max(double[] xs, int n) => Window(xs, n, (a, s) =>
    {
        double max = double.NegativeInfinity;
        for (int k = s; k < s + n; k++)
            max = Math.Max(max, a[k]);
        return max;
    });

    public static double[] Min(double[] xs, int n)
    {
        var negated = Array.ConvertAll(xs, x => -x);
        return Array.ConvertAll(Max(negated, n), x => -x);
    }

    /// <summary>EMA of xs starting at index <paramref name="from"/> (earlier entries unused), output from from + n - 1.</summary>
    public static double[] Ema(double[] xs, int n, int from = 0, bool seedWithFirst = false)
    {
        var result = Empty(xs.Length);
        if (xs.Length < from + n)
            return result;
        double k = 2.0 / (n + 1);
        double ema;
        if (seedWithFirst)
        {
            ema = xs[from];
            for (int i = from + 1; i < from + n; i++)
                ema += k * (xs[i] - ema);
        }
        else
        {
            ema = Mean(xs, from, n);
        }
        result[from + n - 1] = ema;
        for (int i = from + n; i < xs.Length; i++)
            result[i] = ema += k * (xs[i] - ema);
        return result;
    }

    public static double[] Dema(double[] xs, int n, bool seedWithFirst = false)
    {
        var e1 = Ema(xs, n, 0, seedWithFirst);
        var e2 = Ema(e1, n, n - 1, seedWithFirst);
        var result = Empty(xs.Length);
        for (int i = 2 * (n - 1); i < xs.Length; i++)
            result[i] = (2 * e1[i]) - e2[i];
        return result;
    }

    public static double[] Tema(double[] xs, int n, bool seedWithFirst = false)
    {
        var e1 = Ema(xs, n, 0, seedWithFirst);
        var e2 = Ema(e1, n, n - 1, seedWithFirst);
        var e3 = Ema(e2, n, 2 * (n - 1), seedWithFirst);
        var result = Empty(xs.Length);
        for (int i = 3 * (n - 1); i < xs.Length; i++)
            result[i] = (3 * e1[i]) - (3 * e2[i]) + e3[i];
        return result;
    }

    /// <summary>TA-Lib's MACD: the fast EMA starts slow - fast values late; outputs from slow + signal - 2.</summary>
    public static (double[] Line, double[] Signal, double[] Histogram) Macd(double[] xs, int fast, int slow, int signal)
    {
        var slowEma = Ema(xs, slow);
        var fastEma = Ema(xs, fast, slow - fast);
        var line = Empty(xs.Length);
        for (int i = slow - 1; i < xs.Length; i++)
            line[i] = fastEma[i] - slowEma[i];
        var signalEma = Ema(line, signal, slow - 1);
        var (outLine, outSignal, outHistogram) = (Empty(xs.Length), Empty(xs.Length), Empty(xs.Length));
        for (int i = slow + signal - 2; i < xs.Length; i++)
        {
            outLine[i] = line[i];
            outSignal[i] = signalEma[i];
            outHistogram[i] = line[i] - signalEma[i];
        }
        return (outLine, outSignal, outHistogram);
    }

    /// <summary>Wilder smoothing of <paramref name="xs"/> from index <paramref name="from"/>: seed = mean of n, then (avg(n-1)+x)/n.</summary>
    public static double[] Wilder(double[] xs, int n, int from)
    {
        var result = Empty(xs.Length);
        if (xs.Length < from + n)
            return result;
        double avg = Mean(xs, from, n);
        result[from + n - 1] = avg;
        for (int i = from + n; i < xs.Length; i++)
            result[i] = avg = ((avg * (n - 1)) + xs[i]) / n;
        return result;
    }

    public static double[] Rsi(double[] xs, int n)
    {
        var gains = new double[xs.Length];
        var losses = new double[xs.Length];
        for (int i = 1; i < xs.Length; i++)
        {
            gains[i] = Math.Max(xs[i] - xs[i - 1], 0);
            losses[i] = Math.Max(xs[i - 1] - xs[i], 0);
        }
        var gain = Wilder(gains, n, 1);
        var loss = Wilder(losses, n, 1);
        var result = Empty(xs.Length);
        for (int i = n; i < xs.Length; i++)
            result[i] = gain[i] + loss[i] == 0 ? 0 : 100 * gain[i] / (gain[i] + loss[i]);
        return result;
    }

    public static double[] Atr(Bar[] bars, int n)
    {
        var trueRanges = new double[bars.Length];
        for (int i = 1; i < bars.Length; i++)
        {
            double pc = bars[i - 1].Close;
            trueRanges[i] = Math.Max(bars[i].High - bars[i].Low, Math.Max(Math.Abs(bars[i].High - pc), Math.Abs(bars[i].Low - pc)));
        }
        return Wilder(trueRanges, n, 1);
    }

    public static double[] Roc(double[] xs, int n)
    {
        var result = Empty(xs.Length);
        for (int i = n; i < xs.Length; i++)
            result[i] = xs[i - n] == 0 ? 0 : ((xs[i] / xs[i - n]) - 1) * 100;
        return result;
    }

    public static double[] Obv(Bar[] bars)
    {
        var result = new double[bars.Length];
        for (int i = 0; i < bars.Length; i++)
        {
            double obv = bars[0].Volume;
            for (int j = 1; j <= i; j++)
                obv += Math.Sign(bars[j].Close - bars[j - 1].Close) * bars[j].Volume;
            result[i] = obv;
        }
        return result;
    }

    public static (double[] K, double[] D) Stochastic(Bar[] bars, int kPeriod, int kSmoothing, int dPeriod)
    {
        var highs = Array.ConvertAll(bars, b => b.High);
        var lows = Array.ConvertAll(bars, b => b.Low);
        var hh = Max(highs, kPeriod);
        var ll = Min(lows, kPeriod);
        var raw = Empty(bars.Length);
        for (int i = kPeriod - 1; i < bars.Length; i++)
            raw[i] = hh[i] == ll[i] ? 0 : 100 * (bars[i].Close - ll[i]) / (hh[i] - ll[i]);
        var k = Empty(bars.Length);
        for (int i = kPeriod + kSmoothing - 2; i < bars.Length; i++)
            k[i] = Mean(raw, i - kSmoothing + 1, kSmoothing);
        int lookback = kPeriod + kSmoothing + dPeriod - 3;
        var (outK, outD) = (Empty(bars.Length), Empty(bars.Length));
        for (int i = lookback; i < bars.Length; i++)
        {
            outK[i] = k[i];
            outD[i] = Mean(k, i - dPeriod + 1, dPeriod);
        }
        return (outK, outD);
    }

    /// <summary>VWAP of each bar's session (floor((t - offset) / length)) so far, from typical prices.</summary>
    public static double[] Vwap(Bar[] bars, long sessionLength, long sessionOffset)
    {
        long SessionOf(long t) => (long)Math.Floor((t - sessionOffset) / (double)sessionLength);
        var result = new double[bars.Length];
        for (int i = 0; i < bars.Length; i++)
        {
            double pv = 0, v = 0;
            for (int j = i; j >= 0 && SessionOf(bars[j].Timestamp) == SessionOf(bars[i].Timestamp); j--)
            {
                pv += (bars[j].High + bars[j].Low + bars[j].Close) / 3 * bars[j].Volume;
                v += bars[j].Volume;
            }
            result[i] = v > 0 ? pv / v : double.NaN;
        }
        return result;
    }
}
