using System;
using System.Collections.Generic;
using System.IO;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Backtester.Results;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// A run's files with damaged text columns (the offsets of orders', round trips', symbols' and a logged record's utf8
/// columns, and any bytes of those and of the fills) are read or refused by every reader of the engine, naming the
/// file, and the generated <c>ReadRow</c> refuses them with a managed exception: none reads memory outside the file.
/// Before decision 0104 these reads went through Apache.Arrow's <c>StringArray.GetString</c>, which trusts the offsets:
/// the first case with an offset far past the value buffer ended the test host with an AccessViolationException (no
/// catch stops one), and an offset just past it returned the bytes beyond the buffer as text.
/// </summary>
public sealed class DamagedTextColumnTests : IDisposable
{
    private const int OffsetCases = 50; // per text column of each file
    private const int ByteCases = 25; // per mutation kind and file
    private static readonly MarketData Data = SyntheticData.Trades(new SyntheticDataOptions { Events = 3_000, Symbols = 2 });
    private readonly TempDirectory _dir = new();
    private readonly string _run;

    public DamagedTextColumnTests()
    {
        _run = Path.Combine(_dir.Path, "run");
        Backtest.Run(Data, new Signaller { Every = 50 }, new BacktestOptions { Output = new RunOutput(_run) });
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>A reader of a damaged file: the engine's (they must name the file when they refuse it) or the generated ReadRow (it cannot).</summary>
    private sealed record Reader(string Name, bool NamesTheFile, Action<string> Read);

    private static IEnumerable<Reader> Readers(string table)
    {
        yield return new Reader("ResultFileReader.Read", true, path =>
        {
            (_, IReadOnlyList<RecordBatch> batches) = ResultFileReader.Read(path);
            foreach (RecordBatch batch in batches) batch.Dispose();
        });
        yield return new Reader("ResultFiles.Convert to CSV", true, path => ResultFiles.Convert(path, ResultFormat.Csv));
        yield return new Reader("ResultFiles.Convert to Parquet", true, path => ResultFiles.Convert(path, ResultFormat.Parquet));
        Func<RecordBatch, int, object> readRow = table switch
        {
            "orders" => (batch, row) => OrderRecord.ReadRow(batch, row),
            "round_trips" => (batch, row) => RoundTripRecord.ReadRow(batch, row),
            "symbols" => (batch, row) => SymbolStatistics.ReadRow(batch, row),
            "signal_snapshot" => (batch, row) => SignalSnapshot.ReadRow(batch, row),
            _ => (batch, row) => Fill.ReadRow(batch, row),
        };
        yield return new Reader("ReadRow", false, path => ReadRows(path, readRow));
    }

    /// <summary>
    /// Every row of the file rebuilt by the generated <c>ReadRow</c>, as a user reads a logged record's file (opened
    /// through our frame check, so that Apache.Arrow's own sizing of a damaged footer is not what this fuzzes).
    /// </summary>
    private static void ReadRows(string path, Func<RecordBatch, int, object> readRow)
    {
        using FileStream stream = ArrowIpcFile.OpenRead(path);
        using var reader = new ArrowFileReader(stream, ArrowIpcOptions.Codecs);
        while (reader.ReadNextRecordBatch() is { } batch)
            using (batch)
                for (int row = 0; row < batch.Length; row++) readRow(batch, row);
    }

    /// <summary>Reads a copy of <paramref name="bytes"/> named like the table with each reader; counts the refusals that are ArrowText's.</summary>
    private void ReadEveryWay(string table, byte[] bytes, string what, Dictionary<string, int> offsetRefusals)
    {
        foreach (Reader reader in Readers(table))
        {
            string folder = Path.Combine(_dir.Path, Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, table + ".arrow");
            File.WriteAllBytes(path, bytes);

            Exception? e = Record.Exception(() => reader.Read(path));

            if (e is null) continue;
            string failure = $"{table}.arrow, {what}, {reader.Name}: {e.GetType().Name}: {e.Message}";
            if (reader.NamesTheFile) Assert.True(e is InvalidDataException && e.Message.StartsWith(path + ": ", StringComparison.Ordinal), failure);
            if (e.ToString().Contains("the offsets are wrong", StringComparison.Ordinal) || e.ToString().Contains("offsets buffer holds", StringComparison.Ordinal))
                offsetRefusals[reader.Name] = offsetRefusals.GetValueOrDefault(reader.Name) + 1;
        }
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("round_trips")]
    [InlineData("symbols")]
    [InlineData("signal_snapshot")]
    public void Damaged_offsets_of_a_text_column_are_refused_naming_the_file_or_read(string table)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(_run, table + ".arrow"));
        List<TextOffsets> columns = TextOffsetDamage.Find(Path.Combine(_run, table + ".arrow"));
        Assert.NotEmpty(columns);
        var random = new Random(20261205); // fixed: the same cases on every run
        var refusals = new Dictionary<string, int>();
        foreach (TextOffsets column in columns)
            for (int c = 0; c < OffsetCases; c++)
            {
                byte[] bytes = TextOffsetDamage.Apply(original, column, random, out string what);
                ReadEveryWay(table, bytes, $"{what} (case {c})", refusals);
            }

        // The readers that decode text met the damage, and ResultFileReader.Read, which checks every text column's offsets
        // before it hands batches on (it read all of these cases before).
        foreach (string decoding in new[] { "ResultFileReader.Read", "ResultFiles.Convert to CSV", "ResultFiles.Convert to Parquet", "ReadRow" })
            Assert.True(refusals.GetValueOrDefault(decoding) > OffsetCases / 4, $"{decoding} refused {refusals.GetValueOrDefault(decoding)} of {columns.Count * OffsetCases} cases for their offsets");
    }

    [Theory]
    [InlineData("orders", ByteMutation.Flip)]
    [InlineData("orders", ByteMutation.Splice)]
    [InlineData("orders", ByteMutation.Truncate)]
    [InlineData("round_trips", ByteMutation.Flip)]
    [InlineData("round_trips", ByteMutation.Splice)]
    [InlineData("signal_snapshot", ByteMutation.Flip)]
    [InlineData("signal_snapshot", ByteMutation.Splice)]
    [InlineData("fills", ByteMutation.Flip)]
    [InlineData("fills", ByteMutation.Splice)]
    public void Any_damaged_bytes_are_refused_naming_the_file_or_read(string table, ByteMutation mutation)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(_run, table + ".arrow"));
        var random = new Random(20261205 + (int)mutation);
        var refusals = new Dictionary<string, int>();
        for (int c = 0; c < ByteCases; c++)
        {
            byte[] bytes = ByteMutations.Apply(original, mutation, random, out string what);
            ReadEveryWay(table, bytes, $"{what} (case {c})", refusals);
        }
    }
}
