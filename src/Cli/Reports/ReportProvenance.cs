using System.Collections.Generic;
using System.IO;
using Backtester.Results;

namespace Backtester.Cli.Reports;

/// <summary>
/// Refuses a report over result files that are not of one run (or one sweep, one walk-forward). A report reads
/// <c>summary</c>, <c>equity</c>, <c>fills</c>, <c>sweep</c> and <c>windows</c> in whichever format it finds first, so a
/// folder that two runs wrote into (the second with another <c>--format</c>, or a file copied in) was drawn as one run:
/// one run's statistics over another's equity and fills, and exit 0.
/// </summary>
internal static class ReportProvenance
{
    private static readonly string[] Tables = ["summary", "equity", "fills", "sweep", "windows"];

    private static readonly ResultFormat[] Formats = [ResultFormat.Arrow, ResultFormat.Parquet, ResultFormat.Csv];

    /// <exception cref="UserErrorException">Two of the folder's result files are of different runs, or may be.</exception>
    public static void Check(string folder)
    {
        (string Path, ResultMetadata Metadata)? first = null;
        foreach (string table in Tables)
        {
            var present = new List<string>();
            foreach (ResultFormat format in Formats)
                if (Path.Combine(folder, table + ResultFiles.Extension(format)) is var path && File.Exists(path)) present.Add(path);
            if (present.Count == 0) continue;
            if (present.Count > 1) CheckFormats(folder, present);
            // CSV keeps no provenance, and a file of another program none of ours: nothing to compare.
            if (Read(present[0]) is not { SchemaVersion: not null } metadata) continue;
            if (first is { } that) Compare(folder, that, (present[0], metadata));
            else first = (present[0], metadata);
        }
    }

    /// <summary>One table in several formats: the report reads the first, so they must be of one run.</summary>
    private static void CheckFormats(string folder, List<string> paths)
    {
        string names = string.Join(" and ", paths.ConvertAll(Path.GetFileName));
        if (paths.Exists(p => p.EndsWith(".csv", System.StringComparison.OrdinalIgnoreCase)))
            throw new UserErrorException($"--in: '{folder}' holds {names}, and a CSV file carries no provenance to tell whether they are of one run; the report would read {Path.GetFileName(paths[0])}. Remove the other run's files, or write each run to its own --out.");
        var first = (paths[0], Read(paths[0])!);
        for (int i = 1; i < paths.Count; i++) Compare(folder, first, (paths[i], Read(paths[i])!));
    }

    private static void Compare(string folder, (string Path, ResultMetadata Metadata) here, (string Path, ResultMetadata Metadata) there)
    {
        string a = Path.GetFileName(here.Path), b = Path.GetFileName(there.Path);
        var differences = new List<string>();
        if (here.Metadata.Parameters is { } ours && there.Metadata.Parameters is { } theirs && ours != theirs)
            differences.Add($"parameters: {ours} in {a}, {theirs} in {b}");
        differences.AddRange(here.Metadata.ProvenanceDifferences(there.Metadata, "in " + a, "in " + b));
        if (differences.Count > 0)
            throw new UserErrorException($"--in: '{folder}' holds results of different runs: {b} is not of the run of {a} ({string.Join("; ", differences)}). Remove the other run's files, or write each run to its own --out.");
    }

    private static ResultMetadata? Read(string path) =>
        path.EndsWith(".csv", System.StringComparison.OrdinalIgnoreCase) ? null : BacktesterCli.Input($"cannot read '{path}'", () => ResultMetadata.Read(path));
}
