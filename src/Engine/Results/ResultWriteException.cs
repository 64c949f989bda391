using System;

namespace Backtester;

/// <summary>
/// Result files could not be written (disk full, read-only file system, permission denied, a folder named like an
/// existing file). Nothing of the failed result set is left behind: no partial file and no temporary file.
/// </summary>
public sealed class ResultWriteException : BacktesterException
{
    /// <summary>Creates the exception for <paramref name="path"/>, with the operating system's reason in <paramref name="inner"/>.</summary>
    public ResultWriteException(string path, Exception inner)
        : base($"cannot write results to '{path}': {ArgumentNullThrow(inner).Message.ReplaceLineEndings(" ")}", inner)
    {
        Path = path;
    }

    /// <summary>The file or folder that could not be written.</summary>
    public string Path { get; }

    private static Exception ArgumentNullThrow(Exception inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        return inner;
    }
}
