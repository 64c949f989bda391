using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using Backtester.Data;
using Xunit;

namespace Backtester.Engine.Tests.Depth;

public class BinanceDepthTests
{
    private const long T0 = 1_700_000_000_000; // ms
    private const long Ns = 1_000_000;

    private const string Snapshot = """{"lastUpdateId":100,"bids":[["99.50","2.0"],["99.00","1.0"]],"asks":[["100.50","3.0"]]}""";

    private static string Update(long time, long first, long last, string bids, string asks, string symbol = "BTCUSDT") =>
        $$"""{"e":"depthUpdate","E":{{time}},"s":"{{symbol}}","U":{{first}},"u":{{last}},"b":{{bids}},"a":{{asks}}}""";

    private static MarketData Read(TempDirectory dir, string snapshot, params string[] lines)
    {
        File.WriteAllText(dir.File("snapshot.json"), snapshot);
        File.WriteAllLines(dir.File("depth.jsonl"), lines);
        return BinanceDepth.Read(dir.File("snapshot.json"), dir.File("depth.jsonl"));
    }

    private static MarketDataException Fails(string snapshot, params string[] lines)
    {
        using var dir = new TempDirectory();
        return Assert.Throws<MarketDataException>(() => Read(dir, snapshot, lines));
    }

    private static List<(long, BookSide, double, double, BookUpdateFlags)> Rows(MarketData data)
    {
        BookColumns b = data.Book;
        var rows = new List<(long, BookSide, double, double, BookUpdateFlags)>();
        for (int i = 0; i < b.Count; i++)
            rows.Add((b.Timestamps.Span[i], b.Sides.Span[i], b.Prices.Span[i], b.Sizes.Span[i], b.Flags.Span[i]));
        return rows;
    }

    [Fact]
    public void Updates_older_than_the_snapshot_are_dropped_and_the_snapshot_replays_with_the_first_one_kept()
    {
        // lastUpdateId 100. Lines 1 (ids 90..95) and 2 (96..100) are older: dropped. Line 3 (99..102) spans 101: kept;
        // the snapshot's three levels are stamped with its time, the first resetting the book, then its own two
        // changes. Line 4 (103..103) follows it.
        using var dir = new TempDirectory();
        MarketData data = Read(dir, Snapshot,
            Update(T0 - 20, 90, 95, """[["98.00","7"]]""", "[]"),
            Update(T0 - 10, 96, 100, """[["97.00","7"]]""", "[]"),
            Update(T0, 99, 102, """[["99.50","0"]]""", """[["100.00","1.5"]]"""),
            Update(T0 + 1, 103, 103, """[["99.80","4"]]""", "[]"));

        const BookUpdateFlags R = BookUpdateFlags.Reset | BookUpdateFlags.Snapshot, S = BookUpdateFlags.Snapshot, N = BookUpdateFlags.None;
        Assert.Equal(new List<(long, BookSide, double, double, BookUpdateFlags)>
        {
            (T0 * Ns, BookSide.Bid, 99.5, 2, R), (T0 * Ns, BookSide.Bid, 99, 1, S), (T0 * Ns, BookSide.Ask, 100.5, 3, S),
            (T0 * Ns, BookSide.Bid, 99.5, 0, N), (T0 * Ns, BookSide.Ask, 100, 1.5, N),
            ((T0 + 1) * Ns, BookSide.Bid, 99.8, 4, N),
        }, Rows(data));
        Assert.Equal("BTCUSDT", data.Symbols[0]);

        // Replayed: after the first batch bids 99 × 1, asks 100 × 1.5 and 100.5 × 3; after the second the best bid is 99.8.
        var seen = new List<(long, double, double, bool)>();
        var driver = new BookWatcher(seen);
        new BacktestRunner().RunSummary(data, ref driver);
        Assert.Equal((T0 * Ns, 99.0, 100.0, true), seen[4]);
        Assert.Equal(((T0 + 1) * Ns, 99.8, 100.0, true), seen[5]);
    }

    [Fact]
    public void A_gap_in_update_ids_is_an_error_naming_the_line_and_the_missing_ids()
    {
        var e = Fails(Snapshot,
            Update(T0, 101, 102, "[]", "[]"),
            Update(T0 + 1, 105, 106, "[]", "[]"));
        Assert.Equal((2L, "U"), (e.Row, e.Column));
        Assert.Contains("updates 103..104 are missing", e.Message);
    }

    [Fact]
    public void A_first_update_that_does_not_span_the_snapshot_is_an_error()
    {
        // lastUpdateId 100: the first update kept must have U <= 101 <= u; 103..105 leaves 101 and 102 unknown.
        var e = Fails(Snapshot, Update(T0, 103, 105, "[]", "[]"));
        Assert.Equal((1L, "U"), (e.Row, e.Column));
        Assert.Contains("lastUpdateId 100", e.Message);
    }

    [Fact]
    public void A_stream_that_never_passes_the_snapshot_is_an_error()
    {
        var e = Fails(Snapshot, Update(T0, 90, 100, "[]", "[]"));
        Assert.Contains("no update follows the snapshot", e.Message);
    }

