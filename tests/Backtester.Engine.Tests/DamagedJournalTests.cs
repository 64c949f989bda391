using System;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using System.Threading;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Backtester.Research;
using Backtester.Results;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// A resumed sweep never takes rows from a journal part whose bytes changed after they were written: each part's name
/// holds the XxHash64 of its bytes, and a flipped, cut or spliced part is refused naming the file, the journal left as
/// it was. Before, a fuzz of one part resumed 77 of 900 cases into a table that differed from the uninterrupted one.
/// </summary>
[Collection(nameof(InterruptibleCollection))]
public sealed class DamagedJournalTests : IDisposable
{
    private const int Cases = 150; // per mutation kind
    private static readonly MarketData Data = SyntheticData.Trades(new SyntheticDataOptions { Events = 5_000, Symbols = 2 });
    private static readonly SweepOptions OneThread = new() { MaxDegreeOfParallelism = 1 };
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Runs <see cref="Interruptible"/> into <paramref name="folder"/>, cancelled when N = 8 starts; returns the journal's one part (N = 1..8: grid indices 0..7).</summary>
    private static string Interrupt(string folder)
    {
        using var cts = new CancellationTokenSource();
        Interruptible.Started = n => { if (n == 8) cts.Cancel(); };
        try
        {
            Assert.ThrowsAny<OperationCanceledException>(() => Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(folder) }, cts.Token));
        }
        finally
        {
            Interruptible.Started = null;
        }
        return Directory.GetFiles(new SweepOutput(folder).JournalDirectory, "*.arrow").Single();
    }

    private static void Resume(string folder) =>
        Sweep.Run(Data, Interruptible.Grid, OneThread with { Output = new SweepOutput(folder) { Resume = true } });

    [Fact]
    public void A_parts_name_holds_the_xxhash64_of_its_bytes()
    {
        string part = Interrupt(_dir.Path);
        string name = Path.GetFileName(part);
        Assert.Equal($"{0:D19}-{7:D19}-g000-{XxHash64.HashToUInt64(File.ReadAllBytes(part)):x16}.arrow", name);
    }

    [Fact]
    public void A_flipped_byte_in_a_saved_summary_is_refused_naming_both_checksums_and_the_journal_is_kept()
    {
        string part = Interrupt(_dir.Path);
        byte[] bytes = File.ReadAllBytes(part);
        ulong written = XxHash64.HashToUInt64(bytes);
        // A byte in the middle of the file: the record batch's value buffers, which no Arrow reader can check.
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(part, bytes);
        ulong now = XxHash64.HashToUInt64(bytes);

        var e = Assert.Throws<InvalidDataException>(() => Resume(_dir.Path));

        Assert.Equal($"{part}: the journal part is damaged: its bytes' checksum is {now:x16}, its name says {written:x16} (the file changed after it was written). Discard the journal with SweepOutput.Fresh (--fresh).", e.Message);
        Assert.Equal(bytes, File.ReadAllBytes(part));
        Assert.False(File.Exists(Path.Combine(_dir.Path, "sweep.arrow")));
    }

    [Fact]
    public void A_part_with_a_fitting_name_that_arrow_cannot_read_is_refused_naming_it()
    {
        string part = Interrupt(_dir.Path);
        File.Delete(part);
        // The magic at both ends and garbage between: past our frame check, into Apache.Arrow's footer reader.
        byte[] forged = [.. "ARROW1\0\0"u8, .. Enumerable.Repeat((byte)0xff, 64), .. "ARROW1"u8];
        string named = Path.Combine(Path.GetDirectoryName(part)!, $"{Path.GetFileName(part)[..^22]}{XxHash64.HashToUInt64(forged):x16}.arrow");
        File.WriteAllBytes(named, forged);

        var e = Assert.Throws<InvalidDataException>(() => Resume(_dir.Path));

        Assert.StartsWith($"{named}: ", e.Message);
        Assert.EndsWith("Discard the journal with SweepOutput.Fresh (--fresh).", e.Message);
        Assert.True(File.Exists(named));
    }

    [Fact]
    public void A_random_searchs_damaged_journal_part_is_refused_the_same_way()
    {
        long[] drawn = RandomSearch.SampleIndices(20, 12, 5);
        int stopAt = Interruptible.Grid[drawn[6]].N;
        var single = OneThread with { Output = new SweepOutput(_dir.Path) };
        using (var cts = new CancellationTokenSource())
        {
            Interruptible.Started = n => { if (n == stopAt) cts.Cancel(); };
            try
            {
                Assert.ThrowsAny<OperationCanceledException>(() => RandomSearch.Run(Data, Interruptible.Grid, 12, 5, single, cancellationToken: cts.Token));
            }
            finally
            {
                Interruptible.Started = null;
            }
        }
        string part = Directory.GetFiles(single.Output.JournalDirectory, "*.arrow").First();
        ulong written = XxHash64.HashToUInt64(File.ReadAllBytes(part));
        Assert.EndsWith($"-{written:x16}.arrow", part);
        byte[] bytes = File.ReadAllBytes(part);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(part, bytes);

        var e = Assert.Throws<InvalidDataException>(() =>
            RandomSearch.Run(Data, Interruptible.Grid, 12, 5, single with { Output = new SweepOutput(_dir.Path) { Resume = true } }));

        Assert.Equal($"{part}: the journal part is damaged: its bytes' checksum is {XxHash64.HashToUInt64(bytes):x16}, its name says {written:x16} (the file changed after it was written). Discard the journal with SweepOutput.Fresh (--fresh).", e.Message);
    }

    /// <summary>
    /// A part with a fitting name whose enum parameter column (text: the member's name) has damaged offsets is refused
    /// naming it, or resumed when the damage leaves the names readable and the same. Before decision 0104 the check of
    /// the part's parameters decoded them with Apache.Arrow's StringArray.GetString, which trusts the offsets: a far one
    /// ended the test host with an AccessViolationException.
    /// </summary>
    [Fact]
    public void A_part_with_a_fitting_name_and_damaged_text_offsets_is_refused_naming_it_or_resumed()
    {
        string interrupted = Path.Combine(_dir.Path, "interrupted");
        using (var cts = new CancellationTokenSource())
        {
            InterruptibleMode.ResetCount();
            InterruptibleMode.Started = n => { if (n == 6) cts.Cancel(); };
            try
            {
                Assert.ThrowsAny<OperationCanceledException>(() => Sweep.Run(Data, InterruptibleMode.Grid, OneThread with { Output = new SweepOutput(interrupted) }, cts.Token));
            }
            finally
            {
                InterruptibleMode.Started = null;
            }
        }
        string part = Directory.GetFiles(new SweepOutput(interrupted).JournalDirectory, "*.arrow").Single();
        byte[] original = File.ReadAllBytes(part);
        TextOffsets mode = Assert.Single(TextOffsetDamage.Find(part), c => c.Column == "mode");
        var random = new Random(20261205);
        int refused = 0;
        for (int c = 0; c < Cases / 3; c++)
        {
            byte[] bytes = TextOffsetDamage.Apply(original, mode, random, out string what);
            string folder = Path.Combine(_dir.Path, $"case{c}");
            string journal = new SweepOutput(folder).JournalDirectory;
            Directory.CreateDirectory(journal);
            string named = Path.Combine(journal, $"{Path.GetFileName(part)[..^22]}{XxHash64.HashToUInt64(bytes):x16}.arrow");
            File.WriteAllBytes(named, bytes);

            Exception? e = Record.Exception(() => Sweep.Run(Data, InterruptibleMode.Grid, OneThread with { Output = new SweepOutput(folder) { Resume = true } }));

            if (e is null) continue;
            refused++;
            Assert.True(e is InvalidDataException or ProvenanceMismatchException && e.Message.StartsWith($"{named}: ", StringComparison.Ordinal), $"{what} (case {c}): {e.GetType().Name}: {e.Message}");
        }
        Assert.True(refused > Cases / 6, $"refused {refused} of {Cases / 3}");
    }

    [Theory]
    [InlineData(ByteMutation.Flip)]
    [InlineData(ByteMutation.Truncate)]
    [InlineData(ByteMutation.Splice)]
    public void Every_damaged_part_is_refused_naming_it_and_left_in_place(ByteMutation mutation)
    {
        string part = Interrupt(_dir.Path);
        string journal = Path.GetDirectoryName(part)!;
        byte[] original = File.ReadAllBytes(part);
        var random = new Random(20261204 + (int)mutation); // fixed: the same cases on every run
        for (int c = 0; c < Cases; c++)
        {
            byte[] bytes = ByteMutations.Apply(original, mutation, random, out string what);
            if (bytes.AsSpan().SequenceEqual(original)) continue;
            File.WriteAllBytes(part, bytes);

            Exception? e = Record.Exception(() => Resume(_dir.Path));

            Assert.True(e is InvalidDataException, $"{what} (case {c}): {(e is null ? "resumed" : $"{e.GetType().Name}: {e.Message}")}");
            Assert.StartsWith($"{part}: the journal part is damaged: ", e!.Message);
            Assert.Equal([Path.GetFileName(part)], Directory.GetFiles(journal).Select(Path.GetFileName));
            Assert.Equal(bytes, File.ReadAllBytes(part));
        }
    }
}
