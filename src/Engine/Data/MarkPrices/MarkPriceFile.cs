using System;
using System.Collections.Generic;
using System.IO;
using nietras.SeparatedValues;

namespace Backtester.Data;

/// <summary>
/// Reads an exchange's mark prices from CSV, recognizing the layout by its header (docs/data.md, "Mark prices"):
/// <list type="bullet">
/// <item><description>Binance's public data dumps (<c>data.binance.vision</c> <c>markPriceKlines</c>), with or without
/// their header <c>open_time,open,high,low,close,volume,close_time,...</c>: one symbol per file; each kline's close is
/// the mark at the interval's end (<c>close_time</c> + 1 ms), as bars are stamped. Read and checked as klines are.</description></item>
/// <item><description>Tardis <c>derivative_ticker</c>: <c>timestamp,symbol,...,mark_price</c>, µs. A row without a mark
/// price, or with the symbol's previous one, is not an update and is skipped.</description></item>
/// </list>
/// Rows of symbols not in the given symbol table are skipped.
/// </summary>
public static class MarkPriceFile
{
    private const long NsPerUs = 1_000;

    /// <summary>Reads <paramref name="path"/> (<c>.csv</c> or <c>.csv.gz</c>); <paramref name="symbol"/> names the symbol of Binance's single-symbol files (default: the file name up to its first '-').</summary>
    /// <exception cref="MarketDataException">The header is not one of the layouts, or a value is missing, unparsable or invalid; the message names the file, line and column.</exception>
    public static MarkPriceColumns Read(string path, SymbolTable symbols, string? symbol = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(symbols);
        string? firstLine = FirstLine(path);
        if (firstLine is null) throw new MarketDataException(path, -1, null, "the file is empty");
        string[] header = firstLine.Split(',');
        if (Array.IndexOf(header, "mark_price") >= 0 && Array.IndexOf(header, "timestamp") >= 0 && Array.IndexOf(header, "symbol") >= 0)
            return ReadTardis(path, symbols);
        if (header.Length == 12 && (header[0] == "open_time" || long.TryParse(header[0], out _)))
            return ReadKlines(path, symbols, symbol);
        throw new MarketDataException(path, 1, null,
            $"unknown mark-price layout (the first line is: {CsvMarketData.Shown(firstLine)}); expected Binance markPriceKlines (open_time,open,high,low,close,volume,close_time,...) or Tardis derivative_ticker (timestamp,symbol,...,mark_price)");
    }

    private static string? FirstLine(string path)
    {
        using Stream stream = CsvMarketData.OpenStream(path, out long length);
        if (length == 0) return null;
        using var reader = new StreamReader(stream);
        string? line = reader.ReadLine();
        return string.IsNullOrWhiteSpace(line) ? null : line.Trim();
    }

    /// <summary>Binance mark-price klines: read as bars (every check of the kline reader), each close the mark at the bar's time.</summary>
    private static MarkPriceColumns ReadKlines(string path, SymbolTable symbols, string? symbol)
    {
        using MarketData klines = CsvMarketData.Read(path, CsvFormat.BinanceKlines, new MarketDataReadOptions { Symbol = symbol });
        BarColumns bars = klines.Bars;
        int id = symbols.IndexOf(klines.Symbols[0]);
        if (id < 0 || bars.Count == 0) return Columns(path, symbols, []);
        var rows = new List<MarkPriceUpdate>(bars.Count);
        ReadOnlySpan<long> times = bars.Timestamps.Span;
        ReadOnlySpan<double> close = bars.Close.Span;
        for (int i = 0; i < times.Length; i++) rows.Add(new MarkPriceUpdate(times[i], id, close[i]));
        return Columns(path, symbols, rows);
    }

    private static MarkPriceColumns ReadTardis(string path, SymbolTable symbols)
    {
        using Stream stream = CsvMarketData.OpenStream(path, out _);
        using SepReader reader = Sep.New(',').Reader(o => o with { DisableColCountCheck = true }).From(stream);
        int ts = Column(reader, path, "timestamp"), sym = Column(reader, path, "symbol"), mp = Column(reader, path, "mark_price");
        int columns = reader.Header.ColNames.Count;
        var rows = new List<MarkPriceUpdate>();
        var last = new double[symbols.Count];
        Array.Fill(last, double.NaN);
        var lastTime = new long[symbols.Count];
        Array.Fill(lastTime, long.MinValue);
        int line = 1;
        foreach (SepReader.Row row in reader)
        {
            line++;
            if (row.ColCount != columns)
                throw new MarketDataException(path, line, null, $"expected {columns} columns, got {row.ColCount}{(row.ColCount > columns ? " (two lines joined by a missing newline?)" : " (a line cut short?)")}");
            int id = symbols.IndexOf(row[sym].ToString());
            if (id < 0) continue;
            if (!row[ts].TryParse(out long us) || us < 0 || us > long.MaxValue / NsPerUs)
                throw new MarketDataException(path, line, "timestamp", $"expected a timestamp in µs, got {CsvMarketData.Shown(row[ts].Span)}");
            long time = us * NsPerUs;
            if (time < lastTime[id])
                throw new MarketDataException(path, line, "timestamp", $"timestamps go backwards within the symbol: {time} after {lastTime[id]}");
            lastTime[id] = time;
            if (row[mp].Span.Length == 0) continue; // a snapshot of other fields
            if (!row[mp].TryParse(out double mark) || !(mark > 0) || double.IsInfinity(mark))
                throw new MarketDataException(path, line, "mark_price", $"expected a positive finite price, got {CsvMarketData.Shown(row[mp].Span)}");
            if (mark == last[id]) continue; // not an update
            last[id] = mark;
            rows.Add(new MarkPriceUpdate(time, id, mark));
        }
        return Columns(path, symbols, rows);
    }

    /// <summary>The rows in time order (a stable sort: symbols interleave, each already in time order), as checked columns.</summary>
    private static MarkPriceColumns Columns(string path, SymbolTable symbols, List<MarkPriceUpdate> rows)
    {
        MarkPriceUpdate[] sorted = rows.ToArray();
        var keys = new long[sorted.Length];
        for (int i = 0; i < keys.Length; i++) keys[i] = sorted[i].Timestamp;
        var order = new int[sorted.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
        var timestamps = new long[sorted.Length];
        var ids = new int[sorted.Length];
        var prices = new double[sorted.Length];
        for (int i = 0; i < order.Length; i++)
            (timestamps[i], ids[i], prices[i]) = (sorted[order[i]].Timestamp, sorted[order[i]].SymbolId, sorted[order[i]].Price);
        return new MarkPriceColumns(path, symbols.Count, timestamps, ids, prices);
    }

    private static int Column(SepReader reader, string path, string name)
    {
        if (reader.Header.TryIndexOf(name, out int index)) return index;
        throw new MarketDataException(path, -1, name, $"missing column (the header has: {string.Join(", ", reader.Header.ColNames)})");
    }
}
