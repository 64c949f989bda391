using System.IO;
using System.IO.Compression;
using System.Linq;
using Backtester.Data;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary><c>data convert STREAM OUT.arrow|OUT.parquet --snapshot SNAPSHOT.json</c>: a recorded Binance diff depth stream to the book file.</summary>
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
        Assert.Equal("2024-01-01T00:00:00.000000000Z", inspect.GetProperty("from").GetString());
        Assert.Equal("2024-01-01T00:00:00.250000000Z", inspect.GetProperty("to").GetString());
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
    public void A_recorded_stream_converts_to_a_parquet_book_file_that_inspect_describes_and_duckdb_reads()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("snapshot.json"), Snapshot);
        string stream = Recording(dir,
            Update(T0 - 500, 95, 100, """[["98.00","7"]]""", "[]"),
            Update(T0, 99, 102, """[["99.50","0"]]""", """[["100.00","1.5"]]"""),
            Update(T0 + 250, 103, 105, """[["99.80","4"]]""", "[]"));
        string parquet = dir.File("book.parquet");

        var convert = Cli.Run("data", "convert", stream, parquet, "--snapshot", dir.File("snapshot.json"));
        Assert.True(convert.ExitCode == 0, convert.Error);
        Assert.Contains("wrote 6 events", convert.Out); // as for Arrow: the snapshot's 3 levels, line 2's 2, line 3's 1
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));

        var inspect = Cli.Run("data", "inspect", parquet, "--json").Json;
        Assert.Equal((6L, 6L, 0L), (inspect.GetProperty("rows").GetInt64(), inspect.GetProperty("book").GetInt64(), inspect.GetProperty("trades").GetInt64()));
        Assert.Equal("2024-01-01T00:00:00.000000000Z", inspect.GetProperty("from").GetString());
        Assert.Equal("2024-01-01T00:00:00.250000000Z", inspect.GetProperty("to").GetString());
        Assert.Equal("BTCUSDT", inspect.GetProperty("symbols")[0].GetString());
        // The file's own Parquet types (docs/data.md, "Parquet"), and the Arrow book columns they are read as.
        var columns = inspect.GetProperty("schema").EnumerateArray().Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("type").GetString()!,
            c.GetProperty("read_as").GetProperty("type").GetString()!)).ToArray();
        Assert.Equal(new[] { ("side", "INT32 (INT(8, signed))", "int8"), ("price", "DOUBLE", "double"), ("size", "DOUBLE", "double"),
            ("flags", "INT32 (INT(8, unsigned))", "uint8") }, columns[^4..]);
        var table = Cli.Run("data", "inspect", parquet);
        Assert.Contains("book updates 6", table.Out);

        // DuckDB, an independent reader, sees the Arrow book file's columns and the rows worked out in the Arrow test above.
        using var duck = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        duck.Open();
        string file = $"read_parquet('{parquet}', file_row_number = true)";
        Assert.Equal("BIGINT,VARCHAR,TINYINT,DOUBLE,DOUBLE,UTINYINT",
            Scalar(duck, $"select typeof(timestamp) || ',' || typeof(symbol) || ',' || typeof(side) || ',' || typeof(price) || ',' || typeof(size) || ',' || typeof(flags) from {file} limit 1"));
        Assert.Equal("6", Scalar(duck, $"select count(*) from {file}"));
        const long Ns = 1_000_000;
        // Row 2: the snapshot's ask 100.5 × 3 (Snapshot = 2); row 5: line 3's bid 99.8 × 4 at T0 + 250 ms.
        Assert.Equal($"{T0 * Ns},BTCUSDT,-1,100.5,3.0,2", Scalar(duck, $"select concat_ws(',', timestamp, symbol, side, price, size, flags) from {file} where file_row_number = 2"));
        Assert.Equal($"{(T0 + 250) * Ns},BTCUSDT,1,99.8,4.0,0", Scalar(duck, $"select concat_ws(',', timestamp, symbol, side, price, size, flags) from {file} where file_row_number = 5"));
        Assert.Equal("1,3", Scalar(duck, $"select concat_ws(',', side, flags) from {file} where file_row_number = 0")); // Reset | Snapshot
        // Bids: 2 + 1 + 0 + 4 = 7 over 4 rows; asks: 3 + 1.5 = 4.5 over 2 rows.
        Assert.Equal("-1:2:4.5,1:4:7.0", Scalar(duck, $"select string_agg(side || ':' || n || ':' || total, ',' order by side) from (select side, count(*) n, sum(size) total from {file} group by side)"));
    }

    private static string Scalar(DuckDB.NET.Data.DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return System.Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public void Binance_depth_without_a_snapshot_is_refused_with_what_to_give()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("snapshot.json"), Snapshot);
        string stream = Recording(dir, Update(T0, 99, 102, "[]", "[]"));

        var noSnapshot = Cli.Run("data", "convert", stream, dir.File("book.arrow"), "--format", "binance-depth");
        Assert.Equal(1, noSnapshot.ExitCode);
        Assert.Contains("needs --snapshot", noSnapshot.Error);

        var csvOut = Cli.Run("data", "convert", stream, dir.File("book.csv"), "--snapshot", dir.File("snapshot.json"));
        Assert.Equal(1, csvOut.ExitCode);
        Assert.Contains("name it .arrow (or .feather, .ipc) for Arrow, or .parquet for Parquet", csvOut.Error);

        var wrongFormat = Cli.Run("data", "convert", stream, dir.File("book.arrow"), "--format", "tardis-trades", "--snapshot", dir.File("snapshot.json"));
        Assert.Equal(1, wrongFormat.ExitCode);
        Assert.Contains("--snapshot is for --format binance-depth", wrongFormat.Error);
    }
}
