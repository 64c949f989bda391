using System.Collections.Generic;
using System.IO;
using System.Linq;
using Backtester.Data;
using Backtester.Results;
using Backtester.Engine.Tests.Strategies;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// orders, round_trips and symbols are part of the run's one commit (decision 0057): they appear with the other files or
/// none do, in every format, and a run over segments writes them too.
/// </summary>
public class JournalCommitTests
{
    private static readonly MarketData Whole = SyntheticData.Trades(new SyntheticDataOptions { Events = 30_000, Symbols = 2 });

    private static BacktestOptions OptionsFor(string directory, ResultFormat format) => new()
    {
        OrderLatencyNs = 3_000,
        TakerFeeBps = 3,
        EquitySampleIntervalNs = 1_000_000,
        Output = new RunOutput(directory) { Format = format, Arrow = new ArrowFileOptions { BatchSize = 64 } },
    };

    [Theory]
    [InlineData(ResultFormat.Arrow, "orders")]
    [InlineData(ResultFormat.Arrow, "round_trips")]
    [InlineData(ResultFormat.Parquet, "symbols")]
    [InlineData(ResultFormat.Csv, "orders")]
    public void A_journal_file_that_cannot_be_written_leaves_no_file_of_the_run_and_no_temporary_file(ResultFormat format, string table)
    {
        using var dir = new TempDirectory();
        string blocked = dir.File(table + ResultFiles.Extension(format));
        // A folder where the journal file should go: everything is written, then its rename fails and the set is rolled back.
        Directory.CreateDirectory(blocked);

        var e = Assert.Throws<ResultWriteException>(() => Backtest.Run(Whole, new EveryNth { Every = 64 }, OptionsFor(dir.Path, format)));

        Assert.Equal(blocked, e.Path);
        // Before the journal joined the commit, fills, equity and summary were already in place when orders failed.
        Assert.Empty(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));
        Assert.Equal(new[] { Path.GetFileName(blocked) }, Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).ToArray());
    }

    [Fact]
    public void A_failed_run_with_journal_files_never_pairs_an_old_summary_with_new_orders()
    {
        using var dir = new TempDirectory();
        Backtest.Run(Whole, new EveryNth { Every = 64 }, OptionsFor(dir.Path, ResultFormat.Arrow));
        File.Delete(dir.File("symbols.arrow"));
        Directory.CreateDirectory(dir.File("symbols.arrow"));

        Assert.Throws<ResultWriteException>(() => Backtest.Run(Whole, new EveryNth { Every = 128 }, OptionsFor(dir.Path, ResultFormat.Arrow)));

        // The old summary went first; the new files renamed before symbols failed were deleted again.
        Assert.Empty(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(ResultFormat.Arrow)]
    [InlineData(ResultFormat.Csv)]
    public void Every_file_of_a_run_appears_in_the_format_and_nothing_else(ResultFormat format)
    {
        using var dir = new TempDirectory();
        Backtest.Run(Whole, new EveryNth { Every = 64 }, OptionsFor(dir.Path, format));

        string ext = ResultFiles.Extension(format);
        Assert.Equal(new[] { "equity", "fills", "orders", "round_trips", "summary", "symbols" }.Select(n => n + ext),
            Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(System.StringComparer.Ordinal));
    }

    [Fact]
    public void A_run_over_day_files_writes_the_same_orders_round_trips_and_symbols_as_the_whole_data()
    {
        using var days = new TempDirectory();
        var paths = new List<string>();
        for (int k = 0; k < 3; k++)
        {
            string path = days.File($"day-{k}.arrow");
            using MarketData day = Slice(k * 10_000, (k + 1) * 10_000);
            ArrowMarketDataWriter.Write(day, path);
            paths.Add(path);
        }
        using var whole = new TempDirectory();
        using var segmented = new TempDirectory();

        Backtest.Run(Whole, new EveryNth { Every = 64 }, OptionsFor(whole.Path, ResultFormat.Csv));
        Backtest.Run(MarketDataSegments.FromFiles(paths), new EveryNth { Every = 64 }, OptionsFor(segmented.Path, ResultFormat.Csv));

        // The one-piece run is the second method: orders that cross a day boundary (3 µs latency) and round trips that
        // span days are the same rows, and each symbol's first and last price come from the first and last day.
        foreach (string table in new[] { "orders", "round_trips", "symbols" })
        {
            string[] expected = File.ReadAllLines(Path.Combine(whole.Path, table + ".csv"));
            Assert.True(expected.Length > 2, table);
            Assert.Equal(expected, File.ReadAllLines(Path.Combine(segmented.Path, table + ".csv")));
        }
        string[] symbols = File.ReadAllLines(Path.Combine(segmented.Path, "symbols.csv"));
        Assert.Equal(3, symbols.Length); // header, SYN0, SYN1
    }

    [Theory]
    [InlineData(ResultFormat.Parquet)]
    [InlineData(ResultFormat.Csv)]
    public void Every_table_read_back_from_another_format_has_the_arrow_files_types_and_values(ResultFormat format)
    {
        using var arrow = new TempDirectory();
        using var other = new TempDirectory();
        Backtest.Run(Whole, new EveryNth { Every = 64 }, OptionsFor(arrow.Path, ResultFormat.Arrow));
        Backtest.Run(Whole, new EveryNth { Every = 64 }, OptionsFor(other.Path, format));

        foreach (string table in new[] { "summary", "fills", "equity", "orders", "round_trips", "symbols" })
        {
            var (expectedSchema, expected) = ResultFileReader.Read(arrow.File(table + ".arrow"));
            var (actualSchema, actual) = ResultFileReader.Read(other.File(table + ResultFiles.Extension(format)));
            Assert.Equal(expectedSchema.FieldsList.Select(f => (f.Name, f.DataType.TypeId)), actualSchema.FieldsList.Select(f => (f.Name, f.DataType.TypeId)));
            foreach (var field in expectedSchema.FieldsList)
                Assert.Equal(Cells(expected, field.Name), Cells(actual, field.Name));
            if (format == ResultFormat.Parquet) Assert.Equal(expectedSchema.Metadata["backtester.table"], actualSchema.Metadata["backtester.table"]);
        }
    }

    /// <summary>A column's cells as invariant text (doubles round-trip), across batches.</summary>
    private static List<string> Cells(IReadOnlyList<Apache.Arrow.RecordBatch> batches, string column)
    {
        var cells = new List<string>();
        foreach (var batch in batches)
        {
            var array = batch.Column(column);
            for (int i = 0; i < batch.Length; i++)
                cells.Add(array.IsNull(i) ? "null" : array switch
                {
                    Apache.Arrow.DoubleArray a => a.GetValue(i)!.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    Apache.Arrow.Int64Array a => $"{a.GetValue(i)}",
                    Apache.Arrow.Int32Array a => $"{a.GetValue(i)}",
                    Apache.Arrow.Int8Array a => $"{a.GetValue(i)}",
                    Apache.Arrow.UInt8Array a => $"{a.GetValue(i)}",
                    Apache.Arrow.TimestampArray a => $"{a.GetValue(i)}",
                    Apache.Arrow.BooleanArray a => $"{a.GetValue(i)}",
                    Apache.Arrow.StringArray a => a.GetString(i),
                    _ => throw new System.InvalidOperationException($"{column}: {array.Data.DataType.Name}"),
                });
        }
        return cells;
    }

    /// <summary>Rows [from, to) of <see cref="Whole"/> as their own data set.</summary>
    private static MarketData Slice(int from, int to)
    {
        TradeColumns t = Whole.Trades;
        return MarketData.FromTrades($"slice {from}..{to}", new[] { "SYN0", "SYN1" },
            t.Timestamps.Span[from..to].ToArray(), t.SymbolIds.Span[from..to].ToArray(),
            t.Prices.Span[from..to].ToArray(), t.Sizes.Span[from..to].ToArray(), t.Aggressors.Span[from..to].ToArray());
    }
}
