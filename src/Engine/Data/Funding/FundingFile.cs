using System;
using System.Collections.Generic;
using System.IO;
using nietras.SeparatedValues;

namespace Backtester.Data;

/// <summary>
/// Reads funding settlements from CSV, recognizing the layout by its header (docs/data.md, "Funding"):
/// <list type="bullet">
/// <item><description>Binance's public data dumps (<c>data.binance.vision</c> <c>fundingRate</c>):
/// <c>calc_time,funding_interval_hours,last_funding_rate</c>, ms; one symbol per file, no mark price.</description></item>
/// <item><description>Binance's <c>/fapi/v1/fundingRate</c> rows saved as CSV: <c>fundingTime,fundingRate</c>, optionally
/// <c>markPrice</c> and <c>symbol</c>, ms.</description></item>
/// <item><description>Tardis <c>derivative_ticker</c>: <c>timestamp,symbol,funding_timestamp,funding_rate,mark_price</c>, µs.
/// These are snapshots, not settlements: the settlement at each <c>funding_timestamp</c> F is the last
/// <c>funding_rate</c> announced for F, at the last <c>mark_price</c> at or before F, emitted once a snapshot at or after F
/// (or announcing a later F) shows it happened.</description></item>
/// </list>
/// Rows of symbols not in the given symbol table are skipped.
/// </summary>
public static class FundingFile
{
    private const long NsPerMs = 1_000_000, NsPerUs = 1_000;

    /// <summary>Reads <paramref name="path"/> (<c>.csv</c> or <c>.csv.gz</c>); <paramref name="symbol"/> names the symbol of single-symbol files without a symbol column (default: the file name up to its first '-').</summary>
    /// <exception cref="MarketDataException">The header is not one of the layouts, or a value is missing or unparsable; the message names the file, line and column.</exception>
    public static FundingColumns Read(string path, SymbolTable symbols, string? symbol = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(symbols);
        using Stream stream = CsvMarketData.OpenStream(path, out long length); // .csv or .csv.gz
        if (length == 0) throw new MarketDataException(path, -1, null, "the file is empty");
        using SepReader reader = Sep.New(',').Reader(o => o with { DisableColCountCheck = true }).From(stream);
        if (reader.IsEmpty) throw new MarketDataException(path, -1, null, "the file is empty");
        var rows = new List<Funding>();
        string fileSymbol = symbol ?? Path.GetFileName(path).Split('-')[0];
        SepReaderHeader header = reader.Header;
        if (header.TryIndexOf("calc_time", out int calc) && header.TryIndexOf("last_funding_rate", out int last))
            ReadSettlements(reader, path, symbols, rows, calc, last, -1, -1, fileSymbol, NsPerMs);
        else if (header.TryIndexOf("fundingTime", out int time) && header.TryIndexOf("fundingRate", out int rate))
            ReadSettlements(reader, path, symbols, rows, time, rate, header.TryIndexOf("markPrice", out int mark) ? mark : -1,
                header.TryIndexOf("symbol", out int sym) ? sym : -1, fileSymbol, NsPerMs);
        else if (header.TryIndexOf("funding_timestamp", out _) && header.TryIndexOf("funding_rate", out _))
            ReadTardis(reader, path, symbols, rows);
        else
            throw new MarketDataException(path, 1, null,
                $"unknown funding layout (the header has: {string.Join(", ", header.ColNames)}); expected Binance calc_time,last_funding_rate or fundingTime,fundingRate, or Tardis derivative_ticker");
        // Tardis settlements come out symbol by symbol as their snapshots move on: order by time, then symbol id.
        var sorted = rows.ToArray();
        Array.Sort(sorted, static (a, b) => a.Timestamp != b.Timestamp ? a.Timestamp.CompareTo(b.Timestamp) : a.SymbolId.CompareTo(b.SymbolId));
        var timestamps = new long[sorted.Length];
        var ids = new int[sorted.Length];
        var rates = new double[sorted.Length];
        var marks = new double[sorted.Length];
        for (int i = 0; i < sorted.Length; i++)
            (timestamps[i], ids[i], rates[i], marks[i]) = (sorted[i].Timestamp, sorted[i].SymbolId, sorted[i].Rate, sorted[i].MarkPrice);
        return new FundingColumns(path, symbols.Count, timestamps, ids, rates, marks);
    }

