namespace Backtester;

/// <summary>Why the venue refused a request or cancelled an order.</summary>
public enum RejectReason : byte
{
    /// <summary>No problem.</summary>
    None = 0,

    /// <summary>A post-only order (or an amend of one) would have taken liquidity on arrival.</summary>
    PostOnlyWouldCross = 1,

    /// <summary>A reduce-only order would have opened or increased a position.</summary>
    ReduceOnlyWouldIncrease = 2,

    /// <summary>
    /// Quantity not positive and finite (or, for an amend, not above the filled quantity), or beyond the sanity bound: the
    /// position it would build (counting orders already on their way) worth more than 1,000 times the account's equity
    /// (or initial capital, if larger) at the order's price. See docs/execution.md.
    /// </summary>
    InvalidQuantity = 3,

    /// <summary>
    /// Limit or stop price missing, not positive or not finite; or a trailing stop's offset not positive and finite (a
    /// fraction not below 1), or its activation price not positive and finite.
    /// </summary>
    InvalidPrice = 4,

    /// <summary>A cancel or amend named an order id that was never issued.</summary>
    UnknownOrder = 5,

    /// <summary>
    /// A cancel or amend reached the venue after its order had filled, been cancelled or been rejected (whether before the
    /// request was decided or while it travelled); reported on arrival.
    /// </summary>
    OrderClosed = 6,

    /// <summary>The symbol id is not in the data's symbol table.</summary>
    UnknownSymbol = 7,

    /// <summary>The side is neither Buy nor Sell.</summary>
    InvalidSide = 8,

    /// <summary>
    /// The order type, time in force or stop trigger is not one the venue knows, or cannot be amended (market orders), or
    /// a stop triggers on the mark price (its own trigger or the run's) of a symbol the data has no mark prices for (it could
    /// never trigger).
    /// </summary>
    Unsupported = 9,

    /// <summary>A limit or stop price is not a multiple of the instrument's tick size.</summary>
    OffTickSize = 10,

    /// <summary>The quantity is not a multiple of the instrument's lot size.</summary>
    OffLotSize = 11,

    /// <summary>The quantity is below the instrument's minimum quantity (or rounds to nothing on its lot grid).</summary>
    BelowMinQuantity = 12,

    /// <summary>Quantity × price (× contract multiplier) is below the instrument's minimum notional.</summary>
    BelowMinNotional = 13,

    /// <summary>A cash account cannot pay for the order: cash minus what working and in-flight buys would cost is too little.</summary>
    InsufficientFunds = 14,

    /// <summary>A margin account's equity would not cover the initial margin of its positions and open orders with this order.</summary>
    InsufficientMargin = 15,

    /// <summary>A cash account without short selling would sell more than it holds (working and in-flight sells counted).</summary>
    ShortSellingNotAllowed = 16,

    /// <summary>The account breached its maintenance margin: the venue closed the position (a liquidation fill) and cancelled every order.</summary>
    Liquidation = 17,

    /// <summary>
    /// Cancelled or rejected because of an order it is linked with (docs/execution.md, "Contingent orders"): the other leg
    /// of a one-cancels-other group filled or closed, the one-triggers-other parent closed with nothing filled, or another
    /// order of its group was refused at decision time.
    /// </summary>
    Contingency = 18,

    /// <summary>
    /// A contingent link (<see cref="Orders.OneCancelsOther(long, long)"/>, <see cref="Orders.OneTriggersOther(long, long)"/>)
    /// that the venue cannot work: it names an order that is not a new order sent in the same handler, the same order
    /// twice, orders of different symbols, a parent that is itself a child or a one-cancels-other leg, or legs of different parents.
    /// </summary>
    InvalidContingency = 19,
}
