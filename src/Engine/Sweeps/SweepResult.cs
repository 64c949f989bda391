using System;
using System.Collections.Generic;

namespace Backtester;

/// <summary>The rows of a sweep, in grid-index order, with ranking helpers.</summary>
public sealed class SweepResult<TParameters> where TParameters : struct
{
    private readonly SweepRow<TParameters>[] _rows;

    internal SweepResult(string strategyName, SweepRow<TParameters>[] rows, TimeSpan elapsed)
    {
        StrategyName = strategyName;
        _rows = rows;
        Elapsed = elapsed;
    }

    /// <summary>The strategy's name.</summary>
    public string StrategyName { get; }

    /// <summary>One row per combination, in grid-index order.</summary>
    public ReadOnlySpan<SweepRow<TParameters>> Rows => _rows;

    /// <summary>Number of rows.</summary>
    public int Count => _rows.Length;

    /// <summary>Wall-clock duration of the sweep.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>
    /// The <paramref name="n"/> successful rows with the highest (or, with <paramref name="descending"/> false, the lowest)
    /// value of <paramref name="statistic"/>; ties are broken by the lower grid index. NaN values rank last.
    /// </summary>
    public IReadOnlyList<SweepRow<TParameters>> Top(int n, Func<BacktestSummary, double> statistic, bool descending = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentNullException.ThrowIfNull(statistic);
        var candidates = new List<(double Key, SweepRow<TParameters> Row)>(_rows.Length);
        foreach (var row in _rows)
            if (row.Succeeded) candidates.Add((statistic(row.Summary), row));
        candidates.Sort((a, b) =>
        {
            bool aNaN = double.IsNaN(a.Key), bNaN = double.IsNaN(b.Key);
            if (aNaN != bNaN) return aNaN ? 1 : -1;
            int byKey = descending ? b.Key.CompareTo(a.Key) : a.Key.CompareTo(b.Key);
            return byKey != 0 ? byKey : a.Row.Index.CompareTo(b.Row.Index);
        });
        var top = new List<SweepRow<TParameters>>(Math.Min(n, candidates.Count));
        for (int i = 0; i < candidates.Count && i < n; i++) top.Add(candidates[i].Row);
        return top;
    }
}
