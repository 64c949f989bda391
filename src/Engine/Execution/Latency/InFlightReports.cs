using System;
using System.Runtime.InteropServices;
using Backtester.Infrastructure;

namespace Backtester.Execution;

/// <summary>
/// The venue's reports (fills, order updates, refusals on arrival) on their way back to the strategy when the run has a
/// response latency (<see cref="BacktestOptions.ResponseLatency"/>, decision 0074). A report made at venue time t is
/// delivered, in the order made, before the first event at or after t + its drawn latency, and never before a report
/// made earlier. The strategy's own view, its position and open quantities (<see cref="OrderGateway"/>), changes only
/// when the report that tells of the change is delivered; the account, statistics and fill log book at venue time.
/// Without a response latency nothing is queued: the venue reports at once, as before. A ring buffer that only grows,
/// reused across runs, so a warmed-up run allocates nothing here.
/// </summary>
internal sealed class InFlightReports
{
    private Entry[] _items = new Entry[16];
    private int _head, _count;
    private long _lastDelivery;
    private LatencySampler _latency;
    private OrderGateway _gateway = null!;
    private readonly OpenOrdersView _venueOpen = new(); // the venue's own totals, used only when reports are delayed
    private static readonly LatencyModel NoLatency = LatencyModel.Constant(0); // once, not per run

    /// <summary>True when the run has a response latency: reports are queued (<see cref="Fill"/>, <see cref="Update"/>) rather than told at once.</summary>
    public bool Delays { get; private set; }

    /// <summary>
    /// The open totals the venue holds (orders in flight to it or working there), which its checks count (buying power,
    /// the sanity bound; decision 0075). Without a response latency they are the strategy's own
    /// (<see cref="OrderGateway.OpenOrders"/>); with one, a second set that the venue changes at venue time, while the
    /// strategy's change when the report is delivered.
    /// </summary>
    public OpenOrdersView VenueOpen { get; private set; } = null!;

    /// <summary>The number of reports in flight.</summary>
    public int Count => _count;

    /// <summary>Drops every report and sets the run's response latency (null or <c>Constant(0)</c>: reports are told at once).</summary>
    public void Reset(LatencyModel? responseLatency, OrderGateway gateway)
    {
        _head = 0;
        _count = 0;
        _lastDelivery = long.MinValue;
        _gateway = gateway;
        Delays = responseLatency is not null && !(responseLatency.Distribution == LatencyDistribution.Constant && responseLatency.Location == 0);
        _latency = new LatencySampler(responseLatency ?? NoLatency);
        if (Delays) _venueOpen.Reset(gateway.SymbolCount);
        VenueOpen = Delays ? _venueOpen : gateway.OpenOrders;
    }

    /// <summary>True when some report is due by <paramref name="time"/>: deliver them before the event at that time.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool DueBy(long time) => _count != 0 && _items[_head].Delivery <= time;

    /// <summary>
    /// Queues the report of <paramref name="fill"/>; when it is delivered the strategy's position becomes
    /// <paramref name="positionAfter"/> and its open totals change by <paramref name="open"/> (the fill's part of the order
    /// leaves them), before <c>OnFill</c> runs, as without a response latency.
    /// </summary>
    public void Fill(in Fill fill, double positionAfter, in OpenChange open)
    {
        ref Entry e = ref Add(fill.Timestamp);
        e.IsFill = true;
        e.Fill = fill;
        e.Position = positionAfter;
        e.Open = open;
    }

    /// <summary>
    /// Queues <paramref name="update"/>; on delivery the strategy's open totals change by <paramref name="open"/> (the
    /// change the venue made to the order's open quantity when it made the report).
    /// </summary>
    public void Update(in OrderUpdate update, in OpenChange open)
    {
        ref Entry e = ref Add(update.Timestamp);
        e.IsFill = false;
        e.Update = update;
        e.Open = open;
    }

    private ref Entry Add(long madeAt)
    {
        if (_count == _items.Length) Grow();
        long latency = _latency.Next();
        long delivery = madeAt > long.MaxValue - latency ? long.MaxValue : madeAt + latency;
        if (delivery < _lastDelivery) delivery = _lastDelivery; // never overtakes an earlier report
        _lastDelivery = delivery;
        ref Entry e = ref _items[(_head + _count++) & (_items.Length - 1)];
        e.Delivery = delivery;
        return ref e;
    }

    private void Grow()
    {
        var grown = new Entry[_items.Length * 2];
        for (int i = 0; i < _count; i++) grown[i] = _items[(_head + i) & (_items.Length - 1)];
        _items = grown;
        _head = 0;
    }

    /// <summary>
    /// Delivers, in the order made, every report due by <paramref name="time"/> (all of them for <see cref="long.MaxValue"/>):
    /// the strategy's position or open totals change, then <c>OnFill</c> or <c>OnOrder</c> runs. Handlers can only send
    /// requests (taken after the event), so no report is queued meanwhile.
    /// </summary>
    public void Deliver<TDriver>(long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        while (_count != 0 && _items[_head].Delivery <= time)
        {
            Entry e = _items[_head];
            _head = (_head + 1) & (_items.Length - 1);
            _count--;
            e.Open.ApplyTo(_gateway.OpenOrders);
            if (e.IsFill)
            {
                _gateway.SetPosition(e.Fill.SymbolId, e.Position);
                driver.OnFill(in e.Fill, orders);
            }
            else
            {
                driver.OnOrder(in e.Update, orders);
            }
        }
    }

    [StructLayout(LayoutKind.Auto)]
    private struct Entry
    {
        public long Delivery;
        public bool IsFill;
        public Fill Fill;
        public double Position;
        public OrderUpdate Update;
        public OpenChange Open;
    }
}

/// <summary>A change to the open totals of <see cref="OpenOrdersView"/> that a report carries to the strategy (decision 0074).</summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct OpenChange(OpenChangeKind Kind, int SymbolId, double Signed, bool ReduceOnly)
{
    /// <summary>Applies the change: <see cref="OpenOrdersView.Changed"/>, <see cref="OpenOrdersView.Closed"/> or <see cref="OpenOrdersView.Opened"/>.</summary>
    public void ApplyTo(OpenOrdersView open)
    {
        if (Kind == OpenChangeKind.Opened) open.Opened(SymbolId, Signed, ReduceOnly);
        else if (Kind == OpenChangeKind.Changed) open.Changed(SymbolId, Signed, ReduceOnly);
        else if (Kind == OpenChangeKind.Closed) open.Closed(SymbolId, Signed, ReduceOnly);
    }
}

/// <summary>What an <see cref="OpenChange"/> does.</summary>
internal enum OpenChangeKind : byte
{
    /// <summary>Nothing (the report does not change the open totals).</summary>
    None = 0,

    /// <summary>The open quantity changed (a partial fill, an amend).</summary>
    Changed = 1,

    /// <summary>The order closed with its signed remaining quantity.</summary>
    Closed = 2,

    /// <summary>An order started counting as open with its signed quantity (a contingent child released by its parent's fill).</summary>
    Opened = 3,
}
