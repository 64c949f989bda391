using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Apache.Arrow;
using Backtester.Infrastructure;
using Backtester.Results;

namespace Backtester.Research;

/// <summary>
/// A finished successive-halving rung's table read back by a resumed search instead of running the rung again, trusted
/// only as far as the other readers of sweep tables trust theirs (decision 0100): its metadata must be the one this rung
/// would write (<see cref="ResultMetadata.ProvenanceDifferences"/>: engine, strategy, grid, the rung's data prefix,
/// every option; and the grid range, the table kind, the rung, its prefix end and the seed), its columns this
/// strategy's, its rows must match their checksum (<see cref="SweepRowsChecksum"/>), and they must be exactly this rung's
/// candidates, in order. Anything else is refused naming the file, what is wrong and the remedy; what
/// Apache.Arrow or our columns cannot read is wrapped so (<see cref="UnreadableResultFile"/>).
/// </summary>
internal static class HalvingRungTable
{
    /// <summary>What the user does about a damaged rung table: the last sentence of its refusal.</summary>
    public const string DamagedRemedy = "Delete the file to run its rung again, or delete the folder to search again from the start.";

    /// <summary>What the user does about another search's rung table: the last sentence of its refusal.</summary>
    public const string OtherSearchRemedy = "Resume with the settings that wrote it, or delete the folder to search again from the start.";

    /// <summary>Metadata keys that are the search's own, compared exactly (the provenance comparison leaves them out).</summary>
    private static readonly string[] SearchKeys =
        [ResultMetadata.Keys.Table, ResultMetadata.Keys.GridStart, ResultMetadata.Keys.GridCount, SuccessiveHalving.RungKey, SuccessiveHalving.PrefixEndKey, RandomSearch.SeedKey];

    /// <summary>The rung table at <paramref name="path"/>, which must be the one this rung writes: <paramref name="metadata"/> and <paramref name="candidates"/>.</summary>
    /// <exception cref="InvalidDataException">The table is damaged: unreadable, cut short, or its rows do not match their checksum.</exception>
    /// <exception cref="ProvenanceMismatchException">The table was written by another search (its metadata, columns or candidates differ).</exception>
    public static SweepResult<TParameters> Read<TStrategy, TParameters, TDriver>(string path, ParameterGrid<TStrategy, TParameters, TDriver> grid,
        long[] candidates, IReadOnlyDictionary<string, string> metadata)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        var read = UnreadableResultFile.Read(path, "halving rung table", DamagedRemedy, () => ReadRows<TParameters>(path, candidates, metadata));
        var rows = new SweepRow<TParameters>[read.Count];
        for (int k = 0; k < rows.Length; k++) rows[k] = new SweepRow<TParameters>(read[k].Index, grid[read[k].Index - grid.Start], read[k].Summary, read[k].Error);
        return IndexSweep.SweepResultOf(rows, grid, TimeSpan.Zero);
    }

    private static List<(long Index, BacktestSummary Summary, string? Error)> ReadRows<TParameters>(string path, long[] candidates, IReadOnlyDictionary<string, string> metadata)
        where TParameters : struct, IStrategyParameters<TParameters>
    {
        using var table = new SweepTableReader(path);
        ResultMetadata theirs = ResultMetadata.FromSchema(table.Schema);
        CheckProvenance(path, table.Schema, theirs, metadata, SweepTableColumns<TParameters>.SchemaFor(metadata));
        var checksum = new SweepRowsChecksum();
        var rows = new List<(long, BacktestSummary, string?)>(candidates.Length);
        while (table.ReadBatch())
        {
            // The checksum first: it reads every cell, through the bounds-checked accessors, before a row is taken.
            checksum.Append(table.Batch);
            for (int row = 0; row < table.Batch.Length; row++) rows.Add((table.Index(row) ?? -1, table.Summary(row), table.Error(row)));
        }
        checksum.Check(path, theirs.Entries, DamagedRemedy);
        CheckCandidates(path, rows, candidates);
        return rows;
    }

    private static void CheckProvenance(string path, Schema schema, ResultMetadata theirs, IReadOnlyDictionary<string, string> metadata, Schema columns)
    {
        var differences = new List<string>(ResultMetadata.FromEntries(metadata).ProvenanceDifferences(theirs, "now", "in the table"));
        foreach (string key in SearchKeys)
        {
            string? ours = metadata.GetValueOrDefault(key), saved = theirs.Entries.GetValueOrDefault(key);
            if (ours != saved) differences.Add($"{key}: {ours ?? "(not recorded)"} now, {saved ?? "(not recorded)"} in the table");
        }
        if (differences.Count == 0 && !SweepTable.SameColumns(schema, columns))
            differences.Add("columns: the table's columns differ from this strategy's sweep table");
        if (differences.Count > 0)
            throw new ProvenanceMismatchException($"{path}: the rung table was written by another search", differences, OtherSearchRemedy);
    }

    /// <summary>The rows must be this rung's candidates, in order: another sample, shard, objective or earlier rung chose others.</summary>
    private static void CheckCandidates(string path, List<(long Index, BacktestSummary, string?)> rows, long[] candidates)
    {
        int k = 0;
        while (k < rows.Count && k < candidates.Length && rows[k].Index == candidates[k]) k++;
        if (k == rows.Count && k == candidates.Length) return;
        string at = k < rows.Count && k < candidates.Length
            ? string.Create(CultureInfo.InvariantCulture, $"row {k} is grid index {rows[k].Index} where the candidate is {candidates[k]}")
            : k < candidates.Length
                ? string.Create(CultureInfo.InvariantCulture, $"candidate {candidates[k]} has no row")
                : string.Create(CultureInfo.InvariantCulture, $"row {k} (grid index {rows[k].Index}) is no candidate");
        throw new ProvenanceMismatchException($"{path}: the rung table was written by another search",
            [string.Create(CultureInfo.InvariantCulture, $"candidates: {candidates.Length} now, {rows.Count} rows in the table; {at}")], OtherSearchRemedy);
    }
}
