using System;
using System.Collections.Generic;

namespace Backtester;

/// <summary>
/// The best <c>n</c> successful rows by a statistic, kept while rows stream past (memory O(n), O(log n) a row): for a
/// streamed sweep, the ranking <see cref="SweepResult{TParameters}.Top"/> gives for one held in memory. Ties go to the
/// lower grid index; NaN ranks last; failed rows are left out.
/// </summary>
public sealed class TopRows<TParameters> where TParameters : struct
{
    private readonly int _n;
    private readonly Func<BacktestSummary, double> _statistic;
    private readonly bool _descending;
    // A heap whose root is the worst row kept, so a better row replaces it.
    private readonly PriorityQueue<SweepRow<TParameters>, (double Key, long Index)> _kept;

    /// <summary>Keeps the <paramref name="n"/> best rows by <paramref name="statistic"/> (highest first unless <paramref name="descending"/> is false).</summary>
    public TopRows(int n, Func<BacktestSummary, double> statistic, bool descending = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentNullException.ThrowIfNull(statistic);
        _n = n;
        _statistic = statistic;
        _descending = descending;
        _kept = new PriorityQueue<SweepRow<TParameters>, (double, long)>(Comparer<(double Key, long Index)>.Create((a, b) => -Compare(a, b)));
    }

    /// <summary>Considers <paramref name="row"/>.</summary>
    public void Add(in SweepRow<TParameters> row)
    {
        if (!row.Succeeded || _n == 0) return;
        var key = (_statistic(row.Summary), row.Index);
        if (_kept.Count < _n) _kept.Enqueue(row, key);
        else if (_kept.TryPeek(out _, out var worst) && Compare(key, worst) < 0) _kept.EnqueueDequeue(row, key);
    }

    /// <summary>The rows kept, best first.</summary>
    public List<SweepRow<TParameters>> ToList()
    {
        var items = new List<(SweepRow<TParameters> Row, (double, long) Key)>(_kept.UnorderedItems);
        items.Sort((a, b) => Compare(a.Key, b.Key));
        var rows = new List<SweepRow<TParameters>>(items.Count);
        foreach (var item in items) rows.Add(item.Row);
        return rows;
    }

    /// <summary>Negative when <paramref name="a"/> ranks before <paramref name="b"/>.</summary>
    private int Compare((double Key, long Index) a, (double Key, long Index) b)
    {
        bool aNaN = double.IsNaN(a.Key), bNaN = double.IsNaN(b.Key);
        if (aNaN != bNaN) return aNaN ? 1 : -1;
        int byKey = _descending ? b.Key.CompareTo(a.Key) : a.Key.CompareTo(b.Key);
        return byKey != 0 ? byKey : a.Index.CompareTo(b.Index);
    }
}
