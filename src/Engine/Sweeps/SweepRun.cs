using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Backtester.Infrastructure;
using Backtester.Results;

namespace Backtester;

/// <summary>
/// One sweep: workers take chunks of consecutive grid positions in order, run them, and hand each finished chunk to
/// the commit step, which passes rows on (to the caller and the journal) strictly in grid order. A worker may run at
/// most <c>2 x threads</c> chunks ahead of the oldest unfinished one, so the rows held in memory are bounded by
/// threads x chunk size whatever the grid's size; nothing is allocated per combination of the grid up front.
/// </summary>
internal sealed class SweepRun<TStrategy, TParameters, TDriver>
    where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
    where TParameters : struct, IStrategyParameters<TParameters>
    where TDriver : struct, IStrategyDriver
{
    /// <summary>The most combinations of one chunk: few, so that a kill loses little even when each takes minutes; the commit costs about a microsecond a chunk.</summary>
    internal const int MaxChunk = 16;

    /// <summary>
    /// The most combinations of a chunk run in lockstep: the more lanes, the more each event's merge and dispatch is
    /// shared, and the more the lanes' runners and strategy state crowd the core's caches. With the lane loops compiled
    /// per kind of event (decision 0098), chunks of 5 took 0.87-0.88x the CPU time of chunks of 10 for the quickstart's
    /// SmaCross and 0.89-0.91x for the README SmaCross that decides on every trade, and 1.04-1.13x for a handler that
    /// only counts (decision 0101; chunks of 16 took 1.11-1.17x of 10, decision 0077).
    /// </summary>
    internal const int MaxLockstepChunk = 5;

    private readonly SweepData _data;
    private readonly ParameterGrid<TStrategy, TParameters, TDriver> _grid;
    private readonly SweepOptions _options;
    private readonly Action<SweepRow<TParameters>> _onRow;
    private readonly CancellationToken _token;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ProgressReporter _progress;
    // The data in time blocks when chunks run in lockstep, else null (each combination replays the whole data in turn).
    private MarketData[]? _blocks;

    private readonly object _gate = new();
    private readonly Dictionary<long, (SweepRow<TParameters>[] Rows, int Count)> _waiting = new();
    private readonly ConcurrentBag<SweepRow<TParameters>[]> _spare = new();
    private SweepJournal<TParameters>? _journal;
    private long _frontier, _nextChunk;
    private volatile bool _stop;
    // Cancelled by the caller's token or when the sweep stops, to wake workers waiting for the window.
    private readonly CancellationTokenSource _stopping;

    private readonly object _failureGate = new();
    private Exception? _failure;
    private long _failureIndex = long.MaxValue;

    private long _failed, _resumed, _retried;
    private string? _firstError;

    public SweepRun(SweepData data, ParameterGrid<TStrategy, TParameters, TDriver> grid, SweepOptions options, Action<SweepRow<TParameters>> onRow,
        CancellationToken token)
    {
        _data = data;
        _grid = grid;
        _options = options;
        _onRow = onRow;
        _token = token;
        _progress = new ProgressReporter(options.Progress, grid.Count, _clock);
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(token);
    }

    public SweepTotals Run()
    {
        // Before any combination runs: segments are checked (symbols, time order) by the pass that fingerprints them,
        // so bad data is one error, not one error row per combination.
        DataIdentity identity = _data.Identity;
        if (_options.Output is { } output)
        {
            ResultMetadata provenance = ResultMetadata.Create(identity, _options.Backtest, StrategyIdentity.Of<TStrategy, TParameters, TDriver>(),
                    GridDefinition.For<TParameters>(), parameters: null, output.Metadata)
                .With(ResultMetadata.Keys.Table, "sweep").WithRange(_grid.Start, _grid.Count);
            // This sweep's own finished table, checked, wins: alone (the sweep had finished), or beside a journal (a crash
            // between the table's commit and the journal's deletion) once the journal is shown to hold only its rows.
            // Nothing runs (decision 0109).
            if (FinishedSweepTable<TParameters>.Resumed(output, provenance, _grid.Start, _grid.Count) is { } finished)
                return FromTable(finished);
            _journal = SweepJournal<TParameters>.Open(output, provenance, _grid.Start, _grid.Count);
        }
        try
        {
            _blocks = _data.Blocks(_options.EventsPerBlock);
            long prefix = _journal is null ? 0 : CommitJournaled();
            RunFrom(prefix);
            if (_failure is not null)
            {
                FlushQuietly();
                ExceptionDispatchInfo.Capture(_failure).Throw();
            }
            if (_token.IsCancellationRequested)
            {
                FlushQuietly();
                throw new OperationCanceledException(_token);
            }
            lock (_gate) _journal?.Finish();
        }
        catch (OperationCanceledException)
        {
            FlushQuietly();
            throw;
        }
        finally
        {
            _journal?.Dispose();
            _stopping.Dispose();
        }
        _progress.Final();
        return new SweepTotals(TStrategy.StrategyName, _grid.Start, _grid.Count, _failed, _firstError, _resumed, _retried, _clock.Elapsed);
    }

    /// <summary>Passes on the rows of this sweep's finished table, which a resume found beside the journal it superseded.</summary>
    private SweepTotals FromTable(FinishedSweepTable<TParameters> table)
    {
        try
        {
            foreach (SweepRow<TParameters> row in table.Rows())
            {
                _token.ThrowIfCancellationRequested();
                Commit(in row, journal: false);
                _resumed++;
                _progress.OneDone();
            }
        }
        finally
        {
            _stopping.Dispose();
        }
        _progress.Final();
        return new SweepTotals(TStrategy.StrategyName, _grid.Start, _grid.Count, _failed, _firstError, _resumed, _retried, _clock.Elapsed) { FromTable = true };
    }

    /// <summary>Keeps what was committed when the sweep stops early; a failure here must not hide the one that stopped it.</summary>
    private void FlushQuietly()
    {
        try
        {
            lock (_gate) _journal?.Flush();
        }
        catch (Exception) when (_failure is not null || _token.IsCancellationRequested)
        {
        }
    }

    /// <summary>Commits an interrupted run's journaled rows, running its failed rows again; returns the positions covered.</summary>
    private long CommitJournaled()
    {
        SweepJournal<TParameters> journal = _journal!;
        foreach (SweepJournal<TParameters>.Part part in new List<SweepJournal<TParameters>.Part>(journal.Parts))
        {
            _token.ThrowIfCancellationRequested();
            List<SweepRow<TParameters>> rows = journal.Read(part);
            var failed = new List<int>();
            for (int i = 0; i < rows.Count; i++)
                if (!rows[i].Succeeded) failed.Add(i);
            if (failed.Count > 0)
            {
                Retry(rows, failed);
                journal.Replace(part, rows);
                _retried += failed.Count;
            }
            _resumed += rows.Count - failed.Count;
            foreach (SweepRow<TParameters> row in rows)
            {
                Commit(in row, journal: false);
                _progress.OneDone();
            }
        }
        return journal.JournaledEnd - _grid.Start;
    }

    private void Retry(List<SweepRow<TParameters>> rows, List<int> failed)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism, CancellationToken = _token };
        try
        {
            Parallel.For(0, failed.Count, parallel, () => new BacktestRunner(), (k, _, runner) =>
            {
                int i = failed[k];
                rows[i] = RunOne(runner, rows[i].Index - _grid.Start);
                return runner;
            }, _ => { });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            // FailFast: the strategy's own exception, as a sweep without a journal throws it.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>
    /// Combinations per chunk for <paramref name="remaining"/> on <paramref name="threads"/>: about 16 chunks a thread,
    /// so that threads finish together, at most <see cref="MaxChunk"/>; 4 a thread when chunks run in lockstep, whose
    /// event-by-event replay gains with the combinations it runs together up to what the caches hold, at most
    /// <see cref="MaxLockstepChunk"/>. A <paramref name="requested"/> size (tests, measurements) wins, up to <see cref="MaxChunk"/>.
    /// </summary>
    internal static long ChunkFor(long remaining, int threads, bool lockstep, int requested) =>
        requested > 0 ? Math.Min(requested, MaxChunk)
        : lockstep ? Math.Clamp(remaining / ((long)threads * 4), 1, MaxLockstepChunk)
        : Math.Clamp(remaining / ((long)threads * 16), 1, MaxChunk);

    private void RunFrom(long prefix)
    {
        long remaining = _grid.Count - prefix;
        if (remaining <= 0) return;
        int threads = _options.MaxDegreeOfParallelism;
        long chunk = ChunkFor(remaining, threads, lockstep: _blocks is not null, _options.ChunkSize);
        long chunks = (remaining + chunk - 1) / chunk;
        if (chunks < threads) threads = (int)chunks;
        using var window = new SemaphoreSlim(2 * threads);
        // A thread of its own, not a thread-pool timer: a busy pool must not delay the journal.
        using var done = new ManualResetEventSlim();
        Thread? flusher = null;
        if (_journal is not null)
        {
            TimeSpan interval = _options.Output!.JournalInterval;
            flusher = new Thread(() =>
            {
                while (!done.Wait(interval)) FlushIfDue();
            }) { IsBackground = true, Name = "sweep journal" };
            flusher.Start();
        }
        try
        {
            RunWorkers(prefix, threads, chunk, chunks, window);
        }
        finally
        {
            // Waits for a flush in progress, so that nothing touches the journal after the sweep.
            done.Set();
            flusher?.Join();
        }
    }

    private void RunWorkers(long prefix, int threads, long chunk, long chunks, SemaphoreSlim window)
    {

        void Work()
        {
            var runner = new BacktestRunner();
            var lockstep = _blocks is null || chunk == 1 ? null : new Lockstep(runner, (int)chunk);
            while (!_stop)
            {
                try
                {
                    window.Wait(_stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    Stop();
                    break;
                }
                long c = Interlocked.Increment(ref _nextChunk) - 1;
                if (_stop || c >= chunks)
                {
                    window.Release();
                    break;
                }
                long from = prefix + c * chunk, to = Math.Min(_grid.Count, from + chunk);
                if (!_spare.TryTake(out SweepRow<TParameters>[]? rows)) rows = new SweepRow<TParameters>[chunk];
                int n = 0;
                if (lockstep is not null)
                {
                    n = RunLockstep(lockstep, from, to, rows);
                    if (n < to - from) break; // stopping: an unfinished chunk is not committed
                    Deposit(c, rows, n, window);
                    continue;
                }
                for (long p = from; p < to; p++)
                {
                    if (_stop || _token.IsCancellationRequested)
                    {
                        Stop();
                        break;
                    }
                    try
                    {
                        rows[n++] = RunOne(runner, p);
                    }
                    catch (Exception e)
                    {
                        Fail(e, _grid.Start + p);
                        break;
                    }
                    _progress.OneDone();
                }
                if (n < to - from) break; // stopping: an unfinished chunk is not committed
                Deposit(c, rows, n, window);
            }
        }

        if (threads == 1) Work();
        else
        {
            var workers = new Thread[threads];
            for (int i = 0; i < threads; i++)
            {
                workers[i] = new Thread(Work) { IsBackground = true, Name = $"sweep worker {i}" };
                workers[i].Start();
            }
            foreach (Thread worker in workers) worker.Join();
        }
    }

    private void FlushIfDue()
    {
        lock (_gate)
        {
            if (_failure is not null) return;
            try
            {
                _journal?.FlushIfDue();
            }
            catch (Exception e)
            {
                Fail(e, long.MinValue);
            }
        }
    }

    /// <summary>Takes a finished chunk and commits every chunk that is now next in grid order.</summary>
    private void Deposit(long chunk, SweepRow<TParameters>[] rows, int count, SemaphoreSlim window)
    {
        lock (_gate)
        {
            if (_failure is not null) return;
            _waiting[chunk] = (rows, count);
            try
            {
                while (_waiting.Remove(_frontier, out var ready))
                {
                    for (int i = 0; i < ready.Count; i++) Commit(in ready.Rows[i], journal: true);
                    _spare.Add(ready.Rows);
                    _frontier++;
                    window.Release();
                }
                _journal?.FlushIfDue();
            }
            catch (Exception e)
            {
                // A failure to write (disk full) or of the caller's row handler stops the sweep.
                Fail(e, long.MinValue);
            }
        }
    }

    private void Commit(in SweepRow<TParameters> row, bool journal)
    {
        if (!row.Succeeded)
        {
            _failed++;
            _firstError ??= $"combination {row.Index}: {row.Error}";
        }
        _onRow(row);
        if (journal) _journal?.Append(in row);
    }

    /// <summary>Records why the sweep stops: the lowest-index strategy failure, or a failure to write (which comes first).</summary>
    private void Fail(Exception e, long index)
    {
        lock (_failureGate)
        {
            if (_failure is null || index < _failureIndex)
            {
                _failure = e;
                _failureIndex = index;
            }
        }
        Stop();
    }

    private void Stop()
    {
        _stop = true;
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>One worker's runners and drivers for a chunk run in lockstep, kept for all its chunks.</summary>
    private sealed class Lockstep
    {
        public readonly BacktestRunner[] Runners;
        public readonly TDriver[] Drivers;
        public readonly string?[] Errors;

        public readonly LockstepLanes<TDriver> Lanes;

        public Lockstep(BacktestRunner first, int size)
        {
            Lanes = new LockstepLanes<TDriver>(size);
            Runners = new BacktestRunner[size];
            Runners[0] = first;
            for (int i = 1; i < size; i++) Runners[i] = new BacktestRunner();
            Drivers = new TDriver[size];
            Errors = new string?[size];
        }
    }

    /// <summary>
    /// Runs grid positions [<paramref name="from"/>, <paramref name="to"/>) in lockstep: every combination over one
    /// block of events, then the next block (see <see cref="SweepBlocks"/>), event by event through all of them
    /// (<see cref="LockstepLanes{TDriver}"/>) unless <see cref="SweepOptions.EventByEvent"/> is off. Each combination has a runner of its own,
    /// so its run is exactly an independent one; a combination that throws gets its error row and drops out. Returns
    /// the rows written, fewer than the chunk's when the sweep stops.
    /// </summary>
    private int RunLockstep(Lockstep step, long from, long to, SweepRow<TParameters>[] rows)
    {
        int count = (int)(to - from);
        BacktestRunner[] runners = step.Runners;
        TDriver[] drivers = step.Drivers;
        string?[] errors = step.Errors;
        MarketData whole = _data.Whole!;
        for (int i = 0; i < count; i++)
        {
            errors[i] = null;
            try
            {
                TParameters parameters = _grid[from + i];
                drivers[i] = TStrategy.Create(in parameters).CreateDriver();
                runners[i].BeginBlocks(whole, ref drivers[i], _options.Backtest);
            }
            catch (Exception ex)
            {
                if (!Record(ex, i)) return 0;
            }
        }
        LockstepLanes<TDriver> lanes = step.Lanes;
        lanes.Begin(runners, errors, count);
        foreach (MarketData block in _blocks!)
        {
            if (_stop || _token.IsCancellationRequested)
            {
                Stop();
                return 0;
            }
            if (!_options.EventByEvent)
            {
                for (int i = 0; i < count; i++)
                {
                    if (errors[i] is not null) continue;
                    try
                    {
                        runners[i].ReplayBlock(block, ref drivers[i]);
                    }
                    catch (Exception ex)
                    {
                        if (!Record(ex, i)) return 0;
                    }
                }
                continue;
            }
            if (lanes.Count == 0) break;
            lanes.Start(block);
            while (true)
            {
                try
                {
                    lanes.Resume(drivers);
                    break;
                }
                catch (Exception ex)
                {
                    int i = lanes.Current;
                    lanes.DropCurrent();
                    if (!Record(ex, i)) return 0;
                }
            }
        }
        for (int i = 0; i < count; i++)
        {
            BacktestSummary summary = default;
            if (errors[i] is null)
            {
                try
                {
                    summary = runners[i].EndBlocks(ref drivers[i]);
                }
                catch (Exception ex)
                {
                    if (!Record(ex, i)) return 0;
                }
            }
            rows[i] = new SweepRow<TParameters>(_grid.Start + from + i, _grid[from + i], errors[i] is null ? summary : default, errors[i]);
            drivers[i] = default;
            _progress.OneDone();
        }
        return count;

        // As RunOne: the error goes in the combination's row, or (FailFast, or a cancellation) stops the sweep (false).
        bool Record(Exception ex, int i)
        {
            if (!_options.FailFast && ex is not OperationCanceledException)
            {
                errors[i] = $"{ex.GetType().Name}: {ex.Message}";
                return true;
            }
            Fail(ex, _grid.Start + from + i);
            return false;
        }
    }

    private SweepRow<TParameters> RunOne(BacktestRunner runner, long position)
    {
        TParameters parameters = _grid[position];
        long index = _grid.Start + position;
        try
        {
            TDriver driver = TStrategy.Create(in parameters).CreateDriver();
            BacktestSummary summary = _data.Run(runner, ref driver, _options.Backtest);
            return new SweepRow<TParameters>(index, parameters, summary, null);
        }
        catch (Exception ex) when (!_options.FailFast && ex is not OperationCanceledException)
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
