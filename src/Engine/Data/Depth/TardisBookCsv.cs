using System;
using System.Collections.Generic;
using System.IO;
using nietras.SeparatedValues;

namespace Backtester.Data;

/// <summary>
/// Reads Tardis.dev normalized depth CSV (timestamps in µs, the exchange's <c>timestamp</c> column is the event time):
/// <c>incremental_book_L2</c> (one level change per row, snapshot rows flagged) and <c>book_snapshot_N</c>
/// (one full top-N picture per row, in wide <c>asks[i].price</c>, <c>asks[i].amount</c>, <c>bids[i].price</c>... columns).
/// </summary>
internal static class TardisBookCsv
{
    private const long NsPerUs = 1_000;

    public static MarketData Read(string path, CsvFormat format, MarketDataReadOptions options)
    {
        using Stream stream = CsvMarketData.OpenStream(path, out long length);
        if (length == 0) throw new MarketDataException(path, -1, null, "the file is empty");
        using SepReader reader = CsvReaderOpening.Open(path, stream, ',', hasHeader: true, unescape: false);
        if (reader.IsEmpty) throw new MarketDataException(path, -1, null, "the file is empty");
        int capacity = (int)Math.Clamp(length / (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? 8 : 40), 1024, Array.MaxLength);
        var builder = new BookBuilder(path, options.SortIfUnordered, capacity);
        try
        {
            if (format == CsvFormat.TardisIncrementalBookL2) ReadIncremental(reader, builder, path);
            else ReadSnapshots(reader, builder, path);
        }
        catch (NotSupportedException e) when (CsvReaderOpening.IsRowTooLong(e))
        {
            throw CsvReaderOpening.RowTooLong(path, builder.Count);
        }
        return builder.Build();
    }

    /// <summary>
    /// <c>exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount</c>. A run of <c>is_snapshot=true</c>
    /// rows after incremental rows (or at the start) is a new snapshot: its first row resets the symbol's book. Rows of a
    /// symbol before its first snapshot are checked and skipped, as Tardis's documentation says to: they are updates
    /// buffered before the exchange sent the snapshot after a reconnect, and apply to a book we do not have.
    /// </summary>
    private static void ReadIncremental(SepReader reader, BookBuilder builder, string path)
    {
        string[] names = ["timestamp", "symbol", "is_snapshot", "side", "price", "amount"];
        Span<int> at = stackalloc int[names.Length];
        int columns = 0;
        for (int i = 0; i < names.Length; i++)
        {
            at[i] = Column(reader, path, names[i]);
            columns = Math.Max(columns, at[i] + 1);
        }
        var inSnapshot = new List<bool>();
        var seenSnapshot = new List<bool>(); // per symbol: a snapshot row was read (rows before the first are skipped)
        int line = 1; // the header
        foreach (SepReader.Row row in reader)
        {
            line++;
            CheckColumnCount(row, columns, path, line);
            long time = Time(row[at[0]], path, line, names[0]);
            int symbol = SymbolId(builder, row[at[1]].Span, path, line, names[1]);
            builder.CheckTime(line, names[0], time, symbol);
            bool snapshot = Bool(row[at[2]].Span, path, line, names[2]);
            BookSide side = SideOf(row[at[3]].Span, path, line, names[3]);
            double price = Double(row[at[4]], path, line, names[4]);
            double size = Double(row[at[5]], path, line, names[5]);
            while (inSnapshot.Count <= symbol) inSnapshot.Add(false);
            while (seenSnapshot.Count <= symbol) seenSnapshot.Add(false);
            if (!snapshot && !seenSnapshot[symbol])
            {
                builder.Check(line, price, names[4], size, names[5]);
                continue;
            }
            seenSnapshot[symbol] = true;
            BookUpdateFlags flags = BookUpdateFlags.None;
            if (snapshot)
            {
                flags = inSnapshot[symbol] ? BookUpdateFlags.Snapshot : BookUpdateFlags.Snapshot | BookUpdateFlags.Reset;
                inSnapshot[symbol] = true;
            }
            else inSnapshot[symbol] = false;
            builder.Add(line, time, symbol, side, price, names[4], size, names[5], flags);
        }
    }

