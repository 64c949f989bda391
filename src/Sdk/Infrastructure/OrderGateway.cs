using System.ComponentModel;
using System;
using System.Runtime.CompilerServices;

namespace Backtester.Infrastructure;

/// <summary>
/// The engine's side of <see cref="Orders"/>: collects the requests (new orders, cancels, amends) a strategy sends
/// during one handler call and exposes the positions and clock the engine maintains. One gateway per run; it is
/// reused across runs of a sweep by calling <see cref="Reset"/>, so sending a request never allocates once the
/// buffer has grown. Requests are not validated here: the venue reports bad ones as rejected order updates.
/// </summary>
/// <remarks>Strategy code uses <see cref="Orders"/>; this type is for engines.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class OrderGateway
{
    private OrderRequest[] _requests = new OrderRequest[16];
    private int _count;
    private double[] _positions = Array.Empty<double>();
    private long _nextOrderId = 1;

    /// <summary>Receives the records the strategy logs; null when the run keeps none (logging is then a no-op).</summary>
    public RecordSink? Records { get; set; }

    /// <summary>Time of the event being handled, in nanoseconds since the Unix epoch, UTC.</summary>
    public long Time { get; private set; }

    /// <summary>The symbol of the event being handled (or -1 outside an event).</summary>
    public int SymbolId { get; private set; } = -1;

    /// <summary>Number of symbols in the data of this run.</summary>
    public int SymbolCount => _positions.Length;

    /// <summary>The id the next new order will get; every id below it has been issued.</summary>
    public long NextOrderId => _nextOrderId;

    /// <summary>Requests sent since the last <see cref="ClearPlaced"/>, in the order they were sent.</summary>
    public ReadOnlySpan<OrderRequest> Placed => _requests.AsSpan(0, _count);

    /// <summary>Prepares for a new run over <paramref name="symbolCount"/> symbols: flat positions, order ids from 1.</summary>
    public void Reset(int symbolCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(symbolCount);
        if (_positions.Length != symbolCount) _positions = new double[symbolCount];
        else Array.Clear(_positions);
        OpenOrders.Reset(symbolCount);
        _count = 0;
        _nextOrderId = 1;
        Time = 0;
        SymbolId = -1;
    }

    /// <summary>Number of orders placed since the last <see cref="ClearPlaced"/>.</summary>
    public int PlacedCount => _count;

    /// <summary>Sets the clock and current symbol before a handler is called.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetCurrent(long time, int symbolId)
    {
        Time = time;
        SymbolId = symbolId;
    }

    /// <summary>Records the position the engine holds in <paramref name="symbolId"/> after a fill.</summary>
    public void SetPosition(int symbolId, double position) => _positions[symbolId] = position;

    /// <summary>The position in <paramref name="symbolId"/>: positive long, negative short (0 for an unknown symbol).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double PositionOf(int symbolId) => (uint)symbolId < (uint)_positions.Length ? _positions[symbolId] : 0;

    /// <summary>The running totals of the orders the venue holds, kept by the venue and reset with the gateway.</summary>
    public OpenOrdersView OpenOrders { get; } = new();

    /// <summary>
    /// The signed quantity still on order in <paramref name="symbolId"/>: the venue's open orders plus new orders sent
    /// during the current handler that the venue has not taken yet. O(1) when the handler has sent nothing yet.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double OpenQuantityOf(int symbolId)
    {
        double open = OpenOrders.OpenQuantity(symbolId);
        return _count == 0 ? open : open + PlacedQuantityOf(symbolId);
    }

    /// <summary>The signed quantity of the valid new orders sent in the current handler for <paramref name="symbolId"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private double PlacedQuantityOf(int symbolId)
    {
        double open = 0;
        foreach (ref readonly OrderRequest request in Placed)
            if (request.Action == OrderAction.New && request.SymbolId == symbolId && request.Quantity > 0 && double.IsFinite(request.Quantity))
                open += request.Side == Side.Buy ? request.Quantity : -request.Quantity;
        return open;
    }

    /// <summary>
    /// Like <see cref="OpenQuantityOf"/> without reduce-only orders (in flight, working, or sent during the current
    /// handler): what <see cref="Orders.TargetPosition(double)"/> counts.
    /// </summary>
    public double OpenEntryQuantityOf(int symbolId)
    {
        double open = OpenOrders.OpenEntryQuantity(symbolId);
        if (_count == 0) return open;
        foreach (ref readonly OrderRequest request in Placed)
            if (request.Action == OrderAction.New && !request.ReduceOnly && request.SymbolId == symbolId && request.Quantity > 0 && double.IsFinite(request.Quantity))
                open += request.Side == Side.Buy ? request.Quantity : -request.Quantity;
        return open;
    }

    /// <summary>Forgets the sent requests once the engine has taken them.</summary>
    public void ClearPlaced() => _count = 0;

    internal long Place(int symbolId, Side side, OrderType type, TimeInForce timeInForce, double quantity, double limitPrice, double stopPrice, bool reduceOnly)
    {
        long id = _nextOrderId++;
        Add(new OrderRequest(OrderAction.New, id, symbolId, side, type, timeInForce, quantity, limitPrice, stopPrice, reduceOnly, Time));
        return id;
    }

    /// <summary>Places a stop or stop-limit order with its own trigger (<see cref="OrderRequest.Trigger"/>).</summary>
    internal long Place(int symbolId, Side side, OrderType type, TimeInForce timeInForce, double quantity, double limitPrice, double stopPrice, bool reduceOnly, StopTrigger trigger)
    {
        long id = _nextOrderId++;
        Add(new OrderRequest(OrderAction.New, id, symbolId, side, type, timeInForce, quantity, limitPrice, stopPrice, reduceOnly, Time) { Trigger = trigger });
        return id;
    }

    /// <summary>Places a trailing stop (<see cref="OrderType.TrailingStop"/>) with its offset, activation price and trigger (null: the run's).</summary>
    internal long PlaceTrailingStop(int symbolId, Side side, TimeInForce timeInForce, double quantity, TrailingOffset offset, double? activationPrice, bool reduceOnly, StopTrigger? trigger) =>
        PlaceTrailing(symbolId, side, OrderType.TrailingStop, timeInForce, quantity, offset, 0, activationPrice, reduceOnly, trigger);

    /// <summary>Places a trailing stop-limit (<see cref="OrderType.TrailingStopLimit"/>): a trailing stop's fields and the limit's offset from the stop.</summary>
    internal long PlaceTrailingStopLimit(int symbolId, Side side, TimeInForce timeInForce, double quantity, TrailingOffset offset, double limitOffset, double? activationPrice, bool reduceOnly, StopTrigger? trigger) =>
        PlaceTrailing(symbolId, side, OrderType.TrailingStopLimit, timeInForce, quantity, offset, limitOffset, activationPrice, reduceOnly, trigger);

    private long PlaceTrailing(int symbolId, Side side, OrderType type, TimeInForce timeInForce, double quantity, TrailingOffset offset, double limitOffset, double? activationPrice, bool reduceOnly, StopTrigger? trigger)
    {
        long id = _nextOrderId++;
        Add(new OrderRequest(OrderAction.New, id, symbolId, side, type, timeInForce, quantity, double.NaN, double.NaN, reduceOnly, Time)
            { Trigger = trigger, TrailingOffset = offset, LimitOffset = limitOffset, ActivationPrice = activationPrice });
        return id;
    }

    internal void Cancel(long orderId) =>
        Add(new OrderRequest(OrderAction.Cancel, orderId, -1, default, default, default, double.NaN, double.NaN, double.NaN, false, Time));

    internal void Amend(long orderId, double price, double quantity) =>
        Add(new OrderRequest(OrderAction.Amend, orderId, -1, default, default, default, quantity, price, double.NaN, false, Time));

    /// <summary>
    /// Links two new orders sent in the current handler as legs of one one-cancels-other set (docs/execution.md,
    /// "Contingent orders"); a leg already in a set brings the other into it. A link the venue could not work marks the
    /// orders it found (and their groups) with <see cref="OrderRequest.ContingencyGroupId"/> −1: the venue rejects them.
    /// </summary>
    internal void LinkOneCancelsOther(long firstOrderId, long secondOrderId)
    {
        int i = IndexOfPlacedNew(firstOrderId), j = IndexOfPlacedNew(secondOrderId);
        if (i < 0 || j < 0 || i == j)
        {
            MarkInvalid(i);
            MarkInvalid(j);
            return;
        }
        _requests[i] = _requests[i] with { CancelsOthers = true };
        _requests[j] = _requests[j] with { CancelsOthers = true };
        Join(i, j);
    }

    /// <summary>
    /// Makes the new order <paramref name="childOrderId"/> wait until <paramref name="parentOrderId"/> fills (both sent in
    /// the current handler). A child with another parent already is a link the venue could not work (see <see cref="LinkOneCancelsOther"/>).
    /// </summary>
    internal void LinkOneTriggersOther(long parentOrderId, long childOrderId)
    {
        int i = IndexOfPlacedNew(parentOrderId), j = IndexOfPlacedNew(childOrderId);
        if (i < 0 || j < 0 || i == j || (_requests[j].ParentOrderId != 0 && _requests[j].ParentOrderId != parentOrderId))
        {
            MarkInvalid(i);
            MarkInvalid(j);
            return;
        }
        _requests[j] = _requests[j] with { ParentOrderId = parentOrderId };
        Join(i, j);
    }

    /// <summary>The index in the sent requests of new order <paramref name="orderId"/>, or -1 when it was not sent in the current handler.</summary>
    private int IndexOfPlacedNew(long orderId)
    {
        for (int k = _count - 1; k >= 0; k--)
            if (_requests[k].OrderId == orderId && _requests[k].Action == OrderAction.New) return k;
        return -1;
    }

    /// <summary>Puts the orders at <paramref name="i"/> and <paramref name="j"/>, and their groups, in one group: the id of its first order.</summary>
    private void Join(int i, int j)
    {
        long a = _requests[i].ContingencyGroupId, b = _requests[j].ContingencyGroupId;
        if (a < 0 || b < 0)
        {
            MarkInvalid(i);
            MarkInvalid(j);
            return;
        }
        long group = Math.Min(a != 0 ? a : _requests[i].OrderId, b != 0 ? b : _requests[j].OrderId);
        Relabel(i, a, group);
        Relabel(j, b, group);
    }

    /// <summary>Gives the order at <paramref name="index"/>, and every order of its old group <paramref name="old"/> (0: none), the group <paramref name="group"/>.</summary>
    private void Relabel(int index, long old, long group)
    {
        if (old == 0)
        {
            _requests[index] = _requests[index] with { ContingencyGroupId = group };
            return;
        }
        for (int k = 0; k < _count; k++)
            if (_requests[k].Action == OrderAction.New && _requests[k].ContingencyGroupId == old)
                _requests[k] = _requests[k] with { ContingencyGroupId = group };
    }

    /// <summary>Marks the order at <paramref name="index"/> (none when -1), and its whole group, as wrongly linked.</summary>
    private void MarkInvalid(int index)
    {
        if (index < 0) return;
        long old = _requests[index].ContingencyGroupId;
        if (old > 0) Relabel(index, old, -1);
        else _requests[index] = _requests[index] with { ContingencyGroupId = -1 };
    }

    private (long Interval, long Offset)[] _timers = Array.Empty<(long, long)>();

    /// <summary>Number of timers the strategy scheduled (see <see cref="Orders.Every"/>).</summary>
    public int TimerCount { get; private set; }

    /// <summary>True while <see cref="Orders.Every"/> may schedule timers: set by the engine around <c>OnStart</c>.</summary>
    public bool AcceptsTimers { get; set; }

    /// <summary>The interval and offset of timer <paramref name="timerId"/>.</summary>
    public (long IntervalNs, long OffsetNs) Timer(int timerId) => _timers[timerId];

    /// <summary>Forgets the scheduled timers (before a new run).</summary>
    public void ClearTimers() => TimerCount = 0;

    internal int AddTimer(long intervalNs, long offsetNs)
    {
        if (!AcceptsTimers) throw new InvalidOperationException("Timers are scheduled in the strategy's [OnStart] handler only.");
        if (intervalNs <= 0) throw new ArgumentOutOfRangeException(nameof(intervalNs), intervalNs, "A timer's interval must be positive.");
        if (offsetNs < 0 || offsetNs >= intervalNs) throw new ArgumentOutOfRangeException(nameof(offsetNs), offsetNs, "A timer's offset must be in [0, interval).");
        if (TimerCount == _timers.Length) Array.Resize(ref _timers, Math.Max(4, _timers.Length * 2));
        _timers[TimerCount] = (intervalNs, offsetNs);
        return TimerCount++;
    }

    private void Add(in OrderRequest request)
    {
        if (_count == _requests.Length) Array.Resize(ref _requests, _requests.Length * 2);
        _requests[_count++] = request;
    }
}
