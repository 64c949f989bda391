namespace Backtester.Data;

/// <summary>What one market-by-order (L3) row does to an exchange order (docs/data.md, "Depth: L3 order-by-order").</summary>
public enum MarketByOrderAction : byte
{
    /// <summary>A new order joins the back of the queue at its price, with its size.</summary>
    Add = 1,

    /// <summary>
    /// The order now has this price and size. A smaller size at the same price keeps its place in the queue; a new price
    /// or a larger size sends it to the back of the queue at its (new) price, as exchanges do.
    /// </summary>
    Modify = 2,

    /// <summary>The order leaves the book (its price must be the order's; its size is not used).</summary>
    Cancel = 3,

    /// <summary>The order traded this size (at most what it has left) at its price; it leaves the book when nothing is left.</summary>
    Execute = 4,
}
