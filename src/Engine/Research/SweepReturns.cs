using System;
using System.Collections.Generic;
using System.Threading;
using Backtester.Infrastructure;

namespace Backtester.Research;

/// <summary>
/// A sweep that also keeps every combination's per-period returns (its equity-sample returns, the series its Sharpe
/// ratio comes from), for the probability of backtest overfitting. The returns are captured as the runs sample equity,
/// so it costs one array of T doubles per combination and no second pass; they are not journaled, so this sweep does not
/// resume. All combinations share the first event time and interval, hence the same sample times.
/// </summary>
public static class SweepReturns
{
    /// <summary>Runs every combination of <paramref name="grid"/> (in parallel, as <c>Sweep.Run</c>) and keeps the returns.</summary>
    public static SweepReturnsResult<TParameters> Run<TStrategy, TParameters, TDriver>(MarketData data, ParameterGrid<TStrategy, TParameters, TDriver> grid,
        SweepOptions? options = null, CancellationToken cancellationToken = default)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        options ??= SweepOptions.Default;
        if (grid.Count > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(grid), grid.Count, $"At most {Array.MaxLength} combinations.");
        var indices = new long[grid.Count];
        for (long i = 0; i < indices.Length; i++) indices[i] = grid.Start + i;
        var (result, returns) = IndexSweep.Run(data, grid, indices, options with { Output = options.Output is null ? null : options.Output with { Resume = false } },
            new Dictionary<string, string>(), keepReturns: true, cancellationToken);
        return new SweepReturnsResult<TParameters>(result, returns!);
    }
}
