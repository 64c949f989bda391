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
    /// True when <paramref name="e"/> already says what is wrong with <paramref name="path"/>: one of ours, or an
    /// <see cref="InvalidDataException"/> whose message starts with the path. Cancellation is never a damaged file.
    /// </summary>
    public static bool Names(Exception e, string path) =>
        e is BacktesterException or OperationCanceledException or OutOfMemoryException
        || (e is InvalidDataException && e.Message.StartsWith(path, StringComparison.Ordinal));

    /// <summary>The refusal of <paramref name="path"/>, as <paramref name="what"/> (e.g. "sweep table"), with the reader's exception inside.</summary>
    public static InvalidDataException Error(string path, string what, Exception e, string? remedy = null) =>
        new($"{path}: not a readable {what} ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}){(remedy is null ? "" : " " + remedy)}", e);
}
