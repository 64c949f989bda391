using System;
using System.Collections.Generic;

namespace Backtester;

/// <summary>The rows of a sweep held in memory (<c>Sweep.Run</c>), in grid-index order, with ranking helpers.</summary>
/// <remarks>
/// Holding rows costs about 300 bytes each, so <c>Sweep.Run</c> takes at most <see cref="MaxRows"/> combinations
/// (about 1.3 GB of rows); larger grids go through <c>Sweep.Stream</c>, which keeps none.
/// </remarks>
public sealed class SweepResult<TParameters> where TParameters : struct
{
    /// <summary>The most rows a sweep held in memory takes: 2^22 = 4,194,304.</summary>
    public const long MaxRows = 1 << 22;

    private readonly SweepRow<TParameters>[] _rows;

    internal SweepResult(SweepRow<TParameters>[] rows, SweepTotals totals)
    {
        _rows = rows;
        Totals = totals;
    }

    /// <summary>The strategy's name.</summary>
    public string StrategyName => Totals.Strategy;

    /// <summary>One row per combination, in grid-index order.</summary>
    public ReadOnlySpan<SweepRow<TParameters>> Rows => _rows;

    /// <summary>Number of rows.</summary>
    public int Count => _rows.Length;

    /// <summary>Wall-clock duration of the sweep.</summary>
    public TimeSpan Elapsed => Totals.Elapsed;

    /// <summary>Counts of failed, resumed and retried rows.</summary>
    public SweepTotals Totals { get; }

    /// <summary>
    /// The <paramref name="n"/> successful rows with the highest (or, with <paramref name="descending"/> false, the lowest)
    /// value of <paramref name="statistic"/>; ties are broken by the lower grid index. NaN values rank last.
    /// </summary>
    public IReadOnlyList<SweepRow<TParameters>> Top(int n, Func<BacktestSummary, double> statistic, bool descending = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentNullException.ThrowIfNull(statistic);
        var top = new TopRows<TParameters>(n, statistic, descending);
        foreach (SweepRow<TParameters> row in _rows) top.Add(in row);
        return top.ToList();
    }
}
