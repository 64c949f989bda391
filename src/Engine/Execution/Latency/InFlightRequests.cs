using System;
using Backtester.Infrastructure;

namespace Backtester.Execution;

/// <summary>
/// The venue's in-flight requests: new orders, cancels and amends the strategy has sent that have not reached the venue
/// yet. A request decided at t arrives at t + feed latency + its order latency (constant or drawn per request,
/// docs/execution.md#latency), never before a request sent earlier, and acts on the first event of its symbol at or
/// after that time. Reused across runs; its buffers only grow.
/// </summary>
internal sealed class InFlightRequests
{
    private InFlightRequest[] _items = new InFlightRequest[16];
    private int _count;
    private long _nextArrival = long.MaxValue; // earliest arrival time among the requests
    private InFlightRequest[] _taken = new InFlightRequest[8]; // the requests handed out by the last Take call
    private long _feedLatency;
    private long _lastArrival; // arrival of the request sent last: later requests never arrive before it

    /// <summary>The number of requests in flight.</summary>
    public int Count => _count;

    /// <summary>True when some request has arrived by <paramref name="time"/> (of any symbol).</summary>
    /// <remarks>One comparison: <c>_nextArrival</c> is long.MaxValue whenever nothing is in flight, and every event's time is below it (ColumnChecks.TimeOrdered).</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool AnyArrivedBy(long time) => _nextArrival <= time;

    /// <summary>
    /// Drops every request and sets the feed latency of the run (<see cref="BacktestOptions.FeedLatencyNs"/>); the order
    /// latency of each request is drawn by the run's latency model (<see cref="IOrderLatency"/>) and given to
    /// <see cref="Send"/>. Each part is at most <see cref="BacktestOptions.MaxLatencyNs"/>: no overflow.
    /// </summary>
    public void Reset(BacktestOptions options)
    {
        _count = 0;
        _nextArrival = long.MaxValue;
        _lastArrival = long.MinValue;
        _feedLatency = options.FeedLatencyNs;
    }

    /// <summary>
    /// Sends <paramref name="request"/> for <paramref name="symbolId"/>: it arrives at its decision time plus the feed
    /// latency plus its <paramref name="orderLatency"/> (the model's next draw), or when the request sent before it
    /// arrives, whichever is later.
    /// </summary>
    public void Send(in OrderRequest request, int symbolId, long orderLatency)
    {
        if (_count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        long latency = _feedLatency + orderLatency;
        long arrival = request.DecisionTime > long.MaxValue - latency ? long.MaxValue : request.DecisionTime + latency;
        if (arrival < _lastArrival) arrival = _lastArrival;
        _lastArrival = arrival;
        _items[_count++] = new InFlightRequest(request, symbolId, arrival);
        if (arrival < _nextArrival) _nextArrival = arrival;
    }

    /// <summary>
    /// Removes the requests of <paramref name="symbolId"/> that have arrived by <paramref name="time"/> and returns them
    /// in the order they were sent. The span is valid until the next <c>Take</c> call; requests sent meanwhile do not
    /// disturb it.
    /// </summary>
    public ReadOnlySpan<InFlightRequest> TakeArrived(int symbolId, long time)
    {
        int kept = 0, taken = 0, count = _count;
        long nextArrival = long.MaxValue;
        for (int i = 0; i < count; i++)
        {
            InFlightRequest r = _items[i];
            // Symbol -1: a cancel or amend of an order closed before it was decided, answered on any symbol's first event after its arrival.
            if ((r.SymbolId >= 0 && r.SymbolId != symbolId) || r.ArrivalTime > time)
            {
                _items[kept++] = r;
                if (r.ArrivalTime < nextArrival) nextArrival = r.ArrivalTime;
                continue;
            }
            if (taken == _taken.Length) Array.Resize(ref _taken, _taken.Length * 2);
            _taken[taken++] = r;
        }
        _count = kept;
        _nextArrival = nextArrival;
        return new ReadOnlySpan<InFlightRequest>(_taken, 0, taken);
    }

    /// <summary>The quantity of new order <paramref name="orderId"/> while it is in flight; 0 when it is not.</summary>
    public double QuantityOfNewOrder(long orderId)
    {
        for (int k = 0; k < _count; k++)
            if (_items[k].Request.Action == OrderAction.New && _items[k].Request.OrderId == orderId) return _items[k].Request.Quantity;
        return 0;
    }

    /// <summary>
    /// Removes every new order still in flight (for a liquidation) of the symbols <paramref name="symbols"/> marks true
    /// (empty: every symbol) and returns them in the order they were sent; cancels and amends stay. The span is valid
    /// until the next <c>Take</c> call.
    /// </summary>
    public ReadOnlySpan<InFlightRequest> TakeNewOrders(ReadOnlySpan<bool> symbols)
    {
        int kept = 0, taken = 0, count = _count;
        long nextArrival = long.MaxValue;
        for (int i = 0; i < count; i++)
        {
            InFlightRequest r = _items[i];
            if (r.Request.Action == OrderAction.New && (symbols.IsEmpty || symbols[r.SymbolId]))
            {
                if (taken == _taken.Length) Array.Resize(ref _taken, _taken.Length * 2);
                _taken[taken++] = r;
                continue;
            }
            _items[kept++] = r;
            if (r.ArrivalTime < nextArrival) nextArrival = r.ArrivalTime;
        }
        _count = kept;
        _nextArrival = nextArrival;
        return new ReadOnlySpan<InFlightRequest>(_taken, 0, taken);
    }
}
