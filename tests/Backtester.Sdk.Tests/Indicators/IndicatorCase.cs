using System;
using System.Collections.Generic;
using Backtester.Indicators;

namespace Backtester.Tests.Indicators;

/// <summary>
/// One indicator behind a uniform face, so the policies every indicator shares (warm-up length, NaN input,
/// Reset, zero allocation) are tested once for all. Range-based indicators get <see cref="Series.BarOf"/> bars.
/// </summary>
internal sealed class IndicatorCase
{
    private IndicatorCase(string name, int updatesUntilReady, Action<double> update, Func<bool> isReady, Func<double[]> outputs, Action reset)
    {
        Name = name;
        UpdatesUntilReady = updatesUntilReady;
        Update = update;
        IsReady = isReady;
        Outputs = outputs;
        Reset = reset;
    }

    public string Name { get; }

    /// <summary>The update (1-based) after which the indicator is first ready: TA-Lib's lookback + 1.</summary>
    public int UpdatesUntilReady { get; }

    public Action<double> Update { get; }

    public Func<bool> IsReady { get; }

    public Func<double[]> Outputs { get; }

    public Action Reset { get; }

    public static readonly string[] Names =
    [
        "Sma", "Ema", "EmaFirstValue", "Wma", "Dema", "Tema", "Rsi", "Atr", "BollingerBands", "Macd", "StdDev",
        "ZScore", "RollingMax", "RollingMin", "Donchian", "Vwap", "Roc", "Stochastic", "Obv",
    ];

    public static IEnumerable<object[]> All()
    {
        foreach (string name in Names)
            yield return [name];
    }

    /// <summary>A fresh indicator by name, with small periods so warm-up lengths are easy to read.</summary>
    public static IndicatorCase Create(string name)
    {
        switch (name)
        {
            case "Sma": { var x = new Sma(4); return new(name, 4, v => x.Update(v), () => x.IsReady, () => [x.Value], () => x.Reset()); }
            case "Ema": { var x = new Ema(4); return new(name, 4, v => x.Update(v), () => x.IsReady, () => [x.Value], () => x.Reset()); }
            case "EmaFirstValue": { var x = new Ema(4, EmaSeed.FirstValue); return new(name, 4, v => x.Update(v), () => x.IsReady, () => [x.Value], () => x.Reset()); }
            case "Wma": { var x = new Wma(4); return new(name, 4, v => x.Update(v), () => x.IsReady, () => [x.Value], () => x.Reset()); }
            case "Dema": { var x = new Dema(4); return new(name, 7, v => x.Update(v), () => x.IsReady, () => [x.Value], () => x.Reset()); }
            case "Tema": { var x = new Tema(4); return new(name, 10, v => x.Update(v), () => x.IsReady, () => [x.Value], () => x.Reset()); }
            case "Rsi": { var x = new Rsi(4); return new(name, 5, v => x.Update(v), () => x.IsReady, () => [x.Value], () => x.Reset()); }
            case "Atr": { var x = new Atr(4); return new(name, 5, v => x.Update(Series.BarOf(v)), () => x.IsReady, () => [x.Value], () => x.Reset()); }
            case "BollingerBands": { var x = new BollingerBands(4, 2); return new(name, 4, v => x.Update(v), () => x.IsReady, () => [x.Middle, x.Upper, x.Lower, x.StandardDeviation], () => x.Reset()); }
            case "Macd": { var x = new Macd(3, 5, 2); return new(name, 6, v => x.Update(v), () => x.IsReady, () => [x.Line, x.Signal, x.Histogram], () => x.Reset()); }
            case "StdDev": { var x = new StdDev(4); return new(name, 4, v => x.Update(v), () => x.IsReady, () => [x.Value, x.Variance, x.Mean], () => x.Reset()); }
            case "ZScore": { var x = new ZScore(4); return new(name, 4, v => x.Update(v), () => x.IsReady, () => [x.Value], () => x.Reset()); }
            case "RollingMax": { var x = new RollingMax(4); return new(name, 4, v => x.Update(v), () => x.IsReady, () => [x.Value], () => x.Reset()); }
            case "RollingMin": { var x = new RollingMin(4); return new(name, 4, v => x.Update(v), () => x.IsReady, () => [x.Value], () => x.Reset()); }
            case "Donchian": { var x = new Donchian(4); return new(name, 4, v => x.Update(Series.BarOf(v)), () => x.IsReady, () => [x.Upper, x.Lower, x.Middle], () => x.Reset()); }
            case "Vwap": { var x = new Vwap(); return new(name, 1, v => x.Update(Series.BarOf(v)), () => x.IsReady, () => [x.Value], () => x.Reset()); }
            case "Roc": { var x = new Roc(4); return new(name, 5, v => x.Update(v), () => x.IsReady, () => [x.Value], () => x.Reset()); }
            case "Stochastic": { var x = new Stochastic(3, 2, 2); return new(name, 5, v => x.Update(Series.BarOf(v)), () => x.IsReady, () => [x.K, x.D], () => x.Reset()); }
            case "Obv": { var x = new Obv(); return new(name, 1, v => x.Update(Series.BarOf(v)), () => x.IsReady, () => [x.Value], () => x.Reset()); }
            default: throw new ArgumentOutOfRangeException(nameof(name), name, "No such indicator case.");
        }
    }
}
