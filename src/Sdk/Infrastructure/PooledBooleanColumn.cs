using System.ComponentModel;
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Backtester.Infrastructure;

/// <summary>
/// A growable column of booleans, bit-packed least significant bit first as Arrow requires, in a byte array rented
/// from <see cref="ArrayPool{T}.Shared"/>. Also serves as a validity bitmap (true = valid).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PooledBooleanColumn : IDisposable
{
    private readonly PooledColumn<byte> _bytes = new();
    private int _count;

    /// <summary>Number of values appended since the column was created, cleared or detached.</summary>
    public int Count => _count;

    /// <summary>The value at <paramref name="index"/>.</summary>
    public bool this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count)
                throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be within 0..{_count - 1}.");
            return (_bytes.Values[index >> 3] & (1 << (index & 7))) != 0;
        }
    }

    /// <summary>Appends <paramref name="value"/> as one bit, growing the buffer when it is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(bool value)
    {
        int bit = _count & 7;
        // A new byte is written whole, so stale bytes in a reused rental never leak into the bitmap.
        if (bit == 0) _bytes.Append(value ? (byte)1 : (byte)0);
        else if (value) _bytes.Last |= (byte)(1 << bit);
        _count++;
    }

    /// <summary>Forgets the appended values and keeps the buffer for reuse.</summary>
    public void Clear()
    {
        _bytes.Clear();
        _count = 0;
    }

    /// <summary>
    /// Builds an Arrow <see cref="BooleanArray"/> over the appended bits without copying, and adds the rented array to
    /// <paramref name="rentals"/>, whose owner returns it to the pool. The column is empty afterwards.
    /// </summary>
    public IArrowArray Detach(List<byte[]> rentals)
    {
        int count = _count;
        ArrowBuffer values = DetachBuffer(rentals);
        return ArrowArrayFactory.BuildArray(new ArrayData(BooleanType.Default, count, 0, 0, new[] { ArrowBuffer.Empty, values }));
    }

    /// <summary>Returns the buffer to the pool. The column stays usable and rents again when appended to.</summary>
    public void Dispose()
    {
        _bytes.Dispose();
        _count = 0;
    }

    /// <summary>The bits as an Arrow buffer; the rented array goes to <paramref name="rentals"/> and the column starts empty.</summary>
    internal ArrowBuffer DetachBuffer(List<byte[]> rentals)
    {
        _count = 0;
        return _bytes.DetachBuffer(rentals);
    }
}
