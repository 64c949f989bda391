using System;

namespace Backtester.Execution;

/// <summary>
/// Our own fills against one symbol's L2 book (docs/execution.md, "Market orders on the book"): per side, the quantity
/// taken at each price since the data last set that level. The data never sees it; our later orders do: a level offers
/// its displayed size less what we took there. A book update at a price forgets that price (the feed's new size already
/// counts what was taken), a reset forgets everything. A handful of prices at most, so the lists are scanned; they grow by
/// doubling and are kept across runs, so a warmed-up venue does not allocate.
/// </summary>
internal sealed class DepthConsumption
{
    private readonly Side _bids = new(), _asks = new();

    /// <summary>True when nothing is remembered on either side: book updates then have nothing to forget.</summary>
    public bool IsEmpty => _bids.Count == 0 && _asks.Count == 0;

    /// <summary>What we have taken at <paramref name="price"/> on <paramref name="side"/> since the data last set it.</summary>
    public double At(BookSide side, double price) => Of(side).At(price);

    /// <summary>Remembers that we took <paramref name="quantity"/> more at <paramref name="price"/> on <paramref name="side"/>.</summary>
    public void Add(BookSide side, double price, double quantity) => Of(side).Add(price, quantity);

    /// <summary>The data set the level at <paramref name="price"/> again: its new size replaces our consumption.</summary>
    public void Forget(BookSide side, double price) => Of(side).Forget(price);

    /// <summary>Forgets everything (a book reset, a new run).</summary>
    public void Clear()
    {
        _bids.Count = 0;
        _asks.Count = 0;
    }

    private Side Of(BookSide side) => side == BookSide.Bid ? _bids : _asks;

    private sealed class Side
    {
        private double[] _prices = new double[4], _taken = new double[4];
        public int Count;

        public double At(double price)
        {
            for (int i = 0; i < Count; i++)
                if (_prices[i] == price) return _taken[i];
            return 0;
        }

        public void Add(double price, double quantity)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_prices[i] != price) continue;
                _taken[i] += quantity;
                return;
            }
            if (Count == _prices.Length)
            {
                Array.Resize(ref _prices, Count * 2);
                Array.Resize(ref _taken, Count * 2);
            }
            _prices[Count] = price;
            _taken[Count++] = quantity;
        }

        public void Forget(double price)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_prices[i] != price) continue;
                Count--;
                _prices[i] = _prices[Count];
                _taken[i] = _taken[Count];
                return;
            }
        }
    }
}
