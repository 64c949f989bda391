using System.Collections.Generic;

namespace Backtester.Cli.Research;

/// <summary>
/// What <c>overfitting</c> reports: PBO over the whole grid by the <c>--by</c> statistic, and the best combination by it
/// (<see cref="BestSummary"/>) with how far its Sharpe ratio can be trusted.
/// </summary>
internal sealed record OverfittingOutcome(string Strategy, long Trials, long Failed, int Periods, int Blocks, int Splits, double Pbo, double ProbabilityOfLoss,
    long BestIndex, IReadOnlyList<KeyValuePair<string, string>> BestParameters, double BestSharpe, double PeriodSharpe, double SharpeVariance,
    double Skewness, double Kurtosis, long Observations, double Psr, double Dsr, double MinTrackRecord)
{
    /// <summary>The statistic CSCV ranked by and the best combination was chosen by (<c>sharpe</c>, <c>sortino</c> or <c>return</c>).</summary>
    public required SummaryStatistic By { get; init; }

    /// <summary>Every statistic of the best combination's run.</summary>
    public required BacktestSummary BestSummary { get; init; }

    /// <summary>Periods per year the Sharpe ratios are annualized by.</summary>
    public required double PeriodsPerYear { get; init; }
}
