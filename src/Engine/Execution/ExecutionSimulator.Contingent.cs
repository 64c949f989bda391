using System;
using Backtester.Infrastructure;

namespace Backtester.Execution;

/// <summary>
/// Contingent orders at the venue (docs/execution.md, "Contingent orders"; decision 0086): a group is checked and sent
/// whole, with one latency; one-triggers-other children wait for their parent's fills and then work for their share of
/// them; one-cancels-other legs reduce each other by each fill and cancel each other once one is done, at the same event.
/// Everything here runs only for runs with a live group (<see cref="ContingentOrders.Live"/>), at decision time, a fill, a
/// close or an arrival; never per event.
/// </summary>
internal sealed partial class ExecutionSimulator<TModels>
{
    private int[] _groupMembers = new int[4]; // indices into the handler's requests of the group being accepted
    private OrderRequest[] _groupAccepted = new OrderRequest[4]; // the same requests as the account took them (maybe rounded)

    /// <summary>Refuses <paramref name="request"/>, a new order, at its decision time with <paramref name="reason"/>.</summary>
    private void RejectAtOnce(in OrderRequest request, RejectReason reason)
    {
        AddRejection(in request, reason == RejectReason.UnknownSymbol ? -1 : request.SymbolId, reason);
        RequestLog?.Refused(in request);
    }

    /// <summary>
    /// Takes the contingent group whose first order is <paramref name="placed"/>[<paramref name="first"/>]: its shape is
    /// checked, then each order as any new order (fields, instrument, buying power, counting the group's earlier working
    /// orders as open; children, not working yet, are not counted). One refusal refuses the whole group: that order with
    /// its reason, the others with <see cref="RejectReason.Contingency"/>. Accepted, the group's order without a parent
    /// that comes first travels for all of it; the other one-cancels-other legs ride with it, children are held.
    /// </summary>
    private void AcceptGroup(ReadOnlySpan<OrderRequest> placed, int first)
    {
        long group = placed[first].ContingencyGroupId;
        int n = 0;
        for (int k = first; k < placed.Length; k++)
        {
            if (placed[k].Action != OrderAction.New || placed[k].ContingencyGroupId != group) continue;
            if (n == _groupMembers.Length)
            {
                Array.Resize(ref _groupMembers, n * 2);
                Array.Resize(ref _groupAccepted, n * 2);
            }
            _groupMembers[n++] = k;
        }
        ReadOnlySpan<int> members = _groupMembers.AsSpan(0, n);
        RejectReason failure = CheckGroupShape(placed, members);
        int failed = -1; // the member refused on its own, when the shape is sound
        int opened = 0; // members counted as open (tentatively) so far
        if (failure == RejectReason.None)
        {
            for (int m = 0; m < n; m++)
            {
                ref readonly OrderRequest r = ref placed[members[m]];
                RejectReason reason = Check(in r);
                OrderRequest accepted = r;
                if (reason == RejectReason.None && _account.ChecksOrders) reason = _account.Check(ref accepted);
                if (reason != RejectReason.None)
                {
                    (failure, failed) = (reason, m);
                    break;
                }
                _groupAccepted[m] = accepted;
                if (accepted.ParentOrderId != 0) continue;
                // Counted on the venue's totals now, so the next order of the group is checked with this one open.
                _venueOpen.Opened(accepted.SymbolId, Signed(in accepted), accepted.ReduceOnly);
                opened = m + 1;
            }
        }
        if (failure != RejectReason.None)
        {
            for (int m = 0; m < opened; m++)
                if (_groupAccepted[m].ParentOrderId == 0) _venueOpen.Closed(_groupAccepted[m].SymbolId, Signed(in _groupAccepted[m]), _groupAccepted[m].ReduceOnly);
            for (int m = 0; m < n; m++)
                RejectAtOnce(in placed[members[m]], failed < 0 || m == failed ? failure : RejectReason.Contingency);
            return;
        }
        int traveller = -1;
        for (int m = 0; m < n && traveller < 0; m++)
            if (_groupAccepted[m].ParentOrderId == 0) traveller = m;
        for (int m = 0; m < n; m++)
        {
            ref readonly OrderRequest a = ref _groupAccepted[m];
            MemberState state = m == traveller ? MemberState.Working : a.ParentOrderId != 0 ? MemberState.Held : MemberState.Riding;
            _contingent.Add(in a, state);
            _liveSymbol.Add(a.OrderId, a.SymbolId);
            // Without a response latency the venue's totals are the strategy's, opened above; with one, the strategy's too now.
            if (state != MemberState.Held && _reports.Delays) _open.Opened(a.SymbolId, Signed(in a), a.ReduceOnly);
            if (m == traveller) _inFlight.Send(in a, a.SymbolId, _models.Next());
            RequestLog?.Sent(in a);
        }
    }

