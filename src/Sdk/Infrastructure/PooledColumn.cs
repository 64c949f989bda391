using System.ComponentModel;
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Backtester.Infrastructure;

/// <summary>
/// A growable column of fixed-width values in one byte array rented from <see cref="ArrayPool{T}.Shared"/>, laid out
/// as an Arrow value buffer. Appending allocates nothing once the buffer has grown; <see cref="Detach"/> hands the
/// rented array to Arrow without copying.
/// </summary>
/// <typeparam name="T">The value type, stored in its native (little-endian) layout, as Arrow expects.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PooledColumn<T> : IDisposable where T : unmanaged
{
    private const int MinimumBytes = 256;

    private byte[] _buffer = System.Array.Empty<byte>();
    private int _count;

    /// <summary>Number of values appended since the column was created, cleared or detached.</summary>
    public int Count => _count;

    /// <summary>The appended values. Valid until the next append, clear or detach.</summary>
    public ReadOnlySpan<T> Values => MemoryMarshal.Cast<byte, T>(_buffer.AsSpan(0, _count * Unsafe.SizeOf<T>()));

    /// <summary>Appends <paramref name="value"/>, doubling the buffer when it is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(T value)
    {
        int offset = _count * Unsafe.SizeOf<T>();
        if ((uint)(offset + Unsafe.SizeOf<T>()) > (uint)_buffer.Length) Grow(offset + Unsafe.SizeOf<T>());
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), offset), value);
        _count++;
    }

    /// <summary>
    /// A writable span of at least <paramref name="sizeHint"/> values just past the appended ones; call
    /// <see cref="Advance"/> with the number actually written.
    /// </summary>
    public Span<T> GetSpan(int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        int needed = checked((_count + sizeHint) * Unsafe.SizeOf<T>());
        if (needed > _buffer.Length) Grow(needed);
        return MemoryMarshal.Cast<byte, T>(_buffer.AsSpan(_count * Unsafe.SizeOf<T>()));
    }

    /// <summary>Counts <paramref name="count"/> values written into the span from <see cref="GetSpan"/> as appended.</summary>
    public void Advance(int count)
    {
        if (count < 0 || (_count + count) * Unsafe.SizeOf<T>() > _buffer.Length)
            throw new ArgumentOutOfRangeException(nameof(count), count, "Count must be within the span GetSpan returned.");
        _count += count;
    }

    /// <summary>The last appended value, writable; the column must not be empty.</summary>
    internal ref T Last => ref Unsafe.Add(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(_buffer)), _count - 1);

    /// <summary>Forgets the appended values and keeps the buffer for reuse.</summary>
    public void Clear() => _count = 0;

    /// <summary>
    /// Builds an Arrow array of <paramref name="type"/> over the appended values without copying, and adds the rented
    /// array to <paramref name="rentals"/>, whose owner (a <see cref="Arrow.PooledRecordBatch"/>) returns it to the pool.
    /// The column is empty afterwards and rents a new buffer on the next append.
    /// </summary>
    /// <param name="type">An Arrow type whose values are <typeparamref name="T"/>, e.g. Int64 or Timestamp for <c>long</c>.</param>
    /// <param name="rentals">Receives the rented array.</param>
    public IArrowArray Detach(IArrowType type, List<byte[]> rentals)
    {
        ArgumentNullException.ThrowIfNull(type);
        int count = _count;
        ArrowBuffer values = DetachBuffer(rentals);
        return ArrowArrayFactory.BuildArray(new ArrayData(type, count, 0, 0, new[] { ArrowBuffer.Empty, values }));
    }

    /// <summary>Returns the buffer to the pool. The column stays usable and rents again when appended to.</summary>
    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = System.Array.Empty<byte>();
        _count = 0;
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>The appended values as an Arrow buffer; the rented array goes to <paramref name="rentals"/> and the column starts empty.</summary>
    internal ArrowBuffer DetachBuffer(List<byte[]> rentals)
    {
        ArgumentNullException.ThrowIfNull(rentals);
        byte[] buffer = _buffer;
        int length = _count * Unsafe.SizeOf<T>();
        _buffer = System.Array.Empty<byte>();
        _count = 0;
        if (buffer.Length == 0) return ArrowBuffer.Empty;
        rentals.Add(buffer);
        return new ArrowBuffer(new ReadOnlyMemory<byte>(buffer, 0, length));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int minimumBytes)
    {
        byte[] old = _buffer;
        byte[] grown = ArrayPool<byte>.Shared.Rent(Math.Max(minimumBytes, Math.Max(MinimumBytes, old.Length * 2)));
        old.AsSpan(0, _count * Unsafe.SizeOf<T>()).CopyTo(grown);
        _buffer = grown;
        if (old.Length > 0) ArrayPool<byte>.Shared.Return(old);
    }
}
