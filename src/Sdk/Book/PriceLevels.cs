using System;
using System.Runtime.CompilerServices;

namespace Backtester;

/// <summary>
/// One side of an L2 book: price levels in one sorted array of keys and a parallel array of sizes. The key is the
/// price for bids and the negated price for asks (negation is exact), so both sides sort ascending by key with the
/// best level last: most updates land near the touch, and inserting or removing there shifts only the few levels
/// above it. Arrays grow by doubling and are kept across <see cref="Clear"/>, so a warmed-up book does not allocate.
/// </summary>
internal sealed class PriceLevels
{
    private readonly double _sign;
    private double[] _keys = new double[16];
    private double[] _sizes = new double[16];
    private int _count;

    public PriceLevels(BookSide side) => _sign = side == BookSide.Bid ? 1.0 : -1.0;

    public int Count => _count;

    public void Clear() => _count = 0;

    /// <summary>Sets the level at <paramref name="price"/> to <paramref name="size"/> (0 removes it). Returns true when the best level changed.</summary>
    public bool Set(double price, double size)
    {
        double key = price * _sign;
        int at = Find(key);
        if (at >= 0)
        {
            bool best = at == _count - 1;
            if (size == 0) RemoveAt(at);
            else _sizes[at] = size;
            return best;
        }
        if (size == 0) return false;
        InsertAt(~at, key, size);
        return ~at == _count - 1;
    }

    /// <summary>Removes every level at or better than <paramref name="price"/> from the top (stale levels the other side crossed). Returns true when any went.</summary>
    public bool RemoveThrough(double price)
    {
        double key = price * _sign;
        int before = _count;
        while (_count > 0 && _keys[_count - 1] >= key) _count--;
        return _count != before;
    }

    /// <summary>The price of the level <paramref name="index"/> from the best (0 = best); the caller checks the range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double PriceAt(int index) => _keys[_count - 1 - index] * _sign;

    /// <summary>The size of the level <paramref name="index"/> from the best.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double SizeAt(int index) => _sizes[_count - 1 - index];

    /// <summary>The size resting at exactly <paramref name="price"/>, 0 when there is no such level.</summary>
    public double SizeAtPrice(double price)
    {
        int at = Find(price * _sign);
        return at >= 0 ? _sizes[at] : 0;
    }

    /// <summary>Total size at levels at or better than <paramref name="price"/>.</summary>
    public double SizeThrough(double price)
    {
        double key = price * _sign, total = 0;
        for (int i = _count - 1; i >= 0 && _keys[i] >= key; i--) total += _sizes[i];
        return total;
    }

    /// <summary>
    /// Walks the levels from the best until <paramref name="quantity"/> is covered: returns the price of the last level
    /// needed and the volume-weighted average price, both NaN when the side holds less than the quantity.
    /// </summary>
    public double Walk(double quantity, out double averagePrice)
    {
        double left = quantity, notional = 0;
        for (int i = _count - 1; i >= 0; i--)
        {
            double take = Math.Min(left, _sizes[i]);
            double price = _keys[i] * _sign;
            notional += take * price;
            left -= take;
            if (left <= 0)
            {
                averagePrice = notional / quantity;
                return price;
            }
        }
        averagePrice = double.NaN;
        return double.NaN;
    }

    /// <summary>Binary search over the keys: the index of <paramref name="key"/>, or the bitwise complement of where it would go.</summary>
    private int Find(double key)
    {
        int lo = 0, hi = _count - 1;
        // Most updates are at or next to the best level: look there before bisecting.
        if (hi >= 0 && _keys[hi] == key) return hi;
        while (lo <= hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            double k = _keys[mid];
            if (k == key) return mid;
            if (k < key) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    private void InsertAt(int at, double key, double size)
    {
        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
            Array.Resize(ref _sizes, _sizes.Length * 2);
        }
        int tail = _count - at;
        if (tail > 0)
        {
            Array.Copy(_keys, at, _keys, at + 1, tail);
            Array.Copy(_sizes, at, _sizes, at + 1, tail);
        }
        _keys[at] = key;
        _sizes[at] = size;
        _count++;
    }

    private void RemoveAt(int at)
    {
        int tail = _count - at - 1;
        if (tail > 0)
        {
            Array.Copy(_keys, at + 1, _keys, at, tail);
            Array.Copy(_sizes, at + 1, _sizes, at, tail);
        }
        _count--;
    }
}
