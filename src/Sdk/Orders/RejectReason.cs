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

    /// <summary>Limit or stop price missing, not positive or not finite.</summary>
    InvalidPrice = 4,

    /// <summary>A cancel or amend named an order id that was never issued.</summary>
    UnknownOrder = 5,

    /// <summary>A cancel or amend arrived after its order had filled or been cancelled.</summary>
    OrderClosed = 6,

    /// <summary>The symbol id is not in the data's symbol table.</summary>
    UnknownSymbol = 7,

    /// <summary>The side is neither Buy nor Sell.</summary>
    InvalidSide = 8,

    /// <summary>The order type or time in force is not one the venue knows, or cannot be amended (market orders).</summary>
    Unsupported = 9,
}
