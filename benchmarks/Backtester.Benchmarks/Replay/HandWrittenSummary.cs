using System;

namespace Backtester.Benchmarks.Replay;

/// <summary>
/// The <see cref="BacktestSummary"/> of a hand-written loop (<see cref="HandWrittenReplay"/>, <c>ReadmeHandWritten</c>)
/// from its totals at the end of the run, with the engine's formulas, so that the loops' summaries can be checked equal
/// to the engine's before timing. Called once a run, after the last sample (<see cref="HandWrittenSampling.SampleRunEnd"/>).
/// </summary>
internal static class HandWrittenSummary
{
    /// <param name="position">Each symbol's position.</param>
    /// <param name="average">Each symbol's average entry price.</param>
    /// <param name="last">Each symbol's last price.</param>
    /// <param name="realized">Each symbol's realized PnL.</param>
    /// <param name="finalEquity">Cash plus the positions' value at the last event.</param>
    public static BacktestSummary Of(BacktestOptions options, int events, double[] position, double[] average, double[] last, double[] realized,
        double finalEquity, long fills, long roundTrips, long wins, long losses, double winPnl, double lossPnl, double fees, double turnover,
        double maxDrawdown, double maxDrawdownPercent, long maxDrawdownDuration, long firstTime, long lastTime, long exposedNs,
        long interval, long samples, double mean, double m2)
    {
        double realizedSum = 0, unrealizedSum = 0;
        for (int s = 0; s < position.Length; s++)
        {
            realizedSum += realized[s];
            if (position[s] != 0) unrealizedSum += position[s] * (last[s] - average[s]);
        }
        return new BacktestSummary
        {
            Events = events, Fills = fills, RoundTrips = roundTrips, Wins = wins, Losses = losses,
            WinRate = roundTrips == 0 ? double.NaN : (double)wins / roundTrips,
            ProfitFactor = lossPnl == 0 ? (winPnl > 0 ? double.PositiveInfinity : double.NaN) : winPnl / Math.Abs(lossPnl),
            InitialCapital = options.InitialCapital, FinalEquity = finalEquity, NetPnl = finalEquity - options.InitialCapital,
            GrossPnl = realizedSum + unrealizedSum, RealizedPnl = realizedSum, UnrealizedPnl = unrealizedSum,
            Fees = fees, Turnover = turnover, MaxDrawdown = maxDrawdown, MaxDrawdownPercent = maxDrawdownPercent,
            MaxDrawdownDurationNs = maxDrawdownDuration,
            Exposure = lastTime > firstTime ? (double)exposedNs / (lastTime - firstTime) : 0,
            EquitySamples = samples,
            Sharpe = samples < 2 ? double.NaN : mean / Math.Sqrt(m2 / (samples - 1)) * Math.Sqrt(365 * 86_400e9 / interval),
        };
    }
}
