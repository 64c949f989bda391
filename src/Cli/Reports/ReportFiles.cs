using System;
using System.Collections.Generic;
using System.IO;

namespace Backtester.Cli.Reports;

/// <summary>
/// Writes a report's files all or nothing: each under a temporary name in the output folder, then renamed into place,
/// the page last. A failure (a full disk, a folder that cannot be written) removes the temporary files and any already
/// renamed, and leaves the files of an earlier report as they were, except those already replaced. Before, a full
/// disk left <c>equity.png</c> and a cut <c>trades.png</c> behind.
/// </summary>
internal static class ReportFiles
{
    /// <summary>Writes <paramref name="files"/> (names in <paramref name="folder"/>, in the order they appear in place).</summary>
    /// <exception cref="UserErrorException">The file system refused; the message names the file.</exception>
    public static void WriteTogether(string folder, IReadOnlyList<(string Name, byte[] Bytes)> files)
    {
        var temporary = new List<(string Temporary, string Target)>();
        var renamed = new List<string>();
        string current = folder;
        try
        {
            foreach (var (name, bytes) in files)
            {
                current = Path.Combine(folder, name);
                string temp = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");
                temporary.Add((temp, current));
                using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            foreach (var (temp, target) in temporary)
            {
                current = target;
                File.Move(temp, target, overwrite: true);
                renamed.Add(target);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            foreach (var (temp, _) in temporary) TryDelete(temp);
            foreach (string target in renamed) TryDelete(target);
            throw new UserErrorException($"cannot write the report to '{current}': {e.Message.ReplaceLineEndings(" ")} (nothing of this report was kept).", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path)) File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The first failure is being reported; nothing more can be done on a failing file system.
        }
    }
}
