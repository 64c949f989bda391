using System;
using System.Collections.Generic;
using System.IO;

namespace Backtester.Results;

/// <summary>
/// A file written under a temporary name in the target's folder and renamed to the target only by
/// <see cref="Commit"/> (or, for a set of files that must appear together, <see cref="CommitTogether"/>): a crash or
/// an exception leaves no half-written target behind, and disposing without committing deletes the temporary file.
/// Failures of the file system (disk full, read-only, permission denied, a folder named like a file) become
/// <see cref="ResultWriteException"/>s naming the path.
/// </summary>
internal sealed class AtomicFile : IDisposable
{
    private bool _sealed;
    private bool _committed;

    /// <summary>Creates (or truncates) the temporary file for <paramref name="path"/>, creating its folder if needed.</summary>
    public AtomicFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        string folder = System.IO.Path.GetDirectoryName(Path)!;
        TemporaryPath = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            ResultFolder.ThrowIfThroughAFile(folder);
            Directory.CreateDirectory(folder);
            Stream = new FileSystemLimitStream(new FileStream(TemporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResultWriteException(Path, e);
        }
    }

    /// <summary>Writes <paramref name="path"/> all or nothing: <paramref name="write"/> fills the temporary file, which then replaces the target.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var file = new AtomicFile(path);
        try
        {
            write(file.Stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResultWriteException(file.Path, e);
        }
        file.Commit();
    }

    /// <summary>The final path (until <see cref="CommitAs"/> names another in the same folder).</summary>
    public string Path { get; private set; }

    /// <summary>Where the content is written until <see cref="Commit"/>.</summary>
    public string TemporaryPath { get; }

    /// <summary>The stream to write to (the temporary file's, with the file system's size limit reported as an <see cref="IOException"/>).</summary>
    public FileSystemLimitStream Stream { get; }

    /// <summary>Flushes the content to disk and closes the stream; the file keeps its temporary name.</summary>
    public void Seal()
    {
        if (_sealed) return;
        try
        {
            Stream.FlushToDisk();
            Stream.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResultWriteException(Path, e);
        }
        _sealed = true;
    }

    /// <summary>Flushes to disk and renames the temporary file to <see cref="Path"/>, replacing any existing file.</summary>
    public void Commit()
    {
        Seal();
        Move(this);
    }

    /// <summary>
    /// Commits under <paramref name="path"/>, in the temporary file's folder: for a name that depends on the content
    /// (a checksum), known only once it is written. <see cref="Seal"/> first, then read <see cref="TemporaryPath"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is in another folder.</exception>
    public void CommitAs(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(full) != System.IO.Path.GetDirectoryName(Path))
            throw new ArgumentException($"'{path}' is not in the folder of '{Path}'.", nameof(path));
        Path = full;
        Commit();
    }

    /// <summary>
    /// Seals every file, then renames them into place in order, so the last one (a run's summary) appears last. An
    /// existing target of the last file is deleted first, so a folder never pairs an old summary with new files. When
    /// a rename fails, the files already renamed are deleted again and every temporary file is removed: the set
    /// appears whole or not at all.
    /// </summary>
    public static void CommitTogether(IReadOnlyList<AtomicFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (AtomicFile file in files) file.Seal();
        if (files.Count == 0) return;
        AtomicFile last = files[^1];
        try
        {
            if (File.Exists(last.Path)) File.Delete(last.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResultWriteException(last.Path, e);
        }
        int moved = 0;
        try
        {
            for (; moved < files.Count; moved++) Move(files[moved]);
        }
        catch
        {
            for (int i = 0; i < moved; i++) TryDelete(files[i].Path);
            throw;
        }
    }

    /// <summary>Closes the stream; deletes the temporary file unless committed. Never throws for a failing disk.</summary>
    public void Dispose()
    {
        try
        {
            Stream?.Dispose(); // may flush buffered bytes onto a full disk and throw
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The content is being discarded anyway (the stream reports a file-size limit as an IOException too).
        }
        if (!_committed) TryDelete(TemporaryPath);
    }

    private static void Move(AtomicFile file)
    {
        try
        {
            File.Move(file.TemporaryPath, file.Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResultWriteException(file.Path, e);
        }
        file._committed = true;
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path)) File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done on a failing file system; the caller is already reporting the first failure.
        }
    }
}
