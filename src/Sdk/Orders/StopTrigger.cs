namespace Backtester;

/// <summary>
/// Which prices trigger a stop or stop-limit order: for the whole run (the engine's <c>BacktestOptions.StopTrigger</c>,
/// <c>--stop-trigger</c>), or for one order, given to <see cref="Orders.Stop(Side, double, double, StopTrigger, TimeInForce, bool)"/>
/// or <see cref="Orders.StopLimit(Side, double, double, double, StopTrigger, TimeInForce, bool)"/> as Binance's
/// <c>workingType</c> or nautilus_trader's <c>TriggerType</c>. An order placed without one uses the run's.
/// </summary>
public enum StopTrigger : byte
{
    /// <summary>
    /// The last price: a buy stop triggers on a trade at or above its stop price, a sell stop on one at or below it, and
    /// on bars by their range (buy: high ≥ stop; sell: low ≤ stop). Quotes and the L2 book never trigger. Binance's
    /// default working type (<c>CONTRACT_PRICE</c>), and what most venues do.
    /// </summary>
    LastPrice = 0,

    /// <summary>
    /// The touch: a buy stop triggers when the best ask is at or above its stop price, a sell stop when the best bid is
    /// at or below it, on quotes and on the L2 book's touch at the end of each batch; trades and bars never trigger. For
    /// data without trades (quotes or an L2 book alone), where <see cref="LastPrice"/> never triggers a stop.
    /// </summary>
    BidAsk = 1,

    /// <summary>
    /// The exchange's mark price (<see cref="MarkPriceUpdate"/>, from the data's mark-price series): a buy stop triggers
    /// on a mark at or above its stop price, a sell stop on one at or below it; trades, quotes, bars and the book never
    /// trigger. The triggered order meets the touch at once when the symbol is quoted, else the next trade or bar.
    /// Binance's <c>MARK_PRICE</c> working type: a stop that a wick of the last price alone does not set off. On data
    /// without mark prices such a stop never triggers.
    /// </summary>
    MarkPrice = 2,
}
