using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>
/// <c>sweep --resume</c> and <c>search random --resume</c> where a crash came between the table's commit and the
/// journal's deletion (decision 0109): the table is kept and the journal deleted when it holds only the table's rows,
/// and the resume is refused naming both, with the remedy in the command line's terms, when it does not.
/// </summary>
public sealed class LeftoverJournalCommandTests : IDisposable
{
    private const string Data = "synthetic:events=20000,symbols=2,seed=3";
    private static readonly DateTime Committed = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string[] Sweep(string folder, params string[] more) => ["sweep", "-s", "SmaCross", "-d", Data, "-o", folder, "--threads", "2", .. more];

    private static string[] Search(string folder, params string[] more) =>
        ["search", "random", "-s", "SmaCross", "-d", Data, "-o", folder, "--samples", "12", "--seed", "7", "--threads", "2", .. more];

    /// <summary>
    /// Writes the rows of the table <paramref name="table"/> as one journal part into <paramref name="journal"/>, as the
    /// journals write theirs: the table's schema and metadata without its rows' checksum (which only the table carries),
    /// the rows as they are (through <paramref name="change"/>), and the name <c>{stem}-{XxHash64 of the bytes}.arrow</c>.
    /// </summary>
    private static void JournalFrom(string table, string journal, Func<long, long, string> stem, Func<RecordBatch, RecordBatch>? change = null)
    {
        Schema schema;
        var batches = new List<RecordBatch>();
        using (var stream = File.OpenRead(table))
        using (var reader = new ArrowFileReader(stream))
        {
            var builder = new Schema.Builder();
            foreach (Field field in reader.Schema.FieldsList) builder.Field(field);
            foreach (var (key, value) in reader.Schema.Metadata)
                if (key != "backtester.rows_xxh64") builder.Metadata(key, value);
            schema = builder.Build();
            while (reader.ReadNextRecordBatch() is { } batch) batches.Add(change is null ? batch.Clone() : change(batch.Clone()));
        }
        var index = (Int64Array)batches[0].Column("index");
        long first = index.GetValue(0)!.Value, last = ((Int64Array)batches[^1].Column("index")).GetValue(batches[^1].Length - 1)!.Value;
        using var bytes = new MemoryStream();
        using (var writer = new ArrowFileWriter(bytes, schema, leaveOpen: true))
        {
            foreach (RecordBatch batch in batches) writer.WriteRecordBatch(new RecordBatch(schema, batch.Arrays, batch.Length));
            writer.WriteEnd();
        }
        Directory.CreateDirectory(journal);
        File.WriteAllBytes(Path.Combine(journal, $"{stem(first, last)}-{XxHash64.HashToUInt64(bytes.ToArray()):x16}.arrow"), bytes.ToArray());
    }

    private static string SweepPart(long first, long last) => string.Create(CultureInfo.InvariantCulture, $"{first:D19}-{last:D19}-g000");

    private static string SearchPart(long first, long last) => string.Create(CultureInfo.InvariantCulture, $"{first:D19}-{last:D19}-a000-{Guid.NewGuid():N}");

    /// <summary>The batch with row 0's net PnL 1 higher.</summary>
    private static RecordBatch FirstNetPnlPlusOne(RecordBatch batch)
    {
        var netPnl = (DoubleArray)batch.Column("net_pnl");
        var changed = new DoubleArray.Builder();
        for (int i = 0; i < netPnl.Length; i++) changed.Append(netPnl.GetValue(i)!.Value + (i == 0 ? 1 : 0));
        var arrays = batch.Arrays.ToList();
        arrays[batch.Schema.GetFieldIndex("net_pnl")] = changed.Build();
        return new RecordBatch(batch.Schema, arrays, batch.Length);
    }

    [Fact]
    public void Sweep_resume_of_a_finished_sweep_reads_its_table_and_over_another_sweeps_table_says_it_ran_again()
    {
        string folder = _dir.File("finished"), table = Path.Combine(folder, "sweep.arrow");
        Assert.Equal(0, Cli.Run(Sweep(folder)).ExitCode);
        File.SetLastWriteTimeUtc(table, Committed);
        byte[] bytes = File.ReadAllBytes(table);

        var again = Cli.Run(Sweep(folder, "--resume"));
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("the sweep had finished: its 80 rows were read from its table, and nothing ran", again.Out);
        Assert.DoesNotContain("found no journal", again.Error);
        Assert.Equal(Committed, File.GetLastWriteTimeUtc(table));
        Assert.Equal(bytes, File.ReadAllBytes(table));

        // Another fee: the table is not this sweep's, so the resume runs from the start and says why, then replaces it.
        var other = Cli.Run(Sweep(folder, "--resume", "--fee-bps", "5"));
        Assert.Equal(0, other.ExitCode);
        Assert.Contains($"note: --resume found no journal in {Path.Combine(folder, ".sweep.arrow.parts")}, and the table {table} was not this sweep's finished table (another sweep's, or damaged); the sweep ran from its first combination and replaced it.", other.Error);
        Assert.NotEqual(bytes, File.ReadAllBytes(table));
    }

