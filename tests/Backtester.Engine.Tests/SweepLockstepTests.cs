using System;
using System.Reflection;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// A sweep runs a worker's chunk of combinations in lockstep over time blocks of the data (SweepBlocks): each row must
/// be, bit for bit, what an independent Backtest.Run of its combination gives, whatever the block size.
/// </summary>
public class SweepLockstepTests
{
    // Trades, quotes and one-minute bars of four symbols over one day: the three-way merge at block boundaries.
    private static readonly MarketData Market = SyntheticData.Market(new SyntheticMarketOptions { Days = 1 });

    [Theory]
    [InlineData(1_000)] // ~70 blocks, cuts inside bursts of equal timestamps too
    [InlineData(16_384)]
    public void Every_row_equals_an_independent_run_bit_for_bit(int eventsPerBlock)
    {
        MarketData[]? blocks = SweepBlocks.Split(Market, eventsPerBlock);
        Assert.NotNull(blocks);
        Assert.True(blocks.Length > Market.EventCount / eventsPerBlock / 2, $"{blocks.Length} blocks");
        var backtest = new BacktestOptions { TakerFeeBps = 2, OrderLatencyNs = 2_000_000 };

        var result = Sweep.Run(Market, ReadmeSmaCross.Grid, new SweepOptions { Backtest = backtest, MaxDegreeOfParallelism = 2, EventsPerBlock = eventsPerBlock });

        Assert.Equal(80, result.Count);
        int traded = 0;
        for (int i = 0; i < result.Count; i++)
        {
            SweepRow<ReadmeSmaCross.Parameters> row = result.Rows[i];
            Assert.Null(row.Error);
            BacktestSummary single = Backtest.Run(Market, ReadmeSmaCross.Create(row.Parameters), backtest).Summary;
            AssertBitIdentical(single, row.Summary, i);
            if (row.Summary.Fills > 0) traded++;
        }
        Assert.Equal(80, traded); // every combination trades, so the comparison covers orders, fills and PnL
    }

    [Fact]
    public void With_a_response_latency_every_row_equals_an_independent_run_bit_for_bit()
    {
        // Reports in flight at a block cut are delivered in the next block, as in one run (decision 0074).
        var backtest = new BacktestOptions { TakerFeeBps = 2, OrderLatencyNs = 2_000_000, ResponseLatency = LatencyModel.LogNormal(3_000_000, 0.5, seed: 5) };

        var result = Sweep.Run(Market, ReadmeSmaCross.Grid, new SweepOptions { Backtest = backtest, MaxDegreeOfParallelism = 2, EventsPerBlock = 1_000 });

        int traded = 0;
        for (int i = 0; i < result.Count; i++)
        {
            SweepRow<ReadmeSmaCross.Parameters> row = result.Rows[i];
            Assert.Null(row.Error);
            AssertBitIdentical(Backtest.Run(Market, ReadmeSmaCross.Create(row.Parameters), backtest).Summary, row.Summary, i);
            if (row.Summary.Fills > 0) traded++;
        }
        Assert.Equal(80, traded);
    }

    [Fact]
    public void The_blocks_partition_the_events_in_time_order()
    {
        MarketData[] blocks = SweepBlocks.Split(Market, 1_000)!;
        long trades = 0, quotes = 0, bars = 0, previousEnd = long.MinValue;
        foreach (MarketData b in blocks)
        {
            trades += b.Trades.Count;
            quotes += b.Quotes.Count;
            bars += b.Bars.Count;
            long first = Math.Min(Math.Min(First(b.Trades.Timestamps.Span), First(b.Quotes.Timestamps.Span)), First(b.Bars.Timestamps.Span));
            Assert.True(first > previousEnd, "a block starts after the previous one's last event (equal timestamps share a block)");
            previousEnd = Math.Max(Math.Max(Last(b.Trades.Timestamps.Span), Last(b.Quotes.Timestamps.Span)), Last(b.Bars.Timestamps.Span));
        }
        Assert.Equal(Market.Trades.Count, trades);
        Assert.Equal(Market.Quotes.Count, quotes);
        Assert.Equal(Market.Bars.Count, bars);
    }

    [Fact]
    public void Timers_fire_as_in_an_independent_run()
    {
        // Timers every 1 and 2 µs over trades 1 µs apart: a block boundary falls between most pairs of firings.
        MarketData trades = SyntheticData.Trades(new SyntheticDataOptions { Events = 5_000, Symbols = 2 });
        var result = Sweep.Run(trades, TimerCounter.Grid, new SweepOptions { MaxDegreeOfParallelism = 1, EventsPerBlock = 64 });

        for (int i = 0; i < result.Count; i++)
        {
            Assert.Null(result.Rows[i].Error);
            Assert.Equal(1, result.Rows[i].Summary.Fills);
            AssertBitIdentical(Backtest.Run(trades, TimerCounter.Create(result.Rows[i].Parameters)).Summary, result.Rows[i].Summary, i);
        }
    }

