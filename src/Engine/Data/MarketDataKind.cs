namespace Backtester.Data;

/// <summary>The kind of events a market-data file holds; each file holds exactly one kind.</summary>
public enum MarketDataKind : byte
{
    /// <summary>Trades: price, size, aggressor side.</summary>
    Trades,

    /// <summary>Top-of-book quotes: bid price and size, ask price and size.</summary>
    Quotes,

    /// <summary>OHLCV bars, stamped with their close (interval end) time.</summary>
    Bars,
}
