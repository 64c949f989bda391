using System;
using System.Buffers;

namespace Backtester.Data;

/// <summary>
/// <see cref="Memory{T}"/> over values inside a <see cref="MappedFile"/>: what lets a mapped Arrow buffer be
/// a column's <see cref="ReadOnlyMemory{T}"/> without copying. It holds the mapping, so the mapping lives
/// as long as any column made from it is reachable. The memory is never pinned or moved, so pinning is free.
/// </summary>
internal sealed unsafe class MappedMemory<T> : MemoryManager<T> where T : unmanaged
{
    private readonly MappedFile _file;
    private readonly T* _pointer;
    private readonly int _length;

    public MappedMemory(MappedFile file, T* pointer, int length)
    {
        _file = file;
        _pointer = pointer;
        _length = length;
    }

    public override Span<T> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        if ((uint)elementIndex > (uint)_length) throw new ArgumentOutOfRangeException(nameof(elementIndex));
        return new MemoryHandle(_pointer + elementIndex);
    }

    public override void Unpin() { }

    protected override void Dispose(bool disposing) { }
}
