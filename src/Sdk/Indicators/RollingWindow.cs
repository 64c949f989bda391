using System.Runtime.CompilerServices;

namespace Backtester.Indicators;

/// <summary>
/// The last <see cref="Capacity"/> values in a ring allocated once. Shared by every windowed indicator; it is a
/// mutable struct held in a (non-readonly) field of the indicator, never copied.
/// </summary>
internal struct RollingWindow
{
    private readonly double[] _items;
    private int _next;
    private int _count;

    public RollingWindow(int capacity) => _items = new double[capacity];

    /// <summary>The window length; 0 for a <c>default</c> window, so a default indicator reports not ready.</summary>
    public readonly int Capacity => _items?.Length ?? 0;

    public readonly int Count => _count;

    public readonly bool IsFull => _count == _items.Length;

    /// <summary>True right after the write that filled the ring's last slot: the window has made a whole lap.</summary>
    public readonly bool CompletedLap => _next == 0 && _count > 0;

    /// <summary>The value that the next <see cref="Push"/> evicts once the window is full.</summary>
    public readonly double Oldest => _items[IsFull ? _next : 0];

    /// <summary>The <paramref name="index"/>-th value, 0 being the oldest.</summary>
    public readonly double this[int index]
    {
        get
        {
            int i = (IsFull ? _next : 0) + index;
            return _items[i >= _items.Length ? i - _items.Length : i];
        }
    }

    /// <summary>Appends <paramref name="value"/> and returns the value it evicted (NaN while the window was not full).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Push(double value)
    {
        double evicted = IsFull ? _items[_next] : double.NaN;
        _items[_next] = value;
        _next = _next + 1 == _items.Length ? 0 : _next + 1;
        if (_count < _items.Length)
            _count++;
        return evicted;
    }

    public void Clear()
    {
        _next = 0;
        _count = 0;
    }
}
