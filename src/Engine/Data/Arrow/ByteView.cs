using System;
using System.Buffers;
using System.Runtime.InteropServices;

namespace Backtester.Data;

/// <summary>
/// A column's values seen as bytes, so the Arrow writer can wrap them in an <c>ArrowBuffer</c> without copying
/// (Arrow buffers are byte memory; our columns are typed memory).
/// </summary>
internal sealed class ByteView<T> : MemoryManager<byte> where T : unmanaged
{
    private readonly ReadOnlyMemory<T> _values;
    private MemoryHandle _pin;

    private ByteView(ReadOnlyMemory<T> values) => _values = values;

    public static ReadOnlyMemory<byte> Of(ReadOnlyMemory<T> values) => new ByteView<T>(values).Memory;

    public override Span<byte> GetSpan()
    {
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(_values.Span);
        return MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(bytes), bytes.Length);
    }

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        _pin = _values.Pin();
        return new MemoryHandle((byte*)_pin.Pointer + elementIndex);
    }

    public override void Unpin() => _pin.Dispose();

    protected override void Dispose(bool disposing) { }
}
