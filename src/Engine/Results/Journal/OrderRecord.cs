namespace Backtester;

/// <summary>
/// One order of a run with its whole lifecycle, a row of <c>orders.arrow</c>. Times are ns since the Unix epoch, UTC;
/// a time that never came (an order never accepted, never filled, or still working at the end) is 0.
/// </summary>
/// <param name="OrderId">The id <c>Orders</c> returned.</param>
/// <param name="Symbol">The symbol's name.</param>
/// <param name="SymbolId">The symbol's id in the data.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type">Market, limit, stop, stop-limit, trailing stop or trailing stop-limit.</param>
/// <param name="TimeInForce">GTC, IOC, FOK or post-only.</param>
/// <param name="ReduceOnly">True for an order that may only reduce the position.</param>
/// <param name="Quantity">
/// The quantity ordered, as the venue worked it: after the last amend that took effect, and rounded onto the lot under
/// <see cref="OffGridOrders.Round"/> (an order refused at decision time shows what was sent).
/// </param>
/// <param name="LimitPrice">
/// The limit price, as the venue worked it (likewise); NaN for market and stop orders. For a trailing stop-limit the limit
/// it became when it triggered (its stop less or plus its limit offset); NaN while it never triggered.
/// </param>
/// <param name="StopPrice">
/// The stop price, as the venue worked it (likewise); NaN unless a stop or stop-limit. For a trailing stop (or trailing
/// stop-limit) the stop it triggered at, the stop it had trailed to by then; NaN while it never triggered (its stop moves at the venue).
/// </param>
/// <param name="SubmittedAt">When the strategy sent it (the event it decided on).</param>
/// <param name="AcceptedAt">When the venue accepted it (0 if rejected).</param>
/// <param name="FirstFillAt">Its first fill (0 if none).</param>
/// <param name="DoneAt">When it was filled, cancelled or rejected (0 while still working at the end).</param>
/// <param name="Status">Its last state: Filled, Cancelled or Rejected when done; Accepted, PartiallyFilled or Amended when still working.</param>
/// <param name="RejectReason">Why the venue rejected or cancelled it (None otherwise).</param>
/// <param name="FilledQuantity">The quantity filled.</param>
/// <param name="AverageFillPrice">The quantity-weighted price of its fills (NaN without fills).</param>
/// <param name="Fees">The fees of its fills.</param>
/// <param name="Fills">The number of its fills.</param>
/// <param name="Amends">The number of amends that took effect.</param>
/// <param name="StopTrigger">
/// The prices that trigger a stop or stop-limit: the trigger it was placed with, or the run's
/// (<see cref="BacktestOptions.StopTrigger"/>) when it had none; amends keep it. For other orders the run's trigger, which
/// plays no part.
/// </param>
/// <param name="ContingencyGroupId">
/// The contingent group the order was sent in (a bracket, one-triggers-other or one-cancels-other links: docs/execution.md,
/// "Contingent orders"): the id of the group's first order, so every order of one group has the same; 0 for an order in
/// none (and for one whose link was refused). An order cancelled by its group has <see cref="RejectReason.Contingency"/>.
/// </param>
/// <param name="ParentOrderId">The order whose fills this one waited for (one-triggers-other: a bracket's entry for its exits); 0 when none.</param>
[ArrowRecord]
public readonly partial record struct OrderRecord(long OrderId, string? Symbol, int SymbolId, Side Side, OrderType Type, TimeInForce TimeInForce,
    bool ReduceOnly, double Quantity, double LimitPrice, double StopPrice,
    [property: ArrowTimestamp] long SubmittedAt, [property: ArrowTimestamp] long AcceptedAt, [property: ArrowTimestamp] long FirstFillAt,
    [property: ArrowTimestamp] long DoneAt, OrderStatus Status, RejectReason RejectReason, double FilledQuantity, double AverageFillPrice,
    double Fees, int Fills, int Amends, StopTrigger StopTrigger, long ContingencyGroupId, long ParentOrderId);
