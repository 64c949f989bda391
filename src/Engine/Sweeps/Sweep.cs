using System;
using System.Globalization;
using System.Threading;
using Backtester.Data;
using Backtester.Infrastructure;

namespace Backtester;

/// <summary>
/// Runs a strategy for many parameter combinations in parallel over one shared, read-only <see cref="MarketData"/>
/// (or over segments, opened by each run in turn). Each worker keeps one <see cref="BacktestRunner"/> per combination of its chunk (and so their
/// buffers) from chunk to chunk, and runs a chunk in lockstep over time blocks of the data. Rows come out in grid-index order and are bit-identical whatever the number of
/// threads, since every combination is an independent, deterministic run.
/// </summary>
/// <remarks>
/// <see cref="Run{TStrategy, TParameters, TDriver}(MarketData, ParameterGrid{TStrategy, TParameters, TDriver}, SweepOptions?, CancellationToken)"/>
/// keeps every row in a <see cref="SweepResult{TParameters}"/> (up to <see cref="SweepResult{TParameters}.MaxRows"/>);
/// <see cref="Stream{TStrategy, TParameters, TDriver}(MarketData, ParameterGrid{TStrategy, TParameters, TDriver}, Action{SweepRow{TParameters}}, SweepOptions?, CancellationToken)"/>
/// hands each row over as it is committed and keeps none, so memory stays at threads x chunk rows for a grid of any
/// size (up to <see cref="MaxCombinations"/> per sweep; shard beyond).
/// </remarks>
public static class Sweep
{
    /// <summary>The most combinations one sweep runs (one table file); a larger grid is split into shards.</summary>
    public const long MaxCombinations = int.MaxValue;

