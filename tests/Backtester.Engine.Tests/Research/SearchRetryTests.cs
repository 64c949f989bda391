using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Backtester.Engine.Tests.Strategies;
using Backtester.Research;
using Backtester.Results;
using Xunit;

namespace Backtester.Engine.Tests.Research;

/// <summary>
/// A resumed random search runs its journal's failed rows again, as a resumed sweep does, and every other row is read
/// (decision 0114): the new row, journaled by a later attempt, supersedes the failed one, also on a second resume and
/// beside a finished table. Two different successful results for one index are still refused, whatever their attempts.
/// </summary>
[Collection(nameof(InterruptibleCollection))]
public sealed class SearchRetryTests : IDisposable
{
    private static readonly MarketData Data = SyntheticData.Trades(new SyntheticDataOptions { Events = 5_000, Symbols = 2 });
    private static readonly SweepOptions OneThread = new() { MaxDegreeOfParallelism = 1 };
    private const long Samples = 12;
    private const ulong Seed = 5;
    private static readonly long[] Drawn = RandomSearch.SampleIndices(20, Samples, Seed);
    /// <summary>The N of the fourth sampled combination, the one that fails.</summary>
    private static readonly int Failing = Interruptible.Grid[Drawn[3]].N;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Folder(string name) => Path.Combine(_dir.Path, name);

    private static string JournalOf(string folder) => new SweepOutput(folder).JournalDirectory;

