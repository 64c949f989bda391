using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using System.Threading;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Backtester.Results;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>Resume refuses what does not belong together, never deletes saved progress silently, and retries failures.</summary>
[Collection(nameof(InterruptibleCollection))]
public class SweepResumeTests
{
    private static readonly MarketData Data = SyntheticData.Trades(new SyntheticDataOptions { Events = 5_000, Symbols = 2 });
    private static readonly SweepOptions OneThread = new() { MaxDegreeOfParallelism = 1 };

    /// <summary>Runs <see cref="Interruptible"/> into <paramref name="folder"/>, cancelled when combination N = 8 starts: N = 1..8 are journaled.</summary>
    private static void Interrupt(string folder, Action<int>? also = null, SweepOptions? options = null)
    {
        using var cts = new CancellationTokenSource();
        Interruptible.Started = n => { also?.Invoke(n); if (n == 8) cts.Cancel(); };
        try
        {
            Assert.ThrowsAny<OperationCanceledException>(() =>
                Sweep.Run(Data, Interruptible.Grid, (options ?? OneThread) with { Output = new SweepOutput(folder) }, cts.Token));
        }
        finally
        {
            Interruptible.Started = null;
        }
    }

    // The committed journal files, in ordinal order: not the ".{name}.{guid}.tmp" a flush is writing at that moment
    // (seen by the journal-interval test while the sweep runs, which then read it as the last file).
    private static string[] JournalFiles(string folder) =>
        Directory.GetFiles(new SweepOutput(folder).JournalDirectory).Select(Path.GetFileName).Where(f => !f!.StartsWith('.')).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void Resume_with_other_options_is_refused_naming_each_difference_and_keeps_the_journal()
    {
        using var dir = new TempDirectory();
        Interrupt(dir.Path);
        string[] saved = JournalFiles(dir.Path);

        var changed = OneThread with { Backtest = new BacktestOptions { TakerFeeBps = 5, OrderLatencyNs = 2_000 }, Output = new SweepOutput(dir.Path) { Resume = true } };
        var ex = Assert.Throws<ProvenanceMismatchException>(() => Sweep.Run(Data, Interruptible.Grid, changed));

        Assert.Equal(new[] { "option order_latency_ns: 2000 now, 0 in the journal", "option taker_fee_bps: 5 now, 0 in the journal" }, ex.Differences);
        Assert.StartsWith(new SweepOutput(dir.Path).JournalDirectory + ": the journal was written by another sweep: option order_latency_ns", ex.Message);
        Assert.EndsWith("Resume with the same strategy, grid, data and options, or discard the journal with SweepOutput.Fresh (--fresh)", ex.Message);
        Assert.Equal(saved, JournalFiles(dir.Path));
    }

    [Fact]
    public void Resume_over_other_data_or_another_strategy_is_refused()
    {
        using var dir = new TempDirectory();
        Interrupt(dir.Path);
        using MarketData other = SyntheticData.Trades(new SyntheticDataOptions { Events = 5_000, Symbols = 2, Seed = 7 });

        var data = Assert.Throws<ProvenanceMismatchException>(() =>
            Sweep.Run(other, Interruptible.Grid, OneThread with { Output = new SweepOutput(dir.Path) { Resume = true } }));
        Assert.Equal(new[] { $"data: {other.Identity.Fingerprint} ({other.Source}: 5000 trades, 0 quotes, 0 bars) now, {Data.Identity.Fingerprint} ({Data.Source}: 5000 trades, 0 quotes, 0 bars) in the journal" },
            data.Differences);

        var strategy = Assert.Throws<ProvenanceMismatchException>(() =>
            Sweep.Run(Data, Exploding.Grid, OneThread with { Output = new SweepOutput(dir.Path) { Resume = true } }));
        Assert.Contains("strategy: Exploding now, Interruptible in the journal", strategy.Differences);
        Assert.Contains("grid size: 4 now, 20 in the journal", strategy.Differences);
        Assert.Contains("grid parameter Fuse: Int32 [4]: 0, 1, 2, 3 now, absent in the journal", strategy.Differences);
        Assert.Contains("grid parameter N: absent now, " + "Int32 [20]: " + string.Join(", ", Enumerable.Range(1, 20)) + " in the journal", strategy.Differences);

        var range = Assert.Throws<ProvenanceMismatchException>(() =>
            Sweep.Run(Data, Interruptible.Grid.Range(0, 10), OneThread with { Output = new SweepOutput(dir.Path) { Resume = true } }));
        Assert.Equal(new[] { "grid range: 0..9 now, 0..19 in the journal" }, range.Differences);
    }

