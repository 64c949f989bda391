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
    /// price every fill; they no longer move equity. Every symbol of the data needs a mark-price series (the run is
    /// refused otherwise); before a symbol's first mark, a position is valued at its first fill.
    /// </summary>
    MarkPrice = 1,
}