    private static double Signed(in OrderRequest r) => r.Side == Side.Buy ? r.Quantity : -r.Quantity;

    /// <summary>
    /// A group the venue can work: one symbol; at most one parent, which is no child and no one-cancels-other leg; in a
    /// group with a parent every other order is its child. Otherwise <see cref="RejectReason.InvalidContingency"/>.
    /// </summary>
    private static RejectReason CheckGroupShape(ReadOnlySpan<OrderRequest> placed, ReadOnlySpan<int> members)
    {
        int symbol = placed[members[0]].SymbolId;
        long parent = 0;
        foreach (int k in members)
        {
            if (placed[k].SymbolId != symbol) return RejectReason.InvalidContingency;
            long p = placed[k].ParentOrderId;
            if (p == 0) continue;
            if (parent != 0 && p != parent) return RejectReason.InvalidContingency;
            parent = p;
        }
        if (parent == 0) return RejectReason.None; // legs joined by one-cancels-other links alone
        bool found = false;
        foreach (int k in members)
        {
            ref readonly OrderRequest r = ref placed[k];
            if (r.OrderId == parent)
            {
                if (r.CancelsOthers) return RejectReason.InvalidContingency;
                found = true;
            }
            else if (r.ParentOrderId != parent) return RejectReason.InvalidContingency;
        }
        return found ? RejectReason.None : RejectReason.InvalidContingency;
    }

    /// <summary>The one-cancels-other legs that rode with group <paramref name="group"/>'s first order arrive right after it, in the order they were sent.</summary>
    private void ArriveRidingLegs<TDriver>(long group, in MarketEvent e, ref SymbolBook book, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        for (int j = 0; j < _contingent.Count; j++)
        {
            ref ContingentOrders.Member c = ref _contingent[j];
            if (c.GroupId != group || c.State != MemberState.Riding) continue;
            c.State = MemberState.Working;
            OrderRequest r = c.Request with { Quantity = c.Quantity };
            Arrive(in r, in e, ref book, ref driver, orders);
        }
    }

    /// <summary>
    /// A member filled <paramref name="quantity"/> (<paramref name="complete"/>: all of it). Its children gain their share
    /// of the fill (held ones are released after the current matching step; working ones grow, reported
    /// <see cref="OrderStatus.Amended"/> with <see cref="RejectReason.Contingency"/>); its one-cancels-other legs lose as much, and are cancelled once it is complete.
    /// </summary>
    private void ContingentFill<TDriver>(in WorkingOrder o, double quantity, bool complete, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        int i = _contingent.IndexOf(o.OrderId);
        if (i < 0 || _contingent[i].State == MemberState.Done) return;
        long id = o.OrderId, group = _contingent[i].GroupId;
        bool legs = _contingent[i].CancelsOthers, parent = _contingent[i].ParentId == 0;
        double sent = _contingent[i].Request.Quantity;
        if (complete) _contingent.Done(i);
        if (parent)
        {
            // The share of the parent's quantity as sent that has filled: exactly 1 once it all has, whatever rounding the sum of fills carries.
            double filled = Math.Abs(o.Filled - sent) <= 1e-9 * sent ? 1 : o.Filled / sent;
            for (int j = 0; j < _contingent.Count; j++)
            {
                ref ContingentOrders.Member c = ref _contingent[j];
                if (c.ParentId != id || c.State == MemberState.Done) continue;
                double share = c.Request.Quantity * filled, grant = share - c.Granted;
                if (!(grant > 0)) continue;
                c.Granted = share;
                if (c.State == MemberState.Held)
                {
                    c.Quantity += grant;
                    if (!c.Release) { c.Release = true; _contingent.ReleasesDue++; }
                }
                else Grow(c.Request.SymbolId, c.OrderId, grant, time, ref driver, orders);
            }
        }
        if (!legs) return;
        for (int j = 0; j < _contingent.Count; j++)
        {
            ref ContingentOrders.Member c = ref _contingent[j];
            if (c.GroupId != group || c.OrderId == id || !c.CancelsOthers || c.State == MemberState.Done) continue;
            if (complete) CancelMember(j, RejectReason.Contingency, time, ref driver, orders);
            else Reduce(j, quantity, time, ref driver, orders);
        }
    }

