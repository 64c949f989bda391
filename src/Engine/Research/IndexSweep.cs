using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Backtester.Infrastructure;
using Backtester.Results;

namespace Backtester.Research;

/// <summary>
/// Runs an arbitrary, ascending list of grid indices in parallel, like <see cref="Sweep"/> runs a contiguous range: one
/// <see cref="BacktestRunner"/> per worker, rows in index order, bit-identical whatever the thread count. With
/// <see cref="SweepOptions.Output"/> it writes and journals the sweep table through the sweep's own journal, so an
/// interrupted search resumes like a sweep; optionally it keeps every combination's equity-sample returns.
/// </summary>
internal static class IndexSweep
{
    public static (SweepResult<TParameters> Result, double[][]? Returns) Run<TStrategy, TParameters, TDriver>(MarketData data,
        ParameterGrid<TStrategy, TParameters, TDriver> grid, long[] indices, SweepOptions options, IReadOnlyDictionary<string, string> metadata,
        bool keepReturns, CancellationToken cancellationToken)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        ArgumentNullException.ThrowIfNull(data);
        options.Validate();
        for (int i = 0; i < indices.Length; i++)
        {
            if (indices[i] < grid.Start || indices[i] >= grid.Start + grid.Count)
                throw new ArgumentOutOfRangeException(nameof(indices), indices[i], $"Grid index {indices[i]} is outside {grid}.");
            if (i > 0 && indices[i] <= indices[i - 1])
                throw new ArgumentException($"Grid indices must ascend without repeats; {indices[i]} follows {indices[i - 1]}.", nameof(indices));
        }

        int count = indices.Length;
        var rows = new SweepRow<TParameters>[count];
        double[][]? returns = keepReturns ? new double[count][] : null;
        var clock = Stopwatch.StartNew();
        Dictionary<string, string> all = TableMetadata(data, grid, options, metadata);
        SampleJournal<TParameters>? journal = options.Output is null ? null : new SampleJournal<TParameters>(options.Output, all);
        bool[] done = new bool[count];
        long resumed = 0, retried = 0;
        if (journal is not null && options.Output!.Resume && !keepReturns)
        {
            // One row per index, the latest attempt's (SampleJournal refuses two that no attempt order explains).
            foreach (var (index, summary, error) in journal.LoadJournal(grid.Start, grid.Count))
            {
                int position = Array.BinarySearch(indices, index);
                // The journal's seed, sample size and rung are this search's (SampleJournal checks them): its candidates are
                // another shard's, or a halving rung's chosen by another objective.
                if (position < 0)
                    throw new ProvenanceMismatchException($"{options.Output.JournalDirectory}: the journal was written by another search",
                        [string.Create(CultureInfo.InvariantCulture, $"grid index {index} is in the journal but not among the {count} candidates now (another shard's, or chosen by another objective)")],
                        "Resume with the same shard and objective, or discard the journal with SweepOutput.Fresh (--fresh).");
                rows[position] = new SweepRow<TParameters>(index, grid[index - grid.Start], summary, error);
                // A failed row runs again, as a resumed sweep's does (decision 0114): its failure may have been the
                // machine's (a full disk, a killed worker). Its new row, journaled by this attempt, supersedes the failed one.
                done[position] = error is null;
                if (error is null) resumed++;
                else retried++;
            }
        }

