using System.Runtime.InteropServices;

namespace Backtester.Execution;

/// <summary>An order that has reached the venue and is working (resting, or waiting for its stop to trigger).</summary>
[StructLayout(LayoutKind.Auto)]
internal struct WorkingOrder
{
    public long OrderId;
    public int SymbolId;
    public Side Side;
    public OrderType Type;
    public TimeInForce TimeInForce;
    public bool ReduceOnly;
    public double Quantity;
    public double Filled;
    public double Remaining;
    public double LimitPrice;
    public double StopPrice;

    /// <summary>The prices that trigger a stop or stop-limit: its own (<c>OrderRequest.Trigger</c>) or the run's, fixed at arrival; amends keep it.</summary>
    public StopTrigger Trigger;

    /// <summary>
    /// A trailing stop's distance from its extreme (docs/execution.md, "Trailing stops"): a price, or a fraction of the
    /// extreme when <see cref="TrailsByFraction"/>. (A <see cref="TrailingOffset"/> split in two, so that the flag packs
    /// with the other flags: every working order carries these fields, and the venue copies the list when it compacts it.)
    /// </summary>
    public double TrailDistance;

    /// <summary>True when <see cref="TrailDistance"/> is a fraction of the extreme.</summary>
    public bool TrailsByFraction;

    /// <summary>True once a stop or stop-limit order has triggered: it then works as a market or limit order.</summary>
    public bool Triggered;

    /// <summary>The order's place in the queue at its price, kept by the run's queue model (<see cref="IQueueModel"/>).</summary>
    public QueueState Queue;

    /// <summary>The FIFO model's place of the order in the L3 queue: exchange orders with a smaller priority were there before it (ahead); later ones are behind.</summary>
    public long ArrivalSequence;

    /// <summary>
    /// What L3 executions of orders behind this one traded past it (FIFO): it fills that much at the venue's next match of
    /// the symbol. Only a working limit has one; until it triggers, a trailing stop-limit keeps its limit offset here
    /// (<see cref="LimitOffset"/>).
    /// </summary>
    public double QueueFill;

    /// <summary>Sequence number of the event on which a stop-limit (or trailing stop-limit) triggered; it does not rest-fill on that event.</summary>
    public long TriggeredOnEvent;

    /// <summary>True once filled or cancelled; removed from the working list after the event.</summary>
    public bool Done;

    /// <summary>True while the order acts as a limit order (a limit, or a triggered stop-limit or trailing stop-limit).</summary>
    public readonly bool IsLimit => Type == OrderType.Limit || (BecomesLimit && Triggered);

    /// <summary>True for the stops that work as a limit order once triggered: a stop-limit and a trailing stop-limit.</summary>
    public readonly bool BecomesLimit => Type == OrderType.StopLimit || Type == OrderType.TrailingStopLimit;

    /// <summary>True for the stops the venue moves: a trailing stop and a trailing stop-limit.</summary>
    public readonly bool IsTrailing => Type == OrderType.TrailingStop || Type == OrderType.TrailingStopLimit;

    /// <summary>True while the order acts as a market order (a market, or a triggered stop).</summary>
    public readonly bool IsMarket => Type == OrderType.Market || ((Type == OrderType.Stop || Type == OrderType.TrailingStop) && Triggered);

    public readonly bool IsBuy => Side == Side.Buy;

    /// <summary>True for a stop, stop-limit, trailing stop or trailing stop-limit that has not triggered yet (nor closed): it waits for its trigger's prices.</summary>
    public readonly bool AwaitsTrigger => !Done && !Triggered && Type is OrderType.Stop or OrderType.StopLimit or OrderType.TrailingStop or OrderType.TrailingStopLimit;

    /// <summary>
    /// A trailing stop has no limit price, nor does a trailing stop-limit until it triggers, so <see cref="LimitPrice"/>
    /// holds its trailing state: until it trails (<see cref="StopPrice"/> NaN) the activation price (NaN: none); then its
    /// extreme, the best trigger price since it started trailing (a sell's highest, a buy's lowest). One field for both
    /// keeps every working order 16 bytes smaller. A trailing stop-limit's limit price replaces it when it triggers
    /// (<see cref="BecomeLimit"/>).
    /// </summary>
    public readonly double TrailReference => LimitPrice;

    /// <summary>
    /// A trailing stop-limit's limit offset until it triggers (<c>OrderRequest.LimitOffset</c>): its limit is the stop less
    /// (sell) or plus (buy) it. Kept in <see cref="QueueFill"/>, which only a working limit uses, so that the order adds no
    /// field every working order would carry (the venue copies the list when it compacts it).
    /// </summary>
    public double LimitOffset
    {
        readonly get => QueueFill;
        set => QueueFill = value;
    }

    /// <summary>
    /// A trailing stop-limit has triggered at <see cref="StopPrice"/>: its limit price is the stop less (sell) or plus
    /// (buy) its <see cref="LimitOffset"/>, which it no longer needs (its field is the queue's again).
    /// </summary>
    public void BecomeLimit()
    {
        LimitPrice = IsBuy ? StopPrice + LimitOffset : StopPrice - LimitOffset;
        QueueFill = 0;
    }

    /// <summary>
    /// A trailing stop sees a trigger price: once activated (at once without an activation price; else from the first
    /// price at or above it for a sell, at or below it for a buy), a price better than the extreme (higher for a sell,
    /// lower for a buy) becomes the extreme and moves the stop to it less (sell) or plus (buy) the offset. The stop never
    /// moves against the order: the extreme only improves, and the stop is monotonic in it.
    /// </summary>
    public void Trail(double price)
    {
        bool buy = IsBuy;
        double reference = TrailReference;
        if (double.IsNaN(StopPrice))
        {
            if (!double.IsNaN(reference) && !(buy ? price <= reference : price >= reference)) return; // not activated yet
        }
        else if (!(buy ? price < reference : price > reference)) return;
        LimitPrice = price; // the extreme from now on
        double distance = TrailsByFraction ? price * TrailDistance : TrailDistance;
        StopPrice = buy ? price + distance : price - distance;
    }
}
