using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Backtester.Data;
using Backtester.Results;
using Backtester.Infrastructure;

namespace Backtester;

/// <summary>
/// Runs a strategy for many parameter combinations in parallel over one shared, read-only <see cref="MarketData"/>.
/// Each worker keeps one <see cref="BacktestRunner"/> (and so its buffers) for all its combinations. Rows come back
/// in grid-index order and are bit-identical whatever the number of threads, since every combination is an
/// independent, deterministic run.
/// </summary>
public static class Sweep
{
    /// <summary>Runs every combination of <paramref name="grid"/> (the generic arguments are inferred from it).</summary>
    /// <example><code>var result = Sweep.Run(data, SmaCross.Grid);</code></example>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static SweepResult<TParameters> Run<TStrategy, TParameters, TDriver>(MarketData data, ParameterGrid<TStrategy, TParameters, TDriver> grid,
        SweepOptions? options = null, CancellationToken cancellationToken = default)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= SweepOptions.Default;
        options.Validate();
        if (grid.Count > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(grid), grid.Count, $"A sweep held in memory takes at most {Array.MaxLength} combinations; run a Range or Shard of the grid.");

        int count = (int)grid.Count;
        var rows = new SweepRow<TParameters>[count];
        var clock = Stopwatch.StartNew();
        var progress = new ProgressReporter(options.Progress, count, clock);
        // Small chunks balance the load when combinations differ in cost; results are placed by index.
        int chunk = Math.Max(1, count / (options.MaxDegreeOfParallelism * 16));
        int chunks = (count + chunk - 1) / chunk;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };

        SweepJournal<TParameters>? journal = options.Output is null ? null : new SweepJournal<TParameters>(options.Output, Metadata(TStrategy.StrategyName, data, grid.Start, grid.Count));
        // Rows read back from an interrupted run's journal: not run again, and not journaled again.
        bool[]? resumed = journal is null ? null : new bool[count];
        if (journal is not null && options.Output!.Resume)
        {
            foreach (var (index, summary, error) in journal.LoadJournal(grid.Start, grid.Count))
            {
                int position = (int)(index - grid.Start);
                if (resumed![position]) continue;
                rows[position] = new SweepRow<TParameters>(index, grid[position], summary, error);
                resumed[position] = true;
                progress.OneDone();
            }
        }

        Parallel.For(0, chunks, parallel, () => new BacktestRunner(), (c, state, runner) =>
        {
            int start = c * chunk, end = Math.Min(count, (c + 1) * chunk), stop = start;
            for (; stop < end && !state.ShouldExitCurrentIteration; stop++)
            {
                if (resumed is not null && resumed[stop]) continue;
                cancellationToken.ThrowIfCancellationRequested();
                rows[stop] = RunOne(runner, data, grid, stop, options);
                progress.OneDone();
            }
            if (journal is not null) Journal(journal, rows, resumed!, start, stop);
            return runner;
        }, _ => { });

        journal?.Finish(rows);
        progress.Final();
        return new SweepResult<TParameters>(TStrategy.StrategyName, rows, clock.Elapsed);
    }

    /// <summary>
    /// Journals the rows run in this sweep at positions [<paramref name="start"/>, <paramref name="stop"/>) of a chunk
    /// (a chunk cut short by another worker's failure or a cancel journals what it finished), in ascending order,
    /// leaving out rows resumed from an earlier journal.
    /// </summary>
    private static void Journal<TParameters>(SweepJournal<TParameters> journal, SweepRow<TParameters>[] rows, bool[] resumed, int start, int stop)
        where TParameters : struct, IStrategyParameters<TParameters>
    {
        int fresh = 0;
        for (int i = start; i < stop; i++)
            if (!resumed[i]) fresh++;
        if (fresh == stop - start)
        {
            journal.WritePart(rows.AsSpan(start, stop - start));
            return;
        }
        var part = new SweepRow<TParameters>[fresh];
        for (int i = start, k = 0; i < stop; i++)
            if (!resumed[i]) part[k++] = rows[i];
        journal.WritePart(part);
    }

    private static Dictionary<string, string> Metadata(string strategy, MarketData data, long start, long count) => new()
        {
            [ResultMetadata.Strategy] = strategy,
            [ResultMetadata.EngineVersion] = ResultMetadata.Version,
            [ResultMetadata.DataSource] = data.Source,
            [ResultMetadata.GridStart] = start.ToString(CultureInfo.InvariantCulture),
            [ResultMetadata.GridCount] = count.ToString(CultureInfo.InvariantCulture),
        };

    private static SweepRow<TParameters> RunOne<TStrategy, TParameters, TDriver>(BacktestRunner runner, MarketData data,
        ParameterGrid<TStrategy, TParameters, TDriver> grid, int position, SweepOptions options)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        TParameters parameters = grid[position];
        long index = grid.Start + position;
        try
        {
            TDriver driver = TStrategy.Create(in parameters).CreateDriver();
            BacktestSummary summary = runner.RunSummary(data, ref driver, options.Backtest);
            return new SweepRow<TParameters>(index, parameters, summary, null);
        }
        catch (Exception ex) when (!options.FailFast && ex is not OperationCanceledException)
        {
            return new SweepRow<TParameters>(index, parameters, default, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>Counts finished combinations from all workers and reports at most about every 100 ms.</summary>
    private sealed class ProgressReporter(IProgress<SweepProgress>? sink, long total, Stopwatch clock)
    {
        private long _done;
        private long _lastReportTicks;

        public void OneDone()
        {
            long done = Interlocked.Increment(ref _done);
            if (sink is null) return;
            long now = clock.ElapsedTicks, last = Interlocked.Read(ref _lastReportTicks);
            if (now - last < Stopwatch.Frequency / 10 || Interlocked.CompareExchange(ref _lastReportTicks, now, last) != last) return;
            sink.Report(new SweepProgress(done, total, clock.Elapsed));
        }

        public void Final() => sink?.Report(new SweepProgress(Interlocked.Read(ref _done), total, clock.Elapsed));
    }
}
