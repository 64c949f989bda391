using System;

namespace Backtester.Data;

/// <summary>Market data that holds only book updates (what a depth file or the synthetic L2 market gives).</summary>
internal static class BookMarketData
{
    public static MarketData Of(string source, SymbolTable symbols, BookColumns book, IDisposable? resources = null) =>
        new(symbols, new TradeColumns(source, symbols.Count, default, default, default, default, default)) { Book = book, Resources = resources };
}
