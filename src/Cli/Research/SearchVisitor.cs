using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Backtester.Cli.Sweeps;
using Backtester.Infrastructure;
using Backtester.Research;

namespace Backtester.Cli.Research;

/// <summary>Runs a random search (<paramref name="halving"/> null) or a successive halving of a registered strategy with its static types.</summary>
internal sealed class SearchVisitor(MarketData data, SweepOptions sweep, long samples, ulong seed, (int, int)? shard, SuccessiveHalvingOptions? halving,
    SummaryStatistic by, bool ascending, int top) : IStrategyTypeVisitor<SearchOutcome>
{
    public SearchOutcome Visit<TStrategy, TParameters, TDriver>()
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        var grid = ParameterGrid<TStrategy, TParameters, TDriver>.All;
        var clock = Stopwatch.StartNew();
        SweepResult<TParameters> last;
        var sizes = new List<int>();
        var files = new List<string>();
        var tables = new List<SweepTotals>();
        if (halving is null)
        {
            last = RandomSearch.Run(data, grid, samples, seed, sweep, shard);
            sizes.Add(last.Count);
            files.Add(Path.GetFullPath(sweep.Output!.FilePath));
            tables.Add(last.Totals);
        }
        else
        {
            SuccessiveHalvingResult<TParameters> result;
            try
            {
                result = SuccessiveHalving.Run(data, grid, halving);
            }
            catch (UnrankedObjectiveException e)
            {
                throw RankingCheck.Refusal(e, by, sweep.Backtest, "candidates");
            }
            foreach (var rung in result.Rungs)
            {
                sizes.Add(rung.Count);
                tables.Add(rung.Totals);
            }
            for (int r = 0; r < result.Rungs.Count; r++) files.Add(Path.GetFullPath(Path.Combine(halving.OutputDirectory!, SuccessiveHalving.FileName(r, halving.Shard))));
            last = result.Rungs[^1];
        }
        var ranked = new List<RankedRow>();
        foreach (SweepRow<TParameters> row in last.Top(top, by.Read, descending: !ascending))
        {
            TParameters parameters = row.Parameters;
            ranked.Add(new RankedRow(row.Index, ParameterValues.Of(in parameters), row.Summary));
        }
        // The last table's rows replay the whole data.
        long returns = -1;
        var check = new RankingCheck();
        foreach (SweepRow<TParameters> row in last.Rows)
        {
            if (!row.Succeeded) continue;
            if (returns < 0) returns = row.Summary.EquitySamples;
            check.Add(row.Summary);
        }
        IReadOnlyList<string> warnings = ShortHistory.Warnings(returns, sweep.Backtest);
        long failed = 0, resumed = 0, retried = 0;
        string? firstError = null;
        foreach (SweepTotals totals in tables)
        {
            (failed, resumed, retried) = (failed + totals.Failed, resumed + totals.Resumed, retried + totals.Retried);
            firstError ??= totals.FirstError;
        }
        return new SearchOutcome(TStrategy.StrategyName, TParameters.ParameterNames, TParameters.GridCount, sizes, files, clock.Elapsed, ranked,
            failed, firstError, resumed, retried)
        {
            Warnings = check.Warning(by, sweep.Backtest) is { } unranked ? [.. warnings, unranked] : warnings,
        };
    }
}