    private static void ReadSettlements(SepReader reader, string path, SymbolTable symbols, List<Funding> rows,
        int timeColumn, int rateColumn, int markColumn, int symbolColumn, string fileSymbol, long unit)
    {
        int fileId = symbols.IndexOf(fileSymbol);
        int line = 1;
        foreach (SepReader.Row row in reader)
        {
            line++;
            int id = symbolColumn >= 0 ? symbols.IndexOf(row[symbolColumn].ToString()) : fileId;
            if (id < 0) continue;
            long time = Long(row[timeColumn], path, line, reader.Header.ColNames[timeColumn]) * unit;
            double rate = Double(row[rateColumn], path, line, reader.Header.ColNames[rateColumn]);
            double mark = markColumn >= 0 && row[markColumn].Span.Length > 0 ? Double(row[markColumn], path, line, "markPrice") : double.NaN;
            rows.Add(new Funding(time, id, rate, mark));
        }
    }

    private static void ReadTardis(SepReader reader, string path, SymbolTable symbols, List<Funding> rows)
    {
        int ts = Column(reader, path, "timestamp"), sym = Column(reader, path, "symbol");
        int ft = Column(reader, path, "funding_timestamp"), fr = Column(reader, path, "funding_rate"), mp = Column(reader, path, "mark_price");
        var pending = new Dictionary<int, (long Time, double Rate, double Mark)>();
        int line = 1;
        foreach (SepReader.Row row in reader)
        {
            line++;
            int id = symbols.IndexOf(row[sym].ToString());
            if (id < 0) continue;
            long time = Long(row[ts], path, line, "timestamp") * NsPerUs;
            bool has = pending.TryGetValue(id, out var p);
            double mark = row[mp].Span.Length > 0 ? Double(row[mp], path, line, "mark_price") : double.NaN;
            bool announces = row[ft].Span.Length > 0 && row[fr].Span.Length > 0;
            long fundingTime = announces ? Long(row[ft], path, line, "funding_timestamp") * NsPerUs : 0;
            // A snapshot after the pending funding time, or announcing a later one, shows the settlement happened.
            if (has && (time > p.Time || (announces && fundingTime > p.Time)))
            {
                rows.Add(new Funding(p.Time, id, p.Rate, p.Mark));
                pending.Remove(id);
                has = false;
            }
            if (!announces)
            {
                if (has && !double.IsNaN(mark)) pending[id] = p with { Mark = mark };
                continue;
            }
            double rate = Double(row[fr], path, line, "funding_rate");
            double keptMark = double.IsNaN(mark) && has ? p.Mark : mark;
            pending[id] = (fundingTime, rate, keptMark);
        }
    }

    private static int Column(SepReader reader, string path, string name)
    {
        if (reader.Header.TryIndexOf(name, out int index)) return index;
        throw new MarketDataException(path, -1, name, $"missing column (the header has: {string.Join(", ", reader.Header.ColNames)})");
    }

    private static long Long(SepReader.Col col, string path, int line, string column)
    {
        if (col.TryParse(out long value) && value >= 0 && value <= long.MaxValue / NsPerMs) return value;
        throw new MarketDataException(path, line, column, $"expected a timestamp, got '{col.Span}'");
    }

    private static double Double(SepReader.Col col, string path, int line, string column)
    {
        if (col.TryParse(out double value) && double.IsFinite(value)) return value;
        throw new MarketDataException(path, line, column, $"expected a finite number, got '{col.Span}'");
    }
}
