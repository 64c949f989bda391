namespace Backtester;

/// <summary>The state an <see cref="OrderUpdate"/> reports.</summary>
public enum OrderStatus : byte
{
    /// <summary>The order reached the venue and is working.</summary>
    Accepted = 0,

    /// <summary>Part of the order filled; the rest is working.</summary>
    PartiallyFilled = 1,

    /// <summary>The whole order filled; it is done.</summary>
    Filled = 2,

    /// <summary>The order was cancelled (by the strategy, by IOC/FOK, or because a reduce-only order had nothing left to reduce); it is done.</summary>
    Cancelled = 3,

    /// <summary>
    /// A new order was refused (see <see cref="OrderUpdate.RejectReason"/>), at its decision time or on arrival; it never
    /// worked and is done. A refused cancel or amend is <see cref="CancelRejected"/> or <see cref="AmendRejected"/> instead.
    /// </summary>
    Rejected = 4,

    /// <summary>An amend took effect: the order works with its new price and/or quantity.</summary>
    Amended = 5,

    /// <summary>
    /// A cancel was refused (see <see cref="OrderUpdate.RejectReason"/>); the order is as it was. With
    /// <see cref="RejectReason.OrderClosed"/> it had already filled, been cancelled or been rejected; otherwise it works on.
    /// </summary>
    CancelRejected = 6,

    /// <summary>
    /// An amend was refused (see <see cref="OrderUpdate.RejectReason"/>); the order keeps its price and quantity and works
    /// on (the update's quantities are the order's), unless the reason is <see cref="RejectReason.OrderClosed"/>: it had
    /// already filled, been cancelled or been rejected.
    /// </summary>
    AmendRejected = 7,
}