        int chunk = Math.Max(1, count / (options.MaxDegreeOfParallelism * 16));
        int chunks = (count + chunk - 1) / chunk;
        long finished = 0, lastReport = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, chunks, parallel, () => (Runner: new BacktestRunner(), Samples: new List<EquitySample>()), (c, state, worker) =>
        {
            int start = c * chunk, end = Math.Min(count, (c + 1) * chunk);
            var fresh = new List<SweepRow<TParameters>>(end - start);
            for (int k = start; k < end && !state.ShouldExitCurrentIteration; k++)
            {
                if (done[k]) continue;
                cancellationToken.ThrowIfCancellationRequested();
                rows[k] = RunOne(worker.Runner, worker.Samples, data, grid, indices[k], options, returns, k);
                fresh.Add(rows[k]);
                long n = Interlocked.Increment(ref finished);
                // At most about ten reports a second, as a sweep's.
                long now = clock.ElapsedTicks, last = Interlocked.Read(ref lastReport);
                if (options.Progress is { } sink && now - last >= Stopwatch.Frequency / 10 && Interlocked.CompareExchange(ref lastReport, now, last) == last)
                    sink.Report(new SweepProgress(n, count, clock.Elapsed));
            }
            journal?.WritePart(fresh.ToArray());
            return worker;
        }, _ => { });
        journal?.Finish(rows);
        options.Progress?.Report(new SweepProgress(Interlocked.Read(ref finished), count, clock.Elapsed));
        return (SweepResultOf<TStrategy, TParameters, TDriver>(rows, grid, clock.Elapsed, resumed, retried), returns);
    }

    /// <summary>
    /// The metadata of the table a search of <paramref name="grid"/> over <paramref name="data"/> writes: the provenance
    /// (data, options, strategy, grid and its range, table <c>search</c>) and the search's own <paramref name="metadata"/>.
    /// A resumed halving rung compares its table's with it.
    /// </summary>
    internal static Dictionary<string, string> TableMetadata<TStrategy, TParameters, TDriver>(MarketData data,
        ParameterGrid<TStrategy, TParameters, TDriver> grid, SweepOptions options, IReadOnlyDictionary<string, string> metadata)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        ResultMetadata provenance = ResultMetadata.Create(data.Identity, options.Backtest, StrategyIdentity.Of<TStrategy, TParameters, TDriver>(),
                GridDefinition.For<TParameters>(), parameters: null, options.Output?.Metadata)
            .With(ResultMetadata.Keys.Table, "search").WithRange(grid.Start, grid.Count);
        var all = new Dictionary<string, string>(provenance.Entries);
        foreach (var pair in metadata) all[pair.Key] = pair.Value;
        return all;
    }

    private static SweepRow<TParameters> RunOne<TStrategy, TParameters, TDriver>(BacktestRunner runner, List<EquitySample> samples, MarketData data,
        ParameterGrid<TStrategy, TParameters, TDriver> grid, long index, SweepOptions options, double[][]? returns, int position)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        TParameters parameters = grid[index - grid.Start];
        samples.Clear();
        runner.SampleCapture = returns is null ? null : samples;
        try
        {
            TDriver driver = TStrategy.Create(in parameters).CreateDriver();
            BacktestSummary summary = runner.RunSummary(data, ref driver, options.Backtest);
            if (returns is not null)
            {
                var r = new double[samples.Count];
                for (int i = 0; i < r.Length; i++) r[i] = samples[i].Return;
                returns[position] = r;
            }
            return new SweepRow<TParameters>(index, parameters, summary, null);
        }
        catch (Exception ex) when (!options.FailFast && ex is not OperationCanceledException)
        {
            if (returns is not null) returns[position] = [];
            return new SweepRow<TParameters>(index, parameters, default, $"{ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            runner.SampleCapture = null;
        }
    }

    /// <summary>
    /// The rows of a search as a sweep result: the totals count failed rows, and as a sweep's the rows taken from a journal
    /// (<paramref name="resumed"/>) and the journal's failed rows that ran again (<paramref name="retried"/>).
    /// </summary>
    internal static SweepResult<TParameters> SweepResultOf<TStrategy, TParameters, TDriver>(SweepRow<TParameters>[] rows,
        ParameterGrid<TStrategy, TParameters, TDriver> grid, TimeSpan elapsed, long resumed = 0, long retried = 0)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        long failed = 0;
        string? firstError = null;
        foreach (SweepRow<TParameters> row in rows)
            if (row.Error is not null) { failed++; firstError ??= row.Error; }
        return new SweepResult<TParameters>(rows, new SweepTotals(TStrategy.StrategyName, grid.Start, grid.Count, failed, firstError, resumed, retried, elapsed));
    }
}
