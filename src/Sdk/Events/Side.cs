namespace Backtester;

/// <summary>The side of an order, a fill or a trade's aggressor.</summary>
public enum Side : sbyte
{
    /// <summary>Buying: increases the position.</summary>
    Buy = 1,

    /// <summary>Selling: decreases the position.</summary>
    Sell = -1,
}