    /// <summary>Runs every combination of <paramref name="grid"/> (the generic arguments are inferred from it) and keeps the rows.</summary>
    /// <example><code>var result = Sweep.Run(data, SmaCross.Grid);</code></example>
    /// <exception cref="ArgumentOutOfRangeException">The grid range has more than <see cref="SweepResult{TParameters}.MaxRows"/> combinations.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static SweepResult<TParameters> Run<TStrategy, TParameters, TDriver>(MarketData data, ParameterGrid<TStrategy, TParameters, TDriver> grid,
        SweepOptions? options = null, CancellationToken cancellationToken = default)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        ArgumentNullException.ThrowIfNull(data);
        return Collect(new SweepData(data), grid, options, cancellationToken);
    }

    /// <summary>Runs every combination of <paramref name="grid"/> over data in consecutive segments (see <see cref="MarketDataSegments"/>) and keeps the rows.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The grid range has more than <see cref="SweepResult{TParameters}.MaxRows"/> combinations.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in the type of their first parameter (MarketData or MarketDataSegments), so no call binds to two of them.")]
    public static SweepResult<TParameters> Run<TStrategy, TParameters, TDriver>(MarketDataSegments data, ParameterGrid<TStrategy, TParameters, TDriver> grid,
        SweepOptions? options = null, CancellationToken cancellationToken = default)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        ArgumentNullException.ThrowIfNull(data);
        return Collect(new SweepData(data), grid, options, cancellationToken);
    }

    /// <summary>
    /// Runs every combination of <paramref name="grid"/> and calls <paramref name="onRow"/> with each row in grid-index
    /// order (one call at a time, from a worker thread), keeping none: memory does not grow with the grid. With
    /// <see cref="SweepOptions.Output"/> the rows are also journaled and written as the sweep table.
    /// </summary>
    /// <example><code>
    /// var best = new List&lt;SweepRow&lt;SmaCross.Parameters&gt;&gt;();
    /// SweepTotals totals = Sweep.Stream(data, SmaCross.Grid, row => { if (row.Summary.NetPnl > 0) best.Add(row); },
    ///     new SweepOptions { Output = new SweepOutput("results") });
    /// </code></example>
    /// <exception cref="ArgumentOutOfRangeException">The grid range has more than <see cref="MaxCombinations"/> combinations.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in the type of their first parameter (MarketData or MarketDataSegments), so no call binds to two of them.")]
    public static SweepTotals Stream<TStrategy, TParameters, TDriver>(MarketData data, ParameterGrid<TStrategy, TParameters, TDriver> grid,
        Action<SweepRow<TParameters>> onRow, SweepOptions? options = null, CancellationToken cancellationToken = default)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        ArgumentNullException.ThrowIfNull(data);
        return Start(new SweepData(data), grid, onRow, options, cancellationToken);
    }

    /// <summary>Like <see cref="Stream{TStrategy, TParameters, TDriver}(MarketData, ParameterGrid{TStrategy, TParameters, TDriver}, Action{SweepRow{TParameters}}, SweepOptions?, CancellationToken)"/> over data in consecutive segments.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in the type of their first parameter (MarketData or MarketDataSegments), so no call binds to two of them.")]
    public static SweepTotals Stream<TStrategy, TParameters, TDriver>(MarketDataSegments data, ParameterGrid<TStrategy, TParameters, TDriver> grid,
        Action<SweepRow<TParameters>> onRow, SweepOptions? options = null, CancellationToken cancellationToken = default)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        ArgumentNullException.ThrowIfNull(data);
        return Start(new SweepData(data), grid, onRow, options, cancellationToken);
    }

    private static SweepResult<TParameters> Collect<TStrategy, TParameters, TDriver>(SweepData data, ParameterGrid<TStrategy, TParameters, TDriver> grid,
        SweepOptions? options, CancellationToken cancellationToken)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        if (grid.Count > SweepResult<TParameters>.MaxRows)
            throw new ArgumentOutOfRangeException(nameof(grid), grid.Count, string.Create(CultureInfo.InvariantCulture,
                $"Sweep.Run keeps every row in memory and takes at most {SweepResult<TParameters>.MaxRows} combinations; this grid range has {grid.Count}. Use Sweep.Stream, which hands each row over as it finishes (with SweepOptions.Output to write the table), or run a Range or Shard of the grid."));
        var rows = new SweepRow<TParameters>[grid.Count];
        long start = grid.Start;
        SweepTotals totals = Start(data, grid, row => rows[row.Index - start] = row, options, cancellationToken);
        return new SweepResult<TParameters>(rows, totals);
    }

    private static SweepTotals Start<TStrategy, TParameters, TDriver>(SweepData data, ParameterGrid<TStrategy, TParameters, TDriver> grid,
        Action<SweepRow<TParameters>> onRow, SweepOptions? options, CancellationToken cancellationToken)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        ArgumentNullException.ThrowIfNull(onRow);
        options ??= SweepOptions.Default;
        options.Validate();
        // Once for the sweep, before any combination runs (each would refuse it, as a row of errors).
        if (options.Backtest.EquitySampleIntervalNs != EquitySampling.Auto && data.Identity is { FirstTimeNs: { } first, LastTimeNs: { } last })
            EquitySampling.CheckRequested(options.Backtest.EquitySampleIntervalNs, last - first);
        options.Backtest.Validate(data.Symbols);
        if (grid.Count > MaxCombinations)
            throw new ArgumentOutOfRangeException(nameof(grid), grid.Count, string.Create(CultureInfo.InvariantCulture,
                $"One sweep runs at most {MaxCombinations} combinations and this grid range has {grid.Count}: split it into at least {MinimumShards(grid.Count)} shards (ParameterGrid.Shard, or --shard k/N on the command line) and merge their tables."));
        return new SweepRun<TStrategy, TParameters, TDriver>(data, grid, options, onRow, cancellationToken).Run();
    }

    /// <summary>The fewest shards of at most <see cref="MaxCombinations"/> combinations each that cover <paramref name="count"/>.</summary>
    public static long MinimumShards(long count) => count <= 0 ? 1 : (count - 1) / MaxCombinations + 1;
}
