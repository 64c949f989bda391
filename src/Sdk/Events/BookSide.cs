namespace Backtester;

/// <summary>The side of an order book a price level rests on. The values match <see cref="Side"/>: bids are buy orders, asks sell orders.</summary>
public enum BookSide : sbyte
{
    /// <summary>Resting buy orders; the best bid is the highest price.</summary>
    Bid = 1,

    /// <summary>Resting sell orders; the best ask is the lowest price.</summary>
    Ask = -1,
}
