using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backtester;

/// <summary>
/// One side of an L2 book: price levels in one array of (key, size) pairs sorted by key. The key is the price for
/// bids and the negated price for asks (negation is exact), so both sides sort ascending by key with the best level
/// last: most updates land near the touch, and inserting or removing there shifts only the few levels above it (one
/// small memmove of 16-byte pairs). The array grows by doubling and is kept across <see cref="Clear"/>, so a warmed-up
/// book does not allocate.
/// </summary>
internal sealed class PriceLevels
{
    /// <summary>Levels from the best that <see cref="Find"/> scans before it bisects, in a book deeper than <see cref="CountDepth"/>.</summary>
    private const int ScanDepth = 8;

    /// <summary>Levels up to which <see cref="Find"/> counts the keys below the one it seeks instead of scanning.</summary>
    private const int CountDepth = 16;

    private readonly double _sign;
    private Level[] _levels = new Level[16];
    private int _count;

    /// <summary>One price level: the key (price × side sign) and the size, side by side in memory.</summary>
    private struct Level(double key, double size)
    {
        public double Key = key;
        public double Size = size;
    }

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
            else _levels[at].Size = size;
            return best;
        }
        if (size == 0) return false;
        InsertAt(~at, key, size);
        return ~at == _count - 1;
    }

    /// <summary>True when a level of the other side at <paramref name="price"/> would cross this side's best level (reach or pass it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsCrossedBy(double price) => _count != 0 && _levels[_count - 1].Key >= price * _sign;

    /// <summary>Removes every level at or better than <paramref name="price"/> from the top (stale levels the other side crossed). Returns true when any went.</summary>
    public bool RemoveThrough(double price)
    {
        double key = price * _sign;
        int before = _count;
        while (_count > 0 && _levels[_count - 1].Key >= key) _count--;
        return _count != before;
    }

    /// <summary>The price of the level <paramref name="index"/> from the best (0 = best); the caller checks the range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double PriceAt(int index) => _levels[_count - 1 - index].Key * _sign;

    /// <summary>The size of the level <paramref name="index"/> from the best.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double SizeAt(int index) => _levels[_count - 1 - index].Size;

    /// <summary>The size resting at exactly <paramref name="price"/>, 0 when there is no such level.</summary>
    public double SizeAtPrice(double price)
    {
        int at = Find(price * _sign);
        return at >= 0 ? _levels[at].Size : 0;
    }

    /// <summary>Total size at levels at or better than <paramref name="price"/>.</summary>
    public double SizeThrough(double price)
    {
        double key = price * _sign, total = 0;
        Level[] levels = _levels;
        for (int i = _count - 1; i >= 0 && levels[i].Key >= key; i--) total += levels[i].Size;
        return total;
    }

    /// <summary>
    /// Walks the levels from the best until <paramref name="quantity"/> is covered: returns the price of the last level
    /// needed and the volume-weighted average price, both NaN when the side holds less than the quantity.
    /// </summary>
    public double Walk(double quantity, out double averagePrice)
    {
        double left = quantity, notional = 0;
        Level[] levels = _levels;
        for (int i = _count - 1; i >= 0; i--)
        {
            double take = Math.Min(left, levels[i].Size);
            double price = levels[i].Key * _sign;
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

    /// <summary>
    /// The index of <paramref name="key"/>, or the bitwise complement of where it would go. A book of up to
    /// <see cref="CountDepth"/> levels counts the keys below <paramref name="key"/> without a branch on any of them:
    /// feeds update levels at random depths, and a scan that stops at the level mispredicts its exit on most updates.
    /// Deeper books scan the top <see cref="ScanDepth"/> levels from the best down, then bisect the rest.
    /// </summary>
    private int Find(double key)
    {
        Level[] levels = _levels;
        int count = _count;
        if (count <= CountDepth)
        {
            int below = CountBelow(levels, count, key);
            return below < count && levels[below].Key == key ? below : ~below;
        }
        int i = count - 1;
        int stop = count - ScanDepth;
        for (; i >= stop; i--)
        {
            double k = levels[i].Key;
            if (k <= key) return k == key ? i : ~(i + 1);
        }
        int lo = 0, hi = stop - 1;
        while (lo <= hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            double k = levels[mid].Key;
            if (k == key) return mid;
            if (k < key) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    /// <summary>
    /// How many of the first <paramref name="count"/> levels (at most the array's length) have a key below
    /// <paramref name="key"/>. Two levels a step where 256-bit vectors are fast (one load covers two key-size pairs, the
    /// mask keeps the keys), one at a time elsewhere; no branch depends on the keys.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CountBelow(Level[] levels, int count, double key)
    {
        int below = 0, j = 0;
        ref Level first = ref MemoryMarshal.GetArrayDataReference(levels);
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> target = Vector256.Create(key);
            ref double keys = ref Unsafe.As<Level, double>(ref first);
            for (; j + 2 <= count; j += 2)
            {
                Vector256<double> pairs = Vector256.LoadUnsafe(ref keys, (nuint)(2 * j)); // key j, size j, key j+1, size j+1
                below += BitOperations.PopCount(Vector256.LessThan(pairs, target).ExtractMostSignificantBits() & 0b0101u);
            }
        }
        for (; j < count; j++) below += Unsafe.Add(ref first, j).Key < key ? 1 : 0;
        return below;
    }

    private void InsertAt(int at, double key, double size)
    {
        if (_count == _levels.Length) Array.Resize(ref _levels, _levels.Length * 2);
        Span<Level> levels = _levels;
        levels[at.._count].CopyTo(levels[(at + 1)..]);
        levels[at] = new Level(key, size);
        _count++;
    }

    private void RemoveAt(int at)
    {
        Span<Level> levels = _levels;
        levels[(at + 1).._count].CopyTo(levels[at..]);
        _count--;
    }
}
