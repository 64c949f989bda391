using System.IO;
using System.IO.Compression;
using System.Linq;
using Backtester.Data;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary><c>data convert STREAM OUT.arrow --snapshot SNAPSHOT.json</c>: a recorded Binance diff depth stream to the book file.</summary>
public class DataConvertBinanceDepthTests
{
    private const long T0 = 1_704_067_200_000; // 2024-01-01T00:00:00Z, ms

    private const string Snapshot = """{"lastUpdateId":100,"bids":[["99.50","2.0"],["99.00","1.0"]],"asks":[["100.50","3.0"]]}""";

    private static string Update(long time, long first, long last, string bids, string asks) =>
        $$"""{"e":"depthUpdate","E":{{time}},"s":"BTCUSDT","U":{{first}},"u":{{last}},"b":{{bids}},"a":{{asks}}}""";

    /// <summary>A gzipped recording: ids 95..100 (older than the snapshot), 99..102 (spans 101), 103..105, the middle one as a combined-stream message.</summary>
    private static string Recording(TempDirectory dir, params string[] lines)
    {
        string path = dir.File("BTCUSDT-depth.jsonl.gz");
        using FileStream file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var w = new StreamWriter(gzip);
        foreach (string line in lines) w.Write(line + "\n");
        return path;
    }

    [Fact]
    public void A_recorded_stream_and_its_snapshot_convert_to_a_book_file_the_engine_replays()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("snapshot.json"), Snapshot);
        string stream = Recording(dir,
            Update(T0 - 500, 95, 100, """[["98.00","7"]]""", "[]"),
            $$"""{"stream":"btcusdt@depth@100ms","data":{{Update(T0, 99, 102, """[["99.50","0"]]""", """[["100.00","1.5"]]""")}}}""",
            Update(T0 + 250, 103, 105, """[["99.80","4"]]""", "[]"));
        string arrow = dir.File("book.arrow");

        var convert = Cli.Run("data", "convert", stream, arrow, "--snapshot", dir.File("snapshot.json"));
        Assert.Equal(0, convert.ExitCode);
        // The snapshot's 3 levels and line 2's 2 (one batch at T0), then line 3's 1; line 1 is dropped.
        Assert.Contains("wrote 6 events", convert.Out);

        var inspect = Cli.Run("data", "inspect", arrow, "--json").Json;
        Assert.Equal((6L, 6L, 0L), (inspect.GetProperty("rows").GetInt64(), inspect.GetProperty("book").GetInt64(), inspect.GetProperty("trades").GetInt64()));
        Assert.Equal("2024-01-01T00:00:00Z", inspect.GetProperty("from").GetString());
        Assert.Equal("2024-01-01T00:00:00.250Z", inspect.GetProperty("to").GetString());
        Assert.Equal("BTCUSDT", inspect.GetProperty("symbols")[0].GetString());

        using MarketData data = MarketDataFiles.Open(arrow);
        BookColumns b = data.Book;
        const BookUpdateFlags R = BookUpdateFlags.Reset | BookUpdateFlags.Snapshot, S = BookUpdateFlags.Snapshot, N = BookUpdateFlags.None;
        const long Ns = 1_000_000;
        Assert.Equal(new (long, BookSide, double, double, BookUpdateFlags)[]
        {
            (T0 * Ns, BookSide.Bid, 99.5, 2, R), (T0 * Ns, BookSide.Bid, 99, 1, S), (T0 * Ns, BookSide.Ask, 100.5, 3, S),
            (T0 * Ns, BookSide.Bid, 99.5, 0, N), (T0 * Ns, BookSide.Ask, 100, 1.5, N),
            ((T0 + 250) * Ns, BookSide.Bid, 99.8, 4, N),
        }, Enumerable.Range(0, b.Count).Select(i => (b.Timestamps.Span[i], b.Sides.Span[i], b.Prices.Span[i], b.Sizes.Span[i], b.Flags.Span[i])).ToArray());
    }

    [Fact]
    public void A_gap_in_the_recording_is_a_user_error_naming_the_line_and_nothing_is_written()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("snapshot.json"), Snapshot);
        string stream = Recording(dir, Update(T0, 101, 102, "[]", "[]"), Update(T0 + 1, 105, 106, "[]", "[]"));
        string arrow = dir.File("book.arrow");

        var result = Cli.Run("data", "convert", stream, arrow, "--format", "binance-depth", "--snapshot", dir.File("snapshot.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("row 2, column 'U'", result.Error);
        Assert.Contains("updates 103..104 are missing", result.Error);
        Assert.False(File.Exists(arrow));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void Binance_depth_without_a_snapshot_or_to_parquet_is_refused_with_what_to_give()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("snapshot.json"), Snapshot);
        string stream = Recording(dir, Update(T0, 99, 102, "[]", "[]"));

        var noSnapshot = Cli.Run("data", "convert", stream, dir.File("book.arrow"), "--format", "binance-depth");
        Assert.Equal(1, noSnapshot.ExitCode);
        Assert.Contains("needs --snapshot", noSnapshot.Error);

        var parquet = Cli.Run("data", "convert", stream, dir.File("book.parquet"), "--snapshot", dir.File("snapshot.json"));
        Assert.Equal(1, parquet.ExitCode);
        Assert.Contains("book data is written to Arrow only", parquet.Error);

        var wrongFormat = Cli.Run("data", "convert", stream, dir.File("book.arrow"), "--format", "tardis-trades", "--snapshot", dir.File("snapshot.json"));
        Assert.Equal(1, wrongFormat.ExitCode);
        Assert.Contains("--snapshot is for --format binance-depth", wrongFormat.Error);
    }
}