    /// <summary>
    /// A member closed without filling completely (cancelled or rejected, by the strategy or the venue): a parent with
    /// nothing filled cancels its children; a one-cancels-other leg cancels the other legs. A liquidation's reason carries
    /// to them; otherwise they are cancelled with <see cref="RejectReason.Contingency"/>.
    /// </summary>
    private void ContingentClosed<TDriver>(in WorkingOrder o, RejectReason reason, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        int i = _contingent.IndexOf(o.OrderId);
        if (i < 0 || _contingent[i].State == MemberState.Done) return;
        MemberClosed(i, o.Filled > 0, reason == RejectReason.Liquidation ? RejectReason.Liquidation : RejectReason.Contingency, time, ref driver, orders);
    }

    /// <summary>Member <paramref name="i"/> is done without a complete fill: what it cancels (see <see cref="ContingentClosed"/>).</summary>
    private void MemberClosed<TDriver>(int i, bool filledSome, RejectReason cause, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        long id = _contingent[i].OrderId, group = _contingent[i].GroupId;
        bool legs = _contingent[i].CancelsOthers, parent = _contingent[i].ParentId == 0;
        _contingent.Done(i);
        for (int j = 0; j < _contingent.Count; j++)
        {
            ref ContingentOrders.Member c = ref _contingent[j];
            if (c.GroupId != group || c.OrderId == id || c.State == MemberState.Done) continue;
            bool child = parent && c.ParentId == id && !filledSome;
            if (child || (legs && c.CancelsOthers)) CancelMember(j, cause, time, ref driver, orders);
        }
    }

    /// <summary>
    /// Cancels member <paramref name="j"/>: a working one through the venue's own cancel (which tells its links in turn);
    /// one riding or held, never at the venue's book, is reported <see cref="OrderStatus.Cancelled"/> with nothing filled.
    /// </summary>
    private void CancelMember<TDriver>(int j, RejectReason reason, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        ref ContingentOrders.Member c = ref _contingent[j];
        int symbol = c.Request.SymbolId;
        if (c.State == MemberState.Working)
        {
            int w = _working.IndexOf(symbol, c.OrderId);
            if (w >= 0 && !_working.Of(symbol)[w].Done) Cancel(ref _working.Of(symbol)[w], reason, time, ref driver, orders);
            else _contingent.Done(j); // closed already, or the traveller dropped by a liquidation
            return;
        }
        MemberState state = c.State;
        long id = c.OrderId;
        double quantity = c.Quantity;
        bool buy = c.Request.Side == Side.Buy, reduceOnly = c.Request.ReduceOnly;
        _liveSymbol.Remove(id);
        if (state == MemberState.Riding) OpenClosed(symbol, buy ? quantity : -quantity, reduceOnly); // held children were never open
        var cancelled = new OrderUpdate(id, symbol, OrderStatus.Cancelled, reason, 0, 0, time);
        ReportUpdate(in cancelled, ref driver, orders);
        MemberClosed(j, false, reason == RejectReason.Liquidation ? RejectReason.Liquidation : RejectReason.Contingency, time, ref driver, orders);
    }

