using System;

namespace Backtester.Indicators;

/// <summary>
/// Volume-weighted average price: Σ price × volume / Σ volume since the session started (compensated sums). A
/// session ends at an explicit <see cref="Reset"/>, or, when the indicator is built with a session length, as soon
/// as a timestamped update falls in a different session than the previous one: session number
/// <c>floor((timestamp − offset) / length)</c>, so <c>new Vwap(86_400_000_000_000)</c> restarts at every UTC midnight.
/// A bar contributes its typical price (high + low + close) / 3 and belongs to the session of its
/// <see cref="Bar.Timestamp"/> (its close time). Ready once the session has seen volume.
/// </summary>
/// <remarks>
/// A mutable struct: hold it in a non-<c>readonly</c> field. An update with a non-finite price, volume or bar
/// field is ignored entirely (it does not start a new session either).
/// </remarks>
public struct Vwap
{
    private readonly long _sessionLength;
    private readonly long _sessionOffset;
    private CompensatedSum _priceVolume;
    private CompensatedSum _volume;
    private long _session;
    private bool _hasSession;

    /// <summary>Creates a VWAP that restarts on timestamps every <paramref name="sessionLength"/> nanoseconds, or only on <see cref="Reset"/> when it is 0.</summary>
    /// <param name="sessionLength">Session length in nanoseconds, or 0 for no automatic restart.</param>
    /// <param name="sessionOffset">Where sessions start, in nanoseconds after each multiple of <paramref name="sessionLength"/> since the Unix epoch (e.g. 13.5 hours for 13:30 UTC).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sessionLength"/> is negative, or <paramref name="sessionOffset"/> is negative or not less than a positive <paramref name="sessionLength"/>.</exception>
    public Vwap(long sessionLength = 0, long sessionOffset = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sessionLength);
        ArgumentOutOfRangeException.ThrowIfNegative(sessionOffset);
        if (sessionLength > 0)
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sessionOffset, sessionLength);
        else
            ArgumentOutOfRangeException.ThrowIfNotEqual(sessionOffset, 0L);
        _sessionLength = sessionLength;
        _sessionOffset = sessionOffset;
    }

    /// <summary>Session length in nanoseconds; 0 when sessions end only at <see cref="Reset"/>.</summary>
    public readonly long SessionLength => _sessionLength;

    /// <summary>Where sessions start after each multiple of <see cref="SessionLength"/>, in nanoseconds.</summary>
    public readonly long SessionOffset => _sessionOffset;

    /// <summary>True once the current session has seen a positive volume.</summary>
    public readonly bool IsReady => _volume.Value > 0;

    /// <summary>The session's volume-weighted average price, or NaN until <see cref="IsReady"/>.</summary>
    public readonly double Value => IsReady ? _priceVolume.Value / _volume.Value : double.NaN;

    /// <summary>Adds a trade: its price and size, in the session of its timestamp.</summary>
    public void Update(in Trade trade) => Update(trade.Timestamp, trade.Price, trade.Size);

    /// <summary>Adds a bar: its typical price (high + low + close) / 3 and volume, in the session of its timestamp.</summary>
    public void Update(in Bar bar) => Update(bar.Timestamp, (bar.High + bar.Low + bar.Close) / 3.0, bar.Volume);

    /// <summary>Adds <paramref name="volume"/> traded at <paramref name="price"/> at <paramref name="timestamp"/> (ns since the Unix epoch, UTC), first starting a new session if the timestamp is in another one.</summary>
    public void Update(long timestamp, double price, double volume)
    {
        if (!double.IsFinite(price) || !double.IsFinite(volume))
            return;
        if (_sessionLength > 0)
        {
            long session = Math.DivRem(timestamp - _sessionOffset, _sessionLength, out long remainder);
            if (remainder < 0)
                session--;
            if (!_hasSession || session != _session)
            {
                Reset();
                _session = session;
                _hasSession = true;
            }
        }
        Add(price, volume);
    }

    /// <summary>Adds <paramref name="volume"/> traded at <paramref name="price"/> to the current session, without looking at time.</summary>
    public void Update(double price, double volume)
    {
        if (double.IsFinite(price) && double.IsFinite(volume))
            Add(price, volume);
    }

    /// <summary>Ends the session: the next update starts a new one.</summary>
    public void Reset()
    {
        _priceVolume.Clear();
        _volume.Clear();
        _hasSession = false;
    }

    private void Add(double price, double volume)
    {
        _priceVolume.Add(price * volume);
        _volume.Add(volume);
    }
}
