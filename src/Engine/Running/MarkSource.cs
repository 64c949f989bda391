namespace Backtester;

/// <summary>What a run values its positions at: its equity, its margin and the liquidation test (<see cref="BacktestOptions.MarkWith"/>).</summary>
public enum MarkSource : byte
{
    /// <summary>
    /// The market's own prices: every trade marks its symbol at its price, a quote at its mid, a bar at its close, the
    /// L2 book at its mid at the end of a batch. The default.
    /// </summary>
    Events = 0,

    /// <summary>
    /// The exchange's mark price (<see cref="MarketData.MarkPrices"/>): positions are valued, margin is tested and a
    /// margin account is liquidated only at mark-price updates, as Binance, Bybit and OKX do for perpetual futures, so a
    /// wick of the last price that the mark does not follow liquidates nobody. Trades, quotes, bars and the book still
    /// price every fill; once a symbol has had a mark price they no longer move its equity. Before its first mark price a
    /// symbol is marked by its events (so orders are checked against a price), and liquidation waits for a mark. Every
    /// symbol of the data needs a mark-price series (the run is refused otherwise).
    /// </summary>
    MarkPrice = 1,
}
