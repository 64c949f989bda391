using System;
using System.Collections.Generic;
using System.IO;

namespace Backtester;

/// <summary>
/// Where a sweep writes its table: one row per combination (grid index, one typed column per parameter, the statistics,
/// and an error column) in grid-index order, as an Arrow IPC file. While the sweep runs, every finished chunk of rows is
/// journaled to a part file in a hidden folder next to it, so a crashed or cancelled sweep restarted with
/// <see cref="Resume"/> skips what is done and loses nothing that was journaled. The table file appears (atomically)
/// only when every combination is done; then the journal is deleted. Finished rows are journaled in grid-index order
/// at least every <see cref="JournalInterval"/>, so the journal is always a prefix of the table.
/// </summary>
/// <remarks>
/// An existing journal is never discarded silently: a sweep finding one needs <see cref="Resume"/> (continue it, after
/// checking it comes from the same strategy, grid, data and options) or <see cref="Fresh"/> (delete it and start over).
/// </remarks>
/// <param name="Directory">The folder for the table (created if missing).</param>
public sealed record SweepOutput(string Directory)
{
    /// <summary>The table's file name. Default <c>sweep.arrow</c>; shards use e.g. <c>sweep-shard-0-of-4.arrow</c>.</summary>
    public string FileName { get; init; } = "sweep.arrow";

    /// <summary>
    /// Continue the journal of an interrupted run of the same sweep: its rows are kept (failed ones are run again) and
    /// the rest is run. The journal must come from the same strategy build, grid definition and range, data
    /// fingerprint, options and engine version, else the sweep refuses with a <see cref="Results.ProvenanceMismatchException"/>
    /// naming each difference. Without a journal, the sweep starts from the beginning. With this sweep's finished table
    /// beside the journal (a crash between the table's commit and the journal's deletion), the table wins: the journal is
    /// deleted once it is shown to hold only the table's rows, and nothing runs (decision 0109); so with the finished table
    /// and no journal (the sweep had finished), its rows are read from the table and nothing runs. Default false.
    /// </summary>
    public bool Resume { get; init; }

    /// <summary>Delete the journal of an earlier, unfinished run (if any) and start over. Default false: a journal found without <see cref="Resume"/> or <see cref="Fresh"/> is an error.</summary>
    public bool Fresh { get; init; }

    /// <summary>The longest time finished rows wait before they are journaled. Default 2 s.</summary>
    public TimeSpan JournalInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Compression of the table file.</summary>
    public ArrowFileOptions Arrow { get; init; } = ArrowFileOptions.Default;

    /// <summary>Extra schema metadata for the table (keys must not start with <c>backtester.</c>, the engine's provenance).</summary>
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
        if (Resume && Fresh)
            throw new ArgumentException("SweepOutput.Resume and SweepOutput.Fresh exclude each other: continue the journal, or discard it.", nameof(Fresh));
        if (JournalInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(JournalInterval), JournalInterval, "JournalInterval must be positive.");
    }
}
