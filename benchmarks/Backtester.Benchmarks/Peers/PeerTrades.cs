using System;
using System.IO;
using System.Linq;

namespace Backtester.Benchmarks.Peers;

/// <summary>
/// The trades both sides of the peer comparison replay, as column files (<see cref="ColumnFiles"/>, table
/// <c>trades</c>): timestamp <c>&lt;i8</c> (ns UTC), symbol <c>&lt;i4</c>, price <c>&lt;f8</c>, size <c>&lt;f8</c>,
/// aggressor <c>i1</c> (+1 buy, −1 sell). The C# side reads the files back rather than regenerating them, so both
/// sides provably replay the same bytes. Fills are written the same way (table <c>fills</c>).
/// </summary>
public static class PeerTrades
{
    public const string Table = "trades";
    public const string FillsTable = "fills";

    /// <summary>The replay benchmarks' data (<see cref="Replay.ReplayWorkload"/>: 4 symbols, seed 42, 1 µs apart).</summary>
    public static void Export(string directory, int events)
    {
        MarketData data = Replay.ReplayWorkload.Data(events);
        var t = data.Trades;
        string[] symbols = Enumerable.Range(0, data.Symbols.Count).Select(s => data.Symbols[s]).ToArray();
        ColumnFiles.Write(directory, Table, t.Count, t.Source, symbols,
            ColumnFiles.Of("timestamp", "<i8", t.Timestamps.Span),
            ColumnFiles.Of("symbol", "<i4", t.SymbolIds.Span),
            ColumnFiles.Of("price", "<f8", t.Prices.Span),
            ColumnFiles.Of("size", "<f8", t.Sizes.Span),
            ColumnFiles.Of("aggressor", "i1", t.Aggressors.Span));
    }

    public static MarketData Read(string directory)
    {
        using var header = ColumnFiles.ReadHeader(directory, Table);
        string source = header.RootElement.GetProperty("source").GetString() ?? directory;
        string[] symbols = header.RootElement.GetProperty("symbols").EnumerateArray().Select(e => e.GetString()!).ToArray();
        return MarketData.FromTrades(source, symbols,
            ColumnFiles.Read<long>(directory, header, "timestamp", "<i8"),
            ColumnFiles.Read<int>(directory, header, "symbol", "<i4"),
            ColumnFiles.Read<double>(directory, header, "price", "<f8"),
            ColumnFiles.Read<double>(directory, header, "size", "<f8"),
            ColumnFiles.Read<Side>(directory, header, "aggressor", "i1"));
    }

    /// <summary>Every fill of a run: timestamp, order id, symbol, side (+1/−1), price, quantity, fee.</summary>
    public static void WriteFills(string directory, ReadOnlySpan<Fill> fills, string source, string[] symbols)
    {
        int n = fills.Length;
        var time = new long[n]; var id = new long[n]; var symbol = new int[n]; var side = new sbyte[n];
        var price = new double[n]; var quantity = new double[n]; var fee = new double[n];
        for (int i = 0; i < n; i++)
        {
            ref readonly Fill f = ref fills[i];
            time[i] = f.Timestamp; id[i] = f.OrderId; symbol[i] = f.SymbolId; side[i] = (sbyte)f.Side;
            price[i] = f.Price; quantity[i] = f.Quantity; fee[i] = f.Fee;
            if (f.IsMaker) throw new InvalidDataException($"Fill {i} is a maker fill; the README SmaCross sends only market orders.");
        }
        ColumnFiles.Write(directory, FillsTable, n, source, symbols,
            ColumnFiles.Of<long>("timestamp", "<i8", time), ColumnFiles.Of<long>("order_id", "<i8", id),
            ColumnFiles.Of<int>("symbol", "<i4", symbol), ColumnFiles.Of<sbyte>("side", "i1", side),
            ColumnFiles.Of<double>("price", "<f8", price), ColumnFiles.Of<double>("quantity", "<f8", quantity),
            ColumnFiles.Of<double>("fee", "<f8", fee));
    }
}
