using System.Collections.Generic;
using System.Linq;
using Backtester.Engine.Tests.Strategies;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// A ranking puts every row whose statistic is NaN after every row whose statistic is a number (∞ included), highest
/// first or lowest first, and leaves failed rows out; ties and NaN go by the lower grid index. TopRows, which streamed
/// sweeps keep, gives what SweepResult.Top gives whatever order the rows come in.
/// </summary>
public class RankingOrderTests
{
    // Grid index → Sharpe ratio; index 6 failed (its summary is default, Sharpe 0, and must not appear).
    private static readonly (long Index, double Sharpe)[] Values = [(0, double.NaN), (1, 1.0), (2, double.NaN), (3, -2.0), (4, double.PositiveInfinity), (5, 0.5)];

    private static SweepRow<EveryNth.Parameters> Row(long index, double sharpe) => new(index, default, new BacktestSummary { Sharpe = sharpe }, null);

    private static readonly SweepRow<EveryNth.Parameters> Failed = new(6, default, default, "InvalidOperationException: boom");

    // By hand. Highest first: ∞ (4), 1 (1), 0.5 (5), −2 (3), then the NaN rows by index: 0, 2.
    // Lowest first: −2 (3), 0.5 (5), 1 (1), ∞ (4), then NaN: 0, 2.
    private static readonly long[] Descending = [4, 1, 5, 3, 0, 2];
    private static readonly long[] Ascending = [3, 5, 1, 4, 0, 2];

    private static IEnumerable<IEnumerable<T>> Permutations<T>(IReadOnlyList<T> items) =>
        items.Count <= 1 ? [items] : items.SelectMany((item, i) => Permutations(items.Where((_, j) => j != i).ToList()).Select(rest => rest.Prepend(item)));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Nan_rows_rank_after_every_number_and_failed_rows_not_at_all_whatever_the_order_they_come_in(bool descending)
    {
        long[] expected = descending ? Descending : Ascending;
        var rows = Values.Select(v => Row(v.Index, v.Sharpe)).Append(Failed).ToList();
        int cases = 0;
        foreach (var order in Permutations(rows))
        {
            var arrived = order.ToList();
            for (int n = 0; n <= 7; n++)
            {
                var top = new TopRows<EveryNth.Parameters>(n, s => s.Sharpe, descending);
                foreach (var row in arrived) top.Add(in row);
                Assert.Equal(expected.Take(n), top.ToList().Select(r => r.Index));
                cases++;
            }
        }
        Assert.Equal(5040 * 8, cases); // 7! arrival orders, n = 0..7
    }

    [Fact]
    public void A_kept_nan_row_gives_way_to_a_finite_one_that_comes_after_it()
    {
        var top = new TopRows<EveryNth.Parameters>(1, s => s.Sharpe);
        top.Add(Row(0, double.NaN));
        top.Add(Row(9, -1e300));
        Assert.Equal([9L], top.ToList().Select(r => r.Index));
        var lowest = new TopRows<EveryNth.Parameters>(1, s => s.Sharpe, descending: false);
        lowest.Add(Row(0, double.NaN));
        lowest.Add(Row(9, 1e300));
        Assert.Equal([9L], lowest.ToList().Select(r => r.Index));
    }
}
