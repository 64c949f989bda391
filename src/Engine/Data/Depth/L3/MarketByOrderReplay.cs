using System;
using System.Collections.Generic;

namespace Backtester.Data;

/// <summary>
/// Replays market-by-order rows once, at load time, keeping every order in the book: checks each order's life (an add of
/// an id already in the book, a modify, cancel or execute of an id that is not, a side or price that is not the
/// order's, an execution beyond what it has left, a bid at or above the best ask or an ask at or below the best bid),
/// and writes the L2 update each row makes (the level's new total) with the <see cref="OrderQueueFeed"/> the venue's
/// FIFO queue model reads.
/// </summary>
internal static class MarketByOrderReplay
{
    private struct Live
    {
        public BookSide Side;
        public double Price, Size;
        public long Priority;
        public int Row;
    }

    private struct Level
    {
        public double Total;
        public int Orders;
    }

    /// <summary>The derived L2 rows; <paramref name="lines"/>, when given, is each row's line in its file, for error messages.</summary>
    public static BookColumns Derive(MarketByOrderColumns c, ReadOnlySpan<long> lines = default)
    {
        string source = c.Source;
        ReadOnlySpan<long> ts = c.Timestamps.Span, ids = c.OrderIds.Span;
        ReadOnlySpan<int> sym = c.SymbolIds.Span;
        ReadOnlySpan<BookSide> side = c.Sides.Span;
        ReadOnlySpan<double> px = c.Prices.Span, sz = c.Sizes.Span;
        ReadOnlySpan<MarketByOrderAction> action = c.Actions.Span;
        var live = new Dictionary<(int, long), Live>();
        var levels = new Dictionary<(int, BookSide, double), Level>();
        var prices = new SortedSet<double>[c.SymbolCount * 2]; // per symbol: bids, asks with orders
        for (int s = 0; s < prices.Length; s++) prices[s] = new SortedSet<double>();
        var rows = new Rows(c.Count + c.Count / 8 + 4);
        for (int i = 0; i < c.Count; i++)
        {
            var key = (sym[i], ids[i]);
            if (side[i] != BookSide.Bid && side[i] != BookSide.Ask)
                throw new MarketDataException(source, Line(lines, i), MarketByOrderSchema.Side, $"expected Bid (1) or Ask (-1), got {(sbyte)side[i]}");
            switch (action[i])
            {
                case MarketByOrderAction.Add:
                    if (live.TryGetValue(key, out Live existing))
                        throw new MarketDataException(source, Line(lines, i), MarketByOrderSchema.OrderId, $"order {ids[i]} is already in the book (added at {(lines.IsEmpty ? "row" : "line")} {Line(lines, existing.Row)})");
                    RequirePositive(source, Line(lines, i), sz[i]);
                    NotCrossing(source, Line(lines, i), prices, sym[i], side[i], px[i]);
                    live.Add(key, new Live { Side = side[i], Price = px[i], Size = sz[i], Priority = i, Row = i });
                    rows.Add(ts[i], sym[i], side[i], px[i], Change(levels, prices, sym[i], side[i], px[i], sz[i], +1), i, sz[i], false);
                    break;
                case MarketByOrderAction.Modify:
                {
                    Live o = Find(source, Line(lines, i), live, key, ids[i], side[i]);
                    RequirePositive(source, Line(lines, i), sz[i]);
                    if (px[i] == o.Price && sz[i] <= o.Size)
                    {
                        // Smaller at the same price: it keeps its place.
                        rows.Add(ts[i], sym[i], side[i], px[i], Change(levels, prices, sym[i], side[i], px[i], sz[i] - o.Size, 0), o.Priority, sz[i] - o.Size, false);
                        o.Size = sz[i];
                    }
                    else
                    {
                        // A new price or a larger size: out of its queue, then in at the back of the (new) price's.
                        rows.Add(ts[i], sym[i], side[i], o.Price, Change(levels, prices, sym[i], side[i], o.Price, -o.Size, -1), o.Priority, -o.Size, false);
                        NotCrossing(source, Line(lines, i), prices, sym[i], side[i], px[i]);
                        rows.Add(ts[i], sym[i], side[i], px[i], Change(levels, prices, sym[i], side[i], px[i], sz[i], +1), i, sz[i], false);
                        o.Price = px[i];
                        o.Size = sz[i];
                        o.Priority = i;
                    }
                    live[key] = o;
                    break;
                }
                case MarketByOrderAction.Cancel:
                {
                    Live o = Find(source, Line(lines, i), live, key, ids[i], side[i]);
                    SamePrice(source, Line(lines, i), o, px[i]);
                    rows.Add(ts[i], sym[i], side[i], o.Price, Change(levels, prices, sym[i], side[i], o.Price, -o.Size, -1), o.Priority, -o.Size, false);
                    live.Remove(key);
                    break;
                }
                case MarketByOrderAction.Execute:
                {
                    Live o = Find(source, Line(lines, i), live, key, ids[i], side[i]);
                    SamePrice(source, Line(lines, i), o, px[i]);
                    RequirePositive(source, Line(lines, i), sz[i]);
                    if (sz[i] > o.Size)
                        throw new MarketDataException(source, Line(lines, i), MarketByOrderSchema.Size, $"expected at most the {o.Size} order {ids[i]} has left, got {sz[i]}");
                    bool gone = sz[i] == o.Size;
                    rows.Add(ts[i], sym[i], side[i], o.Price, Change(levels, prices, sym[i], side[i], o.Price, -sz[i], gone ? -1 : 0), o.Priority, -sz[i], true);
                    if (gone) live.Remove(key);
                    else
                    {
                        o.Size -= sz[i];
                        live[key] = o;
                    }
                    break;
                }
                default:
                    throw new MarketDataException(source, Line(lines, i), MarketByOrderSchema.Action, $"expected 1 (add), 2 (modify), 3 (cancel) or 4 (execute), got {(byte)action[i]}");
            }
        }
        return rows.ToBook(source, c);
    }