    /// <summary>
    /// <c>exchange,symbol,timestamp,local_timestamp,asks[0].price,asks[0].amount,bids[0].price,bids[0].amount,...</c>:
    /// each row becomes one update per level present (bids best first, then asks), the first flagged as a reset.
    /// Empty cells are levels the book did not have; a row without any level is skipped.
    /// </summary>
    private static void ReadSnapshots(SepReader reader, BookBuilder builder, string path)
    {
        int ts = Column(reader, path, "timestamp"), sym = Column(reader, path, "symbol");
        int depth = 0;
        while (reader.Header.TryIndexOf($"asks[{depth}].price", out _) || reader.Header.TryIndexOf($"bids[{depth}].price", out _)) depth++;
        if (depth == 0)
            throw new MarketDataException(path, -1, "asks[0].price", $"missing column: a book_snapshot file has asks[i].price, asks[i].amount, bids[i].price, bids[i].amount (the header has: {string.Join(", ", reader.Header.ColNames)})");
        // Per level i and side (0 bids, 1 asks): the price and amount columns and their names.
        var priceAt = new int[2, depth];
        var sizeAt = new int[2, depth];
        var priceName = new string[2, depth];
        var sizeName = new string[2, depth];
        int columns = Math.Max(ts, sym) + 1;
        for (int s = 0; s < 2; s++)
            for (int i = 0; i < depth; i++)
            {
                string prefix = s == 0 ? "bids" : "asks";
                priceName[s, i] = $"{prefix}[{i}].price";
                sizeName[s, i] = $"{prefix}[{i}].amount";
                priceAt[s, i] = Column(reader, path, priceName[s, i]);
                sizeAt[s, i] = Column(reader, path, sizeName[s, i]);
                columns = Math.Max(columns, Math.Max(priceAt[s, i], sizeAt[s, i]) + 1);
            }
        int line = 1;
        foreach (SepReader.Row row in reader)
        {
            line++;
            CheckColumnCount(row, columns, path, line);
            long time = Time(row[ts], path, line, "timestamp");
            int symbol = SymbolId(builder, row[sym].Span, path, line, "symbol");
            builder.CheckTime(line, "timestamp", time, symbol);
            double bestBid = double.NaN;
            BookUpdateFlags flags = BookUpdateFlags.Snapshot | BookUpdateFlags.Reset;
            for (int s = 0; s < 2; s++)
            {
                BookSide side = s == 0 ? BookSide.Bid : BookSide.Ask;
                double previous = double.NaN;
                for (int i = 0; i < depth; i++)
                {
                    SepReader.Col priceCol = row[priceAt[s, i]];
                    if (priceCol.Span.IsWhiteSpace()) continue;
                    double price = Double(priceCol, path, line, priceName[s, i]);
                    double size = Double(row[sizeAt[s, i]], path, line, sizeName[s, i]);
                    bool ordered = double.IsNaN(previous) || (side == BookSide.Bid ? price < previous : price > previous);
                    if (!ordered)
                        throw new MarketDataException(path, line, priceName[s, i], $"expected {(side == BookSide.Bid ? "bids below" : "asks above")} the level before ({previous}), got {price}");
                    if (side == BookSide.Bid && double.IsNaN(bestBid)) bestBid = price;
                    if (side == BookSide.Ask && double.IsNaN(previous) && price <= bestBid)
                        throw new MarketDataException(path, line, priceName[s, i], $"expected the best ask above the best bid {bestBid}, got {price}");
                    previous = price;
                    builder.Add(line, time, symbol, side, price, priceName[s, i], size, sizeName[s, i], flags);
                    flags = BookUpdateFlags.Snapshot;
                }
            }
        }
    }

    private static int Column(SepReader reader, string path, string name)
    {
        if (reader.Header.TryIndexOf(name, out int index)) return index;
        throw new MarketDataException(path, -1, name, $"missing column (the header has: {string.Join(", ", reader.Header.ColNames)})");
    }

    private static void CheckColumnCount(SepReader.Row row, int expected, string path, int line)
    {
        if (row.ColCount < expected)
            throw new MarketDataException(path, line, null, $"expected at least {expected} columns, got {row.ColCount}");
    }

    private static int SymbolId(BookBuilder builder, ReadOnlySpan<char> symbol, string path, int line, string column)
    {
        CsvMarketData.CheckSymbol(symbol, path, line, column);
        return builder.Symbols.IdOf(symbol);
    }

    private static long Time(SepReader.Col col, string path, int line, string column)
    {
        if (!col.TryParse(out long us)) throw new MarketDataException(path, line, column, $"expected an integer (µs since the Unix epoch), got '{col.Span}'");
        if (us < 0 || us > long.MaxValue / NsPerUs) throw new MarketDataException(path, line, column, $"expected a timestamp between 1970 and 2262, got {us}");
        return us * NsPerUs;
    }

    private static double Double(SepReader.Col col, string path, int line, string column)
    {
        if (col.TryParse(out double value)) return value;
        throw new MarketDataException(path, line, column, $"expected a number, got '{col.Span}'");
    }

    private static bool Bool(ReadOnlySpan<char> text, string path, int line, string column)
    {
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
        if (text.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
        throw new MarketDataException(path, line, column, $"expected true or false, got '{text}'");
    }

    private static BookSide SideOf(ReadOnlySpan<char> text, string path, int line, string column)
    {
        if (text.Equals("bid", StringComparison.OrdinalIgnoreCase)) return BookSide.Bid;
        if (text.Equals("ask", StringComparison.OrdinalIgnoreCase)) return BookSide.Ask;
        throw new MarketDataException(path, line, column, $"expected bid or ask, got '{text}'");
    }
}
