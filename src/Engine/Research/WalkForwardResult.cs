using System;
using System.Collections.Generic;
using Backtester.Statistics;

namespace Backtester.Research;

/// <summary>The outcome of <see cref="WalkForward"/>: the windows, and the out-of-sample pieces stitched into one equity curve and one summary.</summary>
public sealed class WalkForwardResult
{
    internal WalkForwardResult(string strategy, IReadOnlyList<WalkForwardWindow> windows, EquitySample[] equity, Fill[] fills,
        SeriesSummary summary, double initialCapital, double probabilisticSharpe, TimeSpan elapsed)
    {
        StrategyName = strategy;
        Windows = windows;
        Equity = equity;
        Fills = fills;
        Summary = summary;
        InitialCapital = initialCapital;
        ProbabilisticSharpe = probabilisticSharpe;
        Elapsed = elapsed;
    }

    /// <summary>The strategy's name.</summary>
    public string StrategyName { get; }

    /// <summary>One entry per window, in time order.</summary>
    public IReadOnlyList<WalkForwardWindow> Windows { get; }

    /// <summary>The stitched out-of-sample equity samples; returns and drawdowns are of the stitched curve, starting from <see cref="InitialCapital"/>.</summary>
    public ReadOnlyMemory<EquitySample> Equity { get; }

    /// <summary>Every out-of-sample fill, in time order (order ids restart in each window).</summary>
    public ReadOnlyMemory<Fill> Fills { get; }

    /// <summary>Statistics of the stitched equity samples, annualized as the backtests are.</summary>
    public SeriesSummary Summary { get; }

    /// <summary>The capital the first out-of-sample window started with.</summary>
    public double InitialCapital { get; }

    /// <summary>The final stitched equity.</summary>
    public double FinalEquity => Windows.Count == 0 ? InitialCapital : Windows[^1].OutOfSampleFinalEquity;

    /// <summary>Probabilistic Sharpe ratio of the stitched returns against a true Sharpe of zero (NaN with too few returns).</summary>
    public double ProbabilisticSharpe { get; }

    /// <summary>Wall-clock duration.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>
    /// What the walk-forward found about its windows: a last out-of-sample window whose events all fell at one instant,
    /// dropped (decision 0106). Also in the result files' <c>backtester.warnings</c> metadata.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; internal init; } = [];
}
