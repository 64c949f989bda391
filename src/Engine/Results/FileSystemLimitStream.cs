using System;
using System.IO;

namespace Backtester.Results;

/// <summary>
/// The stream an <see cref="AtomicFile"/> hands its writers: its file's <see cref="FileStream"/>, with the file system's
/// size limit reported as what it is. .NET reports a write past the largest file the file system or the process allows
/// (<c>EFBIG</c>: <c>ulimit -f</c>, FAT32's 4 GiB) as <see cref="ArgumentOutOfRangeException"/> ("Specified file
/// length was too large for the file system"), which the writers' handling of disk failures did not take for one: a run
/// ended as an internal error and left its temporary files. Here it is an <see cref="IOException"/>, so it becomes a
/// <see cref="ResultWriteException"/> naming the file like a full disk. The arguments of every call are checked before
/// the inner stream sees them, so an <see cref="ArgumentOutOfRangeException"/> from the inner stream is the file system's.
/// </summary>
internal sealed class FileSystemLimitStream(FileStream inner) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    /// <summary>Flushes the content to the disk itself, not only to the operating system.</summary>
    public void FlushToDisk() => Translate(() => inner.Flush(flushToDisk: true));

    public override void Flush() => Translate(inner.Flush);

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            inner.Write(buffer);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw TooLarge(e);
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        Translate(() => inner.SetLength(value));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Translate(inner.Dispose); // flushes what is buffered
        base.Dispose(disposing);
    }

    private static void Translate(Action action)
    {
        try
        {
            action();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw TooLarge(e);
        }
    }

    private static IOException TooLarge(ArgumentOutOfRangeException e) =>
        new($"the file would exceed the largest file the file system or the process allows ({e.Message.ReplaceLineEndings(" ")})", e);
}