    [Fact]
    public void Sweep_resume_with_a_finished_table_and_its_leftover_journal_keeps_the_table_and_deletes_the_journal()
    {
        string folder = _dir.File("sweep"), table = Path.Combine(folder, "sweep.arrow"), journal = Path.Combine(folder, ".sweep.arrow.parts");
        var first = Cli.Run(Sweep(folder, "--json"));
        Assert.Equal(0, first.ExitCode);
        // Every row journaled and the table committed: the folder a crash before the journal's deletion leaves.
        JournalFrom(table, journal, SweepPart);
        File.SetLastWriteTimeUtc(table, Committed);
        byte[] bytes = File.ReadAllBytes(table);

        var resumed = Cli.Run(Sweep(folder, "--resume"));
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("resumed 80 rows from the finished sweep table; the journal left beside it held only its rows and was deleted", resumed.Out);
        Assert.False(Directory.Exists(journal));
        Assert.Equal(Committed, File.GetLastWriteTimeUtc(table));
        Assert.Equal(bytes, File.ReadAllBytes(table));

        // Its ranking is the first run's (the JSON's top rows, parameters and statistics alike).
        JournalFrom(table, journal, SweepPart);
        var json = Cli.Run(Sweep(folder, "--resume", "--json"));
        Assert.Equal(0, json.ExitCode);
        Assert.Equal(first.Json.GetProperty("top").GetRawText(), json.Json.GetProperty("top").GetRawText());
        Assert.Equal(80, json.Json.GetProperty("resumed").GetInt32());
    }

    [Fact]
    public void Sweep_resume_refuses_a_journal_of_other_options_beside_the_finished_table_and_says_what_to_do()
    {
        string folder = _dir.File("sweep"), fees = _dir.File("fees"), journal = Path.Combine(folder, ".sweep.arrow.parts");
        Assert.Equal(0, Cli.Run(Sweep(folder, "-q")).ExitCode);
        Assert.Equal(0, Cli.Run(Sweep(fees, "--fee-bps", "5", "-q")).ExitCode);
        JournalFrom(Path.Combine(fees, "sweep.arrow"), journal, SweepPart);
        string[] parts = Directory.GetFiles(journal);

        var refused = Cli.Run(Sweep(folder, "--resume"));

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"error: {journal}: the journal left beside the finished table {Path.Combine(folder, "sweep.arrow")} was journaled by another sweep: "
            + "option taker_fee_bps: 0 now, 5 in the journal. Delete the journal folder to keep the table, or run again with --fresh to sweep again from the start.",
            refused.Error.Trim());
        Assert.Equal(parts, Directory.GetFiles(journal));
    }

    [Fact]
    public void Search_random_resume_with_a_finished_table_and_its_leftover_journal_keeps_the_table_and_deletes_the_journal()
    {
        string folder = _dir.File("search"), table = Path.Combine(folder, "search.arrow"), journal = Path.Combine(folder, ".search.arrow.parts");
        var first = Cli.Run(Search(folder, "--json"));
        Assert.Equal(0, first.ExitCode);
        JournalFrom(table, journal, SearchPart);
        File.SetLastWriteTimeUtc(table, Committed);

        var resumed = Cli.Run(Search(folder, "--resume", "--json"));

        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(first.Json.GetProperty("top").GetRawText(), resumed.Json.GetProperty("top").GetRawText());
        Assert.False(Directory.Exists(journal));
        Assert.Equal(Committed, File.GetLastWriteTimeUtc(table));
    }

    [Fact]
    public void Search_random_resume_refuses_a_leftover_journal_holding_another_result_and_keeps_both()
    {
        string folder = _dir.File("search"), table = Path.Combine(folder, "search.arrow"), journal = Path.Combine(folder, ".search.arrow.parts");
        Assert.Equal(0, Cli.Run(Search(folder, "-q")).ExitCode);
        long firstIndex;
        using (var stream = File.OpenRead(table))
        using (var reader = new ArrowFileReader(stream))
            firstIndex = ((Int64Array)reader.ReadNextRecordBatch()!.Column("index")).GetValue(0)!.Value;
        JournalFrom(table, journal, SearchPart, FirstNetPnlPlusOne);
        byte[] bytes = File.ReadAllBytes(table);
        string[] parts = Directory.GetFiles(journal);

        var refused = Cli.Run(Search(folder, "--resume"));

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"error: {journal}: the journal left beside the finished table {table} holds a result for grid index {firstIndex} that differs from the table's, "
            + "so it is not that table's journal. Delete the journal folder to keep the table, or run again with --fresh to search again from the start.",
            refused.Error.Trim());
        Assert.Equal(parts, Directory.GetFiles(journal));
        Assert.Equal(bytes, File.ReadAllBytes(table));
    }
}
