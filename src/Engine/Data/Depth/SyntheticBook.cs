using System;

namespace Backtester.Data;

/// <summary>
/// A seeded synthetic L2 market for samples, tests and benchmarks: per symbol a book of <see cref="SyntheticBookOptions.Levels"/>
/// levels a side, opened by a snapshot, then steps of three kinds: an <b>arrival</b> adds size to a level (or, when
/// the spread is wider than a tick, opens a level inside it), a <b>cancel</b> takes size off a level (possibly all), and
/// a <b>trade</b> takes size from the best level of the side its aggressor hits, at that level's price. A level that
/// empties is replaced one tick beyond the deepest, so each side keeps its depth; the book never crosses.
/// The same options give the same data on every machine (SplitMix64, integer ticks and lot sizes).
/// </summary>
/// <remarks>
/// Times: step k is stamped <c>StartTime + (k + 1) × IntervalNs</c> (the snapshot is at <c>StartTime</c>); a trade is
/// stamped at its step and the book change it causes 1 ns later, so the replay (which takes book updates before trades
/// at equal times) shows the trade against the book it traded with.
/// </remarks>
public static class SyntheticBook
{
    /// <summary>Generates the market: book updates and the trades, as one <see cref="MarketData"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid; the exception names it.</exception>
    public static MarketData Generate(SyntheticBookOptions? options = null)
    {
        options ??= new SyntheticBookOptions();
        options.Validate();
        var state = new Generator(options);
        state.Run();
        return state.ToMarketData();
    }

    private sealed class Generator
    {
        private readonly SyntheticBookOptions _o;
        private readonly OrderBook[] _books;
        private SplitMix64 _rng;
        private readonly ColumnBuffer<long> _ts, _tradeTs;
        private readonly ColumnBuffer<int> _sym, _tradeSym;
        private readonly ColumnBuffer<BookSide> _side;
        private readonly ColumnBuffer<double> _px, _sz, _tradePx, _tradeSz;
        private readonly ColumnBuffer<BookUpdateFlags> _flags;
        private readonly ColumnBuffer<Side> _aggressor;

        public Generator(SyntheticBookOptions o)
        {
            _o = o;
            _rng = new SplitMix64(o.Seed);
            _books = new OrderBook[o.Symbols];
            for (int s = 0; s < o.Symbols; s++) _books[s] = new OrderBook(s);
            int rows = (int)Math.Min(Array.MaxLength, (long)o.Steps * 2 + 2L * o.Levels * o.Symbols);
            _ts = new(rows); _sym = new(rows); _side = new(rows); _px = new(rows); _sz = new(rows); _flags = new(rows);
            int trades = (int)Math.Min(Array.MaxLength, (long)(o.Steps * o.TradeShare) + 16);
            _tradeTs = new(trades); _tradeSym = new(trades); _tradePx = new(trades); _tradeSz = new(trades); _aggressor = new(trades);
        }

        public void Run()
        {
            for (int s = 0; s < _o.Symbols; s++) Open(s);
            for (int k = 0; k < _o.Steps; k++)
            {
                long t = _o.StartTime + (k + 1L) * _o.IntervalNs;
                int s = _o.Symbols == 1 ? 0 : Below(_o.Symbols);
                double u = Uniform();
                if (u < _o.TradeShare) Trade(s, t);
                else if (u < _o.TradeShare + _o.CancelShare) Cancel(s, t);
                else Arrive(s, t);
            }
        }

        public MarketData ToMarketData()
        {
            var names = new string[_o.Symbols];
            for (int s = 0; s < names.Length; s++) names[s] = $"SYN{s}";
            var symbols = new SymbolTable(names);
            const string Source = "synthetic L2 market";
            var book = new BookColumns(Source, symbols.Count, _ts.ToMemory(), _sym.ToMemory(), _side.ToMemory(), _px.ToMemory(), _sz.ToMemory(), _flags.ToMemory(), checkRows: false);
            var trades = new TradeColumns(Source, symbols.Count, _tradeTs.ToMemory(), _tradeSym.ToMemory(), _tradePx.ToMemory(), _tradeSz.ToMemory(), _aggressor.ToMemory(), checkRows: false);
            return new MarketData(symbols, trades) { Book = book };
        }

