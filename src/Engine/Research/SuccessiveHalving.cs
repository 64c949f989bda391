using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using Backtester.Infrastructure;
using Backtester.Results;

namespace Backtester.Research;

/// <summary>
/// Successive halving over data prefixes (Jamieson and Talwalkar 2016, "Non-stochastic Best Arm Identification and
/// Hyperparameter Optimization"; Li et al. 2018, Hyperband): run many candidates on a short prefix of the data, keep the
/// best 1/η, run those on an η times longer prefix, and so on until the last rung runs the few survivors on all of it.
/// Each rung is an index sweep written in the sweep table format, journaled and resumable like a sweep.
/// </summary>
public static class SuccessiveHalving
{
    /// <summary>Metadata key of a rung table's rung number.</summary>
    public const string RungKey = "backtester.halving.rung";

    /// <summary>Metadata key of the end (exclusive, ns) of the data prefix a rung ran over.</summary>
    public const string PrefixEndKey = "backtester.halving.prefix_end";

    /// <summary>Runs successive halving of <paramref name="grid"/> over <paramref name="data"/>.</summary>
    public static SuccessiveHalvingResult<TParameters> Run<TStrategy, TParameters, TDriver>(MarketData data, ParameterGrid<TStrategy, TParameters, TDriver> grid,
        SuccessiveHalvingOptions? options = null, CancellationToken cancellationToken = default)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new SuccessiveHalvingOptions();
        options.Validate();
        long first = long.MaxValue, last = long.MinValue;
        foreach (var column in new[] { data.Trades.Timestamps, data.Quotes.Timestamps, data.Bars.Timestamps })
        {
            if (column.IsEmpty) continue;
            first = Math.Min(first, column.Span[0]);
            last = Math.Max(last, column.Span[^1]);
        }
        if (first > last) throw new ArgumentException($"{data.Source} has no events.", nameof(data));
        if (options.Sweep.Backtest.EquitySampleIntervalNs == EquitySampling.Auto)
            options = options with { Sweep = options.Sweep with { Backtest = options.Sweep.Backtest with { EquitySampleIntervalNs = EquitySampleIntervalFor(data, options) } } };

        long[] candidates = RandomSearch.SampleIndices(grid.Count, options.Candidates ?? grid.Count, options.Seed);
        for (int i = 0; i < candidates.Length; i++) candidates[i] += grid.Start;
        if (options.Shard is { } shard) candidates = RandomSearch.Slice(candidates, shard.Index, shard.Count);

        var rungs = new List<SweepResult<TParameters>>(options.Rungs);
        var ends = new List<long>(options.Rungs);
        for (int r = 0; r < options.Rungs && candidates.Length > 0; r++)
        {
            // The prefix [first, end): the last rung includes the last event.
            long span = last - first + 1;
            long end = r == options.Rungs - 1 ? last + 1 : first + (long)Math.Ceiling(span * options.Fraction(r));
            MarketData prefix = data.Between(first, end);
            var metadata = new Dictionary<string, string>
            {
                [RungKey] = r.ToString(CultureInfo.InvariantCulture),
                [PrefixEndKey] = end.ToString(CultureInfo.InvariantCulture),
                [RandomSearch.SeedKey] = options.Seed.ToString(CultureInfo.InvariantCulture),
            };
            SweepOutput? output = options.OutputDirectory is { } dir
                ? new SweepOutput(dir) { FileName = FileName(r, options.Shard), Resume = options.Resume, Fresh = options.Fresh }
                : null;
            SweepOptions sweep = options.Sweep with { Output = output };
            SweepResult<TParameters> rung;
            if (output is not null && options.Resume && File.Exists(output.FilePath))
            {
                // A finished rung is read back only if it is the table this rung would write (SearchTable says how).
                Dictionary<string, string> table = IndexSweep.TableMetadata(prefix, grid, sweep, metadata);
                rung = SearchTable.Read(output.FilePath, grid, candidates, table, SearchTable.HalvingRung);
                // A crash between the table's commit and the journal's deletion leaves both: the checked table wins, and
                // the journal goes once it is shown to hold only the table's rows (decision 0107).
                if (Directory.Exists(output.JournalDirectory))
                    new SampleJournal<TParameters>(output, table).DeleteSupersededBy(rung.Rows, grid.Start, grid.Count);
            }
            else
            {
                rung = IndexSweep.Run(prefix, grid, candidates, sweep, metadata, keepReturns: false, cancellationToken).Result;
            }
            rungs.Add(rung);
            ends.Add(end);
            if (r == options.Rungs - 1) break;

            int keep = (int)Math.Max(1, (rung.Count + options.Eta - 1) / options.Eta);
            // Every candidate NaN by the objective: those kept would be the lowest grid indices (decision 0105).
            if (options.Objective.Unranked(rung.Rows, keep) is { } unranked)
                throw new UnrankedObjectiveException(options.Objective.Name, string.Create(CultureInfo.InvariantCulture,
                    $"rung {r} (the first 1/{Math.Pow(options.Eta, options.Rungs - 1 - r):#,0} of the data, before {ResultFiles.Iso(end)})"), keep, unranked);
            IReadOnlyList<SweepRow<TParameters>> best = rung.Top(keep, options.Objective.Score, options.Objective.Maximize);
            candidates = new long[best.Count];
            for (int i = 0; i < candidates.Length; i++) candidates[i] = best[i].Index;
            System.Array.Sort(candidates);
        }
        if (options.OutputDirectory is { } folder) RemoveLaterRungTables(folder, rungs.Count, options.Shard);
        return new SuccessiveHalvingResult<TParameters>(rungs, ends, options.Objective);
    }

    /// <summary>
    /// The equity sampling interval <see cref="Run"/> uses for every rung: the one <paramref name="options"/> set, else
    /// the automatic one for the shortest prefix, the first rung's (<see cref="EquitySampling.IntervalForWindows"/>,
    /// decision 0122), so the first rung ranks its candidates by returns enough: sampled daily by a month's span, the
    /// first ninth of the built-in market had three.
    /// </summary>
    public static long EquitySampleIntervalFor(MarketData data, SuccessiveHalvingOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Sweep.Backtest.EquitySampleIntervalNs != EquitySampling.Auto) return options.Sweep.Backtest.EquitySampleIntervalNs;
        var (first, last) = EquitySampling.Span(data);
        long shortest = (long)Math.Ceiling((last - first + 1) * options.Fraction(0));
        return EquitySampling.IntervalForWindows(shortest, last - first);
    }

    /// <summary>
    /// Deletes the tables of rungs this search did not reach (an earlier search of more rungs, or one whose candidates
    /// lasted longer, into the same folder), so the folder's rung tables are this search's alone. Journals of interrupted
    /// rungs are left: they are never read without <see cref="SuccessiveHalvingOptions.Resume"/>, which checks them.
    /// </summary>
    private static void RemoveLaterRungTables(string folder, int reached, (int Index, int Count)? shard)
    {
        for (int r = reached; r < SuccessiveHalvingOptions.MaxRungs; r++)
        {
            string path = Path.Combine(folder, FileName(r, shard));
            if (File.Exists(path)) File.Delete(path);
        }
    }

    /// <summary>The table file name of rung <paramref name="rung"/>.</summary>
    public static string FileName(int rung, (int Index, int Count)? shard) =>
        shard is { } s ? $"halving-rung-{rung}-shard-{s.Index}-of-{s.Count}.arrow" : $"halving-rung-{rung}.arrow";
}
