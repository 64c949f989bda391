using System;
using Backtester.Indicators;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Backtester.Benchmarks.Indicators;

/// <summary>
/// More SDK indicators next to the same computation written by hand, as <see cref="HandWrittenIndicatorBenchmarks"/>
/// does for Sma, Ema and StdDev: Roc (ring of the last period's values), Wma (the two compensated sums of the weighted
/// average's O(1) update), the EMA chains Dema, Tema and Macd, and the Wilder averages of Rsi and Atr, plus Obv. Each
/// hand-written loop keeps its state in flat fields of this class (no nested structs, no ring helper), which is the
/// fastest correct formulation of the same arithmetic; the setup checks bit-identical outputs, so a category's ratio is
/// the cost of the SDK's abstraction.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class HandWrittenRecursiveIndicatorBenchmarks
{
    private const int Updates = 16_384;
    private const int Period = 20;
    private const int FastPeriod = 12, SlowPeriod = 26, SignalPeriod = 9;

    private double[] _close = null!, _high = null!, _low = null!, _volume = null!;

    private Roc _roc;
    private Wma _wma;
    private Dema _dema;
    private Tema _tema;
    private Macd _macd;
    private Rsi _rsi;
    private Atr _atr;
    private Obv _obv;

    // The hand-written loops' state.
    private double[] _ring = [];
    private int _next, _count, _count2, _count3, _macdSkip;
    private double _a, _b, _c, _d, _previous;
    private bool _has;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _close = new double[Updates];
        _high = new double[Updates];
        _low = new double[Updates];
        _volume = new double[Updates];
        double price = 100;
        for (int i = 0; i < Updates; i++)
        {
            price *= 1 + (0.002 * (random.NextDouble() - 0.5));
            _close[i] = price;
            _high[i] = price * (1 + (0.001 * random.NextDouble()));
            _low[i] = price * (1 - (0.001 * random.NextDouble()));
            _volume[i] = 1 + (10 * random.NextDouble());
        }
        Check("Roc", SdkRoc(), HandRoc());
        Check("Wma", SdkWma(), HandWma());
        Check("Dema", SdkDema(), HandDema());
        Check("Tema", SdkTema(), HandTema());
        Check("Macd", SdkMacd(), HandMacd());
        Check("Rsi", SdkRsi(), HandRsi());
        Check("Atr", SdkAtr(), HandAtr());
        Check("Obv", SdkObv(), HandObv());
    }

    private static void Check(string what, double sdk, double hand)
    {
        if (BitConverter.DoubleToInt64Bits(sdk) != BitConverter.DoubleToInt64Bits(hand) || double.IsNaN(sdk))
            throw new InvalidOperationException($"{what}: SDK {sdk:R} and hand-written {hand:R} differ (or are not ready).");
    }

    [Benchmark(OperationsPerInvoke = Updates, Description = "Roc (SDK)"), BenchmarkCategory("Roc")]
    public double SdkRoc()
    {
        _roc = new Roc(Period);
        foreach (double p in _close) _roc.Update(p);
        return _roc.Value;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates, Description = "Roc (hand-written)"), BenchmarkCategory("Roc")]
    public double HandRoc()
    {
        _ring = new double[Period];
        _next = _count = 0;
        _a = double.NaN;
        foreach (double value in _close)
        {
            if (!double.IsFinite(value)) continue;
            double[] ring = _ring;
            int next = _next;
            if (_count == Period)
            {
                double reference = ring[next];
                _a = reference != 0 ? ((value / reference) - 1.0) * 100.0 : 0.0;
            }
            else _count++;
            ring[next] = value;
            _next = next + 1 == Period ? 0 : next + 1;
        }
        return _a;
    }

    [Benchmark(OperationsPerInvoke = Updates, Description = "Wma (SDK)"), BenchmarkCategory("Wma")]
    public double SdkWma()
    {
        _wma = new Wma(Period);
        foreach (double p in _close) _wma.Update(p);
        return _wma.Value;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates, Description = "Wma (hand-written)"), BenchmarkCategory("Wma")]
    public double HandWma()
    {
        _ring = new double[Period];
        _next = _count = 0;
        _a = _b = _c = _d = 0; // plain sum + compensation, weighted sum + compensation
        foreach (double value in _close)
        {
            if (!double.IsFinite(value)) continue;
            double[] ring = _ring;
            int next = _next;
            if (_count == Period)
            {
                Add(ref _c, ref _d, Period * value);
                Add(ref _c, ref _d, -(_a + _b));
                double evicted = ring[next];
                ring[next] = value;
                Add(ref _a, ref _b, -evicted);
            }
            else
            {
                ring[next] = value;
                _count++;
                Add(ref _c, ref _d, _count * value);
            }
            _next = next + 1 == Period ? 0 : next + 1;
            Add(ref _a, ref _b, value);
        }
        return (_c + _d) / (Period * (Period + 1.0) / 2.0);

        static void Add(ref double sum, ref double compensation, double value)
        {
            double t = sum + value;
            if (Math.Abs(sum) >= Math.Abs(value)) compensation += (sum - t) + value;
            else compensation += (value - t) + sum;
            sum = t;
        }
    }

    [Benchmark(OperationsPerInvoke = Updates, Description = "Dema (SDK)"), BenchmarkCategory("Dema")]
    public double SdkDema()
    {
        _dema = new Dema(Period);
        foreach (double p in _close) _dema.Update(p);
        return _dema.Value;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates, Description = "Dema (hand-written)"), BenchmarkCategory("Dema")]
    public double HandDema()
    {
        const double k = 2.0 / (Period + 1);
        _count = _count2 = 0;
        _a = _b = 0;
        foreach (double value in _close)
        {
            if (!double.IsFinite(value)) continue;
            if (!Ema(ref _a, ref _count, value, k, Period)) continue;
            Ema(ref _b, ref _count2, _a, k, Period);
        }
        return _count2 >= Period ? (2.0 * _a) - _b : double.NaN;
    }

    [Benchmark(OperationsPerInvoke = Updates, Description = "Tema (SDK)"), BenchmarkCategory("Tema")]
    public double SdkTema()
    {
        _tema = new Tema(Period);
        foreach (double p in _close) _tema.Update(p);
        return _tema.Value;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates, Description = "Tema (hand-written)"), BenchmarkCategory("Tema")]
    public double HandTema()
    {
        const double k = 2.0 / (Period + 1);
        _count = _count2 = _count3 = 0;
        _a = _b = _c = 0;
        foreach (double value in _close)
        {
            if (!double.IsFinite(value)) continue;
            if (!Ema(ref _a, ref _count, value, k, Period)) continue;
            if (Ema(ref _b, ref _count2, _a, k, Period)) Ema(ref _c, ref _count3, _b, k, Period);
        }
        return _count3 >= Period ? _c + ((3.0 * _a) - (3.0 * _b)) : double.NaN;
    }

    [Benchmark(OperationsPerInvoke = Updates, Description = "Macd (SDK)"), BenchmarkCategory("Macd")]
    public double SdkMacd()
    {
        _macd = new Macd(FastPeriod, SlowPeriod, SignalPeriod);
        foreach (double p in _close) _macd.Update(p);
        return _macd.Histogram;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates, Description = "Macd (hand-written)"), BenchmarkCategory("Macd")]
    public double HandMacd()
    {
        const double kFast = 2.0 / (FastPeriod + 1), kSlow = 2.0 / (SlowPeriod + 1), kSignal = 2.0 / (SignalPeriod + 1);
        _count = _count2 = _count3 = _macdSkip = 0;
        _a = _b = _c = 0; // fast, slow, signal
        foreach (double value in _close)
        {
            if (!double.IsFinite(value)) continue;
            bool slowReady = Ema(ref _b, ref _count2, value, kSlow, SlowPeriod);
            if (_macdSkip < SlowPeriod - FastPeriod) _macdSkip++;
            else Ema(ref _a, ref _count, value, kFast, FastPeriod);
            if (slowReady) Ema(ref _c, ref _count3, (_count >= FastPeriod ? _a : double.NaN) - _b, kSignal, SignalPeriod);
        }
        return _count3 >= SignalPeriod ? (_a - _b) - _c : double.NaN;
    }

    /// <summary>The EMA recursion after its SMA seed (the seed's running sum in <paramref name="ema"/> until then); true once ready.</summary>
    private static bool Ema(ref double ema, ref int count, double value, double k, int period)
    {
        if (!double.IsFinite(value)) return count >= period;
        if (count >= period)
        {
            ema = ((value - ema) * k) + ema;
            return true;
        }
        ema += value;
        if (++count < period) return false;
        ema /= period;
        return true;
    }

    [Benchmark(OperationsPerInvoke = Updates, Description = "Rsi (SDK)"), BenchmarkCategory("Rsi")]
    public double SdkRsi()
    {
        _rsi = new Rsi(Period);
        foreach (double p in _close) _rsi.Update(p);
        return _rsi.Value;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates, Description = "Rsi (hand-written)"), BenchmarkCategory("Rsi")]
    public double HandRsi()
    {
        _count = 0;
        _a = _b = 0; // average gain, average loss
        _has = false;
        foreach (double value in _close)
        {
            if (!double.IsFinite(value)) continue;
            if (_has)
            {
                double change = value - _previous;
                double gain = change > 0 ? change : 0.0, loss = change < 0 ? -change : 0.0;
                if (_count < Period)
                {
                    _a += gain;
                    _b += loss;
                    if (++_count == Period) { _a /= Period; _b /= Period; }
                }
                else
                {
                    _a = (_a * (Period - 1) + gain) / Period;
                    _b = (_b * (Period - 1) + loss) / Period;
                }
            }
            _previous = value;
            _has = true;
        }
        if (_count < Period) return double.NaN;
        double total = _a + _b;
        return total != 0 ? 100.0 * (_a / total) : 0.0;
    }

    [Benchmark(OperationsPerInvoke = Updates, Description = "Atr (SDK)"), BenchmarkCategory("Atr")]
    public double SdkAtr()
    {
        _atr = new Atr(Period);
        for (int i = 0; i < _close.Length; i++) _atr.Update(_high[i], _low[i], _close[i]);
        return _atr.Value;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates, Description = "Atr (hand-written)"), BenchmarkCategory("Atr")]
    public double HandAtr()
    {
        _count = 0;
        _a = 0;
        _has = false;
        double[] high = _high, low = _low, close = _close;
        for (int i = 0; i < close.Length; i++)
        {
            double h = high[i], l = low[i], c = close[i];
            if (!double.IsFinite(h) || !double.IsFinite(l) || !double.IsFinite(c)) continue;
            if (_has)
            {
                double range = Math.Max(h, _previous) - Math.Min(l, _previous);
                if (_count < Period)
                {
                    _a += range;
                    if (++_count == Period) _a /= Period;
                }
                else _a = (_a * (Period - 1) + range) / Period;
            }
            _previous = c;
            _has = true;
        }
        return _count >= Period ? _a : double.NaN;
    }

    [Benchmark(OperationsPerInvoke = Updates, Description = "Obv (SDK)"), BenchmarkCategory("Obv")]
    public double SdkObv()
    {
        _obv = default;
        for (int i = 0; i < _close.Length; i++) _obv.Update(_close[i], _volume[i]);
        return _obv.Value;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates, Description = "Obv (hand-written)"), BenchmarkCategory("Obv")]
    public double HandObv()
    {
        _a = 0;
        _has = false;
        double[] close = _close, volume = _volume;
        for (int i = 0; i < close.Length; i++)
        {
            double c = close[i], v = volume[i];
            if (!double.IsFinite(c) || !double.IsFinite(v)) continue;
            if (!_has) _a = v;
            else if (c > _previous) _a += v;
            else if (c < _previous) _a -= v;
            _previous = c;
            _has = true;
        }
        return _has ? _a : double.NaN;
    }
}
