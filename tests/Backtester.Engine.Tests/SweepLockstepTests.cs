using System;
using System.Reflection;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using CsCheck;
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
    [InlineData(1_000, true, 0)] // ~70 blocks, cuts inside bursts of equal timestamps too
    [InlineData(16_384, true, 0)] // the default: chunks of 5, event by event
    [InlineData(16_384, true, 16)]
    [InlineData(1_000, true, 3)] // 80 = 26 chunks of 3 and one of 2
    [InlineData(1_000, false, 2)] // each combination through a block in turn
    [InlineData(16_384, false, 0)]
    public void Every_row_equals_an_independent_run_bit_for_bit(int eventsPerBlock, bool eventByEvent, int chunk)
    {
        MarketData[]? blocks = SweepBlocks.Split(Market, eventsPerBlock);
        Assert.NotNull(blocks);
        Assert.True(blocks.Length > Market.EventCount / eventsPerBlock / 2, $"{blocks.Length} blocks");
        var backtest = new BacktestOptions { TakerFeeBps = 2, OrderLatencyNs = 2_000_000 };

        var result = Sweep.Run(Market, ReadmeSmaCross.Grid, new SweepOptions
        {
            Backtest = backtest, MaxDegreeOfParallelism = 2, EventsPerBlock = eventsPerBlock, EventByEvent = eventByEvent, ChunkSize = chunk,
        });

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

    [Theory]
    [InlineData(80, 2, true, 5)] // the quickstart: 80 / (2 threads x 4) = 10, capped at 5 (decision 0101)
    [InlineData(1_000, 2, true, 5)] // 125 a chunk by the quarter rule, capped at 5
    [InlineData(32, 2, true, 4)] // 32 / 8
    [InlineData(5, 2, true, 1)] // fewer than 8: one a chunk, so both threads have work
    [InlineData(1_000, 2, false, 16)] // replayed whole: 1000 / (2 x 16) = 31, capped at 16
    [InlineData(320, 2, false, 10)] // 320 / 32
    public void Chunks_hold_a_quarter_of_a_threads_share_in_lockstep_and_at_most_five(long combinations, int threads, bool lockstep, long expected)
    {
        Assert.Equal(expected, SweepRun<ReadmeSmaCross, ReadmeSmaCross.Parameters, ReadmeSmaCross.Driver>.ChunkFor(combinations, threads, lockstep, requested: 0));
        Assert.Equal(16, SweepRun<ReadmeSmaCross, ReadmeSmaCross.Parameters, ReadmeSmaCross.Driver>.ChunkFor(combinations, threads, lockstep, requested: 40)); // a requested size, up to 16
    }

    /// <summary>
    /// Whatever a strategy does and whatever the venue's options, a lockstep row is its independent run bit for bit:
    /// random data (a day of the built-in market), random cuts, chunk sizes and options (order latency constant or
    /// drawn, a response latency, fees, slippage, cash, margin or unlimited accounts, queue models, displayed-size
    /// limits, equity sampling, the run's stop trigger, mark prices and marking by them), and a strategy that sends every
    /// order type and time in force (stops on a trigger of their own or the run's), cancels and amends at random
    /// (<see cref="RandomActor"/>).
    /// </summary>
    [Fact]
    public void Every_row_of_a_random_strategy_under_random_options_equals_an_independent_run_bit_for_bit()
    {
        const long Ms = 1_000_000;
        var gen =
            from dataSeed in Gen.Int[1, 1_000]
            from block in Gen.Int[40, 5_000]
            from chunk in Gen.Int[0, 8]
            from latency in Gen.Int[0, 4]
            from response in Gen.Int[0, 2]
            from fees in Gen.Int[0, 6]
            from slippage in Gen.Int[0, 3]
            from account in Gen.Int[0, 4]
            from queue in Gen.Int[0, 3]
            from displayed in Gen.Bool
            from sampled in Gen.Bool
            from kinds in Gen.Int[0, 2]
            from trigger in Gen.Int[0, 2]
            from marks in Gen.Int[0, 2]
            select (dataSeed, block, chunk, latency, response, fees, slippage, account, queue, displayed, sampled, kinds, trigger, marks);
        int cases = 0;
        long fills = 0, rejections = 0, isolatedCases = 0, isolatedLiquidations = 0;
        void Case((int dataSeed, int block, int chunk, int latency, int response, int fees, int slippage, int account, int queue,
            bool displayed, bool sampled, int kinds, int trigger, int marks) c)
        {
            MarketData market = SyntheticData.Market(new SyntheticMarketOptions { Days = 1, Seed = (ulong)c.dataSeed, Activity = 0.25 });
            // The built-in market stamps a quote with every trade, and its quotes and bars on the minute, so a timer is due
            // before a trade only without its quotes, and before a bar only without both.
            if (c.kinds == 1) market = new MarketData(market.Symbols, market.Trades, null, market.Bars);
            if (c.kinds == 2) market = new MarketData(market.Symbols, market.Trades);
            // Mark prices every 7 s (none, delivered only, or marking the account); stops on the mark need them.
            if (c.marks > 0 || c.trigger == 2) market = MarkPriceSeries.With(market, 7_000_000_000);
            var backtest = new BacktestOptions
            {
                OrderLatencyNs = c.latency == 4 ? 0 : c.latency * Ms,
                OrderLatency = c.latency == 4 ? LatencyModel.LogNormal(2 * Ms, 0.8, seed: c.dataSeed) : null,
                ResponseLatency = c.response == 0 ? null : c.response == 1 ? LatencyModel.Constant(3 * Ms) : LatencyModel.LogNormal(3 * Ms, 0.5, seed: c.dataSeed + 1),
                TakerFeeBps = c.fees, MakerFeeBps = c.fees - 3, SlippageBps = c.slippage,
                Account = c.account switch
                {
                    0 => AccountOptions.Default, 1 => AccountOptions.Margin(leverage: 3, maintenanceMargin: 0.2), 2 => AccountOptions.Cash(), 3 => AccountOptions.Unlimited,
                    // Isolated margin (decision 0088): the first symbol isolated at 20x, the others on cross, so both liquidations occur.
                    _ => AccountOptions.Margin(leverage: 20, maintenanceMargin: 0.045) with { IsolatedSymbols = new[] { market.Symbols[0] } },
                },
                QueuePosition = (QueuePosition)Math.Min(c.queue, 2),
                LimitFillsToDisplayedSize = c.displayed,
                EquitySampleIntervalNs = c.sampled ? 3_600_000_000_000 : EquitySampling.Auto,
                StopTrigger = (StopTrigger)c.trigger,
                MarkWith = c.marks == 2 ? MarkSource.MarkPrice : MarkSource.Events,
            };
            var result = Sweep.Run(market, RandomActor.Grid, new SweepOptions
            {
                Backtest = backtest, MaxDegreeOfParallelism = 1, EventsPerBlock = c.block, ChunkSize = c.chunk,
            });
            Assert.Equal(8, result.Count);
            for (int i = 0; i < result.Count; i++)
            {
                SweepRow<RandomActor.Parameters> row = result.Rows[i];
                Assert.Null(row.Error);
                BacktestSummary single = Backtest.Run(market, RandomActor.Create(row.Parameters), backtest).Summary;
                AssertBitIdentical(single, row.Summary, i);
                System.Threading.Interlocked.Add(ref fills, single.Fills);
                System.Threading.Interlocked.Add(ref rejections, single.BuyingPowerRejections);
                if (c.account == 4) System.Threading.Interlocked.Add(ref isolatedLiquidations, single.Liquidations);
            }
            if (c.account == 4) System.Threading.Interlocked.Increment(ref isolatedCases);
            System.Threading.Interlocked.Increment(ref cases);
        }
        // Two fixed cases first, so the coverage asserted below does not hang on the random draw (24 random cases once
        // drew no account that refuses): a cash account, which refuses the actor's sells of what it does not hold and its
        // buys past its cash, and the isolated margin account, whose 20x symbol is liquidated.
        Case((dataSeed: 11, block: 1_000, chunk: 0, latency: 1, response: 0, fees: 2, slippage: 1, account: 2, queue: 0,
            displayed: false, sampled: false, kinds: 0, trigger: 0, marks: 0));
        Case((dataSeed: 12, block: 700, chunk: 3, latency: 2, response: 1, fees: 4, slippage: 0, account: 4, queue: 1,
            displayed: true, sampled: true, kinds: 0, trigger: 0, marks: 0));
        Assert.True(rejections > 0 && isolatedLiquidations > 0, $"the fixed cases: {rejections} buying-power rejections, {isolatedLiquidations} liquidations");
        gen.Sample(Case, iter: 24, threads: 1);
        // The strategy must trade and be refused often enough for the comparison to cover the venue's paths.
        Assert.True(fills > 26 * 8 * 10 && rejections > 0, $"{cases} cases: {fills} fills, {rejections} buying-power rejections");
        Assert.True(isolatedCases > 0 && isolatedLiquidations > 0, $"{isolatedCases} cases with an isolated symbol, {isolatedLiquidations} liquidations in them");
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
        var result = Sweep.Run(trades, TimerCounter.Grid, new SweepOptions { MaxDegreeOfParallelism = 1, EventsPerBlock = 64, ChunkSize = 2 });

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
        var result = Sweep.Run(trades, Exploding.Grid, new SweepOptions { MaxDegreeOfParallelism = 1, EventsPerBlock = 512, ChunkSize = 4 });

        Assert.Equal("InvalidOperationException: fuse 2 blew", result.Rows[2].Error);
        foreach (int i in new[] { 0, 1, 3 }) AssertBitIdentical(Backtest.Run(trades, Exploding.Create(result.Rows[i].Parameters)).Summary, result.Rows[i].Summary, i);
    }

    [Fact]
    public void The_block_order_is_the_order_an_independent_run_delivers_events_in()
    {
        // Settlements at the times of every 500th trade tie with a trade (and often a quote) of their time, and bars
        // stamped on the minute tie with trades and quotes, and so do mark prices every 10 s: the order at equal times is
        // funding, quote, trade, bar, mark price.
        MarketData data = MarkPriceSeries.With(WithFunding(Market, every: 500), 10_000_000_000);
        var recorder = new KindRecorder();
        Backtest.Run(data, recorder);

        byte[] kinds = new byte[16];
        int n = BlockOrder.Build(data, ref kinds);

        Assert.Equal(recorder.Kinds.Count, n);
        Assert.Equal(recorder.Kinds.ToArray(), kinds.AsSpan(0, n).ToArray());
        Assert.Contains((byte)BlockOrder.Funding, recorder.Kinds);
        Assert.Contains((byte)BlockOrder.Mark, recorder.Kinds);
    }

    [Theory]
    [InlineData(MarkSource.Events, StopTrigger.LastPrice)] // marks delivered, nothing marked at them
    [InlineData(MarkSource.MarkPrice, StopTrigger.LastPrice)]
    [InlineData(MarkSource.MarkPrice, StopTrigger.MarkPrice)]
    public void Mark_prices_are_replayed_in_lockstep_and_every_row_equals_an_independent_run_bit_for_bit(MarkSource markWith, StopTrigger trigger)
    {
        // Marks every 10 s on every symbol, some at block cuts (the market's quotes and bars are on the minute); a 3x
        // margin account, so equity, margin and drawdown follow the marks under MarkSource.MarkPrice.
        MarketData data = MarkPriceSeries.With(Market, 10_000_000_000);
        var backtest = new BacktestOptions
        {
            TakerFeeBps = 2, OrderLatencyNs = 2_000_000, MarkWith = markWith, StopTrigger = trigger,
            Account = AccountOptions.Margin(leverage: 3, maintenanceMargin: 0.05),
        };

        var result = Sweep.Run(data, ReadmeSmaCross.Grid, new SweepOptions { Backtest = backtest, MaxDegreeOfParallelism = 2, EventsPerBlock = 1_000 });

        for (int i = 0; i < result.Count; i++)
        {
            SweepRow<ReadmeSmaCross.Parameters> row = result.Rows[i];
            Assert.Null(row.Error);
            AssertBitIdentical(Backtest.Run(data, ReadmeSmaCross.Create(row.Parameters), backtest).Summary, row.Summary, i);
        }
        // The marks must matter under MarkPrice: the same combination marked by events ends elsewhere.
        if (markWith == MarkSource.MarkPrice)
        {
            BacktestSummary byEvents = Backtest.Run(data, ReadmeSmaCross.Create(result.Rows[0].Parameters), backtest with { MarkWith = MarkSource.Events }).Summary;
            Assert.NotEqual(byEvents.FinalEquity, result.Rows[0].Summary.FinalEquity);
        }
    }

    [Fact]
    public void Lanes_replay_funding_timers_and_a_throwing_combination_as_independent_runs()
    {
        MarketData data = WithFunding(Market, every: 5_000);
        var options = new BacktestOptions { TakerFeeBps = 2, OrderLatencyNs = 2_000_000 };
        // Six combinations (2 fast periods x no timer, 0.5 s, 1 s) and, in the middle of the chunk, a seventh that throws
        // on its 20,000th trade, mid-block: the three after it go on from the same event.
        var strategies = new FundingSmaCross[7];
        for (int i = 0; i < 7; i++) strategies[i] = new FundingSmaCross { Fast = 20 + 20 * (i % 2), FlattenEveryNs = 500_000_000L * (i % 3) };
        strategies[3] = new FundingSmaCross { Fast = 20, ThrowAtTrade = 20_000 };
        string?[] errors = RunLanes(data, strategies, options, blocks: 37, out BacktestSummary[] summaries);

        Assert.Equal("trade 20000", errors[3]);
        for (int i = 0; i < 7; i++)
        {
            if (i == 3) continue;
            Assert.Null(errors[i]);
            var alone = new FundingSmaCross { Fast = strategies[i].Fast, FlattenEveryNs = strategies[i].FlattenEveryNs };
            AssertBitIdentical(Backtest.Run(data, alone, options).Summary, summaries[i], i);
            Assert.Equal(data.Funding.Count, strategies[i].Settlements);
            Assert.True(summaries[i].Fills > 100, $"combination {i}: {summaries[i].Fills} fills");
        }
    }

    [Fact]
    public void Lanes_fire_each_timer_between_the_same_two_events_as_an_independent_run()
    {
        // Trades 1 µs apart, timers every 1, 2 and 3 µs offset by half their interval: each firing falls between two
        // trades, and the checksum records how many trades each firing had seen.
        MarketData trades = SyntheticData.Trades(new SyntheticDataOptions { Events = 5_000, Symbols = 2 });
        var strategies = new TimerWitness[3];
        var drivers = new TimerWitness.Driver[3];
        var runners = new BacktestRunner[3];
        for (int i = 0; i < 3; i++)
        {
            strategies[i] = new TimerWitness { IntervalNs = 1_000 * (i + 1) };
            drivers[i] = strategies[i].CreateDriver();
            runners[i] = new BacktestRunner();
            runners[i].BeginBlocks(trades, ref drivers[i], BacktestOptions.Default);
        }
        var lanes = new LockstepLanes<TimerWitness.Driver>(3);
        lanes.Begin(runners, new string?[3], 3);
        foreach (MarketData block in Cut(trades, 41))
        {
            lanes.Start(block);
            lanes.Resume(drivers);
        }

        for (int i = 0; i < 3; i++)
        {
            BacktestSummary summary = runners[i].EndBlocks(ref drivers[i]);
            var alone = new TimerWitness { IntervalNs = strategies[i].IntervalNs };
            AssertBitIdentical(Backtest.Run(trades, alone).Summary, summary, i);
            // 5,000 trades over 4,999 µs: a firing at every interval from t0 + interval / 2 up to the last trade.
            Assert.Equal((4_999_000 - strategies[i].IntervalNs / 2) / strategies[i].IntervalNs + 1, strategies[i].Firings);
            Assert.Equal(alone.Firings, strategies[i].Firings);
            Assert.Equal(alone.Checksum, strategies[i].Checksum);
        }
    }

    [Fact]
    public void Lanes_allocate_nothing_per_event_once_warmed_up()
    {
        MarketData data = MarkPriceSeries.With(WithFunding(Market, every: 5_000), 10_000_000_000);
        var options = new BacktestOptions { TakerFeeBps = 2, OrderLatencyNs = 2_000_000, MarkWith = MarkSource.MarkPrice };
        MarketData[] blocks = Cut(data, 37);
        var runners = new[] { new BacktestRunner(), new BacktestRunner(), new BacktestRunner() };
        var lanes = new LockstepLanes<FundingSmaCross.Driver>(runners.Length);
        var drivers = new FundingSmaCross.Driver[runners.Length];
        var errors = new string?[runners.Length];
        long allocated = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < runners.Length; i++)
            {
                drivers[i] = new FundingSmaCross { Fast = 20, FlattenEveryNs = 500_000_000L * i }.CreateDriver();
                runners[i].BeginBlocks(data, ref drivers[i], options);
            }
            long before = GC.GetAllocatedBytesForCurrentThread();
            lanes.Begin(runners, errors, runners.Length);
            foreach (MarketData block in blocks)
            {
                lanes.Start(block);
                lanes.Resume(drivers);
            }
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            for (int i = 0; i < runners.Length; i++) Assert.True(runners[i].EndBlocks(ref drivers[i]).Fills > 100);
        }
        Assert.Equal(0, allocated);
    }

    /// <summary>Replays <paramref name="strategies"/> in one chunk of lanes over <paramref name="data"/> cut into blocks; returns each one's error (null: it finished, its summary in <paramref name="summaries"/>).</summary>
    private static string?[] RunLanes(MarketData data, FundingSmaCross[] strategies, BacktestOptions options, int blocks, out BacktestSummary[] summaries)
    {
        int n = strategies.Length;
        var runners = new BacktestRunner[n];
        var drivers = new FundingSmaCross.Driver[n];
        var errors = new string?[n];
        for (int i = 0; i < n; i++)
        {
            runners[i] = new BacktestRunner();
            drivers[i] = strategies[i].CreateDriver();
            runners[i].BeginBlocks(data, ref drivers[i], options);
        }
        var lanes = new LockstepLanes<FundingSmaCross.Driver>(n);
        lanes.Begin(runners, errors, n);
        foreach (MarketData block in Cut(data, blocks))
        {
            lanes.Start(block);
            while (true)
            {
                try
                {
                    lanes.Resume(drivers);
                    break;
                }
                catch (InvalidOperationException e)
                {
                    errors[lanes.Current] = e.Message;
                    lanes.DropCurrent();
                }
            }
        }
        summaries = new BacktestSummary[n];
        for (int i = 0; i < n; i++)
            if (errors[i] is null) summaries[i] = runners[i].EndBlocks(ref drivers[i]);
        return errors;
    }

    /// <summary><paramref name="data"/> cut at <paramref name="count"/> - 1 evenly spaced times (Between keeps the settlements of each range).</summary>
    private static MarketData[] Cut(MarketData data, int count)
    {
        long first = data.Trades.Timestamps.Span[0], last = data.Trades.Timestamps.Span[^1];
        var blocks = new MarketData[count];
        long from = long.MinValue;
        for (int k = 0; k < count - 1; k++)
        {
            long to = first + (last - first) / count * (k + 1);
            blocks[k] = data.Between(from, to);
            from = to;
        }
        blocks[^1] = data.Between(from, long.MaxValue);
        return blocks;
    }

    /// <summary>A settlement for the symbol of every <paramref name="every"/>-th trade, at its time and price, rates alternating ±1 bp.</summary>
    private static MarketData WithFunding(MarketData market, int every)
    {
        TradeColumns t = market.Trades;
        int n = t.Count / every;
        var times = new long[n];
        var ids = new int[n];
        var rates = new double[n];
        var marks = new double[n];
        for (int i = 0; i < n; i++)
        {
            times[i] = t.Timestamps.Span[i * every];
            ids[i] = t.SymbolIds.Span[i * every];
            rates[i] = (i & 1) == 0 ? 0.0001 : -0.0001;
            marks[i] = t.Prices.Span[i * every];
        }
        return market.WithFunding(new FundingColumns("funding", market.Symbols.Count, times, ids, rates, marks));
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
