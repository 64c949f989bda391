using System;
using System.IO;

namespace Backtester.Results;

/// <summary>
/// What the readers of result files (shard merges, the resume journal, <see cref="ResultFileReader"/>) throw for a file
/// that Apache.Arrow, Parquet.Net or our columns cannot read: an <see cref="InvalidDataException"/> naming the file and
/// what the reader said, instead of the reader's own exception (a damaged file made Apache.Arrow throw
/// <see cref="NullReferenceException"/>s and <see cref="ArgumentOutOfRangeException"/>s that named no file).
/// </summary>
internal static class UnreadableResultFile
{
    /// <summary>
    /// True when <paramref name="e"/> is to pass as it is: one of ours, an <see cref="InvalidDataException"/> whose
    /// message starts with the path, or a file that cannot be opened (missing, not allowed), which is not a damaged one.
    /// Cancellation is never a damaged file either.
    /// </summary>
    public static bool Names(Exception e, string path) =>
        e is BacktesterException or OperationCanceledException or OutOfMemoryException
            or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException
        || (e is InvalidDataException && e.Message.StartsWith(path, StringComparison.Ordinal));

    /// <summary>
    /// Runs <paramref name="read"/> over <paramref name="path"/>; a reader's own exception becomes <see cref="Error"/>,
    /// and with a <paramref name="remedy"/>, a refusal naming the file that does not give it yet gets it appended.
    /// </summary>
    public static T Read<T>(string path, string what, string? remedy, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (!Names(e, path))
        {
            throw Error(path, what, e, remedy);
        }
        catch (InvalidDataException e) when (remedy is not null && !e.Message.EndsWith(remedy, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{e.Message}. {remedy}", e); // the file's own refusal (ArrowIpcFile), with the remedy
        }
    }

    /// <summary>The refusal of <paramref name="path"/>, as <paramref name="what"/> (e.g. "sweep table"), with the reader's exception inside.</summary>
    public static InvalidDataException Error(string path, string what, Exception e, string? remedy = null) =>
        new($"{path}: not a readable {what} ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}){(remedy is null ? "" : " " + remedy)}", e);
}
