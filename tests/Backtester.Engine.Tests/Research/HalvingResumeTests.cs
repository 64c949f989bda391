using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Backtester.Research;
using Backtester.Results;
using Xunit;
using Xunit.Abstractions;

namespace Backtester.Engine.Tests.Research;

/// <summary>
/// A resumed successive-halving search reads finished rung tables back instead of running them; it trusts one only when
/// it is this search's: its rows match their checksum (<c>backtester.rows_xxh64</c>), its provenance (strategy, grid and
/// range, the rung's data prefix, options, rung, prefix end, seed) is the one this rung would write, and it holds exactly
/// this rung's candidates. Anything else is refused naming the file and the remedy, so that a resume never continues
/// into results an uninterrupted search would not give.
/// </summary>
[Collection(nameof(InterruptibleCollection))]
public sealed class HalvingResumeTests : IDisposable
{
    private const int Cases = 150; // per mutation kind
    private const string Damaged = "Delete the file to run its rung again, or run again with SweepOutput.Fresh (--fresh) to search again from the start.";
    private const string OtherSearch = "Resume with the settings that wrote it, or run again with SweepOutput.Fresh (--fresh) to search again from the start.";
    private static readonly MarketData Data = SyntheticData.Trades(new SyntheticDataOptions { Events = 5_000, Symbols = 2, Seed = 4 });
    private static readonly SweepOptions OneThread = new() { MaxDegreeOfParallelism = 1 };
    private readonly TempDirectory _dir = new();
    private readonly ITestOutputHelper _output;

    public HalvingResumeTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _dir.Dispose();

    /// <summary>Rungs of 10, 5 and 3 candidates over the first quarter, the first half and all of the data.</summary>
    private static SuccessiveHalvingOptions Halving(string? folder) =>
        new() { Eta = 2, Rungs = 3, Candidates = 10, Seed = 2, Sweep = OneThread, OutputDirectory = folder };

    private string Folder(string name) => Path.Combine(_dir.Path, name);

    private static string Rung(string folder, int rung) => Path.Combine(folder, SuccessiveHalving.FileName(rung, null));

    /// <summary>A finished search into <paramref name="folder"/>, its later rung tables deleted: a resume reads rung 0 back and runs the others.</summary>
    private static string OnlyFirstRung(string folder, SuccessiveHalvingOptions? options = null)
    {
        SuccessiveHalving.Run(Data, EveryNth.Grid, options ?? Halving(folder));
        File.Delete(Rung(folder, 1));
        File.Delete(Rung(folder, 2));
        return Rung(folder, 0);
    }

    private static SuccessiveHalvingResult<EveryNth.Parameters> Resume(string folder, MarketData? data = null, SuccessiveHalvingOptions? options = null) =>
        SuccessiveHalving.Run(data ?? Data, EveryNth.Grid, (options ?? Halving(folder)) with { Resume = true });

    private static bool SameResult<TParameters>(SuccessiveHalvingResult<TParameters> a, SuccessiveHalvingResult<TParameters> b) where TParameters : struct =>
        a.PrefixEnds.SequenceEqual(b.PrefixEnds) && a.Rungs.Count == b.Rungs.Count
        && Enumerable.Range(0, a.Rungs.Count).All(r => a.Rungs[r].Rows.ToArray().SequenceEqual(b.Rungs[r].Rows.ToArray()));

