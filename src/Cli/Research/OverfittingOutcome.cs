using System.Collections.Generic;

namespace Backtester.Cli.Research;

/// <summary>What <c>overfitting</c> reports: PBO over the whole grid, and how far the best combination's Sharpe ratio can be trusted.</summary>
internal sealed record OverfittingOutcome(string Strategy, long Trials, long Failed, int Periods, int Blocks, int Splits, double Pbo, double ProbabilityOfLoss,
    long BestIndex, IReadOnlyList<KeyValuePair<string, string>> BestParameters, double BestSharpe, double PeriodSharpe, double SharpeVariance,
    double Skewness, double Kurtosis, long Observations, double Psr, double Dsr, double MinTrackRecord);
