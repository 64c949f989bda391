using System;

namespace Backtester.Statistics;

/// <summary>
/// Statistics of one run, updated incrementally in O(1) time and memory per event and per fill:
/// nothing is stored per event, so memory does not grow with the data.
/// </summary>
internal struct RunStatistics
{
    public long Events;
    public long Fills;
    public long RoundTrips;
    public long Wins;
    public long Losses;
    public double WinningTripsPnl;
    public double LosingTripsPnl;
    public double PeakEquity;
    public double MaxDrawdown;
    public double MaxDrawdownPercent;

    public void Reset(double initialEquity) => this = new RunStatistics { PeakEquity = initialEquity };

    /// <summary>Records equity after an event: tracks the running peak and the deepest fall from it.</summary>
    public void OnEquity(double equity)
    {
        if (equity > PeakEquity)
        {
            PeakEquity = equity;
            return;
        }
        double drawdown = PeakEquity - equity;
        if (drawdown > MaxDrawdown) MaxDrawdown = drawdown;
        double percent = drawdown / PeakEquity;
        if (percent > MaxDrawdownPercent) MaxDrawdownPercent = percent;
    }

    /// <summary>Records a closed round trip and its PnL net of fees (zero counts as neither win nor loss).</summary>
    public void OnRoundTrip(double pnl)
    {
        RoundTrips++;
        if (pnl > 0) { Wins++; WinningTripsPnl += pnl; }
        else if (pnl < 0) { Losses++; LosingTripsPnl += pnl; }
    }

    public readonly double WinRate => RoundTrips == 0 ? double.NaN : (double)Wins / RoundTrips;

    public readonly double ProfitFactor => LosingTripsPnl == 0 ? (WinningTripsPnl > 0 ? double.PositiveInfinity : double.NaN) : WinningTripsPnl / Math.Abs(LosingTripsPnl);
}
