using System;
using System.Collections.Generic;
using Backtester.Infrastructure;

namespace Backtester.Execution;

/// <summary>
/// The venue's contingent groups (docs/execution.md, "Contingent orders"; decision 0086): for every order sent in a group
/// (one-triggers-other, one-cancels-other, a bracket), its links and where it is — riding with the group's first order on
/// its way, waiting for its parent, working, or done. The matching rules ask it only when <see cref="Live"/> is not 0, at
/// a fill or a close, so a run without groups pays one read there and nothing per event. Reused across runs; its buffers
/// only grow.
/// </summary>
internal sealed class ContingentOrders
{
    private Member[] _members = new Member[8];
    private int _count;
    private readonly Dictionary<long, int> _index = new(); // order id -> member index

    /// <summary>The number of members not done yet: 0, and no order of the run is linked to another.</summary>
    public int Live { get; private set; }

    /// <summary>The number of children whose parent has filled and that wait to be released (<see cref="MemberState.Held"/> with <see cref="Member.Release"/>).</summary>
    public int ReleasesDue { get; set; }

    /// <summary>The number of member slots in use (done ones included until they are compacted).</summary>
    public int Count => _count;

    /// <summary>Forgets every group.</summary>
    public void Reset()
    {
        _count = 0;
        Live = 0;
        ReleasesDue = 0;
        _index.Clear();
    }

    /// <summary>The member at <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>).</summary>
    public ref Member this[int index] => ref _members[index];

    /// <summary>The index of order <paramref name="orderId"/>'s member, or -1 when it is in no live group.</summary>
    public int IndexOf(long orderId) => Live != 0 && _index.TryGetValue(orderId, out int i) ? i : -1;

    /// <summary>Adds <paramref name="request"/>, accepted at decision time, as a member in <paramref name="state"/>.</summary>
    public void Add(in OrderRequest request, MemberState state)
    {
        if (_count == _members.Length)
        {
            if (Live <= _count / 2) Compact();
            if (_count == _members.Length) Array.Resize(ref _members, _members.Length * 2);
        }
        _members[_count] = new Member
        {
            Request = request, OrderId = request.OrderId, GroupId = request.ContingencyGroupId, ParentId = request.ParentOrderId,
            CancelsOthers = request.CancelsOthers, State = state, Quantity = state == MemberState.Held ? 0 : request.Quantity, // a child gains its quantity from its parent's fills
        };
        _index[request.OrderId] = _count++;
        Live++;
    }

    /// <summary>Member <paramref name="index"/> is done (filled, cancelled or rejected): its links no longer act.</summary>
    public void Done(int index)
    {
        ref Member m = ref _members[index];
        if (m.State == MemberState.Done) return;
        if (m.Release) { m.Release = false; ReleasesDue--; }
        m.State = MemberState.Done;
        if (--Live == 0) Reset(); // nothing linked any more: start again from an empty table
    }

    /// <summary>Drops the done members, keeping the others in order, when they are at least half the table.</summary>
    private void Compact()
    {
        int kept = 0;
        _index.Clear();
        for (int i = 0; i < _count; i++)
        {
            if (_members[i].State == MemberState.Done) continue;
            _members[kept] = _members[i];
            _index[_members[kept].OrderId] = kept;
            kept++;
        }
        _count = kept;
    }

    /// <summary>One order of a group and where it is.</summary>
    public struct Member
    {
        /// <summary>The request as the venue took it at decision time (its prices amended while it waits).</summary>
        public OrderRequest Request;
        public long OrderId;
        public long GroupId;

        /// <summary>The one-triggers-other parent; 0 when none.</summary>
        public long ParentId;

        /// <summary>True for a leg of the group's one-cancels-other set.</summary>
        public bool CancelsOthers;
        public MemberState State;

        /// <summary>
        /// While it has not reached the working list: the quantity it will work (a riding leg's own, less what the fills of
        /// other legs took; a child's share of its parent's fills so far).
        /// </summary>
        public double Quantity;

        /// <summary>A child: its share of its parent's fills granted so far.</summary>
        public double Granted;

        /// <summary>A held child whose parent has filled: the venue releases it after the current matching step.</summary>
        public bool Release;
    }
}

/// <summary>Where a member of a contingent group is.</summary>
internal enum MemberState : byte
{
    /// <summary>In flight or working like any order: the group's first order, or a member that has arrived or been released.</summary>
    Working = 0,

    /// <summary>A one-cancels-other leg riding with the group's first order: it arrives right after it.</summary>
    Riding = 1,

    /// <summary>A one-triggers-other child waiting for its parent's first fill: not working, not counted as open.</summary>
    Held = 2,

    /// <summary>Filled, cancelled or rejected.</summary>
    Done = 3,
}
