using System.ComponentModel;
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Backtester.Infrastructure;

/// <summary>
/// A growable Arrow utf8 column: int32 offsets, UTF-8 bytes and a validity bitmap (null strings are nulls), each in
/// an array rented from <see cref="ArrayPool{T}.Shared"/>. Strings are encoded straight into the pooled data buffer.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PooledStringColumn : IDisposable
{
    private readonly PooledColumn<int> _offsets = new();
    private readonly PooledColumn<byte> _data = new();
    private readonly PooledBooleanColumn _validity = new();
    private int _nullCount;

    /// <summary>Number of values (strings and nulls) appended since the column was created, cleared or detached.</summary>
    public int Count => _validity.Count;

    /// <summary>Number of nulls among them.</summary>
    public int NullCount => _nullCount;

    /// <summary>Appends <paramref name="value"/> encoded as UTF-8, or a null when it is null.</summary>
    public void Append(string? value)
    {
        if (_offsets.Count == 0) _offsets.Append(0);
        if (value is null)
        {
            _nullCount++;
            _validity.Append(false);
        }
        else
        {
            _validity.Append(true);
            if (value.Length > 0)
            {
                Span<byte> span = _data.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length));
                _data.Advance(Encoding.UTF8.GetBytes(value, span));
            }
        }
        _offsets.Append(_data.Count);
    }

    /// <summary>Forgets the appended values and keeps the buffers for reuse.</summary>
    public void Clear()
    {
        _offsets.Clear();
        _data.Clear();
        _validity.Clear();
        _nullCount = 0;
    }

    /// <summary>
    /// Builds an Arrow <see cref="StringArray"/> over the appended values without copying, and adds the rented arrays to
    /// <paramref name="rentals"/>, whose owner returns them to the pool. The column is empty afterwards.
    /// </summary>
    public IArrowArray Detach(List<byte[]> rentals)
    {
        if (_offsets.Count == 0) _offsets.Append(0);
        int count = Count;
        int nullCount = _nullCount;
        _nullCount = 0;
        var buffers = new[] { _validity.DetachBuffer(rentals), _offsets.DetachBuffer(rentals), _data.DetachBuffer(rentals) };
        return ArrowArrayFactory.BuildArray(new ArrayData(StringType.Default, count, nullCount, 0, buffers));
    }

    /// <summary>Returns the buffers to the pool. The column stays usable and rents again when appended to.</summary>
    public void Dispose()
    {
        _offsets.Dispose();
        _data.Dispose();
        _validity.Dispose();
        _nullCount = 0;
    }
}
