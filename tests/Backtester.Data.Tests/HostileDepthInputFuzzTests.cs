using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using Xunit;

namespace Backtester.Data.Tests;

/// <summary>
/// The depth formats under the same seeded fuzzing as <see cref="HostileInputFuzzTests"/>: single-byte flips,
/// truncations and splices of L2 books (Arrow, Parquet, Tardis incremental CSV), market-by-order feeds (Arrow, CSV) and a
/// Binance depth stream (JSON lines after a snapshot). Every case must end within seconds with a
/// <see cref="MarketDataException"/> naming the file, or with a book whose every row passed the readers' checks: finite
/// positive prices, finite sizes that are not negative, timestamps that never go back. A truncated Arrow or Parquet
/// file is always refused. No other exception type, no hang.
/// </summary>
public sealed class HostileDepthInputFuzzTests : IDisposable
{
    private const int Cases = 400; // per format and mutation kind; about 7,000 cases in all
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The depth files fuzzed: how each is named, so that <see cref="MarketDataFiles.Open(string, MarketDataReadOptions?)"/> reads it as what it is.</summary>
    public enum Format { BookArrow, BookParquet, TardisIncrementalCsv, MarketByOrderArrow, MarketByOrderCsv, BinanceDepthStream }

    [Theory]
    [InlineData(Format.BookArrow, ByteMutation.Flip)]
    [InlineData(Format.BookArrow, ByteMutation.Truncate)]
    [InlineData(Format.BookArrow, ByteMutation.Splice)]
    [InlineData(Format.BookParquet, ByteMutation.Flip)]
    [InlineData(Format.BookParquet, ByteMutation.Truncate)]
    [InlineData(Format.BookParquet, ByteMutation.Splice)]
    [InlineData(Format.TardisIncrementalCsv, ByteMutation.Flip)]
    [InlineData(Format.TardisIncrementalCsv, ByteMutation.Truncate)]
    [InlineData(Format.TardisIncrementalCsv, ByteMutation.Splice)]
    [InlineData(Format.MarketByOrderArrow, ByteMutation.Flip)]
    [InlineData(Format.MarketByOrderArrow, ByteMutation.Truncate)]
    [InlineData(Format.MarketByOrderArrow, ByteMutation.Splice)]
    [InlineData(Format.MarketByOrderCsv, ByteMutation.Flip)]
    [InlineData(Format.MarketByOrderCsv, ByteMutation.Truncate)]
    [InlineData(Format.MarketByOrderCsv, ByteMutation.Splice)]
    [InlineData(Format.BinanceDepthStream, ByteMutation.Flip)]
    [InlineData(Format.BinanceDepthStream, ByteMutation.Truncate)]
    [InlineData(Format.BinanceDepthStream, ByteMutation.Splice)]
    public void Mutated_depth_file_is_refused_with_our_exception_or_read_as_valid_rows(Format format, ByteMutation mutation)
    {
        string name = FileName(format);
        byte[] original = OriginalBytes(format, name);
        var random = new Random(20261204 + 100 * (int)format + (int)mutation); // fixed: the same cases on every run
        int refused = 0;
        for (int c = 0; c < Cases; c++)
        {
            byte[] bytes = ByteMutations.Apply(original, mutation, random, out string what);
            if (bytes.AsSpan().SequenceEqual(original)) continue;
            string path = _dir.File($"case-{c}-{name}");
            File.WriteAllBytes(path, bytes);
            string where = $"{format} {what} (case {c})";
            string snapshot = _dir.File("snapshot.json");
            var outcome = FuzzRead.Run(() => format == Format.BinanceDepthStream ? BinanceDepth.Read(snapshot, path) : MarketDataFiles.Open(path), where);
            if (outcome.Error is { } error)
            {
                Assert.True(error is MarketDataException, $"{where}: {error.GetType().Name}: {error.Message}");
                Assert.Contains(path, error.Message);
                refused++;
            }
            else
            {
                using MarketData data = outcome.Data!;
                bool binary = format is Format.BookArrow or Format.BookParquet or Format.MarketByOrderArrow;
                Assert.False(binary && mutation == ByteMutation.Truncate, $"{where}: a truncated file was accepted with {data.Book.Count} book rows");
                AssertValidBook(data, where);
            }
            File.Delete(path);
        }
        Assert.True(refused > 0, $"{format} {mutation}: no case was refused");
    }

    /// <summary>What every accepted book must be, whatever its bytes said: rows the replay can trust.</summary>
    private static void AssertValidBook(MarketData data, string where)
    {
        BookColumns book = data.Book;
        ReadOnlySpan<long> times = book.Timestamps.Span;
        ReadOnlySpan<double> prices = book.Prices.Span, sizes = book.Sizes.Span;
        ReadOnlySpan<int> symbols = book.SymbolIds.Span;
        for (int i = 0; i < book.Count; i++)
        {
            Assert.True(double.IsFinite(prices[i]) && prices[i] > 0, $"{where}: book row {i} has price {prices[i]}");
            Assert.True(double.IsFinite(sizes[i]) && sizes[i] >= 0, $"{where}: book row {i} has size {sizes[i]}");
            Assert.True(symbols[i] >= 0 && symbols[i] < data.Symbols.Count, $"{where}: book row {i} has symbol id {symbols[i]} of {data.Symbols.Count}");
            if (i > 0 && times[i] < times[i - 1]) Assert.Fail($"{where}: book row {i} goes back in time ({times[i - 1]} then {times[i]})");
        }
    }

