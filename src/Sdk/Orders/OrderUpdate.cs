using System.Runtime.InteropServices;

namespace Backtester;

/// <summary>A change of an order's state at the simulated venue, reported to the strategy's <c>OnOrder</c> handler.</summary>
/// <param name="OrderId">The order's id.</param>
/// <param name="SymbolId">
/// The order's symbol; -1 when the venue does not know it: a new order with an unknown symbol id, a cancel or amend of an
/// id never issued (<see cref="RejectReason.UnknownOrder"/>), or of an order that had closed before the request was
/// decided (<see cref="RejectReason.OrderClosed"/>).
/// </param>
/// <param name="Status">The new state.</param>
/// <param name="RejectReason">Why it was rejected or cancelled by the venue; <see cref="RejectReason.None"/> otherwise.</param>
/// <param name="FilledQuantity">Quantity filled so far (0 in a refusal naming a closed or unknown order).</param>
/// <param name="RemainingQuantity">Quantity still working (0 once the order is done, or in a refusal naming a closed or unknown order).</param>
/// <param name="Timestamp">Venue time of the change, ns since the Unix epoch, UTC.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct OrderUpdate(long OrderId, int SymbolId, OrderStatus Status, RejectReason RejectReason,
    double FilledQuantity, double RemainingQuantity, long Timestamp);
