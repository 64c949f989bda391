using System;
using Backtester.Indicators;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Backtester.Benchmarks.Indicators;

/// <summary>
/// The remaining SDK indicators next to the same computation written by hand, as
/// <see cref="HandWrittenRecursiveIndicatorBenchmarks"/> does for the recursive ones: BollingerBands and ZScore (the
/// exact rolling moments of <see cref="StdDev"/>: sums around a value of the window with exact error terms, recomputed
/// once per lap), Donchian and Stochastic (rolling maximum and minimum by van Herk and Gil-Werman's block algorithm, faster than
/// a monotonic deque on a fixed ring, whose pops are mispredicted on a random walk; Stochastic's two averages with
/// <see cref="Sma"/>'s two-sum) and Vwap
/// over minute bars in daily sessions (Neumaier sums; the session's bounds kept so the common update is two compares, not
/// a division). Each hand-written loop keeps its state in flat fields of this class, as a strategy would. The setup
/// checks every output bit for bit against the SDK's after 1 to 80 updates (the warm-up, the first laps) and at a dozen
/// later lengths up to all 16,384, so a category's ratio is the cost of the SDK's abstraction.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class HandWrittenWindowIndicatorBenchmarks
{
    private const int Updates = 16_384;
    private const int Period = 20;
    private const int KPeriod = 14, KSmoothing = 3, DPeriod = 3;
    private const double Deviations = 2.0;
    private const long Day = 86_400_000_000_000, Minute = 60_000_000_000;

    private double[] _close = null!, _high = null!, _low = null!, _volume = null!;
    private long[] _time = null!;
    private int _length = Updates; // the setup's checks run on prefixes

    private BollingerBands _bollinger;
    private ZScore _zScore;
    private Donchian _donchian;
    private Stochastic _stochastic;
    private Vwap _vwap;

    // Hand-written rolling moments (BollingerBands, ZScore).
    private double[] _ring = [];
    private int _next, _count;
    private double _k, _s1, _c1, _s2, _c2, _churn, _latest;

    private int _pushed;

    // Hand-written averages (Stochastic's %K and %D, as Sma) and sums (Vwap).
    private double[] _kRing = [], _dRing = [];
    private int _kNext, _dNext;
    private bool _kFull, _dFull, _hasSession;
    private double _kSum, _kError, _dSum, _dError;
    private long _sessionStart, _sessionEnd;
    private double _pv, _pvCompensation, _v, _vCompensation;

    // The hand-written outputs, set at the end of each loop.
    private double _outMiddle, _outUpper, _outLower, _outDeviation, _outK, _outD;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _close = new double[Updates];
        _high = new double[Updates];
        _low = new double[Updates];
        _volume = new double[Updates];
        _time = new long[Updates];
        double price = 100;
        long start = 1_767_225_600_000_000_000 + (7 * 3_600_000_000_000); // 2026-01-01 07:00 UTC: sessions change mid-series
        for (int i = 0; i < Updates; i++)
        {
            price *= 1 + (0.002 * (random.NextDouble() - 0.5));
            _close[i] = price;
            _high[i] = price * (1 + (0.001 * random.NextDouble()));
            _low[i] = price * (1 - (0.001 * random.NextDouble()));
            _volume[i] = 1 + (10 * random.NextDouble());
            _time[i] = start + (i * Minute);
        }
        for (int length = 1; length <= Updates; length = length < 80 ? length + 1 : length * 3 / 2)
            CheckAll(length);
        CheckAll(Updates);
        _length = Updates;
    }

    private void CheckAll(int length)
    {
        _length = length;
        SdkBollinger();
        HandBollinger();
        Check("BollingerBands.Middle", length, _bollinger.Middle, _outMiddle);
        Check("BollingerBands.Upper", length, _bollinger.Upper, _outUpper);
        Check("BollingerBands.Lower", length, _bollinger.Lower, _outLower);
        Check("BollingerBands.StandardDeviation", length, _bollinger.StandardDeviation, _outDeviation);
        Check("ZScore", length, SdkZScore(), HandZScore());
        SdkDonchian();
        HandDonchian();
        Check("Donchian.Upper", length, _donchian.Upper, _outUpper);
        Check("Donchian.Lower", length, _donchian.Lower, _outLower);
        Check("Donchian.Middle", length, _donchian.Middle, _outMiddle);
        SdkStochastic();
        HandStochastic();
        Check("Stochastic.K", length, _stochastic.K, _outK);
        Check("Stochastic.D", length, _stochastic.D, _outD);
        Check("Vwap", length, SdkVwap(), HandVwap());
    }

    private static void Check(string what, int length, double sdk, double hand)
    {
        bool same = BitConverter.DoubleToInt64Bits(sdk) == BitConverter.DoubleToInt64Bits(hand) || (double.IsNaN(sdk) && double.IsNaN(hand));
        if (!same || (length == Updates && double.IsNaN(sdk)))
            throw new InvalidOperationException($"{what} after {length} updates: SDK {sdk:R} and hand-written {hand:R} differ (or are not ready).");
    }

    [Benchmark(OperationsPerInvoke = Updates, Description = "BollingerBands (SDK)"), BenchmarkCategory("BollingerBands")]
    public double SdkBollinger()
    {
        _bollinger = new BollingerBands(Period, Deviations);
        foreach (double p in _close.AsSpan(0, _length)) _bollinger.Update(p);
        return _bollinger.Upper;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates, Description = "BollingerBands (hand-written)"), BenchmarkCategory("BollingerBands")]
    public double HandBollinger()
    {
        StartMoments();
        foreach (double p in _close.AsSpan(0, _length)) AddMoment(p);
        if (_count < Period)
        {
            _outMiddle = _outUpper = _outLower = _outDeviation = double.NaN;
            return double.NaN;
        }
        double deviation = Math.Sqrt(Variance());
        _outMiddle = _k + ((_s1 + _c1) / _count);
        _outDeviation = deviation;
        _outUpper = _outMiddle + (Deviations * deviation);
        _outLower = _outMiddle - (Deviations * deviation);
        return _outUpper;
    }

    [Benchmark(OperationsPerInvoke = Updates, Description = "ZScore (SDK)"), BenchmarkCategory("ZScore")]
    public double SdkZScore()
    {
        _zScore = new ZScore(Period);
        foreach (double p in _close.AsSpan(0, _length)) _zScore.Update(p);
        return _zScore.Value;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates, Description = "ZScore (hand-written)"), BenchmarkCategory("ZScore")]
    public double HandZScore()
    {
        StartMoments();
        foreach (double p in _close.AsSpan(0, _length))
        {
            if (!double.IsFinite(p)) continue;
            AddMoment(p);
            _latest = p;
        }
        if (_count < Period) return double.NaN;
        double deviation = Math.Sqrt(Variance());
        return deviation > 0 ? ((_latest - _k) - ((_s1 + _c1) / _count)) / deviation : 0.0;
    }

    private void StartMoments()
    {
        _ring = new double[Period];
        _next = _count = 0;
        _k = _s1 = _c1 = _s2 = _c2 = _churn = 0;
    }

    /// <summary>One update of the exact rolling moments, the arithmetic of the SDK's, on flat fields.</summary>
    private void AddMoment(double value)
    {
        if (!double.IsFinite(value)) return;
        int count = _count;
        if (count == 0) _k = value;
        double k = _k;
        double[] ring = _ring;
        int next = _next;
        double evicted = ring[next];
        ring[next] = value;
        next = next + 1 == Period ? 0 : next + 1;
        _next = next;
        bool full = count == Period;
        if (!full) _count = ++count;
        Accumulate(value - k, 1.0);
        if (full) Accumulate(evicted - k, -1.0);
        double square = _s1 * _s1, spread = (count * _s2) - square;
        if (next == 0 || square > 1e6 * spread || spread < 1e-12 * count * _churn)
        {
            // Around the newest value, oldest first.
            _k = value;
            _s1 = _c1 = _s2 = _c2 = 0;
            int start = count == Period ? next : 0;
            for (int i = 0; i < count; i++)
            {
                int j = start + i;
                Accumulate(ring[j >= Period ? j - Period : j] - value, 1.0);
            }
            _churn = _s2;
        }
    }

    private void Accumulate(double d, double sign)
    {
        double x = sign * d, s1 = _s1, s = s1 + x, bs = s - s1;
        _c1 += (s1 - (s - bs)) + (x - bs);
        _s1 = s;
        double p = d * d, pLow = Math.FusedMultiplyAdd(d, d, -p), y = sign * p, s2 = _s2, q = s2 + y, bq = q - s2;
        _c2 += ((s2 - (q - bq)) + (y - bq)) + (sign * pLow);
        _s2 = q;
        _churn += p;
    }

    private double Variance()
    {
        int n = _count;
        double a = n * _s2, aLow = Math.FusedMultiplyAdd(n, _s2, -a) + (n * _c2);
        double b = _s1 * _s1, bLow = Math.FusedMultiplyAdd(_s1, _s1, -b) + (2 * _s1 * _c1) + (_c1 * _c1);
        double spread = (a - b) + (aLow - bLow);
        return spread > 0 ? spread / ((double)n * n) : 0;
    }

    [Benchmark(OperationsPerInvoke = Updates, Description = "Donchian (SDK)"), BenchmarkCategory("Donchian")]
    public double SdkDonchian()
    {
        _donchian = new Donchian(Period);
        double[] high = _high, low = _low;
        for (int i = 0; i < _length; i++) _donchian.Update(high[i], low[i]);
        return _donchian.Middle;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates, Description = "Donchian (hand-written)"), BenchmarkCategory("Donchian")]
    public double HandDonchian()
    {
        StartBlocks(Period);
        double[] high = _high, low = _low;
        for (int i = 0; i < _length; i++)
        {
            double h = high[i], l = low[i];
            if (!double.IsFinite(h) || !double.IsFinite(l)) continue;
            PushBlocks(h, l, Period);
        }
        bool ready = _pushed >= Period;
        _outUpper = ready ? _bMax : double.NaN;
        _outLower = ready ? _bMin : double.NaN;
        _outMiddle = (_outUpper + _outLower) / 2.0;
        return _outMiddle;
    }

    // Block (van Herk / Gil-Werman) maximum and minimum: the window of the last n values is the tail of the previous block of
    // n, whose suffix maxima are kept, and the head of the current block, whose running maximum is kept; no data-dependent
    // branch per value, and one pass over a block's n values when it completes.
    private double[] _blockHigh = [], _blockLow = [], _suffixMax = [], _suffixMin = [];
    private int _position;
    private double _prefixMax, _prefixMin, _bMax, _bMin;

    private void StartBlocks(int period)
    {
        _blockHigh = new double[period];
        _blockLow = new double[period];
        _suffixMax = new double[period + 1];
        _suffixMin = new double[period + 1];
        Array.Fill(_suffixMax, double.NegativeInfinity);
        Array.Fill(_suffixMin, double.PositiveInfinity);
        _position = _pushed = 0;
        _prefixMax = double.NegativeInfinity;
        _prefixMin = double.PositiveInfinity;
    }

    private void PushBlocks(double high, double low, int period)
    {
        int p = _position;
        _pushed++;
        _blockHigh[p] = high;
        _blockLow[p] = low;
        double prefixMax = Math.Max(_prefixMax, high), prefixMin = Math.Min(_prefixMin, low);
        _bMax = Math.Max(_suffixMax[p + 1], prefixMax);
        _bMin = Math.Min(_suffixMin[p + 1], prefixMin);
        if (++p == period)
        {
            double[] bh = _blockHigh, bl = _blockLow, sh = _suffixMax, sl = _suffixMin;
            double mx = double.NegativeInfinity, mn = double.PositiveInfinity;
            for (int j = period - 1; j >= 0; j--)
            {
                sh[j] = mx = Math.Max(mx, bh[j]);
                sl[j] = mn = Math.Min(mn, bl[j]);
            }
            p = 0;
            prefixMax = double.NegativeInfinity;
            prefixMin = double.PositiveInfinity;
        }
        _position = p;
        _prefixMax = prefixMax;
        _prefixMin = prefixMin;
    }

    [Benchmark(OperationsPerInvoke = Updates, Description = "Stochastic (SDK)"), BenchmarkCategory("Stochastic")]
    public double SdkStochastic()
    {
        _stochastic = new Stochastic(KPeriod, KSmoothing, DPeriod);
        double[] high = _high, low = _low, close = _close;
        for (int i = 0; i < _length; i++) _stochastic.Update(high[i], low[i], close[i]);
        return _stochastic.D;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates, Description = "Stochastic (hand-written)"), BenchmarkCategory("Stochastic")]
    public double HandStochastic()
    {
        StartBlocks(KPeriod);
        _kRing = new double[KSmoothing];
        _dRing = new double[DPeriod];
        _kNext = _dNext = 0;
        _kFull = _dFull = false;
        _kSum = _kError = _dSum = _dError = 0;
        double[] high = _high, low = _low, close = _close;
        for (int i = 0; i < _length; i++)
        {
            double h = high[i], l = low[i], c = close[i];
            if (!double.IsFinite(h) || !double.IsFinite(l) || !double.IsFinite(c)) continue;
            PushBlocks(h, l, KPeriod);
            if (_pushed < KPeriod) continue;
            double highest = _bMax, lowest = _bMin;
            double range = highest - lowest;
            double raw = range != 0 ? 100.0 * (c - lowest) / range : 0.0;
            if (!double.IsFinite(raw)) continue;
            AddToAverage(raw, _kRing, ref _kNext, ref _kFull, ref _kSum, ref _kError);
            if (_kFull) AddToAverage((_kSum + _kError) / KSmoothing, _dRing, ref _dNext, ref _dFull, ref _dSum, ref _dError);
        }
        _outK = _dFull ? (_kSum + _kError) / KSmoothing : double.NaN;
        _outD = _dFull ? (_dSum + _dError) / DPeriod : double.NaN;
        return _outD;
    }

    /// <summary>The SMA's update: a zeroed ring, value − evicted added with Knuth's two-sum, both errors kept.</summary>
    private static void AddToAverage(double value, double[] ring, ref int next, ref bool full, ref double sum, ref double error)
    {
        int at = next;
        double evicted = ring[at];
        ring[at] = value;
        if (++at == ring.Length) { at = 0; full = true; }
        next = at;
        double d = value - evicted, b1 = d - value;
        double e1 = (value - (d - b1)) - (evicted + b1);
        double s = sum, t = s + d, b2 = t - s;
        error += e1 + ((s - (t - b2)) + (d - b2));
        sum = t;
    }

    [Benchmark(OperationsPerInvoke = Updates, Description = "Vwap (SDK)"), BenchmarkCategory("Vwap")]
    public double SdkVwap()
    {
        _vwap = new Vwap(Day);
        double[] high = _high, low = _low, close = _close, volume = _volume;
        long[] time = _time;
        for (int i = 0; i < _length; i++) _vwap.Update(time[i], (high[i] + low[i] + close[i]) / 3.0, volume[i]);
        return _vwap.Value;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates, Description = "Vwap (hand-written)"), BenchmarkCategory("Vwap")]
    public double HandVwap()
    {
        _hasSession = false;
        _pv = _pvCompensation = _v = _vCompensation = 0;
        double[] high = _high, low = _low, close = _close, volume = _volume;
        long[] time = _time;
        for (int i = 0; i < _length; i++)
        {
            double price = (high[i] + low[i] + close[i]) / 3.0, size = volume[i];
            if (!double.IsFinite(price) || !double.IsFinite(size)) continue;
            long t = time[i];
            if (!_hasSession || t < _sessionStart || t >= _sessionEnd)
            {
                long session = Math.DivRem(t, Day, out long remainder);
                if (remainder < 0) session--;
                _sessionStart = session * Day;
                _sessionEnd = _sessionStart + Day;
                _hasSession = true;
                _pv = _pvCompensation = _v = _vCompensation = 0;
            }
            Neumaier(ref _pv, ref _pvCompensation, price * size);
            Neumaier(ref _v, ref _vCompensation, size);
        }
        double v = _v + _vCompensation;
        return v > 0 ? (_pv + _pvCompensation) / v : double.NaN;
    }

    private static void Neumaier(ref double sum, ref double compensation, double value)
    {
        double s = sum, t = s + value;
        compensation += Math.Abs(s) >= Math.Abs(value) ? (s - t) + value : (value - t) + s;
        sum = t;
    }
}
