using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Backtester.Infrastructure;

/// <summary>A request as the strategy sent it (new order, cancel or amend), before the simulated venue has seen it.</summary>
/// <param name="Action">New, cancel or amend.</param>
/// <param name="OrderId">The order's id: a new id (increasing from 1 per run) for <see cref="OrderAction.New"/>, the target order's id otherwise.</param>
/// <param name="SymbolId">Index of the symbol in the data's symbol table (-1 for cancels and amends, which the venue resolves from the order).</param>
/// <param name="Side">Buy or sell (new orders only).</param>
/// <param name="Type">How the order executes (new orders only).</param>
/// <param name="TimeInForce">How long it works (new orders only).</param>
/// <param name="Quantity">Positive quantity; for an amend the new total quantity, NaN to keep it.</param>
/// <param name="LimitPrice">Limit price of limit and stop-limit orders (NaN otherwise); for an amend the new price, NaN to keep it.</param>
/// <param name="StopPrice">Trigger price of stop and stop-limit orders (NaN otherwise).</param>
/// <param name="ReduceOnly">True when the order may only reduce the position.</param>
/// <param name="DecisionTime">Time of the event on which the strategy sent the request (ns, UTC).</param>
[StructLayout(LayoutKind.Auto)]
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct OrderRequest(OrderAction Action, long OrderId, int SymbolId, Side Side, OrderType Type, TimeInForce TimeInForce,
    double Quantity, double LimitPrice, double StopPrice, bool ReduceOnly, long DecisionTime)
{
    /// <summary>
    /// The prices that trigger a new stop or stop-limit order, chosen for this order (<see cref="Orders.Stop(Side, double, double, StopTrigger, TimeInForce, bool)"/>);
    /// null, as every request built with the constructor alone: the run's trigger. Ignored for other orders, cancels and
    /// amends (an amended stop keeps the trigger it was placed with).
    /// </summary>
    /// <remarks>
    /// An init property rather than a constructor parameter, so the constructor and <c>Deconstruct</c> stay as shipped.
    /// Null rather than a value of <see cref="StopTrigger"/> because the run's trigger is the engine's option, unknown when
    /// the strategy sends the order; the venue resolves it when the order arrives.
    /// </remarks>
    public StopTrigger? Trigger { get; init; }

    /// <summary>
    /// How far a new <see cref="OrderType.TrailingStop"/> or <see cref="OrderType.TrailingStopLimit"/> trails the best trigger price (default, 0, for every other
    /// order and for requests built with the constructor alone). Ignored for other orders, cancels and amends.
    /// </summary>
    /// <remarks>An init property, so the constructor and <c>Deconstruct</c> stay as shipped.</remarks>
    public TrailingOffset TrailingOffset { get; init; }

    /// <summary>
    /// How far a new <see cref="OrderType.TrailingStopLimit"/>'s limit price sits from its stop, in quote currency: a
    /// sell's limit is the stop less it, a buy's the stop plus it (0, the default: the limit is the stop; negative: the
    /// limit is on the other side of the stop). Ignored for other orders, cancels and amends.
    /// </summary>
    /// <remarks>An init property, so the constructor and <c>Deconstruct</c> stay as shipped.</remarks>
    public double LimitOffset { get; init; }

    /// <summary>
    /// The trigger price from which a new <see cref="OrderType.TrailingStop"/> or <see cref="OrderType.TrailingStopLimit"/> starts trailing (a sell once its trigger
    /// price is at or above it, a buy once at or below it); null: it trails from its first trigger price. Binance's
    /// <c>activationPrice</c>. Ignored for other orders.
    /// </summary>
    public double? ActivationPrice { get; init; }

    /// <summary>
    /// The contingent group the new order belongs to (docs/execution.md, "Contingent orders"): the id of the group's first
    /// order; 0, as for every request built with the constructor alone, when it is in none; −1 when a link named it wrongly
    /// (the venue rejects it, <see cref="RejectReason.InvalidContingency"/>). The whole group travels with one latency.
    /// </summary>
    /// <remarks>An init property, so the constructor and <c>Deconstruct</c> stay as shipped.</remarks>
    public long ContingencyGroupId { get; init; }

    /// <summary>
    /// The order that must fill before this one works (one-triggers-other, <see cref="Orders.OneTriggersOther(long, long)"/>);
    /// 0 when none. Until its parent fills the order waits at the venue, not working; it then works for its share of what the
    /// parent filled.
    /// </summary>
    public long ParentOrderId { get; init; }

    /// <summary>
    /// True for a leg of its group's one-cancels-other set (<see cref="Orders.OneCancelsOther(long, long)"/>): a fill of a
    /// leg reduces the other legs by as much, and a leg that is done (filled, cancelled or rejected) cancels the others.
    /// </summary>
    public bool CancelsOthers { get; init; }
}
