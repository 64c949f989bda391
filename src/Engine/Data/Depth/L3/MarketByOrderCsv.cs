using System;
using System.IO;
using nietras.SeparatedValues;

namespace Backtester.Data;

/// <summary>
/// Reads our market-by-order CSV (<see cref="CsvFormat.MarketByOrder"/>, docs/data.md "Depth: L3 order-by-order"):
/// header <c>timestamp,symbol,order_id,side,price,size,action</c>, <c>timestamp</c> in ns since the Unix epoch (UTC),
/// <c>side</c> bid/ask, <c>action</c> add/modify/cancel/execute. Every error names the file, the line and the column.
/// </summary>
internal static class MarketByOrderCsv
{
    private static readonly string[] Names = ["timestamp", "symbol", "order_id", "side", "price", "size", "action"];

    public static MarketData Read(string path, MarketDataReadOptions options)
    {
        using Stream stream = CsvMarketData.OpenStream(path, out long length);
        if (length == 0) throw new MarketDataException(path, -1, null, "the file is empty");
        using SepReader reader = CsvReaderOpening.Open(path, stream, ',', hasHeader: true, unescape: false);
        if (reader.IsEmpty) throw new MarketDataException(path, -1, null, "the file is empty");
        Span<int> at = stackalloc int[Names.Length];
        int columns = 0;
        for (int i = 0; i < Names.Length; i++)
        {
            if (!reader.Header.TryIndexOf(Names[i], out at[i]))
                throw new MarketDataException(path, -1, Names[i],
                    $"missing column: a market-by-order (L3) CSV has the header {string.Join(',', Names)} (the header has: {string.Join(", ", reader.Header.ColNames)})");
            columns = Math.Max(columns, at[i] + 1);
        }
        int capacity = (int)Math.Clamp(length / 40, 1024, Array.MaxLength);
        var ts = new ColumnBuffer<long>(capacity);
        var sym = new ColumnBuffer<int>(capacity);
        var ids = new ColumnBuffer<long>(capacity);
        var sides = new ColumnBuffer<BookSide>(capacity);
        var px = new ColumnBuffer<double>(capacity);
        var sz = new ColumnBuffer<double>(capacity);
        var actions = new ColumnBuffer<MarketByOrderAction>(capacity);
        var lines = new ColumnBuffer<long>(capacity);
        var symbols = new SymbolInterner();
        long last = long.MinValue;
        bool unordered = false;
        int line = 1; // the header
        try
        {
            foreach (SepReader.Row row in reader)
            {
                line++;
                if (row.ColCount < columns) throw new MarketDataException(path, line, null, $"expected at least {columns} columns, got {row.ColCount}");
                if (!row[at[0]].TryParse(out long time) || time < 0)
                    throw new MarketDataException(path, line, Names[0], $"expected a non-negative integer (ns since the Unix epoch), got '{row[at[0]].Span}'");
                if (time < last)
                {
                    if (!options.SortIfUnordered) throw new MarketDataException(path, line, Names[0], EventOrder.BackwardsProblem(time, last), MarketDataRemedy.SortIfUnordered);
                    unordered = true;
                }
                else last = time;
                ReadOnlySpan<char> symbol = row[at[1]].Span;
                CsvMarketData.CheckSymbol(symbol, path, line, Names[1]);
                if (!row[at[2]].TryParse(out long id)) throw new MarketDataException(path, line, Names[2], $"expected an integer order id, got '{row[at[2]].Span}'");
                BookSide side = SideOf(row[at[3]].Span, path, line);
                double price = Number(row[at[4]], path, line, Names[4]);
                if (!(price > 0) || double.IsInfinity(price)) throw new MarketDataException(path, line, Names[4], $"expected a positive finite number, got {price}");
                double size = Number(row[at[5]], path, line, Names[5]);
                if (!(size >= 0) || double.IsInfinity(size)) throw new MarketDataException(path, line, Names[5], $"expected a non-negative finite number, got {size}");
                ts.Add(time);
                sym.Add(symbols.IdOf(symbol));
                ids.Add(id);
                sides.Add(side);
                px.Add(price);
                sz.Add(size);
                actions.Add(ActionOf(row[at[6]].Span, path, line));
                lines.Add(line);
            }
        }
        catch (NotSupportedException e) when (CsvReaderOpening.IsRowTooLong(e))
        {
            throw CsvReaderOpening.RowTooLong(path, ts.Count);
        }
        if (ts.Count == 0) throw new MarketDataException(path, -1, null, "the file has no rows");
        ReadOnlyMemory<long> t = ts.ToMemory(), o = ids.ToMemory(), l = lines.ToMemory();
        ReadOnlyMemory<int> s = sym.ToMemory();
        ReadOnlyMemory<BookSide> d = sides.ToMemory();
        ReadOnlyMemory<double> p = px.ToMemory(), z = sz.ToMemory();
        ReadOnlyMemory<MarketByOrderAction> a = actions.ToMemory();
        if (unordered)
        {
            // Stable: the rows of one time keep the file's order, which is the exchange's.
            int[] order = EventOrder.StableSortByTime(t.Span);
            t = EventOrder.Gather(t.Span, order);
            s = EventOrder.Gather(s.Span, order);
            o = EventOrder.Gather(o.Span, order);
            d = EventOrder.Gather(d.Span, order);
            p = EventOrder.Gather(p.Span, order);
            z = EventOrder.Gather(z.Span, order);
            a = EventOrder.Gather(a.Span, order);
            l = EventOrder.Gather(l.Span, order);
        }
        SymbolTable table = symbols.ToTable();
        var columnsRead = new MarketByOrderColumns(path, table.Count, t, s, o, d, p, z, a, l);
        return columnsRead.ToMarketData(table);
    }

    private static double Number(SepReader.Col col, string path, int line, string column)
    {
        if (col.TryParse(out double value)) return value;
        throw new MarketDataException(path, line, column, $"expected a number, got '{col.Span}'");
    }

    private static BookSide SideOf(ReadOnlySpan<char> text, string path, int line)
    {
        if (text.Equals("bid", StringComparison.OrdinalIgnoreCase) || text.Equals("buy", StringComparison.OrdinalIgnoreCase)) return BookSide.Bid;
        if (text.Equals("ask", StringComparison.OrdinalIgnoreCase) || text.Equals("sell", StringComparison.OrdinalIgnoreCase)) return BookSide.Ask;
        throw new MarketDataException(path, line, "side", $"expected bid or ask (or buy, sell), got '{text}'");
    }

    private static MarketByOrderAction ActionOf(ReadOnlySpan<char> text, string path, int line)
    {
        if (text.Equals("add", StringComparison.OrdinalIgnoreCase)) return MarketByOrderAction.Add;
        if (text.Equals("modify", StringComparison.OrdinalIgnoreCase)) return MarketByOrderAction.Modify;
        if (text.Equals("cancel", StringComparison.OrdinalIgnoreCase)) return MarketByOrderAction.Cancel;
        if (text.Equals("execute", StringComparison.OrdinalIgnoreCase)) return MarketByOrderAction.Execute;
        throw new MarketDataException(path, line, "action", $"expected add, modify, cancel or execute, got '{text}'");
    }
}