    /// <summary>A one-cancels-other leg loses <paramref name="quantity"/> (another leg filled that much), reported <see cref="OrderStatus.Amended"/>; a leg left with nothing is cancelled.</summary>
    private void Reduce<TDriver>(int j, double quantity, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        ref ContingentOrders.Member c = ref _contingent[j];
        int symbol = c.Request.SymbolId;
        if (c.State == MemberState.Held)
        {
            // Released with its sibling on the same step: it has not been told Accepted yet, so it starts smaller.
            c.Quantity -= quantity;
            if (!(c.Quantity > 1e-9 * c.Request.Quantity)) CancelMember(j, RejectReason.Contingency, time, ref driver, orders);
            return;
        }
        if (c.State == MemberState.Riding)
        {
            double left = c.Quantity - quantity;
            if (!(left > 1e-9 * c.Request.Quantity))
            {
                CancelMember(j, RejectReason.Contingency, time, ref driver, orders);
                return;
            }
            c.Quantity = left;
            bool buy = c.Request.Side == Side.Buy;
            OpenChanged(symbol, buy ? -quantity : quantity, c.Request.ReduceOnly);
            var amended = new OrderUpdate(c.OrderId, symbol, OrderStatus.Amended, RejectReason.Contingency, 0, left, time);
            ReportUpdate(in amended, ref driver, orders);
            return;
        }
        int w = _working.IndexOf(symbol, c.OrderId);
        if (w < 0) return;
        ref WorkingOrder o = ref _working.Of(symbol)[w];
        if (o.Done) return;
        if (!(o.Remaining - quantity > 1e-9 * o.Quantity))
        {
            Cancel(ref o, RejectReason.Contingency, time, ref driver, orders);
            return;
        }
        o.Remaining -= quantity;
        o.Quantity -= quantity;
        OpenChanged(symbol, o.IsBuy ? -quantity : quantity, o.ReduceOnly);
        Report(in o, OrderStatus.Amended, RejectReason.Contingency, time, ref driver, orders);
    }

    /// <summary>A working child gains <paramref name="quantity"/> (its parent filled more), reported <see cref="OrderStatus.Amended"/>.</summary>
    private void Grow<TDriver>(int symbol, long orderId, double quantity, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        int w = _working.IndexOf(symbol, orderId);
        if (w < 0) return;
        ref WorkingOrder o = ref _working.Of(symbol)[w];
        if (o.Done) return;
        o.Quantity += quantity;
        o.Remaining += quantity;
        OpenChanged(symbol, o.IsBuy ? quantity : -quantity, o.ReduceOnly);
        Report(in o, OrderStatus.Amended, RejectReason.Contingency, time, ref driver, orders);
    }

    /// <summary>
    /// Releases the children whose parent has filled: each starts working for its share, counted as open and reported
    /// <see cref="OrderStatus.Accepted"/>, and meets <paramref name="e"/> as an arriving order does (a market child or a
    /// marketable limit takes at once; a reduce-only child with nothing to reduce is cancelled). Released after the matching
    /// of a bar (<paramref name="afterMatching"/>), a stop child on the last price is also tested against the bar's range,
    /// the worse case: a bar that fills an entry and reaches its stop-loss takes the stop-loss.
    /// </summary>
    private void ReleaseChildren<TDriver>(in MarketEvent e, ref SymbolBook book, bool afterMatching, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        for (int j = 0; j < _contingent.Count && _contingent.ReleasesDue != 0; j++)
        {
            ref ContingentOrders.Member c = ref _contingent[j];
            if (c.State != MemberState.Held || !c.Release) continue;
            c.Release = false;
            _contingent.ReleasesDue--;
            c.State = MemberState.Working;
            OrderRequest r = c.Request with { Quantity = c.Quantity };
            Release(in r, in e, ref book, afterMatching, ref driver, orders);
        }
    }

