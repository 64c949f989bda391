using System;
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

    /// <summary>ISO 8601 UTC with the sub-second digits the value has.</summary>
    public static string Iso(long ns)
    {
        DateTime time = DateTime.UnixEpoch.AddTicks(ns / 100);
        return time.ToString(ns % 1_000_000_000 == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : ns % 1_000_000 == 0 ? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Include(ReadOnlySpan<long> timestamps, ref long first, ref long last)
    {
        if (timestamps.IsEmpty) return;
        first = Math.Min(first, timestamps[0]);
        last = Math.Max(last, timestamps[^1]);
    }
}