    [Fact]
    public void Saved_parameter_values_are_checked_against_the_grid()
    {
        using var dir = new TempDirectory();
        Interrupt(dir.Path);
        // Rewrite the journal's part with N = 99 for grid index 3 (same schema and metadata: only the value is off).
        string part = Directory.GetFiles(new SweepOutput(dir.Path).JournalDirectory).Single();
        Schema schema;
        var batches = new List<RecordBatch>();
        using (var stream = File.OpenRead(part))
        using (var reader = new ArrowFileReader(stream))
        {
            schema = reader.Schema;
            while (reader.ReadNextRecordBatch() is { } batch) batches.Add(batch);
        }
        RecordBatch original = batches.Single();
        var n = (Int32Array)original.Column("n");
        var forged = new Int32Array.Builder();
        for (int i = 0; i < n.Length; i++) forged.Append(i == 3 ? 99 : n.GetValue(i)!.Value);
        var arrays = original.Arrays.ToList();
        arrays[schema.GetFieldIndex("n")] = forged.Build();
        File.Delete(part);
        using (var stream = new MemoryStream())
        {
            using (var writer = new ArrowFileWriter(stream, schema, leaveOpen: true))
            {
                writer.WriteRecordBatch(new RecordBatch(schema, arrays, original.Length));
                writer.WriteEnd();
            }
            // A forgery that knows the journal's naming: the name holds the new bytes' XxHash64, so the checksum passes.
            string name = Path.GetFileNameWithoutExtension(part);
            File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(part)!, $"{name[..^16]}{XxHash64.HashToUInt64(stream.ToArray()):x16}.arrow"), stream.ToArray());
        }

        var ex = Assert.Throws<ProvenanceMismatchException>(() =>
            Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(dir.Path) { Resume = true } }));
        Assert.Equal(new[] { "grid index 3: n=99 in the journal, n=4 now" }, ex.Differences);
    }

    [Fact]
    public void A_sweep_that_finds_a_journal_without_resume_or_fresh_refuses_and_deletes_nothing()
    {
        using var dir = new TempDirectory();
        Interrupt(dir.Path);
        string[] saved = JournalFiles(dir.Path);

        var ex = Assert.Throws<SweepJournalExistsException>(() => Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(dir.Path) }));
        Assert.Equal($"{new SweepOutput(dir.Path).JournalDirectory} holds the journal of an unfinished sweep (1 part files); nothing was deleted. Set SweepOutput.Resume (--resume) to continue it, or SweepOutput.Fresh (--fresh) to discard it and start over.", ex.Message);
        Assert.Equal(saved, JournalFiles(dir.Path));

        var ran = new List<int>();
        Interruptible.Started = ran.Add;
        try
        {
            Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(dir.Path) { Fresh = true } });
        }
        finally
        {
            Interruptible.Started = null;
        }
        Assert.Equal(Enumerable.Range(1, 20), ran);
        Assert.False(Directory.Exists(new SweepOutput(dir.Path).JournalDirectory));
        Assert.True(File.Exists(dir.File("sweep.arrow")));
    }

    [Fact]
    public void Failed_rows_of_the_journal_run_again_on_resume()
    {
        using var full = new TempDirectory();
        using var dir = new TempDirectory();
        Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(full.Path) });
        // The first run fails at N = 3 (a transient failure: the resumed run does not throw).
        Interrupt(dir.Path, n => { if (n == 3) throw new IOException("network share went away"); });

        var ran = new List<int>();
        Interruptible.Started = ran.Add;
        SweepResult<Interruptible.Parameters> result;
        try
        {
            result = Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(dir.Path) { Resume = true } });
        }
        finally
        {
            Interruptible.Started = null;
        }

        Assert.Equal(new[] { 3 }.Concat(Enumerable.Range(9, 12)), ran);
        Assert.Equal((7L, 1L, 0L), (result.Totals.Resumed, result.Totals.Retried, result.Totals.Failed));
        Assert.True(result.Rows[2].Succeeded);
        Assert.Equal(File.ReadAllBytes(full.File("sweep.arrow")), File.ReadAllBytes(dir.File("sweep.arrow")));
    }

    [Fact]
    public void A_resumed_sweep_on_several_threads_writes_the_bytes_of_an_uninterrupted_one()
    {
        using var full = new TempDirectory();
        using var dir = new TempDirectory();
        var threads = new SweepOptions { MaxDegreeOfParallelism = 3 };
        Sweep.Run(Data, Interruptible.Grid, threads with { Output = new SweepOutput(full.Path) });
        Interrupt(dir.Path, options: threads);

        Sweep.Run(Data, Interruptible.Grid, threads with { Output = new SweepOutput(dir.Path) { Resume = true } });

        Assert.Equal(File.ReadAllBytes(full.File("sweep.arrow")), File.ReadAllBytes(dir.File("sweep.arrow")));
    }

    [Fact]
    public void Finished_rows_are_journaled_within_the_journal_interval_while_the_sweep_runs()
    {
        using var dir = new TempDirectory();
        var output = new SweepOutput(dir.Path) { JournalInterval = TimeSpan.FromMilliseconds(50) };
        string[]? seen = null;
        // BatchSize is 65,536 rows, so only the interval can have written N = 1..9 by the time N = 10 starts.
        Interruptible.Started = n =>
        {
            if (n != 10) return;
            // The sweep is held here, so only the journal thread can write rows 0..8 now: wait for it (bounded, so a
            // journal that never flushes fails the assertion below instead of hanging), not a fixed sleep.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            do
            {
                seen = JournalFiles(dir.Path);
                if (seen.Length > 0 && seen[^1].Contains($"{8:D19}-g000", StringComparison.Ordinal)) break;
                Thread.Sleep(20);
            } while (clock.Elapsed < TimeSpan.FromSeconds(10));
        };
        try
        {
            Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = output });
        }
        finally
        {
            Interruptible.Started = null;
        }
        Assert.NotNull(seen);
        Assert.NotEmpty(seen);
        // first-last-gN-checksum.arrow: the last part ends at grid index 8, generation 0.
        Assert.Equal($"{8:D19}-g000", string.Join('-', seen[^1].Split('-')[1..3]));
    }
}
