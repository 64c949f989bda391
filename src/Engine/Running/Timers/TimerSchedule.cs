using System;
using Backtester.Infrastructure;

namespace Backtester.Timers;

/// <summary>
/// The timers of one run (scheduled in <c>OnStart</c> through <see cref="Orders.Every"/>): when each is next due, in data
/// time. Timer i fires at every k × interval + offset from the first event on; the replay takes them in time order, ties
/// by id. Reused across runs; its arrays only grow, so a warmed-up run allocates nothing here.
/// </summary>
internal sealed class TimerSchedule
{
    private long[] _interval = Array.Empty<long>();
    private long[] _next = Array.Empty<long>();

    /// <summary>Number of timers; 0 when the strategy scheduled none (the replay then never looks here).</summary>
    public int Count { get; private set; }

    /// <summary>The earliest due time of any timer (long.MaxValue without timers).</summary>
    public long NextDue { get; private set; } = long.MaxValue;

    /// <summary>Takes the timers the gateway collected during <c>OnStart</c>; each is first due at or after <paramref name="firstEventTime"/>.</summary>
    public void Reset(OrderGateway gateway, long firstEventTime)
    {
        Count = gateway.TimerCount;
        if (_interval.Length < Count)
        {
            _interval = new long[Count];
            _next = new long[Count];
        }
        for (int i = 0; i < Count; i++)
        {
            var (interval, offset) = gateway.Timer(i);
            _interval[i] = interval;
            _next[i] = FirstAtOrAfter(firstEventTime, interval, offset);
        }
        NextDue = Earliest();
    }

    /// <summary>The timer due at <see cref="NextDue"/> (the lowest id among those due then), moved on to its next time.</summary>
    public TimerTick Take()
    {
        long due = NextDue;
        int id = 0;
        while (_next[id] != due) id++;
        long next = _next[id] + _interval[id];
        _next[id] = next < due ? long.MaxValue : next; // past the end of time: never again
        NextDue = Earliest();
        return new TimerTick(due, id);
    }

    private long Earliest()
    {
        long earliest = long.MaxValue;
        for (int i = 0; i < Count; i++) earliest = Math.Min(earliest, _next[i]);
        return earliest;
    }

    /// <summary>The smallest k × interval + offset at or after <paramref name="time"/> (k whole).</summary>
    private static long FirstAtOrAfter(long time, long interval, long offset)
    {
        if (time == long.MaxValue) return long.MaxValue; // no events: never
        long k = Math.DivRem(time - offset, interval, out long remainder);
        if (remainder < 0) k--; // floor division for times before the offset
        long at = k * interval + offset;
        return at >= time ? at : at + interval;
    }
}