    private static string FileName(Format format) => format switch
    {
        Format.BookArrow => "book.arrow",
        Format.BookParquet => "book.parquet",
        Format.TardisIncrementalCsv => "incremental_book_L2.csv",
        Format.MarketByOrderArrow => "l3.arrow",
        Format.MarketByOrderCsv => "l3.csv",
        _ => "depth.jsonl",
    };

    private byte[] OriginalBytes(Format format, string name)
    {
        string path = _dir.File("original-" + name);
        switch (format)
        {
            case Format.BookArrow:
            {
                using MarketData book = Book();
                ArrowMarketDataWriter.Write(book.Symbols, book.Book, path);
                break;
            }
            case Format.BookParquet:
            {
                using MarketData book = Book();
                ParquetMarketData.Write(book.Symbols, book.Book, path);
                break;
            }
            case Format.TardisIncrementalCsv:
            {
                using MarketData book = Book();
                File.WriteAllText(path, TardisCsv(book));
                break;
            }
            case Format.MarketByOrderArrow:
                ArrowMarketDataWriter.Write(new SymbolTable(["SYN"]), Orders(), path);
                break;
            case Format.MarketByOrderCsv:
                File.WriteAllText(path, MarketByOrderCsv(Orders()));
                break;
            default:
                File.WriteAllText(_dir.File("snapshot.json"), BinanceSnapshot);
                File.WriteAllText(path, BinanceUpdates());
                break;
        }
        byte[] bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }

    private static MarketData Book() =>
        SyntheticBook.Generate(new SyntheticBookOptions { Steps = 120, Symbols = 2, Levels = 4, Seed = 11 });

    private static MarketByOrderColumns Orders() =>
        SyntheticOrderFlow.GenerateColumns(new SyntheticOrderFlowOptions { Steps = 150, Levels = 3, Seed = 13 });

    /// <summary>A Tardis <c>incremental_book_L2</c> file of the book: timestamps in µs (the synthetic book's are whole µs), a snapshot's rows flagged.</summary>
    private static string TardisCsv(MarketData data)
    {
        var text = new StringBuilder("exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount\n");
        BookColumns b = data.Book;
        for (int i = 0; i < b.Count; i++)
        {
            long us = b.Timestamps.Span[i] / 1000;
            bool snapshot = (b.Flags.Span[i] & BookUpdateFlags.Snapshot) != 0;
            text.Append(CultureInfo.InvariantCulture,
                $"binance,{data.Symbols[b.SymbolIds.Span[i]]},{us},{us},{(snapshot ? "true" : "false")},{(b.Sides.Span[i] == BookSide.Bid ? "bid" : "ask")},{b.Prices.Span[i]:R},{b.Sizes.Span[i]:R}\n");
        }
        return text.ToString();
    }

    private static string MarketByOrderCsv(MarketByOrderColumns o)
    {
        var text = new StringBuilder("timestamp,symbol,order_id,side,price,size,action\n");
        for (int i = 0; i < o.Count; i++)
            text.Append(CultureInfo.InvariantCulture,
                $"{o.Timestamps.Span[i]},SYN,{o.OrderIds.Span[i]},{(o.Sides.Span[i] == BookSide.Bid ? "bid" : "ask")},{o.Prices.Span[i]:R},{o.Sizes.Span[i]:R},{o.Actions.Span[i].ToString().ToLowerInvariant()}\n");
        return text.ToString();
    }

    private const string BinanceSnapshot = """{"lastUpdateId":100,"bids":[["99.50","2.0"],["99.00","1.0"],["98.50","4.0"]],"asks":[["100.50","3.0"],["101.00","1.5"]]}""";

    /// <summary>A diff-depth stream continuing the snapshot: 60 updates of two bid and one ask level, ids in sequence.</summary>
    private static string BinanceUpdates()
    {
        var text = new StringBuilder();
        var random = new Random(17);
        long id = 101;
        for (int i = 0; i < 60; i++)
        {
            long first = id, last = id + random.Next(3);
            id = last + 1;
            string bid = (99.5 - 0.5 * random.Next(3)).ToString("0.00", CultureInfo.InvariantCulture);
            string bid2 = (98.0 - 0.5 * random.Next(2)).ToString("0.00", CultureInfo.InvariantCulture);
            string ask = (100.5 + 0.5 * random.Next(3)).ToString("0.00", CultureInfo.InvariantCulture);
            string size = (random.Next(5) * 0.5).ToString("0.0", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture,
                $$"""{"e":"depthUpdate","E":{{1_700_000_000_000 + 100 * i}},"s":"BTCUSDT","U":{{first}},"u":{{last}},"b":[["{{bid}}","{{size}}"],["{{bid2}}","1.0"]],"a":[["{{ask}}","{{random.Next(1, 4)}}.0"]]}""");
            text.Append('\n');
        }
        return text.ToString();
    }
}
