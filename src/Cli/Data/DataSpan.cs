using System;
using System.Globalization;
using Backtester.Data;

namespace Backtester.Cli;

/// <summary>The first and last timestamp of market data over all its event kinds.</summary>
internal static class DataSpan
{
    public static (long First, long Last) Of(MarketData data)
    {
        long first = long.MaxValue, last = long.MinValue;
        Include(data.Trades.Timestamps.Span, ref first, ref last);
        Include(data.Quotes.Timestamps.Span, ref first, ref last);
        Include(data.Bars.Timestamps.Span, ref first, ref last);
        Include(data.Book.Timestamps.Span, ref first, ref last);
        return first == long.MaxValue ? (0, 0) : (first, last);
    }

    /// <summary>
    /// ISO 8601 UTC for people (tables, reports): whole seconds when the value has no fraction, milliseconds when it has
    /// no finer digits, else all nine digits of its nanoseconds (exact, never rounded to .NET's 100 ns ticks).
    /// </summary>
    public static string Iso(long ns)
    {
        (string seconds, long fraction) = Split(ns);
        return fraction == 0 ? seconds + "Z"
            : fraction % 1_000_000 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{seconds}.{fraction / 1_000_000:D3}Z")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds}.{fraction:D9}Z");
    }

    /// <summary>
    /// The one format of an instant in <c>--json</c> output: ISO 8601 UTC with always nine fractional digits, e.g.
    /// <c>2024-01-01T00:00:20.000000000Z</c>, exact to the nanosecond and of one width, so scripts parse every field alike.
    /// </summary>
    public static string Json(long ns)
    {
        (string seconds, long fraction) = Split(ns);
        return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{fraction:D9}Z");
    }

    /// <summary>The whole seconds as <c>yyyy-MM-ddTHH:mm:ss</c> and the nanoseconds after them (0..999,999,999, also before 1970).</summary>
    private static (string Seconds, long Fraction) Split(long ns)
    {
        long seconds = Math.DivRem(ns, 1_000_000_000, out long fraction);
        if (fraction < 0) { seconds--; fraction += 1_000_000_000; }
        return (DateTime.UnixEpoch.AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), fraction);
    }

    private static void Include(ReadOnlySpan<long> timestamps, ref long first, ref long last)
    {
        if (timestamps.IsEmpty) return;
        first = Math.Min(first, timestamps[0]);
        last = Math.Max(last, timestamps[^1]);
    }
}