    private static (Schema Schema, List<RecordBatch> Batches) Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        var batches = new List<RecordBatch>();
        while (reader.ReadNextRecordBatch() is { } batch) batches.Add(batch.Clone());
        return (reader.Schema, batches);
    }

    /// <summary>Writes <paramref name="batches"/> to <paramref name="path"/> under <paramref name="schema"/> (its metadata as given).</summary>
    private static void Save(string path, Schema schema, IEnumerable<RecordBatch> batches)
    {
        File.Delete(path);
        using var stream = File.Create(path);
        using var writer = new ArrowFileWriter(stream, schema);
        foreach (RecordBatch batch in batches) writer.WriteRecordBatch(new RecordBatch(schema, batch.Arrays, batch.Length));
        writer.WriteEnd();
    }

    /// <summary><paramref name="schema"/> with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    private static Schema WithMetadata(Schema schema, string key, string value)
    {
        var builder = new Schema.Builder();
        foreach (Field field in schema.FieldsList) builder.Field(field);
        foreach (var (k, v) in schema.Metadata) builder.Metadata(k, k == key ? value : v);
        return builder.Build();
    }

    private static string RowsChecksum(IEnumerable<RecordBatch> batches)
    {
        var checksum = new SweepRowsChecksum();
        foreach (RecordBatch batch in batches) checksum.Append(batch);
        return checksum.Text;
    }

    [Fact]
    public void A_search_interrupted_in_a_rung_resumes_to_the_uninterrupted_search_bit_for_bit()
    {
        // Interruptible's 20 combinations, 12 candidates: rungs of 12, 6 and 3. One thread, so the starts come in order.
        var options = new SuccessiveHalvingOptions { Eta = 2, Rungs = 3, Candidates = 12, Seed = 9, Sweep = OneThread };
        string whole = Folder("whole"), resumed = Folder("resumed");
        var independent = SuccessiveHalving.Run(Data, Interruptible.Grid, options);
        var uninterrupted = SuccessiveHalving.Run(Data, Interruptible.Grid, options with { OutputDirectory = whole });
        Assert.True(SameResult(independent, uninterrupted));
        try
        {
            using var cts = new CancellationTokenSource();
            int started = 0;
            Interruptible.Started = _ => { if (++started == 12 + 3) cts.Cancel(); }; // the third candidate of rung 1
            Assert.ThrowsAny<OperationCanceledException>(() =>
                SuccessiveHalving.Run(Data, Interruptible.Grid, options with { OutputDirectory = resumed }, cts.Token));
            Assert.True(File.Exists(Rung(resumed, 0)));
            Assert.False(File.Exists(Rung(resumed, 1)));

            var ran = new List<int>();
            Interruptible.Started = ran.Add;
            var again = SuccessiveHalving.Run(Data, Interruptible.Grid, options with { OutputDirectory = resumed, Resume = true });

            // Rung 0 read back, rung 1's first three journaled (the third finished after the cancel), the rest run.
            Assert.Equal(3 + 3, ran.Count);
            Assert.True(SameResult(uninterrupted, again));
            Assert.Equal(TimeSpan.Zero, again.Rungs[0].Elapsed);
        }
        finally
        {
            Interruptible.Started = null;
        }
        for (int r = 0; r < 3; r++) Assert.Equal(File.ReadAllBytes(Rung(whole, r)), File.ReadAllBytes(Rung(resumed, r)));
        Assert.Equal(Directory.GetFiles(whole).Select(Path.GetFileName), Directory.GetFiles(resumed).Select(Path.GetFileName));
    }

    /// <summary>
    /// The folder a crash leaves between <c>SampleJournal.Finish</c>'s two steps in rung 0: the rung's table committed,
    /// its journal not yet deleted. Built by the code that makes each half: a search cancelled at the start of rung 0's
    /// last candidate (that candidate still runs and journals its part; cancellation is checked before each candidate)
    /// leaves the journal of every row and no table; the table is then the uninterrupted search's, which is the one the
    /// rung writes, bit for bit (the test above).
    /// </summary>
    private static void CrashedBetweenTableAndJournal(SuccessiveHalvingOptions options, string folder, string whole)
    {
        using var cts = new CancellationTokenSource();
        int started = 0;
        Interruptible.Started = _ => { if (++started == 12) cts.Cancel(); };
        try
        {
            Assert.ThrowsAny<OperationCanceledException>(() => SuccessiveHalving.Run(Data, Interruptible.Grid, options with { OutputDirectory = folder }, cts.Token));
        }
        finally
        {
            Interruptible.Started = null;
        }
        Assert.False(File.Exists(Rung(folder, 0)));
        // One thread: chunks of max(1, 12 / (1 × 16)) = 1 candidate, so one part per candidate, all 12 of them.
        Assert.Equal(12, Directory.GetFiles(JournalOf(folder, 0), "*.arrow").Length);
        File.Copy(Rung(whole, 0), Rung(folder, 0));
    }

    private static string JournalOf(string folder, int rung) => new SweepOutput(folder) { FileName = SuccessiveHalving.FileName(rung, null) }.JournalDirectory;

    [Fact]
    public void A_crash_between_a_rung_tables_commit_and_its_journals_deletion_resumes_from_the_table_and_removes_the_journal()
    {
        // Interruptible's 20 combinations, 12 candidates, eta 2: rungs of 12, 6 and 3.
        var options = new SuccessiveHalvingOptions { Eta = 2, Rungs = 3, Candidates = 12, Seed = 9, Sweep = OneThread };
        string whole = Folder("whole"), crashed = Folder("crashed");
        var uninterrupted = SuccessiveHalving.Run(Data, Interruptible.Grid, options with { OutputDirectory = whole });
        CrashedBetweenTableAndJournal(options, crashed, whole);

        var ran = new List<int>();
        Interruptible.Started = ran.Add;
        SuccessiveHalvingResult<Interruptible.Parameters> resumed;
        try
        {
            resumed = SuccessiveHalving.Run(Data, Interruptible.Grid, options with { OutputDirectory = crashed, Resume = true });
        }
        finally
        {
            Interruptible.Started = null;
        }

        // Rung 0 is read from its table (nothing of it runs again); rungs 1 and 2 run their 6 + 3 candidates.
        Assert.Equal(6 + 3, ran.Count);
        Assert.True(SameResult(uninterrupted, resumed));
        Assert.Equal(TimeSpan.Zero, resumed.Rungs[0].Elapsed);
        // The journal, whose every row the table holds, is gone: the folder is the uninterrupted search's, file for file.
        Assert.False(Directory.Exists(JournalOf(crashed, 0)));
        Assert.Empty(Directory.GetDirectories(crashed));
        for (int r = 0; r < 3; r++) Assert.Equal(File.ReadAllBytes(Rung(whole, r)), File.ReadAllBytes(Rung(crashed, r)));
        Assert.Equal(Directory.GetFiles(whole).Select(Path.GetFileName), Directory.GetFiles(crashed).Select(Path.GetFileName));
        // So a new search into the folder finds no journal to refuse (it was refused as "an unfinished search" before).
        SuccessiveHalving.Run(Data, Interruptible.Grid, options with { OutputDirectory = crashed });
    }

    [Fact]
    public void A_journal_beside_a_finished_rung_table_that_is_another_searchs_is_refused_and_kept()
    {
        var options = new SuccessiveHalvingOptions { Eta = 2, Rungs = 3, Candidates = 12, Seed = 9, Sweep = OneThread };
        string whole = Folder("whole"), crashed = Folder("crashed"), other = Folder("other");
        SuccessiveHalving.Run(Data, Interruptible.Grid, options with { OutputDirectory = whole });
        CrashedBetweenTableAndJournal(options, crashed, whole);
        // The journal of the same rung of a search at a 5 bp fee in its place: the table is this search's, the journal not.
        var fees = options with { Sweep = OneThread with { Backtest = new BacktestOptions { TakerFeeBps = 5 } } };
        CrashedBetweenTableAndJournal(fees, other, whole);
        string journal = JournalOf(crashed, 0);
        Directory.Delete(journal, recursive: true);
        Directory.Move(JournalOf(other, 0), journal);
        string[] parts = Directory.GetFiles(journal);

        var e = Assert.Throws<ProvenanceMismatchException>(() => SuccessiveHalving.Run(Data, Interruptible.Grid, options with { OutputDirectory = crashed, Resume = true }));

        Assert.Contains("was journaled by another search", e.Message);
        Assert.Contains("option taker_fee_bps: 0 now, 5 in the journal", e.Message);
        Assert.Equal(parts, Directory.GetFiles(journal));
        Assert.False(File.Exists(Rung(crashed, 1)));
    }

    [Fact]
    public void A_journal_beside_a_finished_rung_table_holding_another_result_is_refused_and_kept()
    {
        var options = new SuccessiveHalvingOptions { Eta = 2, Rungs = 3, Candidates = 12, Seed = 9, Sweep = OneThread };
        string whole = Folder("whole"), crashed = Folder("crashed");
        var uninterrupted = SuccessiveHalving.Run(Data, Interruptible.Grid, options with { OutputDirectory = whole });
        CrashedBetweenTableAndJournal(options, crashed, whole);
        // One more part, journaled as this search journals (its metadata, its checksum), holding candidate 0 with a net
        // PnL 1 higher than the table's: a part of this search, and a row the table does not hold.
        string journal = JournalOf(crashed, 0);
        Dictionary<string, string> metadata;
        using (var part = new SweepTableReader(Directory.GetFiles(journal, "*.arrow")[0]))
            metadata = new Dictionary<string, string>(ResultMetadata.FromSchema(part.Schema).Entries);
        SweepRow<Interruptible.Parameters> row = uninterrupted.Rungs[0].Rows[0];
        var output = new SweepOutput(crashed) { FileName = SuccessiveHalving.FileName(0, null), Resume = true };
        new SampleJournal<Interruptible.Parameters>(output, metadata).WritePart([row with { Summary = row.Summary with { NetPnl = row.Summary.NetPnl + 1 } }]);
        string[] parts = Directory.GetFiles(journal);

        var e = Assert.Throws<InvalidDataException>(() => SuccessiveHalving.Run(Data, Interruptible.Grid, options with { OutputDirectory = crashed, Resume = true }));

        Assert.Equal($"{journal}: the journal left beside the finished table {Rung(crashed, 0)} holds a result for grid index {row.Index} that differs from the table's, "
            + "so it is not that table's journal. Delete the journal folder to keep the table, or run again with SweepOutput.Fresh (--fresh) to search again from the start.", e.Message);
        Assert.Equal(parts, Directory.GetFiles(journal));
    }

    [Fact]
    public void A_changed_value_in_a_rung_table_is_refused_naming_the_file_and_both_checksums()
    {
        string path = OnlyFirstRung(Folder("search"));
        (Schema schema, List<RecordBatch> batches) = Load(path);
        string declared = schema.Metadata[ResultMetadata.Keys.RowsChecksum];
        // The best candidate's Sharpe ratio lowered: resumed, it would drop out of rung 1.
        RecordBatch batch = batches.Single();
        var sharpe = (DoubleArray)batch.Column("sharpe");
        int best = Enumerable.Range(0, batch.Length).MaxBy(i => sharpe.GetValue(i) ?? double.MinValue);
        var changed = new DoubleArray.Builder();
        for (int i = 0; i < sharpe.Length; i++) changed.Append(i == best ? -9.99 : sharpe.GetValue(i)!.Value);
        var arrays = batch.Arrays.ToList();
        arrays[schema.GetFieldIndex("sharpe")] = changed.Build();
        var damaged = new RecordBatch(schema, arrays, batch.Length);
        Save(path, schema, [damaged]);

        var e = Assert.Throws<InvalidDataException>(() => Resume(Folder("search")));

        Assert.Equal($"{path}: its rows' checksum is {RowsChecksum([damaged])}, its metadata says {declared} (backtester.rows_xxh64): a value changed after the table was written. {Damaged}", e.Message);
        Assert.False(File.Exists(Rung(Folder("search"), 1)));
    }

    [Fact]
    public void A_rung_table_without_its_rows_checksum_is_refused()
    {
        string path = OnlyFirstRung(Folder("search"));
        (Schema schema, List<RecordBatch> batches) = Load(path);
        var builder = new Schema.Builder();
        foreach (Field field in schema.FieldsList) builder.Field(field);
        foreach (var (k, v) in schema.Metadata) if (k != ResultMetadata.Keys.RowsChecksum) builder.Metadata(k, v);
        Save(path, builder.Build(), batches);

        var e = Assert.Throws<InvalidDataException>(() => Resume(Folder("search")));

        Assert.StartsWith($"{path}: its metadata holds no backtester.rows_xxh64 ", e.Message);
        Assert.EndsWith(Damaged, e.Message);
    }

    [Fact]
    public void A_truncated_rung_table_is_refused_naming_it()
    {
        string path = OnlyFirstRung(Folder("search"));
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length / 2).ToArray());

        var e = Assert.Throws<InvalidDataException>(() => Resume(Folder("search")));

        Assert.StartsWith($"{path}: ", e.Message);
        Assert.EndsWith(Damaged, e.Message);
    }

    [Fact]
    public void A_rung_table_missing_a_candidates_row_is_refused_even_with_its_checksum_written_again()
    {
        string path = OnlyFirstRung(Folder("search"));
        (Schema schema, List<RecordBatch> batches) = Load(path);
        RecordBatch fewer = batches.Single().Slice(0, 9);
        Save(path, WithMetadata(schema, ResultMetadata.Keys.RowsChecksum, RowsChecksum([fewer])), [fewer]);

        var e = Assert.Throws<ProvenanceMismatchException>(() => Resume(Folder("search")));

        Assert.StartsWith($"{path}: the rung table was written by another search: candidates: ", e.Message);
        Assert.EndsWith(OtherSearch, e.Message);
    }

    [Fact]
    public void A_rung_table_spliced_from_two_searches_is_refused()
    {
        // Rows 0..4 of this search's rung 0 and rows 5..9 of another seed's, the checksum written again over them.
        string path = OnlyFirstRung(Folder("search"));
        SuccessiveHalving.Run(Data, EveryNth.Grid, Halving(Folder("other")) with { Seed = 3 });
        (Schema schema, List<RecordBatch> ours) = Load(path);
        (_, List<RecordBatch> theirs) = Load(Rung(Folder("other"), 0));
        RecordBatch[] spliced = [ours.Single().Slice(0, 5), theirs.Single().Slice(5, 5)];
        Save(path, WithMetadata(schema, ResultMetadata.Keys.RowsChecksum, RowsChecksum(spliced)), spliced);

        var e = Assert.Throws<ProvenanceMismatchException>(() => Resume(Folder("search")));

        Assert.StartsWith($"{path}: the rung table was written by another search: candidates: ", e.Message);
    }

    [Fact]
    public void A_rung_table_of_other_data_is_refused_naming_the_data()
    {
        string path = OnlyFirstRung(Folder("search"));
        MarketData other = SyntheticData.Trades(new SyntheticDataOptions { Events = 5_000, Symbols = 2, Seed = 5 });

        var e = Assert.Throws<ProvenanceMismatchException>(() => Resume(Folder("search"), other));

        Assert.StartsWith($"{path}: the rung table was written by another search: data: ", e.Message);
        Assert.EndsWith(OtherSearch, e.Message);
    }

    [Fact]
    public void A_rung_table_of_other_options_is_refused_naming_the_option()
    {
        string path = OnlyFirstRung(Folder("search"));
        var fees = Halving(Folder("search")) with { Sweep = OneThread with { Backtest = new BacktestOptions { TakerFeeBps = 5 } } };

        var e = Assert.Throws<ProvenanceMismatchException>(() => Resume(Folder("search"), options: fees));

        Assert.Equal($"{path}: the rung table was written by another search: option taker_fee_bps: 5 now, 0 in the table. {OtherSearch}", e.Message);
    }

    [Fact]
    public void A_rung_table_of_another_strategy_is_refused_naming_the_strategy()
    {
        string path = Rung(Folder("search"), 0);
        SuccessiveHalving.Run(Data, Interruptible.Grid, Halving(Folder("interruptible")));
        Directory.CreateDirectory(Folder("search"));
        File.Copy(Rung(Folder("interruptible"), 0), path);

        var e = Assert.Throws<ProvenanceMismatchException>(() => Resume(Folder("search")));

        Assert.StartsWith($"{path}: the rung table was written by another search: strategy: EveryNth now, Interruptible in the table; ", e.Message);
        Assert.Contains("grid", e.Message);
    }

    [Fact]
    public void A_rung_table_of_another_grid_range_is_refused_naming_the_range()
    {
        // Every combination of grid indices 0..19, resumed as a search of 4..23.
        var options = Halving(Folder("search")) with { Candidates = null };
        SuccessiveHalving.Run(Data, EveryNth.Grid.Range(0, 20), options);
        string path = Rung(Folder("search"), 0);

        var e = Assert.Throws<ProvenanceMismatchException>(() => SuccessiveHalving.Run(Data, EveryNth.Grid.Range(4, 20), options with { Resume = true }));

        Assert.StartsWith($"{path}: the rung table was written by another search: ", e.Message);
        Assert.Contains("backtester.grid_start: 4 now, 0 in the table", e.Message);
    }

    [Fact]
    public void A_rung_table_of_another_rungs_budget_is_refused_naming_its_prefix()
    {
        // Rung 0 of three rungs runs over the first quarter of the data; of two rungs, over the first half.
        string path = OnlyFirstRung(Folder("search"));

        var e = Assert.Throws<ProvenanceMismatchException>(() => Resume(Folder("search"), options: Halving(Folder("search")) with { Rungs = 2 }));

        Assert.StartsWith($"{path}: the rung table was written by another search: data: ", e.Message);
        Assert.Contains($"{SuccessiveHalving.PrefixEndKey}: ", e.Message);
    }

    [Fact]
    public void Another_rungs_table_in_its_place_is_refused()
    {
        // A single-candidate search: every rung holds the same candidate, so only the rung and its prefix tell them apart.
        var one = Halving(Folder("search")) with { Candidates = 1 };
        SuccessiveHalving.Run(Data, EveryNth.Grid, one);
        string path = Rung(Folder("search"), 1);
        File.Copy(Rung(Folder("search"), 2), path, overwrite: true);
        File.Delete(Rung(Folder("search"), 2));

        var e = Assert.Throws<ProvenanceMismatchException>(() => Resume(Folder("search"), options: one));

        Assert.StartsWith($"{path}: the rung table was written by another search: data: ", e.Message);
        Assert.Contains($"{SuccessiveHalving.RungKey}: 1 now, 2 in the table", e.Message);
    }

    [Fact]
    public void A_rung_table_of_another_seed_is_refused_even_when_it_draws_the_same_candidates()
    {
        // The whole grid is every seed's sample: only the seed in the metadata tells the searches apart.
        var whole = Halving(Folder("search")) with { Candidates = null };
        string path = OnlyFirstRung(Folder("search"), whole);

        var e = Assert.Throws<ProvenanceMismatchException>(() => Resume(Folder("search"), options: whole with { Seed = 3 }));

        Assert.Equal($"{path}: the rung table was written by another search: {RandomSearch.SeedKey}: 3 now, 2 in the table. {OtherSearch}", e.Message);
    }

    [Fact]
    public void A_random_search_table_in_a_rungs_place_is_refused()
    {
        string path = Rung(Folder("search"), 0);
        RandomSearch.Run(Data, EveryNth.Grid, 10, 2, OneThread with { Output = new SweepOutput(Folder("search")) { FileName = Path.GetFileName(path) } });

        var e = Assert.Throws<ProvenanceMismatchException>(() => Resume(Folder("search")));

        Assert.StartsWith($"{path}: the rung table was written by another search: ", e.Message);
        Assert.Contains($"{SuccessiveHalving.RungKey}: 0 now, (not recorded) in the table", e.Message);
    }

    [Theory]
    [InlineData(ByteMutation.Flip)]
    [InlineData(ByteMutation.Truncate)]
    [InlineData(ByteMutation.Splice)]
    public void Every_damaged_rung_table_is_refused_naming_it_or_resumes_to_the_uninterrupted_search(ByteMutation mutation)
    {
        string whole = Folder("whole"), search = Folder("search");
        var uninterrupted = SuccessiveHalving.Run(Data, EveryNth.Grid, Halving(whole));
        Assert.True(SameResult(SuccessiveHalving.Run(Data, EveryNth.Grid, Halving(null)), uninterrupted));
        Directory.CreateDirectory(search);
        string path = Rung(search, 0);
        byte[] original = File.ReadAllBytes(Rung(whole, 0));
        var random = new Random(20261205 + (int)mutation); // fixed: the same cases on every run
        var failures = new List<string>();
        int refused = 0, resumed = 0;
        for (int c = 0; c < Cases; c++)
        {
            byte[] bytes = ByteMutations.Apply(original, mutation, random, out string what);
            if (bytes.AsSpan().SequenceEqual(original)) continue;
            foreach (string file in Directory.GetFileSystemEntries(search))
                if (Directory.Exists(file)) Directory.Delete(file, recursive: true);
                else File.Delete(file);
            File.WriteAllBytes(path, bytes);

            SuccessiveHalvingResult<EveryNth.Parameters>? again = null;
            Exception? e = Record.Exception(() => again = Resume(search));

            if (e is not null)
            {
                refused++;
                string? remedy = e switch { InvalidDataException => Damaged, ProvenanceMismatchException => OtherSearch, _ => null };
                if (remedy is null || !e.Message.StartsWith(path + ": ", StringComparison.Ordinal) || !e.Message.EndsWith(remedy, StringComparison.Ordinal))
                    failures.Add($"{what} (case {c}): {e.GetType().Name}: {e.Message}");
                continue;
            }
            resumed++;
            if (!SameResult(uninterrupted, again!))
                failures.Add($"{what} (case {c}): resumed into other results");
            else
                for (int r = 1; r < 3; r++)
                    if (!File.ReadAllBytes(Rung(search, r)).AsSpan().SequenceEqual(File.ReadAllBytes(Rung(whole, r))))
                        failures.Add($"{what} (case {c}): rung {r}'s table differs from the uninterrupted search's");
        }
        _output.WriteLine($"{mutation}: {refused} refused, {resumed} resumed");
        Assert.True(failures.Count == 0, $"{failures.Count} of {refused + resumed} cases ({refused} refused, {resumed} resumed):\n{string.Join("\n", failures.Take(20))}");
        Assert.True(refused > 0);
    }
}
