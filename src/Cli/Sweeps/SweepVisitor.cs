using System;
using System.Collections.Generic;
using System.Globalization;
using Backtester.Infrastructure;

namespace Backtester.Cli.Sweeps;

/// <summary>One ranked row of a sweep, with its parameters as text.</summary>
internal sealed record RankedRow(long Index, IReadOnlyList<KeyValuePair<string, string>> Parameters, BacktestSummary Summary);

/// <summary>What <c>sweep</c> reports.</summary>
internal sealed record SweepOutcome(string Strategy, IReadOnlyList<string> ParameterNames, long GridCount, long Start, long Count, long Failed,
    long Resumed, long Retried, TimeSpan Elapsed, IReadOnlyList<RankedRow> Top, string? FirstError);

/// <summary>
/// Runs a sweep (the whole grid or one shard) of a registered strategy with its static types, streaming the rows (none
/// is kept but the best <c>top</c>), so a grid of any size runs in bounded memory.
/// </summary>
internal sealed class SweepVisitor(ReplayData data, ShardSpec? shard, SweepOptions options, SummaryStatistic by, int top, bool ascending)
    : IStrategyTypeVisitor<SweepOutcome>
{
    public SweepOutcome Visit<TStrategy, TParameters, TDriver>()
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        var grid = ParameterGrid<TStrategy, TParameters, TDriver>.All;
        if (shard is { } s) grid = grid.Shard(s.Index, s.Count);
        if (grid.Count > Sweep.MaxCombinations)
            throw new UserErrorException(string.Create(CultureInfo.InvariantCulture,
                $"{(shard is null ? "the grid" : "this shard")} of {TStrategy.StrategyName} has {grid.Count:N0} combinations; one sweep runs at most {Sweep.MaxCombinations:N0}. Split it with --shard k/N, N at least {Sweep.MinimumShards(grid.Count) * (shard?.Count ?? 1):N0}, and merge the shard tables with 'backtester sweep merge'."));
        var best = new TopRows<TParameters>(top, by.Read, descending: !ascending);
        SweepTotals totals = data.Single is { } single
            ? Sweep.Stream(single, grid, row => best.Add(in row), options)
            : Sweep.Stream(data.Segments!, grid, row => best.Add(in row), options);
        var ranked = new List<RankedRow>();
        foreach (SweepRow<TParameters> row in best.ToList())
        {
            TParameters parameters = row.Parameters;
            ranked.Add(new RankedRow(row.Index, ParameterValues.Of(in parameters), row.Summary));
        }
        return new SweepOutcome(TStrategy.StrategyName, TParameters.ParameterNames, TParameters.GridCount, grid.Start, totals.Count, totals.Failed,
            totals.Resumed, totals.Retried, totals.Elapsed, ranked, totals.FirstError);
    }
}