    private void Release<TDriver>(in OrderRequest r, in MarketEvent e, ref SymbolBook book, bool afterMatching, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        WorkingOrder o = NewWorkingOrder(in r);
        OpenOpened(o.SymbolId, o.IsBuy ? o.Quantity : -o.Quantity, o.ReduceOnly);
        Report(in o, OrderStatus.Accepted, RejectReason.None, e.Timestamp, ref driver, orders);
        if (o.ReduceOnly && ReducibleBy(in o) <= 0)
        {
            Cancel(ref o, RejectReason.ReduceOnlyWouldIncrease, e.Timestamp, ref driver, orders);
            return;
        }
        if (o.Type == OrderType.Market) TakeAtTouch(ref o, in e, ref book, ref driver, orders);
        else if (o.Type == OrderType.Limit) ExecuteOrRest(ref o, TouchPrice(in e, in book, o.IsBuy), ref Available(in e, ref book, o.IsBuy), in e, ref book, ref driver, orders);
        if (o.Done) return;
        _working.Add(in o);
        if (!afterMatching || e.Kind != MarketEventKind.Bar || !o.AwaitsTrigger || o.Trigger != StopTrigger.LastPrice) return;
        ref WorkingOrder added = ref _working.Of(o.SymbolId)[_working.Count(o.SymbolId) - 1];
        if (!BarReaches(ref added, in e)) return;
        MarkTriggered(ref added, StopTrigger.LastPrice);
        ExecuteTriggered(ref added, in e, ref book, ref driver, orders);
    }

    /// <summary>A cancel that reaches a held child cancels it (and its one-cancels-other legs); false when the order is not a held child.</summary>
    private bool CancelHeld<TDriver>(in OrderRequest r, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        int i = _contingent.IndexOf(r.OrderId);
        if (i < 0 || _contingent[i].State != MemberState.Held) return false;
        CancelMember(i, RejectReason.None, time, ref driver, orders);
        return true;
    }

    /// <summary>
    /// An amend that reaches a held child changes its price (the limit, or a stop's stop) for when it is released; its
    /// quantity is its parent's to set, and a trailing stop's price the venue's, so those are refused
    /// (<see cref="RejectReason.Unsupported"/>). False when the order is not a held child.
    /// </summary>
    private bool AmendHeld<TDriver>(in OrderRequest r, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        int i = _contingent.IndexOf(r.OrderId);
        if (i < 0 || _contingent[i].State != MemberState.Held) return false;
        ref ContingentOrders.Member c = ref _contingent[i];
        bool newPrice = !double.IsNaN(r.LimitPrice);
        OrderType type = c.Request.Type;
        OrderStatus status = OrderStatus.Amended;
        RejectReason reason = RejectReason.None;
        if (!double.IsNaN(r.Quantity) || (newPrice && type is OrderType.Market or OrderType.TrailingStop or OrderType.TrailingStopLimit)) (status, reason) = (OrderStatus.AmendRejected, RejectReason.Unsupported);
        else if (newPrice && type == OrderType.Stop) c.Request = c.Request with { StopPrice = r.LimitPrice };
        else if (newPrice) c.Request = c.Request with { LimitPrice = r.LimitPrice };
        var update = new OrderUpdate(c.OrderId, c.Request.SymbolId, status, reason, 0, c.Quantity, time);
        ReportUpdate(in update, ref driver, orders);
        return true;
    }

    /// <summary>
    /// For a liquidation, after every working order was cancelled: the members never at the venue's book (held children,
    /// legs riding with a traveller dropped in flight) are reported cancelled with <paramref name="reason"/>, and every group is forgotten.
    /// </summary>
    private void CancelWaitingMembers<TDriver>(ReadOnlySpan<bool> symbols, RejectReason reason, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        // symbols: those liquidated (empty: every symbol). An isolated position's liquidation leaves the groups of the
        // other symbols as they are (a group is of one symbol), so only a liquidation of everything empties the table.
        for (int j = 0; j < _contingent.Count && _contingent.Live != 0; j++)
        {
            ref ContingentOrders.Member c = ref _contingent[j];
            if (c.State is MemberState.Held or MemberState.Riding && (symbols.IsEmpty || symbols[c.Request.SymbolId]))
                CancelMember(j, reason, time, ref driver, orders);
        }
        if (symbols.IsEmpty) _contingent.Reset();
    }
}
