using System;

namespace Backtester.Benchmarks;

/// <summary>Fails a benchmark setup when two ways of doing the same work disagree.</summary>
public static class SummaryCheck
{
    public static void Same(string nameA, BacktestSummary a, string nameB, BacktestSummary b)
    {
        bool same = a.Events == b.Events && a.Fills == b.Fills && a.RoundTrips == b.RoundTrips && a.Wins == b.Wins && a.Losses == b.Losses
            && Close(a.NetPnl, b.NetPnl) && Close(a.Fees, b.Fees) && Close(a.MaxDrawdown, b.MaxDrawdown) && Close(a.RealizedPnl, b.RealizedPnl)
            && a.MaxDrawdownDurationNs == b.MaxDrawdownDurationNs && Close(a.Exposure, b.Exposure) && a.EquitySamples == b.EquitySamples
            && (Close(a.Sharpe, b.Sharpe) || (double.IsNaN(a.Sharpe) && double.IsNaN(b.Sharpe)));
        if (!same)
            throw new InvalidOperationException($"{nameA} and {nameB} disagree:\n  {a}\n  {b}");
    }

    private static bool Close(double x, double y) => x == y || Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));
}
