namespace Backtester;

/// <summary>What the venue does with an order off its instrument's tick or lot grid (<see cref="BacktestOptions.OffGridOrders"/>).</summary>
public enum OffGridOrders : byte
{
    /// <summary>Reject it (<see cref="RejectReason.OffTickSize"/>, <see cref="RejectReason.OffLotSize"/>), as a real venue does.</summary>
    Reject = 0,

    /// <summary>
    /// Round it onto the grid: quantity down to the lot size, buy limit prices down and sell limit prices up to the
    /// tick size (never a worse price than asked), stop prices to the nearest tick. The minimums are then checked on
    /// the rounded order.
    /// </summary>
    Round = 1,
}