    private static string[] Parts(string folder) => Directory.GetFiles(JournalOf(folder)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    private static SweepResult<Interruptible.Parameters> Search(string folder, bool resume = false, CancellationToken token = default) =>
        RandomSearch.Run(Data, Interruptible.Grid, Samples, Seed, OneThread with { Output = new SweepOutput(folder) { Resume = resume } }, cancellationToken: token);

    /// <summary>Runs <paramref name="run"/> with <see cref="Interruptible.Started"/> recording each N that starts, then calling <paramref name="also"/>.</summary>
    private static (T Result, List<int> Ran) Recording<T>(Func<T> run, Action<int>? also = null)
    {
        var ran = new List<int>();
        Interruptible.Started = n => { ran.Add(n); also?.Invoke(n); };
        try
        {
            return (run(), ran);
        }
        finally
        {
            Interruptible.Started = null;
        }
    }

    /// <summary>
    /// The search into <paramref name="folder"/>, cancelled when its last sampled combination starts, so every row is
    /// journaled (one thread: one part per row), with <see cref="Failing"/> throwing <paramref name="failure"/> (a full
    /// disk, say: the resumed run does not throw) unless it is null.
    /// </summary>
    private static void Interrupted(string folder, string? failure)
    {
        int last = Interruptible.Grid[Drawn[^1]].N;
        using var cts = new CancellationTokenSource();
        Recording(() => Assert.ThrowsAny<OperationCanceledException>(() => Search(folder, token: cts.Token)), n =>
        {
            if (n == last) cts.Cancel();
            if (n == Failing && failure is not null) throw new IOException(failure);
        });
        Assert.Equal((int)Samples, Parts(folder).Length);
        Assert.All(Parts(folder), p => Assert.Contains("-a000-", p, StringComparison.Ordinal));
    }

    [Fact]
    public void A_resumed_random_search_runs_its_failed_row_again_and_reads_every_other_row()
    {
        string whole = Folder("whole"), folder = Folder("search");
        SweepResult<Interruptible.Parameters> uninterrupted = Search(whole);
        Interrupted(folder, "No space left on device");

        var (resumed, ran) = Recording(() => Search(folder, resume: true));

        // Before, nothing ran and the row kept its error for good.
        Assert.Equal([Failing], ran);
        Assert.True(resumed.Rows[3].Succeeded);
        Assert.Equal((11L, 1L, 0L), (resumed.Totals.Resumed, resumed.Totals.Retried, resumed.Totals.Failed));
        Assert.Equal(uninterrupted.Rows.ToArray(), resumed.Rows.ToArray());
        Assert.Equal(File.ReadAllBytes(new SweepOutput(whole).FilePath), File.ReadAllBytes(new SweepOutput(folder).FilePath));
        Assert.False(Directory.Exists(JournalOf(folder)));
    }

    [Fact]
    public void A_failed_row_that_fails_again_holds_the_error_of_the_run_that_ran_it_last()
    {
        string folder = Folder("search");
        Interrupted(folder, "No space left on device");

        var (resumed, ran) = Recording(() => Search(folder, resume: true), n => { if (n == Failing) throw new IOException("the worker was killed"); });

        Assert.Equal([Failing], ran);
        Assert.Equal("IOException: the worker was killed", resumed.Rows[3].Error);
        Assert.Equal((11L, 1L, 1L), (resumed.Totals.Resumed, resumed.Totals.Retried, resumed.Totals.Failed));
    }

    [Fact]
    public void A_rerun_row_that_succeeded_supersedes_its_failure_on_a_second_resume_and_beside_the_finished_table()
    {
        string whole = Folder("whole"), folder = Folder("search"), crashed = Folder("crashed");
        SweepResult<Interruptible.Parameters> uninterrupted = Search(whole);
        Interrupted(folder, "No space left on device");
        // The first resume is cancelled while it runs the failed row again: the row finishes and is journaled by attempt 1,
        // beside attempt 0's failed row of the same index.
        using (var cts = new CancellationTokenSource())
            Recording(() => Assert.ThrowsAny<OperationCanceledException>(() => Search(folder, resume: true, cts.Token)), n => cts.Cancel());
        string retried = Assert.Single(Parts(folder), p => p.Contains("-a001-", StringComparison.Ordinal));
        Assert.StartsWith($"{Drawn[3]:D19}-{Drawn[3]:D19}-a001-", retried);
        Assert.Equal((int)Samples + 1, Parts(folder).Length);
        // The same journal beside the uninterrupted table: a crash between the table's commit and the journal's deletion.
        Directory.CreateDirectory(crashed);
        Directory.CreateDirectory(JournalOf(crashed));
        foreach (string part in Directory.GetFiles(JournalOf(folder))) File.Copy(part, Path.Combine(JournalOf(crashed), Path.GetFileName(part)));
        File.Copy(new SweepOutput(whole).FilePath, new SweepOutput(crashed).FilePath);

        var (resumed, ran) = Recording(() => Search(folder, resume: true));

        Assert.Empty(ran); // the later success stands; the failure it superseded does not run again
        Assert.Equal((12L, 0L, 0L), (resumed.Totals.Resumed, resumed.Totals.Retried, resumed.Totals.Failed));
        Assert.Equal(uninterrupted.Rows.ToArray(), resumed.Rows.ToArray());
        Assert.Equal(File.ReadAllBytes(new SweepOutput(whole).FilePath), File.ReadAllBytes(new SweepOutput(folder).FilePath));

        // Beside the table, the journal's rows (the latest attempt's) are the table's: it is deleted and nothing runs.
        var (besideTable, ranBeside) = Recording(() => Search(crashed, resume: true));
        Assert.Empty(ranBeside);
        Assert.Equal(uninterrupted.Rows.ToArray(), besideTable.Rows.ToArray());
        Assert.False(Directory.Exists(JournalOf(crashed)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Two_different_results_for_one_index_are_refused_even_when_the_later_attempt_journaled_one(bool laterFailed)
    {
        // Every row journaled by attempt 0, all succeeded; then a part of attempt 1 holding the first sampled row with a
        // net PnL 1 higher (two different successes: a run is deterministic), or failed (a resume never runs a succeeded
        // row again). Neither supersedes the success.
        string whole = Folder("whole"), folder = Folder("search");
        SweepRow<Interruptible.Parameters> row = Search(whole).Rows[0];
        Interrupted(folder, failure: null);
        Dictionary<string, string> metadata;
        using (var part = new SweepTableReader(Directory.GetFiles(JournalOf(folder))[0]))
            metadata = new Dictionary<string, string>(ResultMetadata.FromSchema(part.Schema).Entries);
        var journal = new SampleJournal<Interruptible.Parameters>(new SweepOutput(folder) { Resume = true }, metadata);
        journal.LoadJournal(Interruptible.Grid.Start, Interruptible.Grid.Count);
        Assert.Equal(1, journal.Attempt);
        journal.WritePart([laterFailed ? row with { Summary = default, Error = "IOException: disk full" } : row with { Summary = row.Summary with { NetPnl = row.Summary.NetPnl + 1 } }]);
        string[] parts = Parts(folder);

        var (e, ran) = Recording(() => Assert.Throws<InvalidDataException>(() => Search(folder, resume: true)));

        Assert.Empty(ran);
        Assert.Equal($"{JournalOf(folder)}: the journal holds two different results for grid index {row.Index}, so it cannot say which one this search gave. "
            + "Discard the journal with SweepOutput.Fresh (--fresh).", e.Message);
        Assert.Equal(parts, Parts(folder));
        Assert.False(File.Exists(new SweepOutput(folder).FilePath));
    }
}
