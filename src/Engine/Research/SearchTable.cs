using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Apache.Arrow;
using Backtester.Infrastructure;
using Backtester.Results;

namespace Backtester.Research;

/// <summary>
/// A search's finished table read back by a resume instead of running its rows again: a successive-halving rung's
/// (decision 0100), or a random search's found beside its journal (decision 0109). It is trusted only as far as the other
/// readers of sweep tables trust theirs: its metadata must be the one this search would write
/// (<see cref="ResultMetadata.ProvenanceDifferences"/>: engine, strategy, grid, the data or the rung's data prefix, every
/// option; and exactly the search's own keys, <see cref="Keys"/>), its columns this strategy's, its rows must match their
/// checksum (<see cref="SweepRowsChecksum"/>), and they must be exactly this search's indices, in order. Anything else is
/// refused naming the file, what is wrong and the remedy; what Apache.Arrow or our columns cannot read is wrapped so
/// (<see cref="UnreadableResultFile"/>).
/// </summary>
internal static class SearchTable
{
    /// <summary>What the table is called in a refusal, and what the user does about a damaged one and another search's.</summary>
    internal sealed record Kind(string Name, string DamagedRemedy, string OtherSearchRemedy);

    /// <summary>A halving rung's table, read back whenever a resumed search finds it.</summary>
    public static readonly Kind HalvingRung = new("rung table",
        "Delete the file to run its rung again, or run again with SweepOutput.Fresh (--fresh) to search again from the start.",
        "Resume with the settings that wrote it, or run again with SweepOutput.Fresh (--fresh) to search again from the start.");

    /// <summary>A random search's table, read back only when a journal is beside it (another search's table is replaced, unread).</summary>
    public static readonly Kind Random = new("search table",
        "Delete the file to resume from the journal beside it.",
        "Delete the file to resume from the journal beside it.");

    /// <summary>
    /// Metadata keys that are a search's own, compared exactly (the provenance comparison leaves them out): the table kind,
    /// the grid range, a halving rung and its prefix end, the seed and a random search's sample size. A key that a kind of
    /// search does not write is absent on both sides.
    /// </summary>
    public static readonly string[] Keys =
    [
        ResultMetadata.Keys.Table, ResultMetadata.Keys.GridStart, ResultMetadata.Keys.GridCount, SuccessiveHalving.RungKey,
        SuccessiveHalving.PrefixEndKey, RandomSearch.SeedKey, RandomSearch.SamplesKey,
    ];

    /// <summary>How the metadata and columns of <paramref name="schema"/> differ from those of the table this search writes (<paramref name="metadata"/>): empty when it is this search's.</summary>
    public static List<string> Differences<TParameters>(Schema schema, IReadOnlyDictionary<string, string> metadata)
        where TParameters : struct, IStrategyParameters<TParameters>
    {
        ResultMetadata theirs = ResultMetadata.FromSchema(schema);
        var differences = new List<string>(ResultMetadata.FromEntries(metadata).ProvenanceDifferences(theirs, "now", "in the table"));
        differences.AddRange(KeyDifferences(metadata, theirs.Entries, "in the table"));
        if (differences.Count == 0 && !SweepTable.SameColumns(schema, SweepTableColumns<TParameters>.SchemaFor(metadata)))
            differences.Add("columns: the table's columns differ from this strategy's sweep table");
        return differences;
    }

    /// <summary>The search's own <see cref="Keys"/> whose values differ between <paramref name="ours"/> and <paramref name="theirs"/> (<paramref name="there"/> names their side).</summary>
    public static List<string> KeyDifferences(IReadOnlyDictionary<string, string> ours, IReadOnlyDictionary<string, string> theirs, string there)
    {
        var differences = new List<string>();
        foreach (string key in Keys)
        {
            string? now = ours.GetValueOrDefault(key), saved = theirs.GetValueOrDefault(key);
            if (now != saved) differences.Add($"{key}: {now ?? "(not recorded)"} now, {saved ?? "(not recorded)"} {there}");
        }
        return differences;
    }

