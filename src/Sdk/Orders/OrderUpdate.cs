using System.Runtime.InteropServices;

namespace Backtester;

/// <summary>A change of an order's state at the simulated venue, reported to the strategy's <c>OnOrder</c> handler.</summary>
/// <param name="OrderId">The order's id.</param>
/// <param name="SymbolId">The order's symbol (-1 when a request was rejected before its symbol was known).</param>
/// <param name="Status">The new state.</param>
/// <param name="RejectReason">Why it was rejected or cancelled by the venue; <see cref="RejectReason.None"/> otherwise.</param>
/// <param name="FilledQuantity">Quantity filled so far.</param>
/// <param name="RemainingQuantity">Quantity still working (0 once the order is done).</param>
/// <param name="Timestamp">Venue time of the change, ns since the Unix epoch, UTC.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct OrderUpdate(long OrderId, int SymbolId, OrderStatus Status, RejectReason RejectReason,
    double FilledQuantity, double RemainingQuantity, long Timestamp);