        /// <summary>The opening snapshot: levels one tick apart either side of a mid, the first row resetting the book.</summary>
        private void Open(int s)
        {
            long mid = 10_000 + 1_000L * s;
            BookUpdateFlags flags = BookUpdateFlags.Snapshot | BookUpdateFlags.Reset;
            for (int i = 1; i <= _o.Levels; i++)
            {
                Emit(s, _o.StartTime, BookSide.Bid, mid - i, NewSize(), flags);
                flags = BookUpdateFlags.Snapshot;
                Emit(s, _o.StartTime, BookSide.Ask, mid + i, NewSize(), flags);
            }
        }

        private void Trade(int s, long t)
        {
            OrderBook book = _books[s];
            Side aggressor = Below(2) == 0 ? Side.Buy : Side.Sell;
            BookSide hit = aggressor == Side.Buy ? BookSide.Ask : BookSide.Bid;
            BookLevel best = book.Level(hit, 0);
            double quantity = Math.Min(best.Size, NewSize());
            _tradeTs.Add(t); _tradeSym.Add(s); _tradePx.Add(best.Price); _tradeSz.Add(quantity); _aggressor.Add(aggressor);
            SetSize(s, t + 1, hit, Ticks(best.Price), best.Size - quantity);
        }

        private void Cancel(int s, long t)
        {
            OrderBook book = _books[s];
            BookSide side = Below(2) == 0 ? BookSide.Bid : BookSide.Ask;
            BookLevel level = book.Level(side, Below(book.LevelCount(side)));
            SetSize(s, t, side, Ticks(level.Price), Below((int)level.Size)); // 0 .. size − 1 left
        }

        private void Arrive(int s, long t)
        {
            OrderBook book = _books[s];
            BookSide side = Below(2) == 0 ? BookSide.Bid : BookSide.Ask;
            long bid = Ticks(book.BestBid), ask = Ticks(book.BestAsk);
            if (ask - bid > 1 && Below(3) == 0)
            {
                SetSize(s, t, side, side == BookSide.Bid ? bid + 1 : ask - 1, NewSize());
                return;
            }
            BookLevel level = book.Level(side, Below(book.LevelCount(side)));
            SetSize(s, t, side, Ticks(level.Price), level.Size + NewSize());
        }

        /// <summary>Sets a level, then keeps the side at its depth: replaces a removed level beyond the deepest, or drops the deepest when one too many.</summary>
        private void SetSize(int s, long t, BookSide side, long ticks, double size)
        {
            OrderBook book = _books[s];
            Emit(s, t, side, ticks, size, BookUpdateFlags.None);
            int count = book.LevelCount(side);
            if (count == 0)
            {
                Emit(s, t, side, ticks, NewSize(), BookUpdateFlags.None); // a one-level side refills where it emptied
                return;
            }
            long deepest = Ticks(book.Level(side, count - 1).Price);
            if (count < _o.Levels) Emit(s, t, side, side == BookSide.Bid ? deepest - 1 : deepest + 1, NewSize(), BookUpdateFlags.None);
            else if (count > _o.Levels) Emit(s, t, side, deepest, 0, BookUpdateFlags.None);
        }

        private void Emit(int s, long t, BookSide side, long ticks, double size, BookUpdateFlags flags)
        {
            double price = ticks * _o.TickSize;
            if ((flags & BookUpdateFlags.Reset) != 0) _books[s].Clear();
            _books[s].Apply(side, price, size);
            _ts.Add(t); _sym.Add(s); _side.Add(side); _px.Add(price); _sz.Add(size); _flags.Add(flags);
        }

        private long Ticks(double price) => (long)Math.Round(price / _o.TickSize);

        private double NewSize() => 1 + Below(_o.MaxLevelSize);

        private int Below(int n) => (int)(_rng.Next() % (ulong)n);

        private double Uniform() => (_rng.Next() >> 11) * (1.0 / (1UL << 53));
    }
}