    /// <summary>Whether the table at <paramref name="path"/> is this search's by its metadata and columns (its rows are not read).</summary>
    /// <exception cref="InvalidDataException">The file cannot be read as an Arrow file.</exception>
    public static bool IsThisSearchs<TParameters>(string path, IReadOnlyDictionary<string, string> metadata, Kind kind)
        where TParameters : struct, IStrategyParameters<TParameters> =>
        UnreadableResultFile.Read(path, kind.Name, kind.DamagedRemedy, () =>
        {
            using var table = new SweepTableReader(path);
            return Differences<TParameters>(table.Schema, metadata).Count == 0;
        });

    /// <summary>The table at <paramref name="path"/>, which must be the one this search writes: <paramref name="metadata"/> and <paramref name="indices"/>.</summary>
    /// <exception cref="InvalidDataException">The table is damaged: unreadable, cut short, or its rows do not match their checksum.</exception>
    /// <exception cref="ProvenanceMismatchException">The table was written by another search (its metadata, columns or indices differ).</exception>
    public static SweepResult<TParameters> Read<TStrategy, TParameters, TDriver>(string path, ParameterGrid<TStrategy, TParameters, TDriver> grid,
        long[] indices, IReadOnlyDictionary<string, string> metadata, Kind kind)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        var read = UnreadableResultFile.Read(path, kind.Name, kind.DamagedRemedy, () => ReadRows<TParameters>(path, indices, metadata, kind));
        var rows = new SweepRow<TParameters>[read.Count];
        for (int k = 0; k < rows.Length; k++) rows[k] = new SweepRow<TParameters>(read[k].Index, grid[read[k].Index - grid.Start], read[k].Summary, read[k].Error);
        return IndexSweep.SweepResultOf(rows, grid, TimeSpan.Zero);
    }

    private static List<(long Index, BacktestSummary Summary, string? Error)> ReadRows<TParameters>(string path, long[] indices,
        IReadOnlyDictionary<string, string> metadata, Kind kind)
        where TParameters : struct, IStrategyParameters<TParameters>
    {
        using var table = new SweepTableReader(path);
        List<string> differences = Differences<TParameters>(table.Schema, metadata);
        if (differences.Count > 0)
            throw new ProvenanceMismatchException($"{path}: the {kind.Name} was written by another search", differences, kind.OtherSearchRemedy);
        var checksum = new SweepRowsChecksum();
        var rows = new List<(long, BacktestSummary, string?)>(indices.Length);
        while (table.ReadBatch())
        {
            // The checksum first: it reads every cell, through the bounds-checked accessors, before a row is taken.
            checksum.Append(table.Batch);
            for (int row = 0; row < table.Batch.Length; row++) rows.Add((table.Index(row) ?? -1, table.Summary(row), table.Error(row)));
        }
        checksum.Check(path, ResultMetadata.FromSchema(table.Schema).Entries, kind.DamagedRemedy);
        CheckIndices(path, rows, indices, kind);
        return rows;
    }

    /// <summary>The rows must be this search's indices, in order: another sample, shard, objective or earlier rung chose others.</summary>
    private static void CheckIndices(string path, List<(long Index, BacktestSummary, string?)> rows, long[] indices, Kind kind)
    {
        int k = 0;
        while (k < rows.Count && k < indices.Length && rows[k].Index == indices[k]) k++;
        if (k == rows.Count && k == indices.Length) return;
        string at = k < rows.Count && k < indices.Length
            ? string.Create(CultureInfo.InvariantCulture, $"row {k} is grid index {rows[k].Index} where the candidate is {indices[k]}")
            : k < indices.Length
                ? string.Create(CultureInfo.InvariantCulture, $"candidate {indices[k]} has no row")
                : string.Create(CultureInfo.InvariantCulture, $"row {k} (grid index {rows[k].Index}) is no candidate");
        throw new ProvenanceMismatchException($"{path}: the {kind.Name} was written by another search",
            [string.Create(CultureInfo.InvariantCulture, $"candidates: {indices.Length} now, {rows.Count} rows in the table; {at}")], kind.OtherSearchRemedy);
    }
}
