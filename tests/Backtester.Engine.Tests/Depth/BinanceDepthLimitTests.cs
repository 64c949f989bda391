using System.IO;
using Backtester.Data;
using Xunit;

namespace Backtester.Engine.Tests.Depth;

/// <summary>The Binance depth reader bounds what its files declare (decision 0026): a line, and the snapshot file.</summary>
public class BinanceDepthLimitTests
{
    private const string Snapshot = """{"lastUpdateId":100,"bids":[["99.50","2.0"]],"asks":[["100.50","3.0"]]}""";
    private const string First = """{"e":"depthUpdate","E":1700000000000,"s":"BTCUSDT","U":99,"u":102,"b":[],"a":[]}""";

    [Fact]
    public void A_stream_line_longer_than_the_limit_is_refused_naming_the_file_line_and_limit()
    {
        // Line 1 is a valid update; line 2 is 16 Mi + 1 characters with no newline (a lost newline joining messages).
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("snapshot.json"), Snapshot);
        string stream = dir.File("depth.jsonl");
        using (var w = new StreamWriter(stream))
        {
            w.Write(First + "\n");
            w.Write(new string(' ', MarketDataLimits.MaxJsonLineLength + 1));
        }

        var e = Assert.Throws<MarketDataException>(() => BinanceDepth.Read(dir.File("snapshot.json"), stream));
        Assert.Equal(2L, e.Row);
        Assert.Contains(stream, e.Message);
        Assert.Contains("longer than 16,777,216 characters (MarketDataLimits.MaxJsonLineLength)", e.Message);
    }

    [Fact]
    public void A_line_of_exactly_the_limit_is_read_and_crlf_endings_are_lines_too()
    {
        // Line 1 ends in \r\n; line 2 is the update padded with spaces (JSON allows them) to exactly 16 Mi characters.
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("snapshot.json"), Snapshot);
        string stream = dir.File("depth.jsonl");
        string second = """{"e":"depthUpdate","E":1700000000001,"s":"BTCUSDT","U":103,"u":103,"b":[["99.80","4"]],"a":[]}""";
        File.WriteAllText(stream, First + "\r\n" + second.PadRight(MarketDataLimits.MaxJsonLineLength) + "\r\n");

        MarketData data = BinanceDepth.Read(dir.File("snapshot.json"), stream);
        // The snapshot's 2 levels with line 1, then line 2's bid.
        Assert.Equal(3, data.Book.Count);
        Assert.Equal(99.8, data.Book.Prices.Span[2]);
    }

    [Fact]
    public void A_snapshot_file_larger_than_the_limit_is_refused_before_it_is_read()
    {
        using var dir = new TempDirectory();
        string snapshot = dir.File("snapshot.json");
        using (FileStream f = File.Create(snapshot)) f.SetLength(MarketDataLimits.MaxJsonLineLength + 1L);
        File.WriteAllText(dir.File("depth.jsonl"), First + "\n");

        var e = Assert.Throws<MarketDataException>(() => BinanceDepth.Read(snapshot, dir.File("depth.jsonl")));
        Assert.Contains(snapshot, e.Message);
        Assert.Contains("the snapshot is 16,777,217 bytes; the limit is 16,777,216", e.Message);
    }
}
