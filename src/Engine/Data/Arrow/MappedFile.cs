using System;
using System.IO;
using System.IO.MemoryMappedFiles;

namespace Backtester.Data;

/// <summary>
/// A read-only memory mapping of a whole file. Columns point straight into it (see <see cref="MappedMemory{T}"/>),
/// so the OS pages data in on first touch and nothing is copied onto the managed heap. The mapping is never
/// released by a finalizer (a span taken from a column could still be in use); only <see cref="Dispose"/> unmaps.
/// </summary>
internal sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private byte* _pointer;

    private MappedFile(MemoryMappedFile file, MemoryMappedViewAccessor view, long length)
    {
        _file = file;
        _view = view;
        Length = length;
        byte* p = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        _pointer = p + view.PointerOffset;
    }

    public long Length { get; }

    /// <summary>Maps <paramref name="path"/>; an empty file cannot be mapped and is reported as such.</summary>
    public static MappedFile Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
        long length = stream.Length;
        if (length == 0)
        {
            stream.Dispose();
            throw new MarketDataException(path, -1, null, "the file is empty");
        }
        MemoryMappedFile file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        MemoryMappedViewAccessor view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        return new MappedFile(file, view, length);
    }

    /// <summary>The bytes at [<paramref name="offset"/>, +<paramref name="length"/>) as a span (no copy).</summary>
    public ReadOnlySpan<byte> Span(long offset, int length)
    {
        Check(offset, (long)length);
        return new ReadOnlySpan<byte>(_pointer + offset, length);
    }

    /// <summary>
    /// <paramref name="count"/> values of <typeparamref name="T"/> starting <paramref name="offset"/> bytes into
    /// the file, as memory that points into the mapping.
    /// </summary>
    public ReadOnlyMemory<T> Memory<T>(long offset, int count) where T : unmanaged
    {
        Check(offset, (long)count * sizeof(T));
        return new MappedMemory<T>(this, (T*)(_pointer + offset), count).Memory;
    }

    public void Dispose()
    {
        if (_pointer == null) return;
        _pointer = null;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    private void Check(long offset, long byteCount)
    {
        ObjectDisposedException.ThrowIf(_pointer == null, this);
        if (offset < 0 || byteCount < 0 || offset + byteCount > Length)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"Bytes [{offset}, {offset + byteCount}) are outside the {Length}-byte file.");
    }
}
