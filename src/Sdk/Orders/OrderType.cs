namespace Backtester;

/// <summary>How an order executes.</summary>
public enum OrderType : byte
{
    /// <summary>Takes liquidity at the best available price once it reaches the venue.</summary>
    Market = 0,

    /// <summary>Buys at or below (sells at or above) its limit price; rests on the book until filled or cancelled.</summary>
    Limit = 1,

    /// <summary>Waits until a trade prints at or through its stop price, then executes as a market order.</summary>
    Stop = 2,

    /// <summary>Waits until a trade prints at or through its stop price, then works as a limit order.</summary>
    StopLimit = 3,

    /// <summary>
    /// A stop that follows the market: a sell keeps its stop at the highest trigger price seen since it started trailing
    /// less its <see cref="TrailingOffset"/>, a buy at the lowest plus it, optionally only from an activation price on; when
    /// the trigger price reaches the stop it executes as a market order (<see cref="Orders.TrailingStop(Side, double, TrailingOffset, double?, TimeInForce, bool)"/>).
    /// </summary>
    TrailingStop = 4,

    /// <summary>
    /// A trailing stop whose limit price follows its stop at a fixed distance: it trails as a <see cref="TrailingStop"/>
    /// does, and when the trigger price reaches the stop it works as a limit order at the stop less (sell) or plus (buy)
    /// its limit offset, as a triggered <see cref="StopLimit"/> does (<see cref="Orders.TrailingStopLimit(Side, double, TrailingOffset, double, double?, TimeInForce, bool)"/>).
    /// </summary>
    TrailingStopLimit = 5,
}
