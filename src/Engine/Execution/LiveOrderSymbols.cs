using System;

namespace Backtester.Execution;

/// <summary>
/// The symbol of every order in flight or working, by order id: an open-addressing table (linear probing, Fibonacci
/// hashing, deletion by backward shift, at most half full). It replaces a <c>Dictionary&lt;long, int&gt;</c>, whose
/// <c>Remove</c> has no ReadyToRun code in the framework, so a fresh process compiled it in its first run (decision
/// 0112); this table's code is precompiled with the engine. Order ids start at 1 (<c>OrderGateway</c>), so 0 marks an
/// empty slot.
/// </summary>
internal sealed class LiveOrderSymbols
{
    private const int InitialCapacity = 16;
    private long[] _ids = new long[InitialCapacity];
    private int[] _symbols = new int[InitialCapacity];
    private int _shift = 64 - 4; // log2 of the capacity, subtracted from 64
    private int _count;

    /// <summary>The number of live orders.</summary>
    public int Count => _count;

    public void Clear()
    {
        if (_count == 0) return;
        Array.Clear(_ids);
        _count = 0;
    }

    /// <summary>Adds order <paramref name="id"/> on <paramref name="symbol"/>; an id already live is a bug in the caller.</summary>
    public void Add(long id, int symbol)
    {
        if (id <= 0) throw new ArgumentOutOfRangeException(nameof(id), id, "Order ids start at 1.");
        if ((_count + 1) * 2 > _ids.Length) Grow();
        int mask = _ids.Length - 1;
        int i = Home(id);
        for (long k; (k = _ids[i]) != 0; i = (i + 1) & mask)
            if (k == id) throw new InvalidOperationException($"Order {id} is already live.");
        _ids[i] = id;
        _symbols[i] = symbol;
        _count++;
    }

    /// <summary>The symbol of live order <paramref name="id"/>, or -1 if it is not live.</summary>
    public int SymbolOf(long id)
    {
        if (id <= 0) return -1;
        int mask = _ids.Length - 1;
        for (int i = Home(id); ; i = (i + 1) & mask)
        {
            long k = _ids[i];
            if (k == id) return _symbols[i];
            if (k == 0) return -1;
        }
    }

    /// <summary>Removes order <paramref name="id"/>; false if it was not live.</summary>
    public bool Remove(long id)
    {
        if (id <= 0) return false;
        int mask = _ids.Length - 1;
        int hole = Home(id);
        for (long k; (k = _ids[hole]) != id; hole = (hole + 1) & mask)
            if (k == 0) return false;
        // Close the hole: a later entry of the same probe run moves into it when the hole lies on its way from its home
        // slot, so every entry stays reachable from its home without tombstones.
        for (int j = (hole + 1) & mask; ; j = (j + 1) & mask)
        {
            long k = _ids[j];
            if (k == 0) break;
            int home = Home(k);
            if (((j - home) & mask) >= ((j - hole) & mask))
            {
                _ids[hole] = k;
                _symbols[hole] = _symbols[j];
                hole = j;
            }
        }
        _ids[hole] = 0;
        _count--;
        return true;
    }

    private int Home(long id) => (int)((ulong)id * 0x9E3779B97F4A7C15UL >> _shift);

    private void Grow()
    {
        long[] ids = _ids;
        int[] symbols = _symbols;
        _ids = new long[ids.Length * 2];
        _symbols = new int[ids.Length * 2];
        _shift--;
        int mask = _ids.Length - 1;
        for (int s = 0; s < ids.Length; s++)
        {
            if (ids[s] == 0) continue;
            int i = Home(ids[s]);
            while (_ids[i] != 0) i = (i + 1) & mask;
            _ids[i] = ids[s];
            _symbols[i] = symbols[s];
        }
    }
}
