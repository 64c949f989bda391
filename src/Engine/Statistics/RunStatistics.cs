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

    /// <summary>
    /// The longest time spent below a peak: the drawdowns that ended, and the one still open (from its peak to the last
    /// event). Kept as the closed maximum and read through the open one, so an event under water stores nothing for it.
    /// </summary>
    public long MaxDrawdownDurationNs => _underwater && _lastTime - _peakTime > _maxClosedDurationNs ? _lastTime - _peakTime : _maxClosedDurationNs;
    public EquitySampler Samples;

    private long _peakTime;
    private long _firstTime;
    private long _lastTime;
    private bool _wasExposed;
    private bool _underwater;
    private long _maxClosedDurationNs;
    private long _exposedNs; // the exposed spans that ended
    private long _exposedSince; // the time of the event after which the open exposed span began (while _wasExposed)

    public void Reset(double initialEquity, long sampleIntervalNs, double periodsPerYear, IResultStream<EquitySample>? curve = null,
        System.Collections.Generic.List<EquitySample>? capture = null)
    {
        Events = Fills = RoundTrips = Wins = Losses = 0;
        WinningTripsPnl = LosingTripsPnl = 0;
        PeakEquity = initialEquity;
        MaxDrawdown = MaxDrawdownPercent = 0;
        _maxClosedDurationNs = 0;
        _peakTime = _firstTime = _lastTime = long.MinValue;
        _wasExposed = _underwater = false;
        _exposedNs = _exposedSince = 0;
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
        // One test per event for the first event and for a sampling boundary: the sampler's next boundary is
        // long.MinValue until the first event starts it, and every timestamp is above that.
        if (Samples.NextBoundary < time) StartOrSample(time);
        Samples.Observe(equity);
        // Exposure is kept by its changes: the time from the event after which a position was open to the first event
        // after which none was, summed (the same total as adding every exposed gap between events, in integers).
        if (exposed != _wasExposed) ExposureChanges(time, exposed);
        _lastTime = time;

        if (equity >= PeakEquity)
        {
            // A recovery ends the drawdown that began at the previous peak.
            if (_underwater && time - _peakTime > _maxClosedDurationNs) _maxClosedDurationNs = time - _peakTime;
            _underwater = false;
            PeakEquity = equity;
            _peakTime = time;
            return;
        }
        _underwater = true;
        double drawdown = PeakEquity - equity;
        // Only a fall deeper than any before can raise the deepest fall in percent: the peak never falls and is at
        // least the initial equity, which is positive (the sampler refuses any other), so a fall d no deeper than an
        // earlier d0 under peak p0 <= p gives d / p <= d0 / p0 (division by a positive number is monotonic, rounded
        // too). Most events under water skip the division.
        if (drawdown > MaxDrawdown)
        {
            MaxDrawdown = drawdown;
            double percent = drawdown / PeakEquity;
            if (percent > MaxDrawdownPercent) MaxDrawdownPercent = percent;
        }
    }

    /// <summary>Out of the per-event path: a position opened after the event before, or none is open any more.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ExposureChanges(long time, bool exposed)
    {
        if (exposed) _exposedSince = time;
        else _exposedNs += time - _exposedSince;
        _wasExposed = exposed;
    }

    /// <summary>Out of the per-event path: the first event starts the run's clocks and the sampler; later ones take the samples due before them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void StartOrSample(long time)
    {
        if (_firstTime == long.MinValue)
        {
            _firstTime = _lastTime = _peakTime = time;
            Samples.Start(time);
        }
        Samples.Advance(time);
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
    public double Exposure => _lastTime > _firstTime ? (double)ExposedNs / (_lastTime - _firstTime) : 0;

    /// <summary>The time with a position open up to the last event: the spans that ended, and the one still open.</summary>
    private long ExposedNs => _wasExposed ? _exposedNs + (_lastTime - _exposedSince) : _exposedNs;

    public double WinRate => RoundTrips == 0 ? double.NaN : (double)Wins / RoundTrips;

    public double ProfitFactor => LosingTripsPnl == 0 ? (WinningTripsPnl > 0 ? double.PositiveInfinity : double.NaN) : WinningTripsPnl / Math.Abs(LosingTripsPnl);

    public double AverageWin => Wins == 0 ? double.NaN : WinningTripsPnl / Wins;

    public double AverageLoss => Losses == 0 ? double.NaN : LosingTripsPnl / Losses;

    /// <summary>Mean PnL per round trip, net of fees.</summary>
    public double Expectancy => RoundTrips == 0 ? double.NaN : (WinningTripsPnl + LosingTripsPnl) / RoundTrips;
}