    [Fact]
    public void Funding_is_replayed_in_lockstep_and_every_row_equals_an_independent_run_bit_for_bit()
    {
        // Settlements on every symbol every 10 minutes (rates of both signs, every other one without a mark price, so the
        // last price is used), one before the data and one after it, and at both sides of some block cuts: at the last
        // event of a block (replayed before that block's events at its time) and at the next block's first event.
        MarketData[] cuts = SweepBlocks.Split(Market, 1_000)!;
        var rows = new System.Collections.Generic.List<(long Time, int Symbol, double Rate, double Mark)>();
        long start = Market.Identity.FirstTimeNs!.Value, end = Market.Identity.LastTimeNs!.Value;
        const long Minute = 60_000_000_000;
        int k = 0;
        for (long t = start - Minute; t <= end + Minute; t += 10 * Minute, k++)
            for (int s = 0; s < Market.Symbols.Count; s++)
                rows.Add((t, s, (k % 3 - 1) * 0.0004 + 0.0001, k % 2 == 0 ? double.NaN : 100.0 * (s + 1)));
        for (int b = 1; b < cuts.Length; b += 7)
        {
            rows.Add((Last(cuts[b - 1].Trades.Timestamps.Span), 0, 0.0003, double.NaN));
            rows.Add((First(cuts[b].Trades.Timestamps.Span), 1, -0.0002, double.NaN));
        }
        rows.Sort((x, y) => x.Time.CompareTo(y.Time));
        MarketData data = Market.WithFunding(new FundingColumns("funding", Market.Symbols.Count, rows.ConvertAll(r => r.Time).ToArray(),
            rows.ConvertAll(r => r.Symbol).ToArray(), rows.ConvertAll(r => r.Rate).ToArray(), rows.ConvertAll(r => r.Mark).ToArray()));
        MarketData[] blocks = SweepBlocks.Split(data, 1_000)!;
        Assert.NotNull(blocks);
        int settlements = 0;
        foreach (MarketData b in blocks) settlements += b.Funding.Count;
        Assert.Equal(rows.Count, settlements); // each settlement in exactly one block
        var backtest = new BacktestOptions { TakerFeeBps = 2, OrderLatencyNs = 2_000_000 };

        var result = Sweep.Run(data, ReadmeSmaCross.Grid, new SweepOptions { Backtest = backtest, MaxDegreeOfParallelism = 2, EventsPerBlock = 1_000 });

        int paid = 0;
        for (int i = 0; i < result.Count; i++)
        {
            SweepRow<ReadmeSmaCross.Parameters> row = result.Rows[i];
            Assert.Null(row.Error);
            AssertBitIdentical(Backtest.Run(data, ReadmeSmaCross.Create(row.Parameters), backtest).Summary, row.Summary, i);
            if (row.Summary.Funding != 0) paid++;
        }
        Assert.Equal(80, paid); // every combination holds positions at settlements, so funding is compared, not just zeros
    }

    [Fact]
    public void A_throwing_combination_drops_out_of_its_chunk_and_the_others_finish()
    {
        MarketData trades = SyntheticData.Trades(new SyntheticDataOptions { Events = 20_000, Symbols = 2 });
        var result = Sweep.Run(trades, Exploding.Grid, new SweepOptions { MaxDegreeOfParallelism = 1, EventsPerBlock = 512 });

        Assert.Equal("InvalidOperationException: fuse 2 blew", result.Rows[2].Error);
        foreach (int i in new[] { 0, 1, 3 }) AssertBitIdentical(Backtest.Run(trades, Exploding.Create(result.Rows[i].Parameters)).Summary, result.Rows[i].Summary, i);
    }

    [Fact]
    public void Data_of_one_block_only_is_replayed_whole()
    {
        Assert.Null(SweepBlocks.Split(SyntheticData.Trades(new SyntheticDataOptions { Events = 1_000, Symbols = 1 }), 1_000));
        Assert.NotNull(SweepBlocks.Split(SyntheticData.Trades(new SyntheticDataOptions { Events = 1_001, Symbols = 1 }), 1_000));
    }

    private static long First(ReadOnlySpan<long> t) => t.Length > 0 ? t[0] : long.MaxValue;

    private static long Last(ReadOnlySpan<long> t) => t.Length > 0 ? t[^1] : long.MinValue;

    /// <summary>Every property of the two summaries equal, doubles by their bits (so 0.0 and -0.0, or two NaNs of other payloads, differ).</summary>
    private static void AssertBitIdentical(BacktestSummary expected, BacktestSummary actual, int row)
    {
        foreach (PropertyInfo p in typeof(BacktestSummary).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            object? e = p.GetValue(expected), a = p.GetValue(actual);
            if (e is double de && a is double da)
                Assert.True(BitConverter.DoubleToInt64Bits(de) == BitConverter.DoubleToInt64Bits(da), $"row {row}: {p.Name} {de:R} vs {da:R}");
            else
                Assert.True(Equals(e, a), $"row {row}: {p.Name} {e} vs {a}");
        }
    }
}
