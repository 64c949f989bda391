using System;
using System.Collections.Generic;
using Backtester.Data;
using Backtester.Execution;
using Backtester.Infrastructure;

namespace Backtester.Results;

/// <summary>
/// Collects what <c>orders.arrow</c> and <c>round_trips.arrow</c> need while a run writes result files: every new
/// order as the strategy sends it (read from the gateway after each handler), as the venue took it (its prices and
/// quantity after any rounding onto the instrument's grids, heard as the <see cref="IRequestLog"/> of the venue), its
/// updates and its fills. Only used with <see cref="BacktestOptions.Output"/>, so a run without files pays nothing for it.
/// </summary>
/// <remarks>
/// Several amends of one order can be on their way at once. Requests never overtake one another, so the reports on
/// arrival (<see cref="OrderStatus.Amended"/>, or <see cref="OrderStatus.AmendRejected"/> on arrival) answer an order's
/// amends on their way oldest first; a refusal at decision time answers the amend just sent, which never went on its way.
/// </remarks>
/// <param name="gateway">The run's gateway, whose new orders it reads after each handler.</param>
/// <param name="runTrigger">The run's stop trigger, recorded for the stops sent without one of their own.</param>
internal sealed class RunJournal(OrderGateway gateway, StopTrigger runTrigger) : IRequestLog
{
    private readonly List<Order> _orders = new();
    private readonly Dictionary<long, int> _rows = new();
    private long _lastSeenId;

    private double[] _firstPrice = [];
    private double[] _lastPrice = [];

    /// <summary>Every fill, oldest first.</summary>
    public List<Fill> Fills { get; } = new();

    /// <summary>Each symbol's first price in the replay (trade price, quote mid, bar close or book mid), NaN if none.</summary>
    public double FirstPrice(int symbolId) => (uint)symbolId < (uint)_firstPrice.Length ? _firstPrice[symbolId] : double.NaN;

    /// <summary>Each symbol's last price in the replay, NaN if none.</summary>
    public double LastPrice(int symbolId) => (uint)symbolId < (uint)_lastPrice.Length ? _lastPrice[symbolId] : double.NaN;

    /// <summary>Takes note of a price of <paramref name="symbolId"/> the replay just showed (in time order, so also across segments).</summary>
    public void See(int symbolId, double price)
    {
        if ((uint)symbolId >= (uint)_firstPrice.Length)
        {
            if (symbolId < 0) return;
            int old = _firstPrice.Length;
            Array.Resize(ref _firstPrice, symbolId + 1);
            Array.Resize(ref _lastPrice, symbolId + 1);
            _firstPrice.AsSpan(old).Fill(double.NaN);
            _lastPrice.AsSpan(old).Fill(double.NaN);
        }
        if (double.IsNaN(_firstPrice[symbolId])) _firstPrice[symbolId] = price;
        _lastPrice[symbolId] = price;
    }

    /// <summary>Takes note of the requests the strategy sent in the handler that just ran.</summary>
    public void TakeRequests()
    {
        if (gateway.PlacedCount == 0) return;
        foreach (ref readonly OrderRequest r in gateway.Placed)
        {
            if (r.Action == OrderAction.New && r.OrderId > _lastSeenId)
            {
                _lastSeenId = r.OrderId;
                _rows[r.OrderId] = _orders.Count;
                _orders.Add(new Order { Request = r, Quantity = r.Quantity, LimitPrice = r.LimitPrice, StopPrice = r.StopPrice, Status = OrderStatus.Accepted });
            }
        }
    }

    /// <inheritdoc/>
    public void Sent(in OrderRequest request)
    {
        if (!_rows.TryGetValue(request.OrderId, out int row)) return;
        Order o = _orders[row];
        if (request.Action == OrderAction.New)
        {
            // As the venue took it: the same order, its quantity and prices maybe rounded onto the grids.
            o.Quantity = request.Quantity;
            o.LimitPrice = request.LimitPrice;
            o.StopPrice = request.StopPrice;
        }
        else if (request.Action == OrderAction.Amend)
        {
            (o.AmendsOnTheirWay ??= new Queue<(double, double)>()).Enqueue((request.LimitPrice, request.Quantity));
        }
    }

    /// <inheritdoc/>
    public void Refused(in OrderRequest request)
    {
        if (request.Action == OrderAction.Amend && _rows.TryGetValue(request.OrderId, out int row)) _orders[row].AmendsRefusedAtOnce++;
    }

