using System;

namespace Backtester.Data;

/// <summary>Time-order checks and the stable sort used when a file is only interleaved (or the user asks to sort).</summary>
internal static class EventOrder
{
    public static bool IsSorted(ReadOnlySpan<long> timestamps)
    {
        for (int i = 1; i < timestamps.Length; i++)
            if (timestamps[i] < timestamps[i - 1]) return false;
        return true;
    }

    /// <summary>The first row whose timestamp is earlier than the previous row of the same symbol, or -1.</summary>
    public static long FirstBackwardsWithinSymbol(ReadOnlySpan<long> timestamps, ReadOnlySpan<int> symbolIds, int symbolCount)
    {
        var last = new long[symbolCount];
        last.AsSpan().Fill(long.MinValue);
        for (int i = 0; i < timestamps.Length; i++)
        {
            int s = symbolIds[i];
            if ((uint)s >= (uint)symbolCount) continue; // the column set reports bad ids
            if (timestamps[i] < last[s]) return i;
            last[s] = timestamps[i];
        }
        return -1;
    }

    public static string BackwardsProblem(ReadOnlySpan<long> timestamps, ReadOnlySpan<int> symbolIds, int row)
    {
        for (int i = row - 1; i >= 0; i--)
            if (symbolIds[i] == symbolIds[row])
                return BackwardsProblem(timestamps[row], timestamps[i]);
        return BackwardsProblem(timestamps[row], long.MinValue);
    }

    public static string BackwardsProblem(long timestamp, long previous) =>
        $"timestamps go backwards within the symbol: {timestamp} after {previous}";

    /// <summary>Row indices in time order; rows with equal timestamps keep their order.</summary>
    public static int[] StableSortByTime(ReadOnlySpan<long> timestamps)
    {
        var keys = new (long Time, int Row)[timestamps.Length];
        for (int i = 0; i < keys.Length; i++) keys[i] = (timestamps[i], i);
        Array.Sort(keys); // tuples compare by time, then row: a total order, so the result is stable
        var order = new int[keys.Length];
        for (int i = 0; i < order.Length; i++) order[i] = keys[i].Row;
        return order;
    }

    public static T[] Gather<T>(ReadOnlySpan<T> source, int[] order)
    {
        var result = GC.AllocateUninitializedArray<T>(order.Length);
        for (int i = 0; i < result.Length; i++) result[i] = source[order[i]];
        return result;
    }
}