    [Theory]
    [InlineData("""[["abc","1"]]""", "b[0]", "expected a decimal number")]
    [InlineData("""[["99","1"],["98","-1"]]""", "b[1]", "non-negative")]
    [InlineData("""[["0","1"]]""", "b[0]", "positive")]
    [InlineData("""[["99"]]""", "b[0]", "[price, quantity] pair")]
    public void A_bad_level_in_an_update_names_its_line_and_position(string bids, string column, string problem)
    {
        var e = Fails(Snapshot, Update(T0, 101, 101, "[]", "[]"), Update(T0 + 1, 102, 102, bids, "[]"));
        Assert.Equal((2L, column), (e.Row, e.Column));
        Assert.Contains(problem, e.Message);
    }

    [Theory]
    [InlineData("""{"lastUpdateId":100,"bids":[["99","1"],["99.5","1"]],"asks":[]}""", "bids[1]", "falling")]
    [InlineData("""{"lastUpdateId":100,"bids":[],"asks":[["101","1"],["100","1"]]}""", "asks[1]", "rising")]
    [InlineData("""{"lastUpdateId":100,"bids":[["101","1"]],"asks":[["100","1"]]}""", "asks[0]", "crossed")]
    [InlineData("""{"lastUpdateId":100,"bids":[["99","0"]],"asks":[]}""", "bids[0]", "positive finite quantity")]
    [InlineData("""{"bids":[],"asks":[]}""", "lastUpdateId", "missing")]
    public void A_bad_snapshot_names_the_field(string snapshot, string column, string problem)
    {
        var e = Fails(snapshot, Update(T0, 101, 101, "[]", "[]"));
        Assert.Equal(column, e.Column);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Another_symbol_or_event_type_or_broken_json_is_an_error_naming_the_line()
    {
        Assert.Equal((2L, "s"), Where(Fails(Snapshot, Update(T0, 101, 101, "[]", "[]"), Update(T0 + 1, 102, 102, "[]", "[]", "ETHUSDT"))));
        Assert.Equal((1L, "e"), Where(Fails(Snapshot, """{"e":"trade","E":1,"s":"BTCUSDT"}""")));
        Assert.Equal(2L, Fails(Snapshot, Update(T0, 101, 101, "[]", "[]"), "{not json").Row);
        MarketDataException backwards = Fails(Snapshot, Update(T0, 101, 101, "[]", "[]"), Update(T0 - 1, 102, 102, "[]", "[]"));
        Assert.Equal((2L, "E"), Where(backwards));
        // A depth stream replays in the order it was recorded: sorting is no remedy, so none is named.
        Assert.Equal(Backtester.Data.MarketDataRemedy.None, backwards.Remedy);
        Assert.DoesNotContain("SortIfUnordered", backwards.Message);

        static (long, string?) Where(MarketDataException e) => (e.Row, e.Column);
    }

    [Fact]
    public void Futures_streams_chain_by_pu_and_combined_stream_messages_are_unwrapped()
    {
        // Futures rule: drop u < lastUpdateId; the first kept has U <= 100 <= u; then each pu equals the previous u
        // (ids may skip: 106 follows 102 because pu = 102).
        string F(long time, long first, long last, long pu, string bids) =>
            $$$"""{"stream":"btcusdt@depth","data":{"e":"depthUpdate","E":{{{time}}},"T":{{{time}}},"s":"BTCUSDT","U":{{{first}}},"u":{{{last}}},"pu":{{{pu}}},"b":{{{bids}}},"a":[]}}""";
        using var dir = new TempDirectory();
        MarketData data = Read(dir, Snapshot,
            F(T0 - 1, 90, 99, 89, """[["1","1"]]"""),
            F(T0, 98, 102, 99, """[["99.10","1"]]"""),
            F(T0 + 1, 106, 108, 102, """[["99.20","1"]]"""));
        // Snapshot (3 rows) + 99.10 at T0, then 99.20 at T0 + 1.
        Assert.Equal(5, data.Book.Count);
        Assert.Equal((T0 + 1) * Ns, data.Book.Timestamps.Span[4]);
        Assert.Equal(99.2, data.Book.Prices.Span[4]);

        var e = Fails(Snapshot, F(T0, 98, 102, 99, "[]"), F(T0 + 1, 106, 108, 104, "[]"));
        Assert.Equal((2L, "pu"), (e.Row, e.Column));
    }

    [Fact]
    public void A_gzipped_recording_reads_like_the_plain_one()
    {
        using var dir = new TempDirectory();
        string[] lines = [Update(T0, 99, 102, """[["99.50","0"]]""", "[]"), Update(T0 + 1, 103, 104, """[["99.80","4"]]""", "[]")];
        MarketData plain = Read(dir, Snapshot, lines);
        using (var gz = new GZipStream(File.Create(dir.File("depth.jsonl.gz")), CompressionLevel.Fastest))
        using (var w = new StreamWriter(gz))
            foreach (string l in lines) w.WriteLine(l);
        MarketData zipped = BinanceDepth.Read(dir.File("snapshot.json"), dir.File("depth.jsonl.gz"));
        Assert.Equal(Rows(plain), Rows(zipped));
    }
}
