using System;
using System.Runtime.CompilerServices;
using Backtester.Data;
using Backtester.Execution;
using Backtester.Infrastructure;
using Backtester.Timers;

namespace Backtester;

/// <summary>
/// Replays one block of events through every live combination of a lockstep chunk, event by event: each event is read
/// once and then handed to every combination in turn (the combinations inner, the events outer). An independent run
/// picks the next event by merging the kinds' cursors and dispatches on its kind for every event; here that merge is
/// made once per block (<see cref="BlockOrder"/>) and the dispatch once per event for the whole chunk, and the loop over
/// the combinations for one event is the same code each time, which the branch predictor follows.
/// </summary>
/// <remarks>
/// Each combination keeps its own runner (gateway, venue, portfolio, statistics, timers) and driver, and sees exactly
/// the events of an independent run in the same order, with the same steps (<see cref="EventSteps"/>): before an
/// event at time t its timers due before t fire, as in <see cref="EventMerge"/>, and at the end of the block those due
/// up to its last market event. So its summary is bit for bit an independent run's. A combination that throws is
/// reported to the caller with the replay's position kept (<see cref="Resume"/> goes on with the next combination of
/// the same event), so the others finish the block as if it had never been there.
/// </remarks>
internal sealed class LockstepLanes<TDriver>
    where TDriver : struct, IStrategyDriver
{
    /// <summary>A live combination of the chunk: its runner and the index of its driver.</summary>
    private struct Lane
    {
        public BacktestRunner Runner;
        public int Driver;
    }

    private readonly Lane[] _lanes;
    // What each lane's steps need on every event, for the sweep's models (one type for the whole sweep: every combination
    // has its options), made once per worker and filled from the lanes' runners at every Resume.
    private Array? _parts;
    private int _count;
    private byte[] _kinds = new byte[SweepBlocks.EventsPerBlock + 1024];
    private int _length;
    private MarketData? _block;
    private long _lastEvent;
    // Where the replay of the current block stands: the event, and the lane that handles it next.
    private int _event, _lane;

    public LockstepLanes(int size) => _lanes = new Lane[size];

    /// <summary>The combinations still in the chunk.</summary>
    public int Count => _count;

    /// <summary>The driver index of the combination the replay stopped at when <see cref="Resume"/> threw.</summary>
    public int Current => _lanes[_lane].Driver;

    /// <summary>Starts a chunk: combination i (i &lt; <paramref name="count"/>, without an error) runs on <paramref name="runners"/>[i], begun by <see cref="BacktestRunner.BeginBlocks"/>, with driver i.</summary>
    public void Begin(BacktestRunner[] runners, string?[] errors, int count)
    {
        _count = 0;
        for (int i = 0; i < count; i++)
        {
            if (errors[i] is not null) continue;
            _lanes[_count++] = new Lane { Runner = runners[i], Driver = i };
        }
        _lastEvent = long.MinValue;
    }

    /// <summary>Prepares the replay of <paramref name="block"/> (a <see cref="MarketData.Between"/> slice without book updates).</summary>
    public void Start(MarketData block)
    {
        if (block.Book.Count != 0) throw new InvalidOperationException("A lockstep block has no book updates (SweepBlocks does not cut such data).");
        _block = block;
        _length = BlockOrder.Build(block, ref _kinds);
        _event = 0;
        _lane = 0;
    }

    /// <summary>Drops the combination <see cref="Resume"/> stopped at (it threw); the replay goes on with the next one.</summary>
    public void DropCurrent()
    {
        Array.Copy(_lanes, _lane + 1, _lanes, _lane, _count - _lane - 1);
        _lanes[--_count] = default;
    }

    /// <summary>
    /// Replays the block from where it stands through every remaining combination; throws what a combination's code
    /// throws, with the position kept (call <see cref="DropCurrent"/>, then this again).
    /// </summary>
    public void Resume(TDriver[] drivers)
    {
        if (_count == 0) return;
        _lanes[0].Runner.WithBlockModels(new ResumeWithModels(this, drivers));
    }

    private readonly struct ResumeWithModels(LockstepLanes<TDriver> lanes, TDriver[] drivers) : BacktestRunner.IBlockReplay
    {
        public void Run<TModels>()
            where TModels : struct, IVenueModels => lanes.Resume<TModels>(drivers);
    }

    /// <summary>What a lane's steps need on every event, for the sweep's models: one array element, one place in memory.</summary>
    private struct LaneParts<TModels>
        where TModels : struct, IVenueModels
    {
        public RunParts<TModels> Run;
        public Orders Orders;
        public TimerSchedule Timers;
        public int Driver;
    }

    /// <summary>
    /// <see cref="Resume(TDriver[])"/> with the venue models of the sweep's runs (decision 0062). The loop over the
    /// lanes of each kind of event is a method of its own (decision 0098), compiled, and recompiled with the runtime's
    /// profile, on its own: inlined into this one, the five kinds' steps made a 9 KB method with a 1.4 KB frame.
    /// </summary>
    private void Resume<TModels>(TDriver[] drivers)
        where TModels : struct, IVenueModels
    {
        if (_parts is not LaneParts<TModels>[] parts) _parts = parts = new LaneParts<TModels>[_lanes.Length];
        for (int i = 0; i < _count; i++)
        {
            BacktestRunner runner = _lanes[i].Runner;
            parts[i] = new LaneParts<TModels>
            {
                Run = runner.BlockParts<TModels>(), Orders = new Orders(runner.BlockGateway), Timers = runner.BlockTimers, Driver = _lanes[i].Driver,
            };
        }
        MarketData block = _block!;
        int count = _count;
        int e = _event, k = _lane;
        ReadOnlySpan<byte> kinds = _kinds.AsSpan(0, _length);
        // The cursors stand at the event the replay stopped at (each kind's rows are taken in order).
        var funding = new FundingCursor(block.Funding);
        var quotes = new QuoteCursor(block.Quotes);
        var trades = new TradeCursor(block.Trades);
        var bars = new BarCursor(block.Bars);
        var marks = new MarkPriceCursor(block.MarkPrices);
        for (int i = 0; i < e; i++)
        {
            switch (kinds[i])
            {
                case BlockOrder.Funding: funding.Take(); break;
                case BlockOrder.Quote: quotes.Take(); break;
                case BlockOrder.Trade: trades.Take(); break;
                case BlockOrder.Bar: bars.Take(); break;
                default: marks.Take(); break;
            }
        }
        try
        {
            for (; e < kinds.Length; e++)
            {
                switch (kinds[e])
                {
                    case BlockOrder.Trade:
                    {
                        Trade trade = trades.Take();
                        _lastEvent = trade.Timestamp;
                        OnTrade(in trade, parts, drivers, count, ref k);
                        break;
                    }
                    case BlockOrder.Quote:
                    {
                        Quote quote = quotes.Take();
                        _lastEvent = quote.Timestamp;
                        OnQuote(in quote, parts, drivers, count, ref k);
                        break;
                    }
                    case BlockOrder.Bar:
                    {
                        Bar bar = bars.Take();
                        _lastEvent = bar.Timestamp;
                        OnBar(in bar, parts, drivers, count, ref k);
                        break;
                    }
                    case BlockOrder.Mark:
                    {
                        MarkPriceUpdate mark = marks.Take();
                        _lastEvent = mark.Timestamp;
                        OnMarkPrice(in mark, parts, drivers, count, ref k);
                        break;
                    }
                    default:
                    {
                        // A settlement is not a market event: it does not move the time up to which timers fire at the end.
                        Funding settlement = funding.Take();
                        OnFunding(in settlement, parts, drivers, count, ref k);
                        break;
                    }
                }
                k = 0;
            }
            // As at the end of EventMerge.Replay: timers due up to the last market event seen so far.
            long last = _lastEvent;
            for (; k < count; k++)
            {
                ref LaneParts<TModels> lane = ref parts[k];
                if (last != long.MinValue) EventSteps.FireTimers(lane.Timers, last + 1, ref drivers[lane.Driver], lane.Orders, lane.Run);
                _lanes[k].Runner.BlockReplayed(last);
            }
        }
        catch
        {
            // Where it stopped: the next Resume skips the cursors to event e and goes on after lane k (dropped).
            _event = e;
            _lane = k;
            throw;
        }
        _event = kinds.Length;
        _lane = count;
    }

    // One kind of event through lanes k.. of the chunk. k is where a throw leaves it: the lane whose code threw.

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OnTrade<TModels>(in Trade trade, LaneParts<TModels>[] parts, TDriver[] drivers, int count, ref int k)
        where TModels : struct, IVenueModels
    {
        for (int i = k; i < count; i++)
        {
            k = i;
            ref LaneParts<TModels> lane = ref parts[i];
            ref TDriver driver = ref drivers[lane.Driver];
            if (lane.Timers.NextDue < trade.Timestamp) EventSteps.FireTimers(lane.Timers, trade.Timestamp, ref driver, lane.Orders, lane.Run);
            EventSteps.OnTrade(in trade, ref driver, lane.Orders, lane.Run);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OnQuote<TModels>(in Quote quote, LaneParts<TModels>[] parts, TDriver[] drivers, int count, ref int k)
        where TModels : struct, IVenueModels
    {
        for (int i = k; i < count; i++)
        {
            k = i;
            ref LaneParts<TModels> lane = ref parts[i];
            ref TDriver driver = ref drivers[lane.Driver];
            if (lane.Timers.NextDue < quote.Timestamp) EventSteps.FireTimers(lane.Timers, quote.Timestamp, ref driver, lane.Orders, lane.Run);
            EventSteps.OnQuote(in quote, ref driver, lane.Orders, lane.Run);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OnBar<TModels>(in Bar bar, LaneParts<TModels>[] parts, TDriver[] drivers, int count, ref int k)
        where TModels : struct, IVenueModels
    {
        for (int i = k; i < count; i++)
        {
            k = i;
            ref LaneParts<TModels> lane = ref parts[i];
            ref TDriver driver = ref drivers[lane.Driver];
            if (lane.Timers.NextDue < bar.Timestamp) EventSteps.FireTimers(lane.Timers, bar.Timestamp, ref driver, lane.Orders, lane.Run);
            EventSteps.OnBar(in bar, ref driver, lane.Orders, lane.Run);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OnMarkPrice<TModels>(in MarkPriceUpdate mark, LaneParts<TModels>[] parts, TDriver[] drivers, int count, ref int k)
        where TModels : struct, IVenueModels
    {
        for (int i = k; i < count; i++)
        {
            k = i;
            ref LaneParts<TModels> lane = ref parts[i];
            ref TDriver driver = ref drivers[lane.Driver];
            if (lane.Timers.NextDue < mark.Timestamp) EventSteps.FireTimers(lane.Timers, mark.Timestamp, ref driver, lane.Orders, lane.Run);
            EventSteps.OnMarkPrice(in mark, ref driver, lane.Orders, lane.Run);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OnFunding<TModels>(in Funding settlement, LaneParts<TModels>[] parts, TDriver[] drivers, int count, ref int k)
        where TModels : struct, IVenueModels
    {
        for (int i = k; i < count; i++)
        {
            k = i;
            ref LaneParts<TModels> lane = ref parts[i];
            ref TDriver driver = ref drivers[lane.Driver];
            if (lane.Timers.NextDue < settlement.Timestamp) EventSteps.FireTimers(lane.Timers, settlement.Timestamp, ref driver, lane.Orders, lane.Run);
            EventSteps.OnFunding(in settlement, ref driver, lane.Orders, lane.Run);
        }
    }
}
