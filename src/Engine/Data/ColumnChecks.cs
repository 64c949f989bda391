using System;

namespace Backtester.Data;

/// <summary>Row checks shared by every column set; each failure names the source, row and column.</summary>
internal static class ColumnChecks
{
    public static void SameLength(string source, int expected, string column, int actual)
    {
        if (actual != expected)
            throw new MarketDataException(source, -1, column, $"expected {expected} values (as many as timestamps), got {actual}");
    }

    /// <summary>
    /// Timestamps must not decrease within a symbol (several symbols may share a timestamp), and must lie strictly between
    /// long.MinValue and long.MaxValue: the replay keeps those two for "no event yet" and "past the end".
    /// </summary>
    public static void TimeOrdered(string source, ReadOnlySpan<long> timestamps)
    {
        if (timestamps.IsEmpty) return;
        for (int i = 1; i < timestamps.Length; i++)
            if (timestamps[i] < timestamps[i - 1])
                throw new MarketDataException(source, i, "timestamp", $"timestamps go backwards: {timestamps[i]} after {timestamps[i - 1]}");
        // In time order, only the first rows can hold long.MinValue and only the last long.MaxValue.
        if (timestamps[0] == long.MinValue) throw Reserved(source, 0, long.MinValue, "no event yet");
        if (timestamps[^1] == long.MaxValue)
        {
            int first = timestamps.Length - 1;
            while (first > 0 && timestamps[first - 1] == long.MaxValue) first--;
            throw Reserved(source, first, long.MaxValue, "past the end");
        }
    }

    private static MarketDataException Reserved(string source, int row, long timestamp, string meaning) =>
        new(source, row, "timestamp", $"timestamp {timestamp} is reserved (the replay's marker for {meaning}); timestamps must lie strictly between {long.MinValue} and {long.MaxValue}");

    public static void SymbolIds(string source, int symbolCount, ReadOnlySpan<int> symbolIds)
    {
        for (int i = 0; i < symbolIds.Length; i++)
            if ((uint)symbolIds[i] >= (uint)symbolCount)
                throw new MarketDataException(source, i, "symbol", $"expected a symbol id in 0..{symbolCount - 1}, got {symbolIds[i]}");
    }

    public static void Positive(string source, string column, ReadOnlySpan<double> values)
    {
        for (int i = 0; i < values.Length; i++)
            if (!(values[i] > 0) || double.IsInfinity(values[i]))
                throw new MarketDataException(source, i, column, $"expected a positive finite number, got {values[i]}");
    }

    public static void NonNegative(string source, string column, ReadOnlySpan<double> values)
    {
        for (int i = 0; i < values.Length; i++)
            if (!(values[i] >= 0) || double.IsInfinity(values[i]))
                throw new MarketDataException(source, i, column, $"expected a non-negative finite number, got {values[i]}");
    }
}
