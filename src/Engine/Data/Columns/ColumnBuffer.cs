using System;
using System.Runtime.CompilerServices;

namespace Backtester.Data;

/// <summary>
/// A growable column for readers that do not know the row count up front. The final array is handed to
/// the column set as-is (a slice, no trimming copy); it is owned by the resulting <see cref="MarketData"/>.
/// </summary>
internal sealed class ColumnBuffer<T>
{
    private T[] _items;

    public ColumnBuffer(int capacity) => _items = new T[Math.Max(capacity, 16)];

    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T item)
    {
        T[] items = _items;
        int count = Count;
        if ((uint)count < (uint)items.Length)
        {
            items[count] = item;
            Count = count + 1;
            return;
        }
        AddGrowing(item);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddGrowing(T item)
    {
        Array.Resize(ref _items, checked(_items.Length * 2));
        _items[Count++] = item;
    }

    public ReadOnlyMemory<T> ToMemory() => _items.AsMemory(0, Count);
}
