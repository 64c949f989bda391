using System;
using Backtester.Indicators;
using BenchmarkDotNet.Attributes;

namespace Backtester.Benchmarks.Indicators;

/// <summary>
/// The cost of one streaming indicator update: each benchmark feeds <see cref="Updates"/> prices (or bars) of a
/// noisy random walk to one indicator, and BenchmarkDotNet divides by the count, so the mean is ns/update.
/// Allocated bytes must read 0 (the indicators are built once, in the setup).
/// </summary>
[MemoryDiagnoser]
public class IndicatorBenchmarks
{
    private const int Updates = 16_384;

    private double[] _prices = null!;
    private Bar[] _bars = null!;
    private Sma _sma;
    private Ema _ema;
    private Wma _wma;
    private Dema _dema;
    private Tema _tema;
    private Rsi _rsi;
    private Atr _atr;
    private BollingerBands _bollinger;
    private Macd _macd;
    private StdDev _stdDev;
    private ZScore _zScore;
    private RollingMax _rollingMax;
    private Donchian _donchian;
    private Vwap _vwap;
    private Roc _roc;
    private Stochastic _stochastic;
    private Obv _obv;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _prices = new double[Updates];
        _bars = new Bar[Updates];
        double price = 100;
        for (int i = 0; i < Updates; i++)
        {
            price *= 1 + (0.002 * (random.NextDouble() - 0.5));
            _prices[i] = price;
            double spread = price * 0.001 * random.NextDouble();
            _bars[i] = new Bar(i * 60_000_000_000L, 0, price, price + spread, price - spread, price + (spread * (random.NextDouble() - 0.5)), 1 + random.Next(1000));
        }
        _sma = new Sma(20);
        _ema = new Ema(20);
        _wma = new Wma(20);
        _dema = new Dema(20);
        _tema = new Tema(20);
        _rsi = new Rsi(14);
        _atr = new Atr(14);
        _bollinger = new BollingerBands(20, 2);
        _macd = new Macd(12, 26, 9);
        _stdDev = new StdDev(20);
        _zScore = new ZScore(20);
        _rollingMax = new RollingMax(20);
        _donchian = new Donchian(20);
        _vwap = new Vwap(86_400_000_000_000L);
        _roc = new Roc(10);
        _stochastic = new Stochastic(14, 3, 3);
        _obv = new Obv();
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Sma()
    {
        foreach (double p in _prices) _sma.Update(p);
        return _sma.Value;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Ema()
    {
        foreach (double p in _prices) _ema.Update(p);
        return _ema.Value;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Wma()
    {
        foreach (double p in _prices) _wma.Update(p);
        return _wma.Value;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Dema()
    {
        foreach (double p in _prices) _dema.Update(p);
        return _dema.Value;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Tema()
    {
        foreach (double p in _prices) _tema.Update(p);
        return _tema.Value;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Rsi()
    {
        foreach (double p in _prices) _rsi.Update(p);
        return _rsi.Value;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Atr()
    {
        foreach (ref readonly Bar b in _bars.AsSpan()) _atr.Update(in b);
        return _atr.Value;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Bollinger()
    {
        foreach (double p in _prices) _bollinger.Update(p);
        return _bollinger.Upper;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Macd()
    {
        foreach (double p in _prices) _macd.Update(p);
        return _macd.Histogram;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double StdDev()
    {
        foreach (double p in _prices) _stdDev.Update(p);
        return _stdDev.Value;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double ZScore()
    {
        foreach (double p in _prices) _zScore.Update(p);
        return _zScore.Value;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double RollingMax()
    {
        foreach (double p in _prices) _rollingMax.Update(p);
        return _rollingMax.Value;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Donchian()
    {
        foreach (ref readonly Bar b in _bars.AsSpan()) _donchian.Update(in b);
        return _donchian.Middle;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Vwap()
    {
        foreach (ref readonly Bar b in _bars.AsSpan()) _vwap.Update(in b);
        return _vwap.Value;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Roc()
    {
        foreach (double p in _prices) _roc.Update(p);
        return _roc.Value;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Stochastic()
    {
        foreach (ref readonly Bar b in _bars.AsSpan()) _stochastic.Update(in b);
        return _stochastic.D;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Obv()
    {
        foreach (ref readonly Bar b in _bars.AsSpan()) _obv.Update(in b);
        return _obv.Value;
    }
}
