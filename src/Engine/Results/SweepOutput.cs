using System;
using System.Collections.Generic;
using System.IO;

namespace Backtester;

/// <summary>
/// Where a sweep writes its table: one row per combination (grid index, one typed column per parameter, the statistics,
/// and an error column) in grid-index order, as an Arrow IPC file. While the sweep runs, every finished chunk of rows is
/// journaled to a part file in a hidden folder next to it, so a crashed or cancelled sweep restarted with
/// <see cref="Resume"/> skips what is done and loses nothing that was journaled. The table file appears (atomically)
/// only when every combination is done; then the journal is deleted.
/// </summary>
/// <param name="Directory">The folder for the table (created if missing).</param>
public sealed record SweepOutput(string Directory)
{
    /// <summary>The table's file name. Default <c>sweep.arrow</c>; shards use e.g. <c>sweep-shard-0-of-4.arrow</c>.</summary>
    public string FileName { get; init; } = "sweep.arrow";

    /// <summary>Reuse the journal of an interrupted run of the same sweep instead of starting over. Default false (an old journal is discarded).</summary>
    public bool Resume { get; init; }

    /// <summary>Compression of the table file.</summary>
    public ArrowFileOptions Arrow { get; init; } = ArrowFileOptions.Default;

    /// <summary>Extra schema metadata for the table.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>The table's full path.</summary>
    public string FilePath => Path.Combine(Directory, FileName);

    /// <summary>The journal folder of an unfinished sweep.</summary>
    public string JournalDirectory => Path.Combine(Directory, "." + FileName + ".parts");

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
            throw new ArgumentException("SweepOutput.Directory must name a folder.", nameof(Directory));
        if (string.IsNullOrWhiteSpace(FileName) || FileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            throw new ArgumentException($"SweepOutput.FileName '{FileName}' is not a valid file name.", nameof(FileName));
        ArgumentNullException.ThrowIfNull(Arrow, nameof(Arrow));
        Arrow.Validate();
    }
}
