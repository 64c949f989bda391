using System.Runtime.InteropServices;

namespace Backtester;

/// <summary>An execution of (part of) one of the strategy's orders.</summary>
/// <param name="Timestamp">Time of the event the order filled against, in nanoseconds since the Unix epoch, UTC.</param>
/// <param name="OrderId">The id returned when the order was placed.</param>
/// <param name="SymbolId">Index of the symbol in the data's symbol table.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Price">Execution price, slippage included.</param>
/// <param name="Quantity">Executed quantity, positive.</param>
/// <param name="Fee">Fee paid in quote currency (negative for a rebate).</param>
/// <param name="IsMaker">True when the order rested on the book and provided liquidity.</param>
/// <param name="Kind">A trade of the strategy's order, or a liquidation by the venue (default <see cref="FillKind.Trade"/>).</param>
[ArrowRecord]
[StructLayout(LayoutKind.Auto)]
public readonly partial record struct Fill([ArrowTimestamp] long Timestamp, long OrderId, int SymbolId, Side Side, double Price, double Quantity, double Fee, bool IsMaker,
    FillKind Kind = FillKind.Trade)
{
    /// <summary>The quantity with the sign of the side: positive for buys, negative for sells.</summary>
    public double SignedQuantity => Side == Side.Buy ? Quantity : -Quantity;
}
