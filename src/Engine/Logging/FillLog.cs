using System;
using System.Buffers;

namespace Backtester.Logging;

/// <summary>
/// The fills a run keeps, per <see cref="TradeLogMode"/>: none, all (a buffer rented from <see cref="ArrayPool{T}"/>
/// that doubles when full, the old rental returned), or the last N (one rental of N, overwritten in a ring).
/// The log owns its rental and keeps it across runs of a runner; <see cref="ToArray"/> copies the kept fills out, so a
/// result never aliases the pooled memory.
/// </summary>
internal sealed class FillLog
{
    private Fill[] _buffer = Array.Empty<Fill>();
    private TradeLogKind _kind;
    private int _capacity;
    private long _appended;

    /// <summary>Fills appended in this run (kept or not).</summary>
    public long Appended => _appended;

    private IResultStream<Fill>? _stream;

    /// <summary>Prepares for a run; with <paramref name="stream"/>, every fill is also sent there (the run's fills file), whatever the mode.</summary>
    public void Reset(TradeLogMode mode, IResultStream<Fill>? stream = null)
    {
        _stream = stream;
        _kind = mode.Kind;
        _appended = 0;
        _capacity = mode.Kind == TradeLogKind.RingBuffer ? mode.Capacity : 0;
        if (_kind == TradeLogKind.RingBuffer && _buffer.Length < _capacity) Rent(_capacity, copy: 0);
    }

    public void Append(in Fill fill)
    {
        _stream?.Append(in fill);
        switch (_kind)
        {
            case TradeLogKind.All:
                if (_appended == _buffer.Length) Rent(Math.Max(64, _buffer.Length * 2), copy: (int)_appended);
                _buffer[_appended++] = fill;
                break;
            case TradeLogKind.RingBuffer:
                _buffer[(int)(_appended % _capacity)] = fill;
                _appended++;
                break;
        }
    }

    /// <summary>The kept fills in the order they happened, copied into a new array.</summary>
    public Fill[] ToArray()
    {
        switch (_kind)
        {
            case TradeLogKind.All:
                return _buffer.AsSpan(0, (int)_appended).ToArray();
            case TradeLogKind.RingBuffer:
                if (_appended <= _capacity) return _buffer.AsSpan(0, (int)_appended).ToArray();
                var fills = new Fill[_capacity];
                int start = (int)(_appended % _capacity);
                _buffer.AsSpan(start, _capacity - start).CopyTo(fills);
                _buffer.AsSpan(0, start).CopyTo(fills.AsSpan(_capacity - start));
                return fills;
            default:
                return Array.Empty<Fill>();
        }
    }

    private void Rent(int length, int copy)
    {
        Fill[] next = ArrayPool<Fill>.Shared.Rent(length);
        _buffer.AsSpan(0, copy).CopyTo(next);
        if (_buffer.Length != 0) ArrayPool<Fill>.Shared.Return(_buffer);
        _buffer = next;
    }
}
