using System;
using System.Collections.Generic;

namespace Backtester.Data;

/// <summary>
/// A seeded synthetic market-by-order (L3) market for tests, samples and benchmarks: one symbol whose book opens with
/// <see cref="SyntheticOrderFlowOptions.Levels"/> levels a side (one to three orders each), then steps of four kinds: an
/// <b>add</b> at a price within that many ticks of its side's touch (never crossing the other side), a <b>modify</b>
/// that reduces a random order (it keeps its place), a <b>cancel</b> of a random order, and an <b>execution</b> of the
/// front order of one side's best level (what a taker meets first in a FIFO book). A side is never emptied: a step that
/// would remove its last order adds one instead. Integer ticks and lot sizes and SplitMix64 give the same rows on
/// every machine.
/// </summary>
public static class SyntheticOrderFlow
{
    /// <summary>Generates the rows.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid; the exception names it.</exception>
    public static MarketByOrderColumns GenerateColumns(SyntheticOrderFlowOptions? options = null)
    {
        options ??= new SyntheticOrderFlowOptions();
        options.Validate();
        return new Generator(options).Run();
    }

    /// <summary>Generates the rows as market data: the L2 book they make, with the FIFO model's order feed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid; the exception names it.</exception>
    public static MarketData Generate(SyntheticOrderFlowOptions? options = null)
    {
        options ??= new SyntheticOrderFlowOptions();
        return GenerateColumns(options).ToMarketData(new SymbolTable(new[] { options.Symbol }));
    }

    private sealed class Generator(SyntheticOrderFlowOptions o)
    {
        private SplitMix64 _random = new(o.Seed); // a mutable struct: not readonly
        // Per side (0 bids, 1 asks): tick -> the orders there, front first.
        private readonly SortedDictionary<long, List<long>>[] _levels = [new(), new()];
        private readonly Dictionary<long, (int Side, long Tick, int Size)> _orders = new();
        private readonly List<long> _ids = new(); // live ids, for a uniform pick
        private readonly Dictionary<long, int> _indexOf = new();
        private readonly List<long> _ts = new(), _orderIds = new();
        private readonly List<BookSide> _sides = new();
        private readonly List<double> _prices = new(), _sizes = new();
        private readonly List<MarketByOrderAction> _actions = new();
        private readonly long _midTick = (long)Math.Round(o.MidPrice / o.TickSize);
        private long _nextId = 1;

        public MarketByOrderColumns Run()
        {
            for (int level = 0; level < o.Levels; level++)
                for (int side = 0; side < 2; side++)
                {
                    long tick = side == 0 ? _midTick - 1 - level : _midTick + 1 + level;
                    int count = 1 + Below(3);
                    for (int k = 0; k < count; k++) Add(o.StartTime, side, tick, 1 + Below(o.MaxOrderSize));
                }
            for (long step = 0; step < o.Steps; step++)
            {
                long time = o.StartTime + (step + 1) * o.IntervalNs;
                double u = Uniform();
                if (u < o.ExecuteShare) ExecuteFront(time, Below(2));
                else if (u < o.ExecuteShare + o.CancelShare) CancelRandom(time);
                else if (u < o.ExecuteShare + o.CancelShare + o.ModifyShare) ReduceRandom(time);
                else AddNearTouch(time, Below(2));
            }
            int n = _ts.Count;
            return new MarketByOrderColumns(o.Symbol, 1, _ts.ToArray(), new int[n], _orderIds.ToArray(), _sides.ToArray(), _prices.ToArray(), _sizes.ToArray(), _actions.ToArray());
        }

        private void AddNearTouch(long time, int side)
        {
            long best = Best(side), other = Best(1 - side);
            long offset = Below(o.Levels);
            // One tick inside the touch at most (when the spread allows), then up to Levels - 1 ticks behind it.
            long tick = side == 0 ? Math.Min(best + 1, other - 1) - offset : Math.Max(best - 1, other + 1) + offset;
            Add(time, side, tick, 1 + Below(o.MaxOrderSize));
        }

        private void ExecuteFront(long time, int side)
        {
            SortedDictionary<long, List<long>> levels = _levels[side];
            if (_orders.Count == 0 || OrdersOn(side) <= 1)
            {
                AddNearTouch(time, side);
                return;
            }
            long id = levels[Best(side)][0];
            (int _, long tick, int size) = _orders[id];
            int executed = 1 + Below(size);
            Write(time, id, side, tick, executed, MarketByOrderAction.Execute);
            if (executed == size) Remove(id);
            else _orders[id] = (side, tick, size - executed);
        }

        private void CancelRandom(long time)
        {
            long id = _ids[Below(_ids.Count)];
            (int side, long tick, int _) = _orders[id];
            if (OrdersOn(side) <= 1)
            {
                AddNearTouch(time, side);
                return;
            }
            Write(time, id, side, tick, 0, MarketByOrderAction.Cancel);
            Remove(id);
        }

        private void ReduceRandom(long time)
        {
            long id = _ids[Below(_ids.Count)];
            (int side, long tick, int size) = _orders[id];
            if (size <= 1)
            {
                AddNearTouch(time, side);
                return;
            }
            int smaller = 1 + Below(size - 1);
            Write(time, id, side, tick, smaller, MarketByOrderAction.Modify);
            _orders[id] = (side, tick, smaller);
        }

        private void Add(long time, int side, long tick, int size)
        {
            long id = _nextId++;
            if (!_levels[side].TryGetValue(tick, out List<long>? queue)) _levels[side][tick] = queue = new List<long>();
            queue.Add(id);
            _orders[id] = (side, tick, size);
            _indexOf[id] = _ids.Count;
            _ids.Add(id);
            Write(time, id, side, tick, size, MarketByOrderAction.Add);
        }

        private void Remove(long id)
        {
            (int side, long tick, int _) = _orders[id];
            List<long> queue = _levels[side][tick];
            queue.Remove(id);
            if (queue.Count == 0) _levels[side].Remove(tick);
            _orders.Remove(id);
            int at = _indexOf[id], last = _ids.Count - 1;
            _ids[at] = _ids[last];
            _indexOf[_ids[at]] = at;
            _ids.RemoveAt(last);
            _indexOf.Remove(id);
        }

        private int OrdersOn(int side)
        {
            int count = 0;
            foreach (List<long> queue in _levels[side].Values) count += queue.Count;
            return count;
        }

        /// <summary>The best tick of a side (bids: highest, asks: lowest); the opening book's touch when the side is empty.</summary>
        private long Best(int side)
        {
            SortedDictionary<long, List<long>> levels = _levels[side];
            if (levels.Count == 0) return side == 0 ? _midTick - 1 : _midTick + 1;
            if (side == 1) foreach (long tick in levels.Keys) return tick;
            long best = long.MinValue;
            foreach (long tick in levels.Keys) best = tick;
            return best;
        }

        private void Write(long time, long id, int side, long tick, int size, MarketByOrderAction action)
        {
            _ts.Add(time);
            _orderIds.Add(id);
            _sides.Add(side == 0 ? BookSide.Bid : BookSide.Ask);
            _prices.Add(tick * o.TickSize);
            _sizes.Add(size);
            _actions.Add(action);
        }

        private int Below(int n) => (int)(_random.Next() % (ulong)n);

        private double Uniform() => (_random.Next() >> 11) * (1.0 / (1UL << 53));
    }
}
