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

    /// <summary>The request was refused (see <see cref="OrderUpdate.RejectReason"/>). A rejected new order is done; a rejected cancel or amend leaves the order as it was.</summary>
    Rejected = 4,

    /// <summary>An amend took effect: the order works with its new price and/or quantity.</summary>
    Amended = 5,
}
