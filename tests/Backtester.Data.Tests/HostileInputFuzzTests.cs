using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Threading;
using Xunit;

namespace Backtester.Data.Tests;

/// <summary>
/// Seeded, bounded fuzzing of every reader: single-byte flips, truncations and splices of Arrow, Parquet, CSV and
/// gzipped CSV files written from synthetic trades. Every case must end within seconds with either a
/// <see cref="MarketDataException"/> naming the file, or data that the file format cannot tell from a valid one:
/// identical to the original where the format carries a checksum (gzip), a prefix of the rows for a cut CSV file, and
/// rows that passed every validation otherwise (Arrow, Parquet and CSV carry no checksum, so a flipped digit is
/// undetectable by any reader). No other exception type, no hang.
/// </summary>
public sealed class HostileInputFuzzTests : IDisposable
{
    private const int Cases = 600; // per format and mutation kind below; about 7,000 cases in all
    private readonly TempDirectory _dir = new();
    private readonly MarketData _original = SyntheticData.Trades(new SyntheticDataOptions { Events = 400, Symbols = 3, Seed = 7 });

    public void Dispose()
    {
        _original.Dispose();
        _dir.Dispose();
    }

    /// <summary>What a format can promise about an accepted mutated file.</summary>
    public enum Expect
    {
        /// <summary>Refused, or accepted with every column identical.</summary>
        IdenticalOrRefused,
        /// <summary>Refused, whatever the mutation.</summary>
        Refused,
        /// <summary>Refused, or accepted with the first rows of the original (the last one possibly cut short).</summary>
        PrefixOrRefused,
        /// <summary>Refused, or accepted with as many rows as the original (a flip changes one row's text).</summary>
        SameRowCountOrRefused,
        /// <summary>Refused, or accepted (the readers validated every row).</summary>
        ValidOrRefused,
    }

    [Theory]
    [InlineData("arrow", ByteMutation.Flip, Expect.ValidOrRefused)]
    [InlineData("arrow", ByteMutation.Truncate, Expect.Refused)]
    [InlineData("arrow", ByteMutation.Splice, Expect.ValidOrRefused)]
    [InlineData("parquet", ByteMutation.Flip, Expect.ValidOrRefused)]
    [InlineData("parquet", ByteMutation.Truncate, Expect.Refused)]
    [InlineData("parquet", ByteMutation.Splice, Expect.ValidOrRefused)]
    [InlineData("csv", ByteMutation.Flip, Expect.SameRowCountOrRefused)]
    [InlineData("csv", ByteMutation.Truncate, Expect.PrefixOrRefused)]
    [InlineData("csv", ByteMutation.Splice, Expect.ValidOrRefused)]
    [InlineData("csv.gz", ByteMutation.Flip, Expect.IdenticalOrRefused)]
    [InlineData("csv.gz", ByteMutation.Truncate, Expect.Refused)]
    [InlineData("csv.gz", ByteMutation.Splice, Expect.IdenticalOrRefused)]
    public void Mutated_file_is_refused_with_our_exception_or_read_as_the_format_allows(string format, ByteMutation mutation, Expect expect)
    {
        byte[] original = OriginalBytes(format);
        // A fixed seed per theory row (not HashCode.Combine: it is randomized per process, so every run drew other cases).
        var random = new Random(20260101 + 1000 * format.Length + (int)mutation);
        int refused = 0;
        for (int c = 0; c < Cases; c++)
        {
            byte[] bytes = ByteMutations.Apply(original, mutation, random, out string what);
            if (bytes.AsSpan().SequenceEqual(original)) continue;
            string path = _dir.File($"case-{c}.{format}");
            File.WriteAllBytes(path, bytes);
            string where = $"{format} {what} (case {c})";
            var outcome = FuzzRead.Run(() => MarketDataFiles.Open(path, new MarketDataReadOptions { CsvFormat = CsvFormat.Generic }), where);
            if (outcome.Error is { } error)
            {
                Assert.True(error is MarketDataException, $"{where}: {error.GetType().Name}: {error.Message}");
                Assert.Contains(path, error.Message);
                refused++;
            }
            else
            {
                using MarketData data = outcome.Data!;
                Check(expect, data, where);
            }
            File.Delete(path);
        }
        // The mutations must reach the readers' checks, not only the harmless bytes.
        Assert.True(refused > 0, $"{format} {mutation}: no case was refused");
    }

    private void Check(Expect expect, MarketData data, string where)
    {
        switch (expect)
        {
            case Expect.Refused:
                Assert.Fail($"{where}: accepted {data.Trades.Count} rows");
                break;
            case Expect.IdenticalOrRefused:
                Assert.True(data.Trades.Count == _original.Trades.Count, $"{where}: {data.Trades.Count} rows, the original has {_original.Trades.Count}");
                AssertRows(data, _original.Trades.Count, where);
                break;
            case Expect.PrefixOrRefused:
                Assert.True(data.Trades.Count <= _original.Trades.Count, $"{where}: {data.Trades.Count} rows, more than the original's {_original.Trades.Count}");
                AssertRows(data, data.Trades.Count - 1, where); // the last row may hold a number cut short
                break;
            case Expect.SameRowCountOrRefused:
                Assert.True(data.Trades.Count == _original.Trades.Count, $"{where}: {data.Trades.Count} rows, the original has {_original.Trades.Count}");
                break;
            case Expect.ValidOrRefused:
                Assert.True(data.Trades.Count > 0, $"{where}: accepted without rows");
                break;
        }
    }

    /// <summary>The first <paramref name="rows"/> rows equal the original's, symbol names included.</summary>
    private void AssertRows(MarketData data, int rows, string where)
    {
        TradeColumns a = _original.Trades, b = data.Trades;
        for (int i = 0; i < rows; i++)
        {
            bool same = a.Timestamps.Span[i] == b.Timestamps.Span[i] && a.Prices.Span[i] == b.Prices.Span[i] && a.Sizes.Span[i] == b.Sizes.Span[i]
                && a.Aggressors.Span[i] == b.Aggressors.Span[i] && _original.Symbols[a.SymbolIds.Span[i]] == data.Symbols[b.SymbolIds.Span[i]];
            Assert.True(same, $"{where}: row {i} differs from the original");
        }
    }

    private byte[] OriginalBytes(string format)
    {
        string path = _dir.File("original." + format);
        switch (format)
        {
            case "arrow": ArrowMarketDataWriter.Write(_original, path); break;
            case "parquet": ParquetMarketData.Write(_original, path); break;
            case "csv": File.WriteAllText(path, Csv()); break;
            default:
                using (var gz = new GZipStream(File.Create(path), CompressionLevel.Optimal)) gz.Write(Encoding.UTF8.GetBytes(Csv()));
                break;
        }
        byte[] bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }

    /// <summary>The trades as a generic CSV with the default mapping (timestamp in ns, symbol, price, size, side).</summary>
    private string Csv()
    {
        var text = new StringBuilder("timestamp,symbol,price,size,side\n");
        TradeColumns t = _original.Trades;
        for (int i = 0; i < t.Count; i++)
            text.Append(CultureInfo.InvariantCulture, $"{t.Timestamps.Span[i]},{_original.Symbols[t.SymbolIds.Span[i]]},{t.Prices.Span[i]:R},{t.Sizes.Span[i]:R},{(t.Aggressors.Span[i] == Side.Buy ? "buy" : "sell")}\n");
        return text.ToString();
    }
}
