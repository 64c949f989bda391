using System;
using System.Runtime.InteropServices;

namespace Backtester.Benchmarks;

/// <summary>The calling thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), for the modes that time by CPU rather than wall clock.</summary>
internal static class ThreadCpuClock
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>The thread's CPU time in ns; <paramref name="mode"/> names the command-line mode in the error on other platforms.</summary>
    public static long Nanoseconds(string mode)
    {
        const int ThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID on Linux
        if (ClockGetTime(ThreadCpuTime, out TimeSpec t) != 0) throw new PlatformNotSupportedException($"clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed: {mode} needs Linux.");
        return (t.Seconds * 1_000_000_000) + t.Nanoseconds;
    }
}
