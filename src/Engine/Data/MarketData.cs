using System;

namespace Backtester.Data;

/// <summary>
/// The market data of a backtest: a symbol table and columnar, time-ordered events. Immutable and shared
/// read-only by every run of a sweep; nothing is copied per run.
/// </summary>
public sealed class MarketData
{
    /// <summary>Creates market data from a symbol table and trade columns, and optionally quotes and bars.</summary>
    public MarketData(SymbolTable symbols, TradeColumns trades, QuoteColumns? quotes = null, BarColumns? bars = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(trades);
        Symbols = symbols;
        Trades = trades;
        Quotes = quotes ?? QuoteColumns.Empty;
        Bars = bars ?? BarColumns.Empty;
    }

    /// <summary>The symbols; events refer to them by index.</summary>
    public SymbolTable Symbols { get; }

    /// <summary>The trades, in time order.</summary>
    public TradeColumns Trades { get; }

    /// <summary>The top-of-book quotes, in time order (empty when the data has none).</summary>
    public QuoteColumns Quotes { get; }

    /// <summary>The bars, in time order of their close (empty when the data has none).</summary>
    public BarColumns Bars { get; }

    /// <summary>Total number of events.</summary>
    public long EventCount => (long)Trades.Count + Quotes.Count + Bars.Count;

    /// <summary>Name of the source (file name or generator description).</summary>
    public string Source => Trades.Source;

    /// <summary>
    /// Builds market data from arrays of trades for one or more symbols (a convenience for tests and small
    /// examples). The arrays are taken over, not copied.
    /// </summary>
    public static MarketData FromTrades(string source, string[] symbols, long[] timestamps, int[] symbolIds, double[] prices, double[] sizes, Side[] aggressors)
    {
        var table = new SymbolTable(symbols);
        return new MarketData(table, new TradeColumns(source, table.Count, timestamps, symbolIds, prices, sizes, aggressors));
    }
}
