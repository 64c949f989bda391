using System;
using Backtester.Indicators;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Backtester.Benchmarks.Indicators;

/// <summary>
/// Each SDK indicator next to the same computation written by hand, the fastest correct formulation: the SMA's exact
/// two-sum rolling sum, the EMA recursion after its SMA seed, the rolling deviation's sums around a value of the window
/// with exact error terms. As in a strategy, where an indicator is updated once per event and keeps its state between
/// events, the hand-written state lives in fields (of this class), not in registers across a loop; the SDK indicator
/// lives in a field too. The setup checks that both give bit-identical outputs, so the ratio in each category is the
/// cost of the SDK's abstraction.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class HandWrittenIndicatorBenchmarks
{
    private const int Updates = 16_384;
    private const int Period = 20;

    private double[] _prices = null!;
    private Sma _sma;
    private Ema _ema;
    private StdDev _stdDev;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _prices = new double[Updates];
        double price = 100;
        for (int i = 0; i < Updates; i++)
        {
            price *= 1 + (0.002 * (random.NextDouble() - 0.5));
            _prices[i] = price;
        }
        Check("Sma", SdkSma(), HandSma());
        Check("Ema", SdkEma(), HandEma());
        Check("StdDev", SdkStdDev(), HandStdDev());
    }

    private static void Check(string what, double sdk, double hand)
    {
        if (BitConverter.DoubleToInt64Bits(sdk) != BitConverter.DoubleToInt64Bits(hand))
            throw new InvalidOperationException($"{what}: SDK {sdk:R} and hand-written {hand:R} differ.");
    }

    [Benchmark(OperationsPerInvoke = Updates, Description = "Sma (SDK)"), BenchmarkCategory("Sma")]
    public double SdkSma()
    {
        _sma = new Sma(Period);
        foreach (double p in _prices) _sma.Update(p);
        return _sma.Value;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates, Description = "Sma (hand-written)"), BenchmarkCategory("Sma")]
    public double HandSma()
    {
        _ring = new double[Period];
        _next = 0;
        _full = false;
        _sum = _error = 0;
        foreach (double value in _prices)
        {
            if (!double.IsFinite(value)) continue;
            double[] ring = _ring;
            int next = _next;
            double evicted = ring[next];
            ring[next] = value;
            if (++next == ring.Length) { next = 0; _full = true; }
            _next = next;
            double d = value - evicted, b1 = d - value;
            double e1 = (value - (d - b1)) - (evicted + b1);
            double sum = _sum, t = sum + d, b2 = t - sum;
            _error += e1 + ((sum - (t - b2)) + (d - b2));
            _sum = t;
        }
        return _full ? (_sum + _error) / Period : double.NaN;
    }

    private double[] _ring = [];
    private int _next, _count;
    private bool _full;
    private double _sum, _error, _handEma;

    [Benchmark(OperationsPerInvoke = Updates, Description = "Ema (SDK)"), BenchmarkCategory("Ema")]
    public double SdkEma()
    {
        _ema = new Ema(Period);
        foreach (double p in _prices) _ema.Update(p);
        return _ema.Value;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates, Description = "Ema (hand-written)"), BenchmarkCategory("Ema")]
    public double HandEma()
    {
        const double k = 2.0 / (Period + 1);
        _count = 0;
        _handEma = 0;
        foreach (double value in _prices)
        {
            if (!double.IsFinite(value)) continue;
            if (_count >= Period) { _handEma = ((value - _handEma) * k) + _handEma; continue; }
            _handEma += value; // the seed's running sum
            if (++_count == Period) _handEma /= Period;
        }
        return _count >= Period ? _handEma : double.NaN;
    }

    [Benchmark(OperationsPerInvoke = Updates, Description = "StdDev (SDK)"), BenchmarkCategory("StdDev")]
    public double SdkStdDev()
    {
        _stdDev = new StdDev(Period);
        foreach (double p in _prices) _stdDev.Update(p);
        return _stdDev.Value;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates, Description = "StdDev (hand-written)"), BenchmarkCategory("StdDev")]
    public double HandStdDev()
    {
        var ring = new double[Period];
        int next = 0, count = 0;
        double k = 0, s1 = 0, c1 = 0, s2 = 0, c2 = 0, churn = 0;
        double limit = Math.Max(1e6, 4.0 * Period);
        foreach (double value in _prices)
        {
            if (!double.IsFinite(value)) continue;
            if (count == 0) k = value;
            bool full = count == Period;
            double evicted = ring[next];
            ring[next] = value;
            if (++next == Period) next = 0;
            if (!full) count++;
            Accumulate(value - k, 1.0, ref s1, ref c1, ref s2, ref c2, ref churn);
            if (full) Accumulate(evicted - k, -1.0, ref s1, ref c1, ref s2, ref c2, ref churn);
            double square = s1 * s1, spread = (count * s2) - square;
            if ((next == 0) || square > limit * spread || spread < 1e-12 * count * churn)
            {
                // Recompute around the newest value, oldest first.
                k = value;
                s1 = c1 = s2 = c2 = 0;
                int start = count == Period ? next : 0;
                for (int i = 0; i < count; i++)
                {
                    int j = start + i;
                    Accumulate(ring[j >= Period ? j - Period : j] - k, 1.0, ref s1, ref c1, ref s2, ref c2, ref churn);
                }
                churn = s2;
            }
        }
        if (count < Period) return double.NaN;
        double a = count * s2, aLow = Math.FusedMultiplyAdd(count, s2, -a) + (count * c2);
        double b = s1 * s1, bLow = Math.FusedMultiplyAdd(s1, s1, -b) + (2 * s1 * c1) + (c1 * c1);
        double d2 = (a - b) + (aLow - bLow);
        return Math.Sqrt(d2 > 0 ? d2 / ((double)count * count) : 0);

        static void Accumulate(double d, double sign, ref double s1, ref double c1, ref double s2, ref double c2, ref double churn)
        {
            double x = sign * d, s = s1 + x, bs = s - s1;
            c1 += (s1 - (s - bs)) + (x - bs);
            s1 = s;
            double p = d * d, pLow = Math.FusedMultiplyAdd(d, d, -p), y = sign * p, q = s2 + y, bq = q - s2;
            c2 += ((s2 - (q - bq)) + (y - bq)) + (sign * pLow);
            s2 = q;
            churn += p;
        }
    }
}
