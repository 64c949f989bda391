using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Backtester.Cli.Sweeps;

/// <summary>
/// The <c>detail/index-N</c> folders a sweep owns: those of the grid range it covered (the whole grid, or its shard's
/// slice). Once its table is written, every such folder from an earlier run is stale, whether or not this run details
/// anything, so the new runs are written aside and put in place of the old ones; other shards' folders are left alone.
/// A crash leaves at most hidden <c>.staging-*</c>/<c>.stale-*</c> folders, never a stale <c>index-N</c> beside the new
/// table (decision 0095).
/// </summary>
internal sealed class SweepDetailFolders
{
    private const string Prefix = "index-";
    private readonly string _detail;
    private readonly long _start, _end;
    private readonly string _staging;

    /// <param name="directory">The sweep's <c>--out</c> folder.</param>
    /// <param name="start">The first grid index of the sweep's range.</param>
    /// <param name="count">The number of combinations in it.</param>
    /// <param name="whole">The sweep covers the whole grid: it owns every <c>index-N</c> folder (also of other grids).</param>
    public SweepDetailFolders(string directory, long start, long count, bool whole)
    {
        _detail = Path.Combine(directory, "detail");
        (_start, _end) = whole ? (long.MinValue, long.MaxValue) : (start, start + count);
        _staging = Path.Combine(_detail, ".staging-" + Guid.NewGuid().ToString("N"));
    }

    /// <summary>Where the re-run of grid index <paramref name="index"/> is written before <see cref="Commit"/>.</summary>
    public string Staged(long index) => Path.Combine(_staging, Name(index));

    /// <summary>Where it is after <see cref="Commit"/>.</summary>
    public string Final(long index) => Path.Combine(_detail, Name(index));

    /// <summary>Moves this run's stale folders out, the staged ones in, and deletes the stale ones.</summary>
    public void Commit()
    {
        if (!Directory.Exists(_detail)) return;
        string stale = Path.Combine(_detail, ".stale-" + Guid.NewGuid().ToString("N"));
        foreach (string folder in Owned())
        {
            Directory.CreateDirectory(stale);
            Directory.Move(folder, Path.Combine(stale, Path.GetFileName(folder)));
        }
        if (Directory.Exists(_staging))
        {
            foreach (string folder in Directory.GetDirectories(_staging)) Directory.Move(folder, Path.Combine(_detail, Path.GetFileName(folder)));
            Directory.Delete(_staging);
        }
        if (Directory.Exists(stale)) Directory.Delete(stale, recursive: true);
        if (Directory.GetFileSystemEntries(_detail).Length == 0) Directory.Delete(_detail);
    }

    /// <summary>Deletes what was staged (a re-run failed); the stale folders go all the same, as they no longer match the table.</summary>
    public void Abandon()
    {
        if (Directory.Exists(_staging)) Directory.Delete(_staging, recursive: true);
        Commit();
    }

    private IEnumerable<string> Owned()
    {
        foreach (string folder in Directory.GetDirectories(_detail, Prefix + "*"))
        {
            string name = Path.GetFileName(folder);
            if (long.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out long index) && index >= _start && index < _end)
                yield return folder;
        }
    }

    private static string Name(long index) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{index}");
}
