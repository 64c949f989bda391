using System;
using System.Runtime.CompilerServices;

namespace Backtester.Statistics;

/// <summary>
/// Statistics of one run, updated incrementally in O(1) time and memory per event and per fill: nothing is stored
/// per event, so memory does not grow with the data. Reused across runs of a runner (<see cref="Reset"/>).
/// </summary>
/// <remarks>
/// Drawdown, its duration and exposure are measured on the equity after every event. Return statistics use equity
/// sampled at a fixed interval (<see cref="EquitySampler"/>), following empyrical's definitions.
/// </remarks>
internal sealed class RunStatistics
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
    public long MaxDrawdownDurationNs;
    public EquitySampler Samples;

    private long _peakTime;
    private long _firstTime;
    private long _lastTime;
    private bool _wasExposed;
    private bool _underwater;
    private long _exposedNs;

    public void Reset(double initialEquity, long sampleIntervalNs, double periodsPerYear, IResultStream<EquitySample>? curve = null,
        System.Collections.Generic.List<EquitySample>? capture = null)
    {
        Events = Fills = RoundTrips = Wins = Losses = 0;
        WinningTripsPnl = LosingTripsPnl = 0;
        PeakEquity = initialEquity;
        MaxDrawdown = MaxDrawdownPercent = 0;
        MaxDrawdownDurationNs = 0;
        _peakTime = _firstTime = _lastTime = long.MinValue;
        _wasExposed = _underwater = false;
        _exposedNs = 0;
        Samples.Reset(initialEquity, sampleIntervalNs, periodsPerYear, curve, capture);
    }

    /// <summary>
    /// Records the equity after an event at <paramref name="time"/>: the running peak, the deepest fall from it and the
    /// longest time spent below it, the time with an open position, and the equity samples due before this event.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnEvent(long time, double equity, bool exposed)
    {
        Events++;
        if (_firstTime == long.MinValue)
        {
            _firstTime = _lastTime = _peakTime = time;
            Samples.Start(time);
        }
        Samples.Advance(time);
        Samples.Observe(equity);
        if (_wasExposed) _exposedNs += time - _lastTime;
        _wasExposed = exposed;
        _lastTime = time;

        if (equity >= PeakEquity)
        {
            // A recovery ends the drawdown that began at the previous peak.
            if (_underwater && time - _peakTime > MaxDrawdownDurationNs) MaxDrawdownDurationNs = time - _peakTime;
            _underwater = false;
            PeakEquity = equity;
            _peakTime = time;
            return;
        }
        _underwater = true;
        if (time - _peakTime > MaxDrawdownDurationNs) MaxDrawdownDurationNs = time - _peakTime;
        double drawdown = PeakEquity - equity;
        if (drawdown > MaxDrawdown)
        {
            // Only a deeper drawdown can be a larger fraction of its peak: the peak never falls, and a division by a
            // positive number is monotonic in both operands, so the division (on every event below the peak, the
            // costliest step of this method) runs only here.
            MaxDrawdown = drawdown;
            double percent = drawdown / PeakEquity;
            if (percent > MaxDrawdownPercent) MaxDrawdownPercent = percent;
        }
    }

    /// <summary>Closes the run: takes the equity samples due up to the last event.</summary>
    public void Finish(double equity)
    {
        if (_firstTime != long.MinValue) Samples.Finish(_lastTime, equity);
    }

    /// <summary>Records a closed round trip and its PnL net of fees (zero counts as neither win nor loss).</summary>
    public void OnRoundTrip(double pnl)
    {
        RoundTrips++;
        if (pnl > 0) { Wins++; WinningTripsPnl += pnl; }
        else if (pnl < 0) { Losses++; LosingTripsPnl += pnl; }
    }

    /// <summary>Fraction of the time from the first to the last event during which some position was open (0 for an instant run).</summary>
    public double Exposure => _lastTime > _firstTime ? (double)_exposedNs / (_lastTime - _firstTime) : 0;

    public double WinRate => RoundTrips == 0 ? double.NaN : (double)Wins / RoundTrips;

    public double ProfitFactor => LosingTripsPnl == 0 ? (WinningTripsPnl > 0 ? double.PositiveInfinity : double.NaN) : WinningTripsPnl / Math.Abs(LosingTripsPnl);

    public double AverageWin => Wins == 0 ? double.NaN : WinningTripsPnl / Wins;

    public double AverageLoss => Losses == 0 ? double.NaN : LosingTripsPnl / Losses;

    /// <summary>Mean PnL per round trip, net of fees.</summary>
    public double Expectancy => RoundTrips == 0 ? double.NaN : (WinningTripsPnl + LosingTripsPnl) / RoundTrips;
}
