using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Backtester.Engine.Tests.Strategies;
using Backtester.Research;
using Backtester.Results;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// A sweep or random search resumed where a crash came between its table's commit and its journal's deletion (the two
/// steps of each journal's <c>Finish</c>), so both are in the folder (decision 0109, as 0107 for a halving rung): this
/// run's checked table wins, and the journal is deleted once every journaled row is shown to be the table's; a journal
/// of another run, or one holding other rows, is refused and kept, and so is a damaged table. Another run's table is
/// replaced by the resumed journal's run, as without the journal.
/// </summary>
[Collection(nameof(InterruptibleCollection))]
public sealed class LeftoverJournalTests : IDisposable
{
    private static readonly MarketData Data = SyntheticData.Trades(new SyntheticDataOptions { Events = 5_000, Symbols = 2 });
    private static readonly SweepOptions OneThread = new() { MaxDegreeOfParallelism = 1 };
    private static readonly SweepOptions FiveBps = OneThread with { Backtest = new BacktestOptions { TakerFeeBps = 5 } };
    private static readonly DateTime Committed = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
    private const string SweepRemedy = "Delete the journal folder to keep the table, or run again with SweepOutput.Fresh (--fresh) to sweep again from the start.";
    private const string SearchRemedy = "Delete the journal folder to keep the table, or run again with SweepOutput.Fresh (--fresh) to search again from the start.";
    private const long Samples = 12;
    private const ulong Seed = 5;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Folder(string name) => Path.Combine(_dir.Path, name);

    private static string TableOf(string folder) => new SweepOutput(folder).FilePath;

    private static string JournalOf(string folder) => new SweepOutput(folder).JournalDirectory;

    private static string[] Files(string folder) => Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Runs <paramref name="run"/> with <see cref="Interruptible.Started"/> recording the N of every combination that starts.</summary>
    private static (T Result, List<int> Ran) Recording<T>(Func<T> run)
    {
        var ran = new List<int>();
        Interruptible.Started = ran.Add;
        try
        {
            return (run(), ran);
        }
        finally
        {
            Interruptible.Started = null;
        }
    }

    /// <summary>A sweep into <paramref name="folder"/> cancelled when combination N = <paramref name="stopAt"/> starts: N = 1..stopAt are journaled (one thread), no table.</summary>
    private static void Interrupt(string folder, int stopAt, SweepOptions options, Action<int>? also = null)
    {
        using var cts = new CancellationTokenSource();
        Interruptible.Started = n => { also?.Invoke(n); if (n == stopAt) cts.Cancel(); };
        try
        {
            Assert.ThrowsAny<OperationCanceledException>(() => Sweep.Run(Data, Interruptible.Grid, options with { Output = new SweepOutput(folder) }, cts.Token));
        }
        finally
        {
            Interruptible.Started = null;
        }
    }

    /// <summary>
    /// The folder a crash between <c>SweepJournal.Finish</c>'s two steps leaves, built by the code that makes each half: a
    /// sweep cancelled when its last combination starts journals all 20 rows (that one still runs; cancellation is checked
    /// before each) and writes no table; the table is then the one the uninterrupted sweep in <paramref name="whole"/>
    /// wrote, which is what <c>Finish</c> writes from those rows (a resumed sweep writes the same bytes, SweepResumeTests).
    /// Its write time is set to a known instant, so a test tells whether the resume rewrote it.
    /// </summary>
    private static void CrashedSweep(string folder, string whole, SweepOptions options, Action<int>? also = null)
    {
        Interrupt(folder, 20, options, also);
        Assert.False(File.Exists(TableOf(folder)));
        string last = Path.GetFileName(Directory.GetFiles(JournalOf(folder)).Order(StringComparer.Ordinal).Last());
        Assert.StartsWith($"{19:D19}-", last.Split('-', 2)[1]); // the journal holds grid indices up to 19, the last
        File.Copy(TableOf(whole), TableOf(folder));
        File.SetLastWriteTimeUtc(TableOf(folder), Committed);
    }

