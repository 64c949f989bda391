using System.Runtime.InteropServices;

namespace Backtester;

/// <summary>One firing of a timer the strategy scheduled with <see cref="Orders.Every"/>, delivered to its <c>[OnTimer]</c> handler.</summary>
/// <param name="Timestamp">The time the timer is due, ns since the Unix epoch, UTC (a multiple of its interval plus its offset).</param>
/// <param name="TimerId">The id <see cref="Orders.Every"/> returned: 0, 1, … in the order the timers were scheduled.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct TimerTick(long Timestamp, int TimerId);
