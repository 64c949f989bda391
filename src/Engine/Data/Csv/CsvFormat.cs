namespace Backtester.Data;

/// <summary>The CSV layouts <see cref="CsvMarketData"/> reads.</summary>
public enum CsvFormat : byte
{
    /// <summary>
    /// Binance public dump of trades (<c>id,price,qty,quote_qty,time,is_buyer_maker[,is_best_match]</c>), with or
    /// without a header; time in ms or µs (told apart by magnitude). No symbol column: see <see cref="MarketDataReadOptions.Symbol"/>.
    /// </summary>
    BinanceTrades,

    /// <summary>Binance aggregated trades (<c>agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker[,is_best_match]</c>).</summary>
    BinanceAggTrades,

    /// <summary>
    /// Binance klines (<c>open_time,open,high,low,close,volume,close_time,...</c>) as bars stamped with the interval
    /// end: <c>close_time</c> is the last ms (µs) of the interval, so the bar time is <c>close_time</c> + 1 ms (µs).
    /// </summary>
    BinanceKlines,

    /// <summary>Tardis.dev normalized trades (<c>exchange,symbol,timestamp,local_timestamp,id,side,price,amount</c>, µs).</summary>
    TardisTrades,

    /// <summary>Tardis.dev normalized quotes / book_ticker (<c>exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount</c>, µs).</summary>
    TardisQuotes,

    /// <summary>Trades in any CSV with a header, described by <see cref="MarketDataReadOptions.Mapping"/>.</summary>
    Generic,

    /// <summary>
    /// Tardis.dev normalized L2 book changes (<c>exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount</c>,
    /// µs) as book updates: amount 0 removes the level; the first row of each run of snapshot rows resets the book.
    /// </summary>
    TardisIncrementalBookL2,

    /// <summary>
    /// Tardis.dev normalized top-N book snapshots (<c>book_snapshot_25</c>, <c>book_snapshot_5</c>: wide
    /// <c>asks[i].price,asks[i].amount,bids[i].price,bids[i].amount</c> columns, µs) as book updates: each row resets
    /// the book and sets every level present.
    /// </summary>
    TardisBookSnapshot,

    /// <summary>
    /// Market-by-order (L3) rows in our layout, <c>timestamp,symbol,order_id,side,price,size,action</c> (ns, side bid/ask,
    /// action add/modify/cancel/execute), replayed as the L2 book they make (docs/data.md, "Depth: L3 order-by-order").
    /// </summary>
    MarketByOrder,
}