    /// <inheritdoc/>
    public void StopTriggered(long orderId, double stopPrice, double limitPrice)
    {
        if (!_rows.TryGetValue(orderId, out int row)) return;
        Order o = _orders[row];
        o.StopPrice = stopPrice;
        if (!double.IsNaN(limitPrice)) o.LimitPrice = limitPrice;
    }

    /// <summary>Forgets the requests sent in the finish handler: no event follows, so they never reach the venue.</summary>
    public void DropUnsent()
    {
        long first = long.MaxValue;
        foreach (ref readonly OrderRequest r in gateway.Placed)
            if (r.Action == OrderAction.New) first = Math.Min(first, r.OrderId);
        for (int i = _orders.Count - 1; i >= 0 && _orders[i].Request.OrderId >= first; i--)
        {
            _rows.Remove(_orders[i].Request.OrderId);
            _orders.RemoveAt(i);
        }
    }

    public void OnFill(in Fill fill)
    {
        Fills.Add(fill);
        if (!_rows.TryGetValue(fill.OrderId, out int row)) return;
        Order o = _orders[row];
        if (o.Fills == 0) o.FirstFillAt = fill.Timestamp;
        o.Fills++;
        o.Fees += fill.Fee;
        o.FilledNotional += fill.Price * fill.Quantity;
        o.Filled += fill.Quantity;
    }

    public void OnOrder(in OrderUpdate update)
    {
        if (!_rows.TryGetValue(update.OrderId, out int row)) return;
        Order o = _orders[row];
        switch (update.Status)
        {
            case OrderStatus.Accepted:
                o.AcceptedAt = update.Timestamp;
                o.Status = OrderStatus.Accepted;
                break;
            case OrderStatus.AmendRejected:
                // The order works on as it was. A refusal at decision time answers the amend just sent; one on arrival the oldest on its way.
                if (o.AmendsRefusedAtOnce > 0) o.AmendsRefusedAtOnce--;
                else o.AmendsOnTheirWay?.TryDequeue(out _);
                return;
            case OrderStatus.CancelRejected:
                return;
            case OrderStatus.Amended when update.RejectReason == RejectReason.Contingency:
                // The venue changed it for its contingent group (another leg filled, or its parent did): no amend of the strategy's.
                o.Quantity = update.FilledQuantity + update.RemainingQuantity;
                return;
            case OrderStatus.Amended:
                o.Amends++;
                if (o.AmendsOnTheirWay is not null && o.AmendsOnTheirWay.TryDequeue(out var amend))
                {
                    if (!double.IsNaN(amend.Quantity)) o.Quantity = amend.Quantity;
                    if (!double.IsNaN(amend.Price))
                    {
                        if (o.Request.Type == OrderType.Stop) o.StopPrice = amend.Price;
                        else o.LimitPrice = amend.Price;
                    }
                }
                o.Status = OrderStatus.Amended;
                break;
            default:
                o.Status = update.Status;
                break;
        }
        if (update.Status is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected)
        {
            o.DoneAt = update.Timestamp;
            o.RejectReason = update.RejectReason;
        }
    }

    /// <summary>The orders as rows, in the order they were sent.</summary>
    public IEnumerable<OrderRecord> Orders(SymbolTable symbols)
    {
        foreach (Order o in _orders)
        {
            OrderRequest r = o.Request;
            string? name = (uint)r.SymbolId < (uint)symbols.Count ? symbols[r.SymbolId] : null;
            yield return new OrderRecord(r.OrderId, name, r.SymbolId, r.Side, r.Type, r.TimeInForce, r.ReduceOnly, o.Quantity, o.LimitPrice, o.StopPrice,
                r.DecisionTime, o.AcceptedAt, o.FirstFillAt, o.DoneAt, o.Status, o.RejectReason, o.Filled,
                o.Filled > 0 ? o.FilledNotional / o.Filled : double.NaN, o.Fees, o.Fills, o.Amends, r.Trigger ?? runTrigger,
                Math.Max(r.ContingencyGroupId, 0), r.ParentOrderId);
        }
    }

    private sealed class Order
    {
        public OrderRequest Request;
        public double Quantity, LimitPrice, StopPrice, Filled, FilledNotional, Fees;
        public long AcceptedAt, FirstFillAt, DoneAt;
        public int Fills, Amends;
        // The amends the venue took and has not answered yet (new price or NaN, new quantity or NaN), oldest first, and
        // the refusals at decision time whose reports are still to come.
        public Queue<(double Price, double Quantity)>? AmendsOnTheirWay;
        public int AmendsRefusedAtOnce;
        public OrderStatus Status;
        public RejectReason RejectReason;
    }
}
