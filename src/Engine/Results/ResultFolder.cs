using System;
using System.IO;

namespace Backtester.Results;

/// <summary>
/// Creates the folder results go to, refusing a path through a file by that file's name. <see cref="Directory.CreateDirectory(string)"/>
/// words it as "Could not find a part of the path '…/day.arrow/.sweep.arrow.parts'" or "The file '…' already exists",
/// which names neither the cause nor the folder asked for.
/// </summary>
internal static class ResultFolder
{
    /// <summary>Creates <paramref name="folder"/> and its parents.</summary>
    /// <exception cref="ResultWriteException">The folder, or one of its parents, is a file; or the file system refused.</exception>
    public static void Create(string folder)
    {
        try
        {
            ThrowIfThroughAFile(folder);
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResultWriteException(Path.GetFullPath(folder), e);
        }
    }

    /// <summary>Refuses <paramref name="folder"/> before a long computation whose results would go there.</summary>
    /// <exception cref="ResultWriteException">The folder, or the nearest of its parents that exists, is a file.</exception>
    public static void Check(string folder)
    {
        try
        {
            ThrowIfThroughAFile(folder);
        }
        catch (IOException e)
        {
            throw new ResultWriteException(Path.GetFullPath(folder), e);
        }
    }

    /// <exception cref="IOException"><paramref name="folder"/>, or the nearest of its parents that exists, is a file.</exception>
    public static void ThrowIfThroughAFile(string folder)
    {
        for (string? at = Path.GetFullPath(folder); !string.IsNullOrEmpty(at); at = Path.GetDirectoryName(at))
        {
            if (Directory.Exists(at)) return;
            if (File.Exists(at)) throw new IOException($"'{at}' is a file, not a folder");
        }
    }
}
