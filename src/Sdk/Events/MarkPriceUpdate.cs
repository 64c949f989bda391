using System.Runtime.InteropServices;

namespace Backtester;

/// <summary>
/// The exchange's mark price of a perpetual or futures contract: the fair price it values positions at for margin and
/// liquidation (Binance, Bybit, OKX: a median of the index price plus a funding basis and of the book), as against the
/// last trade price, which a wick can move far from it. Read from a mark-price series (<c>--mark-prices</c>,
/// <c>MarketData.WithMarkPrices</c>).
/// </summary>
/// <param name="Timestamp">Time the exchange published it, in nanoseconds since the Unix epoch, UTC.</param>
/// <param name="SymbolId">Index of the symbol in the data's symbol table.</param>
/// <param name="Price">The mark price, positive and finite.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct MarkPriceUpdate(long Timestamp, int SymbolId, double Price);
