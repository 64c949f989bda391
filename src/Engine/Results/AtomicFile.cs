using System;
using System.IO;

namespace Backtester.Results;

/// <summary>
/// A file written under a temporary name in the target's folder and renamed to the target only by
/// <see cref="Commit"/>: a crash or an exception leaves no half-written target behind, and disposing without
/// committing deletes the temporary file.
/// </summary>
internal sealed class AtomicFile : IDisposable
{
    private bool _committed;

    /// <summary>Creates (or truncates) the temporary file for <paramref name="path"/>, creating its folder if needed.</summary>
    public AtomicFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        string folder = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(folder);
        TemporaryPath = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        Stream = new FileStream(TemporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
    }

    /// <summary>Writes <paramref name="path"/> all or nothing: <paramref name="write"/> fills the temporary file, which then replaces the target.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var file = new AtomicFile(path);
        write(file.Stream);
        file.Commit();
    }

    /// <summary>The final path.</summary>
    public string Path { get; }

    /// <summary>Where the content is written until <see cref="Commit"/>.</summary>
    public string TemporaryPath { get; }

    /// <summary>The stream to write to.</summary>
    public FileStream Stream { get; }

    /// <summary>Flushes to disk and renames the temporary file to <see cref="Path"/>, replacing any existing file.</summary>
    public void Commit()
    {
        Stream.Flush(flushToDisk: true);
        Stream.Dispose();
        File.Move(TemporaryPath, Path, overwrite: true);
        _committed = true;
    }

    /// <summary>Closes the stream; deletes the temporary file unless committed.</summary>
    public void Dispose()
    {
        Stream.Dispose();
        if (!_committed && File.Exists(TemporaryPath)) File.Delete(TemporaryPath);
    }
}