    [Fact]
    public void A_sweep_resumed_after_a_crash_between_its_tables_commit_and_its_journals_deletion_keeps_the_table_and_deletes_the_journal()
    {
        string whole = Folder("whole"), crashed = Folder("crashed");
        SweepResult<Interruptible.Parameters> uninterrupted = Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(whole) });
        CrashedSweep(crashed, whole, OneThread);

        var (resumed, ran) = Recording(() => Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(crashed) { Resume = true } }));

        Assert.Empty(ran);
        Assert.Equal((20L, 20L, 0L, 0L, true), (resumed.Totals.Count, resumed.Totals.Resumed, resumed.Totals.Retried, resumed.Totals.Failed, resumed.Totals.FromTable));
        Assert.Equal(uninterrupted.Rows.ToArray(), resumed.Rows.ToArray());
        // The table is left as it was committed, and the journal is gone: the folder is the uninterrupted sweep's.
        Assert.Equal(Committed, File.GetLastWriteTimeUtc(TableOf(crashed)));
        Assert.Equal(File.ReadAllBytes(TableOf(whole)), File.ReadAllBytes(TableOf(crashed)));
        Assert.False(Directory.Exists(JournalOf(crashed)));
        Assert.Empty(Directory.GetDirectories(crashed));
        // So a new sweep into the folder finds no journal to refuse.
        var (_, again) = Recording(() => Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(crashed) }));
        Assert.Equal(Enumerable.Range(1, 20), again);
    }

    [Fact]
    public void A_finished_sweep_resumed_with_no_journal_reads_its_table_and_runs_nothing()
    {
        // A scheduler restarting a job that had finished, with its resume flag: before, the sweep ran all 20 again.
        string folder = Folder("finished");
        SweepResult<Interruptible.Parameters> finished = Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(folder) });
        File.SetLastWriteTimeUtc(TableOf(folder), Committed);
        byte[] table = File.ReadAllBytes(TableOf(folder));

        var (resumed, ran) = Recording(() => Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(folder) { Resume = true } }));

        Assert.Empty(ran);
        Assert.Equal((20L, 20L, 0L, true), (resumed.Totals.Count, resumed.Totals.Resumed, resumed.Totals.Retried, resumed.Totals.FromTable));
        Assert.Equal(finished.Rows.ToArray(), resumed.Rows.ToArray());
        Assert.Equal(Committed, File.GetLastWriteTimeUtc(TableOf(folder)));
        Assert.Equal(table, File.ReadAllBytes(TableOf(folder)));
        Assert.False(Directory.Exists(JournalOf(folder)));
    }

    [Fact]
    public void A_resume_with_no_journal_runs_again_over_another_sweeps_table_or_a_damaged_one_and_replaces_it()
    {
        string ours = Folder("ours"), other = Folder("other"), damaged = Folder("damaged");
        SweepResult<Interruptible.Parameters> expected = Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(ours) });
        Sweep.Run(Data, Interruptible.Grid, FiveBps with { Output = new SweepOutput(other) });
        Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(damaged) });
        byte[] bytes = File.ReadAllBytes(TableOf(damaged));
        File.WriteAllBytes(TableOf(damaged), bytes[..(bytes.Length / 2)]); // cut short

        foreach (string folder in new[] { other, damaged })
        {
            var (resumed, ran) = Recording(() => Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(folder) { Resume = true } }));

            Assert.Equal(Enumerable.Range(1, 20), ran);
            Assert.False(resumed.Totals.FromTable);
            Assert.Equal(expected.Rows.ToArray(), resumed.Rows.ToArray());
            Assert.Equal(File.ReadAllBytes(TableOf(ours)), File.ReadAllBytes(TableOf(folder)));
        }
    }

    [Fact]
    public void A_failed_row_of_a_finished_sweep_table_is_not_run_again_when_the_table_wins()
    {
        // N = 3 fails in both halves (the strategy throws), so the table and the journal hold the same error row.
        Action<int> fails = n => { if (n == 3) throw new IOException("network share went away"); };
        string whole = Folder("whole"), crashed = Folder("crashed");
        Interruptible.Started = fails;
        try
        {
            Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(whole) });
        }
        finally
        {
            Interruptible.Started = null;
        }
        CrashedSweep(crashed, whole, OneThread, fails);

        var (resumed, ran) = Recording(() => Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(crashed) { Resume = true } }));

        // Resuming from the journal ran N = 3 again and rewrote the table with it succeeding; the finished table is the result.
        Assert.Empty(ran);
        Assert.Equal((1L, 0L, 20L), (resumed.Totals.Failed, resumed.Totals.Retried, resumed.Totals.Resumed));
        Assert.Equal("IOException: network share went away", resumed.Rows[2].Error);
        Assert.Equal("combination 2: IOException: network share went away", resumed.Totals.FirstError);
        Assert.Equal(File.ReadAllBytes(TableOf(whole)), File.ReadAllBytes(TableOf(crashed)));
        Assert.False(Directory.Exists(JournalOf(crashed)));
    }

    [Fact]
    public void A_partial_journal_of_the_same_sweep_beside_its_finished_table_is_deleted_and_nothing_runs()
    {
        // The sweep finished, then ran again into the same folder (no journal there, so no Resume needed) and was cancelled
        // at N = 8: its journal holds N = 1..8, rows the table holds too.
        string folder = Folder("sweep");
        SweepResult<Interruptible.Parameters> uninterrupted = Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(folder) });
        byte[] table = File.ReadAllBytes(TableOf(folder));
        Interrupt(folder, 8, OneThread);
        File.SetLastWriteTimeUtc(TableOf(folder), Committed);

        var (resumed, ran) = Recording(() => Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(folder) { Resume = true } }));

        // Resumed from the journal, N = 9..20 ran again to rewrite the same table.
        Assert.Empty(ran);
        Assert.True(resumed.Totals.FromTable);
        Assert.Equal(uninterrupted.Rows.ToArray(), resumed.Rows.ToArray());
        Assert.Equal(Committed, File.GetLastWriteTimeUtc(TableOf(folder)));
        Assert.Equal(table, File.ReadAllBytes(TableOf(folder)));
        Assert.False(Directory.Exists(JournalOf(folder)));
    }

    [Fact]
    public void A_journal_of_another_sweep_beside_a_finished_table_is_refused_and_kept_and_resumes_with_its_own_settings()
    {
        // A 5 bp sweep into the folder of the finished 0 bp sweep, cancelled at N = 8: the table is the 0 bp sweep's, the journal not.
        string fees = Folder("fees"), folder = Folder("sweep");
        Sweep.Run(Data, Interruptible.Grid, FiveBps with { Output = new SweepOutput(fees) });
        Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(folder) });
        Interrupt(folder, 8, FiveBps);
        byte[] table = File.ReadAllBytes(TableOf(folder));
        string[] parts = Files(JournalOf(folder));

        var e = Assert.Throws<ProvenanceMismatchException>(() => Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(folder) { Resume = true } }));

        Assert.Equal($"{JournalOf(folder)}: the journal left beside the finished table {TableOf(folder)} was journaled by another sweep: option taker_fee_bps: 0 now, 5 in the journal. {SweepRemedy}", e.Message);
        Assert.Equal(parts, Files(JournalOf(folder)));
        Assert.Equal(table, File.ReadAllBytes(TableOf(folder)));

        // Resumed with the journal's own settings, the 0 bp table is another sweep's: the 5 bp sweep goes on from its
        // journal and replaces it, as it would have without the journal.
        var (resumed, ran) = Recording(() => Sweep.Run(Data, Interruptible.Grid, FiveBps with { Output = new SweepOutput(folder) { Resume = true } }));
        Assert.Equal(Enumerable.Range(9, 12), ran);
        Assert.Equal((8L, false), (resumed.Totals.Resumed, resumed.Totals.FromTable));
        Assert.Equal(File.ReadAllBytes(TableOf(fees)), File.ReadAllBytes(TableOf(folder)));
        Assert.False(Directory.Exists(JournalOf(folder)));
    }

    [Fact]
    public void A_journal_beside_a_finished_sweep_table_holding_another_result_is_refused_and_kept()
    {
        string whole = Folder("whole"), crashed = Folder("crashed"), scratch = Folder("scratch");
        SweepResult<Interruptible.Parameters> uninterrupted = Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(whole) });
        CrashedSweep(crashed, whole, OneThread);
        // The journal written again as this sweep journals (its metadata, its part name and checksum), with grid index 3's
        // net PnL 1 higher than the table's: a journal of this sweep, holding a row the table does not.
        string part = Directory.GetFiles(JournalOf(crashed)).Single();
        Dictionary<string, string> metadata;
        using (var reader = new SweepTableReader(part))
            metadata = new Dictionary<string, string>(ResultMetadata.FromSchema(reader.Schema).Entries);
        using (var journal = SweepJournal<Interruptible.Parameters>.Open(new SweepOutput(scratch), ResultMetadata.FromEntries(metadata), 0, 20))
        {
            foreach (SweepRow<Interruptible.Parameters> row in uninterrupted.Rows)
            {
                SweepRow<Interruptible.Parameters> journaled = row.Index == 3 ? row with { Summary = row.Summary with { NetPnl = row.Summary.NetPnl + 1 } } : row;
                journal.Append(in journaled);
            }
            journal.Flush();
        }
        string forged = Directory.GetFiles(JournalOf(scratch)).Single();
        File.Delete(part);
        File.Move(forged, Path.Combine(JournalOf(crashed), Path.GetFileName(forged)));
        string[] parts = Files(JournalOf(crashed));

        var e = Assert.Throws<InvalidDataException>(() => Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(crashed) { Resume = true } }));

        // Before, the journal won unchecked: the resumed sweep returned and rewrote the table with the changed net PnL.
        Assert.Equal($"{JournalOf(crashed)}: the journal left beside the finished table {TableOf(crashed)} holds a result for grid index 3 that differs from the table's, "
            + $"so it is not that table's journal. {SweepRemedy}", e.Message);
        Assert.Equal(parts, Files(JournalOf(crashed)));
        Assert.Equal(Committed, File.GetLastWriteTimeUtc(TableOf(crashed)));
        Assert.Equal(File.ReadAllBytes(TableOf(whole)), File.ReadAllBytes(TableOf(crashed)));
    }

    [Fact]
    public void A_damaged_sweep_table_beside_its_journal_is_refused_naming_it_and_deleting_it_resumes_from_the_journal()
    {
        string whole = Folder("whole"), crashed = Folder("crashed");
        Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(whole) });
        CrashedSweep(crashed, whole, OneThread);
        // Grid index 5's Sharpe ratio changed, the metadata (its rows' checksum among it) left as it was.
        string path = TableOf(crashed);
        Schema schema;
        RecordBatch batch;
        using (var stream = File.OpenRead(path))
        using (var reader = new ArrowFileReader(stream))
        {
            schema = reader.Schema;
            batch = reader.ReadNextRecordBatch()!.Clone();
            Assert.Null(reader.ReadNextRecordBatch());
        }
        var sharpe = (DoubleArray)batch.Column("sharpe");
        var changed = new DoubleArray.Builder();
        for (int i = 0; i < sharpe.Length; i++) changed.Append(i == 5 ? 9.99 : sharpe.GetValue(i)!.Value);
        var arrays = batch.Arrays.ToList();
        arrays[schema.GetFieldIndex("sharpe")] = changed.Build();
        var damaged = new RecordBatch(schema, arrays, batch.Length);
        File.Delete(path);
        using (var stream = File.Create(path))
        using (var writer = new ArrowFileWriter(stream, schema))
        {
            writer.WriteRecordBatch(damaged);
            writer.WriteEnd();
        }
        var checksum = new SweepRowsChecksum();
        checksum.Append(damaged);
        string[] parts = Files(JournalOf(crashed));

        var e = Assert.Throws<InvalidDataException>(() => Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(crashed) { Resume = true } }));

        Assert.Equal($"{path}: its rows' checksum is {checksum.Text}, its metadata says {schema.Metadata[ResultMetadata.Keys.RowsChecksum]} (backtester.rows_xxh64): "
            + "a value changed after the table was written. Delete the file to resume from the journal beside it.", e.Message);
        Assert.Equal(parts, Files(JournalOf(crashed)));

        // The remedy: the journal holds every row, so nothing runs, and the table is written again as it was committed.
        File.Delete(path);
        var (_, ran) = Recording(() => Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(crashed) { Resume = true } }));
        Assert.Empty(ran);
        Assert.Equal(File.ReadAllBytes(TableOf(whole)), File.ReadAllBytes(path));
        Assert.False(Directory.Exists(JournalOf(crashed)));
    }

    /// <summary>A random search of <see cref="Samples"/> of Interruptible's 20 combinations into <paramref name="folder"/>, cancelled when its sample's last combination starts.</summary>
    private static void InterruptSearch(string folder, SweepOptions options, ulong seed = Seed)
    {
        int last = Interruptible.Grid[RandomSearch.SampleIndices(20, Samples, seed)[^1]].N;
        using var cts = new CancellationTokenSource();
        Interruptible.Started = n => { if (n == last) cts.Cancel(); };
        try
        {
            Assert.ThrowsAny<OperationCanceledException>(() =>
                RandomSearch.Run(Data, Interruptible.Grid, Samples, seed, options with { Output = new SweepOutput(folder) }, cancellationToken: cts.Token));
        }
        finally
        {
            Interruptible.Started = null;
        }
        // One thread: chunks of max(1, 12 / (1 × 16)) = 1 combination, so one part per combination, all 12 of them.
        Assert.Equal((int)Samples, Directory.GetFiles(JournalOf(folder), "*.arrow").Length);
    }

    /// <summary>As <see cref="CrashedSweep"/>, for the random search: every row journaled, then the uninterrupted search's table copied beside the journal.</summary>
    private static void CrashedSearch(string folder, string whole, SweepOptions options, ulong seed = Seed)
    {
        InterruptSearch(folder, options, seed);
        Assert.False(File.Exists(TableOf(folder)));
        File.Copy(TableOf(whole), TableOf(folder));
        File.SetLastWriteTimeUtc(TableOf(folder), Committed);
    }

    /// <summary>
    /// One more part in <paramref name="folder"/>'s search journal, journaled as the search journals (its parts' metadata,
    /// its checksum), holding <paramref name="row"/> with its net PnL moved by <paramref name="netPnlChange"/>.
    /// </summary>
    private static void JournalAgain(string folder, SweepRow<Interruptible.Parameters> row, double netPnlChange)
    {
        Dictionary<string, string> metadata;
        using (var part = new SweepTableReader(Directory.GetFiles(JournalOf(folder))[0]))
            metadata = new Dictionary<string, string>(ResultMetadata.FromSchema(part.Schema).Entries);
        new SampleJournal<Interruptible.Parameters>(new SweepOutput(folder) { Resume = true }, metadata)
            .WritePart([row with { Summary = row.Summary with { NetPnl = row.Summary.NetPnl + netPnlChange } }]);
    }

    private static SweepResult<Interruptible.Parameters> Search(string folder, SweepOptions options, bool resume = false, ulong seed = Seed) =>
        RandomSearch.Run(Data, Interruptible.Grid, Samples, seed, options with { Output = new SweepOutput(folder) { Resume = resume } });

    [Fact]
    public void A_finished_random_search_resumed_with_no_journal_reads_its_table_and_runs_nothing_and_runs_again_over_another_seeds()
    {
        string folder = Folder("finished");
        SweepResult<Interruptible.Parameters> finished = Search(folder, OneThread);
        File.SetLastWriteTimeUtc(TableOf(folder), Committed);
        byte[] table = File.ReadAllBytes(TableOf(folder));

        var (resumed, ran) = Recording(() => Search(folder, OneThread, resume: true));

        Assert.Empty(ran); // before, all 12 sampled combinations ran again
        Assert.Equal(finished.Rows.ToArray(), resumed.Rows.ToArray());
        Assert.Equal(Committed, File.GetLastWriteTimeUtc(TableOf(folder)));
        Assert.Equal(table, File.ReadAllBytes(TableOf(folder)));

        // Seed 6 draws other indices: the table is not its, so it runs its 12 and replaces the table.
        var (other, ranOther) = Recording(() => Search(folder, OneThread, resume: true, seed: 6));
        Assert.Equal(RandomSearch.SampleIndices(20, Samples, 6).Select(i => Interruptible.Grid[i].N).Order(), ranOther.Order());
        Assert.Equal(RandomSearch.SampleIndices(20, Samples, 6), other.Rows.ToArray().Select(r => r.Index));
        Assert.NotEqual(table, File.ReadAllBytes(TableOf(folder)));

        // A table cut short is nothing to resume from either: the search runs and writes it whole again.
        byte[] seed6 = File.ReadAllBytes(TableOf(folder));
        File.WriteAllBytes(TableOf(folder), seed6[..(seed6.Length / 2)]);
        var (_, ranDamaged) = Recording(() => Search(folder, OneThread, resume: true, seed: 6));
        Assert.Equal((int)Samples, ranDamaged.Count);
        Assert.Equal(seed6, File.ReadAllBytes(TableOf(folder)));
    }

    [Fact]
    public void A_random_search_resumed_after_a_crash_between_its_tables_commit_and_its_journals_deletion_keeps_the_table_and_deletes_the_journal()
    {
        string whole = Folder("whole"), crashed = Folder("crashed");
        SweepResult<Interruptible.Parameters> uninterrupted = Search(whole, OneThread);
        CrashedSearch(crashed, whole, OneThread);

        var (resumed, ran) = Recording(() => Search(crashed, OneThread, resume: true));

        Assert.Empty(ran);
        Assert.Equal(RandomSearch.SampleIndices(20, Samples, Seed), resumed.Rows.ToArray().Select(r => r.Index));
        Assert.Equal(uninterrupted.Rows.ToArray(), resumed.Rows.ToArray());
        Assert.Equal(Committed, File.GetLastWriteTimeUtc(TableOf(crashed)));
        Assert.Equal(File.ReadAllBytes(TableOf(whole)), File.ReadAllBytes(TableOf(crashed)));
        Assert.False(Directory.Exists(JournalOf(crashed)));
        Assert.Empty(Directory.GetDirectories(crashed));
    }

    [Fact]
    public void A_journal_of_a_search_with_another_seed_beside_a_finished_search_table_is_refused_and_kept()
    {
        string whole = Folder("whole"), crashed = Folder("crashed");
        Search(whole, OneThread);
        // Seed 6 draws other indices of the 20 than seed 5 (checked), so its journal is not the seed-5 table's.
        Assert.NotEqual(RandomSearch.SampleIndices(20, Samples, 5), RandomSearch.SampleIndices(20, Samples, 6));
        CrashedSearch(crashed, whole, OneThread, seed: 6);
        string[] parts = Files(JournalOf(crashed));

        var e = Assert.Throws<ProvenanceMismatchException>(() => Search(crashed, OneThread, resume: true));

        // Before, the journal's seed was not compared: the search stopped with an InvalidOperationException (an internal
        // error on the command line) at the first index seed 5 does not draw.
        Assert.Equal([$"{RandomSearch.SeedKey}: 5 now, 6 in the journal"], e.Differences);
        Assert.Equal($"{JournalOf(crashed)}: the journal left beside the finished table {TableOf(crashed)} was journaled by another search: "
            + $"{RandomSearch.SeedKey}: 5 now, 6 in the journal. {SearchRemedy}", e.Message);
        Assert.Equal(parts, Files(JournalOf(crashed)));
        Assert.Equal(Committed, File.GetLastWriteTimeUtc(TableOf(crashed)));
    }

    [Fact]
    public void A_journal_beside_a_finished_search_table_holding_another_result_is_refused_and_kept()
    {
        string whole = Folder("whole"), crashed = Folder("crashed");
        SweepResult<Interruptible.Parameters> uninterrupted = Search(whole, OneThread);
        CrashedSearch(crashed, whole, OneThread);
        // One more part, journaled as this search journals (its metadata, its checksum), holding the first sampled row with
        // a net PnL 1 higher than the table's.
        SweepRow<Interruptible.Parameters> row = uninterrupted.Rows[0];
        JournalAgain(crashed, row, netPnlChange: 1);
        string[] parts = Files(JournalOf(crashed));

        var e = Assert.Throws<InvalidDataException>(() => Search(crashed, OneThread, resume: true));

        // Before, the resume took the journal's rows unchecked: the changed net PnL came back and was written into the table.
        Assert.Equal($"{JournalOf(crashed)}: the journal left beside the finished table {TableOf(crashed)} holds a result for grid index {row.Index} that differs from the table's, "
            + $"so it is not that table's journal. {SearchRemedy}", e.Message);
        Assert.Equal(parts, Files(JournalOf(crashed)));
        Assert.Equal(File.ReadAllBytes(TableOf(whole)), File.ReadAllBytes(TableOf(crashed)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void A_plain_resume_with_two_parts_for_one_index_takes_them_when_they_agree_and_refuses_them_when_they_differ(double netPnlChange)
    {
        // No table: a plain resume. One more part holds the first sampled row again, journaled as this search journals,
        // with the same result or a net PnL 1 higher.
        string whole = Folder("whole"), interrupted = Folder("interrupted");
        SweepResult<Interruptible.Parameters> uninterrupted = Search(whole, OneThread);
        InterruptSearch(interrupted, OneThread);
        SweepRow<Interruptible.Parameters> row = uninterrupted.Rows[0];
        JournalAgain(interrupted, row, netPnlChange);
        string[] parts = Files(JournalOf(interrupted));

        if (netPnlChange == 0)
        {
            var (resumed, ran) = Recording(() => Search(interrupted, OneThread, resume: true));
            Assert.Empty(ran); // the 12 sampled rows were journaled, one of them twice
            Assert.Equal(uninterrupted.Rows.ToArray(), resumed.Rows.ToArray());
            return;
        }
        // Before, whichever part the folder listed last stood, unchecked.
        var e = Assert.Throws<InvalidDataException>(() => Search(interrupted, OneThread, resume: true));
        Assert.Equal($"{JournalOf(interrupted)}: the journal holds two different results for grid index {row.Index}, so it cannot say which one this search gave. "
            + "Discard the journal with SweepOutput.Fresh (--fresh).", e.Message);
        Assert.Equal(parts, Files(JournalOf(interrupted)));
        Assert.False(File.Exists(TableOf(interrupted)));
    }

    [Fact]
    public void Another_searchs_table_beside_a_journal_is_replaced_by_the_resumed_search()
    {
        // The 0 bp search finished; a 5 bp search into the same folder was interrupted with all 12 rows journaled.
        string fees = Folder("fees"), folder = Folder("search");
        Search(fees, FiveBps);
        Search(folder, OneThread);
        InterruptSearch(folder, FiveBps);

        var (resumed, ran) = Recording(() => Search(folder, FiveBps, resume: true));

        Assert.Empty(ran);
        Assert.Equal(File.ReadAllBytes(TableOf(fees)), File.ReadAllBytes(TableOf(folder)));
        Assert.Equal((int)Samples, resumed.Rows.Length);
        Assert.False(Directory.Exists(JournalOf(folder)));
    }

    [Fact]
    public void A_search_shard_resumed_from_another_shards_journal_is_refused_naming_the_index()
    {
        // Shard 0 of 2 (the first 6 sampled indices) interrupted; shard 1 resumed from its journal, in the same file.
        long[] drawn = RandomSearch.SampleIndices(20, Samples, Seed);
        string folder = Folder("search");
        int stopAt = Interruptible.Grid[drawn[2]].N;
        using (var cts = new CancellationTokenSource())
        {
            Interruptible.Started = n => { if (n == stopAt) cts.Cancel(); };
            try
            {
                Assert.ThrowsAny<OperationCanceledException>(() =>
                    RandomSearch.Run(Data, Interruptible.Grid, Samples, Seed, OneThread with { Output = new SweepOutput(folder) }, shard: (0, 2), cts.Token));
            }
            finally
            {
                Interruptible.Started = null;
            }
        }
        string[] parts = Files(JournalOf(folder));

        var e = Assert.Throws<ProvenanceMismatchException>(() =>
            RandomSearch.Run(Data, Interruptible.Grid, Samples, Seed, OneThread with { Output = new SweepOutput(folder) { Resume = true } }, shard: (1, 2)));

        // Before: an InvalidOperationException. The parts are read in the order the folder lists them: any of the three
        // journaled indices (shard 0's first three) can be the first found.
        string index = Assert.Single(e.Differences).Split(' ')[2];
        Assert.Contains(long.Parse(index, System.Globalization.CultureInfo.InvariantCulture), drawn[..3]);
        Assert.Equal($"{JournalOf(folder)}: the journal was written by another search: grid index {index} is in the journal but not among the 6 candidates now "
            + "(another shard's, or chosen by another objective). Resume with the same shard and objective, or discard the journal with SweepOutput.Fresh (--fresh).", e.Message);
        Assert.Equal(parts, Files(JournalOf(folder)));
    }
}
