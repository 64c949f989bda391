using System;

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

    public void Add(T item)
    {
        if (Count == _items.Length) Array.Resize(ref _items, checked(_items.Length * 2));
        _items[Count++] = item;
    }

    public ReadOnlyMemory<T> ToMemory() => _items.AsMemory(0, Count);
}