    private static long Line(ReadOnlySpan<long> lines, int row) => lines.IsEmpty ? row : lines[row];

    private static Live Find(string source, long row, Dictionary<(int, long), Live> live, (int, long) key, long id, BookSide side)
    {
        if (!live.TryGetValue(key, out Live o))
            throw new MarketDataException(source, row, MarketByOrderSchema.OrderId, $"order {id} is not in the book (never added, or already cancelled or fully executed)");
        if (o.Side != side)
            throw new MarketDataException(source, row, MarketByOrderSchema.Side, $"order {id} is a{(o.Side == BookSide.Bid ? " bid" : "n ask")} (added at row {o.Row}), got the other side");
        return o;
    }

    private static void SamePrice(string source, long row, in Live o, double price)
    {
        if (price != o.Price)
            throw new MarketDataException(source, row, MarketByOrderSchema.Price, $"expected the order's price {o.Price}, got {price}");
    }

    private static void RequirePositive(string source, long row, double size)
    {
        if (!(size > 0))
            throw new MarketDataException(source, row, MarketByOrderSchema.Size, $"expected a positive size, got {size}");
    }

    /// <summary>A bid must stay below the symbol's best ask and an ask above its best bid: an exchange book never crosses.</summary>
    private static void NotCrossing(string source, long row, SortedSet<double>[] prices, int symbol, BookSide side, double price)
    {
        SortedSet<double> other = prices[symbol * 2 + (side == BookSide.Bid ? 1 : 0)];
        if (other.Count == 0) return;
        if (side == BookSide.Bid ? price >= other.Min : price <= other.Max)
            throw new MarketDataException(source, row, MarketByOrderSchema.Price,
                side == BookSide.Bid ? $"expected a bid below the best ask {other.Min}, got {price}" : $"expected an ask above the best bid {other.Max}, got {price}");
    }

    /// <summary>Adds <paramref name="change"/> to the level and <paramref name="orders"/> to its order count; returns its new total (exactly 0 once it holds no order).</summary>
    private static double Change(Dictionary<(int, BookSide, double), Level> levels, SortedSet<double>[] prices, int symbol, BookSide side, double price, double change, int orders)
    {
        var key = (symbol, side, price);
        levels.TryGetValue(key, out Level level);
        level.Total += change;
        level.Orders += orders;
        SortedSet<double> set = prices[symbol * 2 + (side == BookSide.Bid ? 0 : 1)];
        if (level.Orders == 0)
        {
            levels.Remove(key);
            set.Remove(price);
            return 0;
        }
        levels[key] = level;
        set.Add(price);
        return Math.Max(0, level.Total);
    }

    /// <summary>The derived L2 rows and their queue feed, growing as rows are added.</summary>
    private sealed class Rows(int capacity)
    {
        private readonly ColumnBuffer<long> _ts = new(capacity), _priority = new(capacity);
        private readonly ColumnBuffer<int> _symbol = new(capacity);
        private readonly ColumnBuffer<BookSide> _side = new(capacity);
        private readonly ColumnBuffer<double> _price = new(capacity), _size = new(capacity), _change = new(capacity);
        private readonly ColumnBuffer<bool> _execution = new(capacity);

        public void Add(long time, int symbol, BookSide side, double price, double levelSize, long priority, double change, bool execution)
        {
            _ts.Add(time);
            _symbol.Add(symbol);
            _side.Add(side);
            _price.Add(price);
            _size.Add(levelSize);
            _priority.Add(priority);
            _change.Add(change);
            _execution.Add(execution);
        }

        public BookColumns ToBook(string source, MarketByOrderColumns orders)
        {
            int symbolCount = orders.SymbolCount;
            int n = _ts.Count;
            var flags = new BookUpdateFlags[n];
            var queue = new OrderQueueFeed(_priority.ToMemory(), _change.ToMemory(), _execution.ToMemory());
            return new BookColumns(source, symbolCount, _ts.ToMemory(), _symbol.ToMemory(), _side.ToMemory(), _price.ToMemory(), _size.ToMemory(), flags, checkRows: false)
            {
                Queue = queue,
                OrderRows = orders,
            };
        }
    }
}
