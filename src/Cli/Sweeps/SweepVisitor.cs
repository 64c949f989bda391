using System;
using System.Collections.Generic;
using Backtester.Data;
using Backtester;
using Backtester.Infrastructure;

namespace Backtester.Cli.Sweeps;

/// <summary>One ranked row of a sweep, with its parameters as text.</summary>
internal sealed record RankedRow(long Index, IReadOnlyList<KeyValuePair<string, string>> Parameters, BacktestSummary Summary);

/// <summary>What <c>sweep</c> reports.</summary>
internal sealed record SweepOutcome(string Strategy, IReadOnlyList<string> ParameterNames, long GridCount, long Start, int Count, int Failed,
    TimeSpan Elapsed, IReadOnlyList<RankedRow> Top, string? FirstError);

/// <summary>Runs a sweep (the whole grid or one shard) of a registered strategy with its static types, then ranks the rows.</summary>
internal sealed class SweepVisitor(MarketData data, ShardSpec? shard, SweepOptions options, SummaryStatistic by, int top, bool ascending)
    : IStrategyTypeVisitor<SweepOutcome>
{
    public SweepOutcome Visit<TStrategy, TParameters, TDriver>()
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        var grid = ParameterGrid<TStrategy, TParameters, TDriver>.All;
        if (shard is { } s) grid = grid.Shard(s.Index, s.Count);
        SweepResult<TParameters> result = Sweep.Run(data, grid, options);

        int failed = 0;
        string? firstError = null;
        foreach (SweepRow<TParameters> row in result.Rows)
            if (!row.Succeeded) { failed++; firstError ??= $"combination {row.Index}: {row.Error}"; }
        var ranked = new List<RankedRow>();
        foreach (SweepRow<TParameters> row in result.Top(top, by.Read, descending: !ascending))
        {
            TParameters parameters = row.Parameters;
            ranked.Add(new RankedRow(row.Index, ParameterValues.Of(in parameters), row.Summary));
        }
        return new SweepOutcome(TStrategy.StrategyName, TParameters.ParameterNames, TParameters.GridCount, grid.Start, result.Count, failed,
            result.Elapsed, ranked, firstError);
    }
}
