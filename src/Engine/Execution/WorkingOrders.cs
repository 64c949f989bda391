using System;

namespace Backtester.Execution;

/// <summary>
/// The orders working at the venue, per symbol, in order of arrival, so an event touches only its own symbol's orders.
/// Orders that close while an event is matched are marked <see cref="WorkingOrder.Done"/> and removed after it
/// (<see cref="RemoveDone"/>). Reused across runs; its buffers only grow.
/// </summary>
/// <remarks>
/// Per symbol it keeps bounds on the resting plain limits (every buy's limit is at most the buy bound, every sell's at
/// least the sell bound) and the number of other working orders (market, stop, stop-limit): an event that reaches
/// neither bound, with no other order working, cannot touch any order, and the venue skips the list
/// (<see cref="CannotReachAny"/>). It also counts, per symbol and <see cref="StopTrigger"/>, the stops waiting for their
/// trigger, and those on the mark price over all symbols, so an event whose prices trigger no waiting stop of its symbol
/// costs one array read (<see cref="StopsOn"/>, <see cref="AnyStopOnMark"/>).
/// </remarks>
internal sealed class WorkingOrders
{
    private WorkingOrder[][] _lists = Array.Empty<WorkingOrder[]>();
    private int[] _counts = Array.Empty<int>();
    private bool[] _sortedById = Array.Empty<bool>(); // arrival order is id order with one latency; checked on append
    private double[] _maxBuyLimit = Array.Empty<double>();
    private double[] _minSellLimit = Array.Empty<double>();
    private int[] _other = Array.Empty<int>();
    private int[] _waiting = Array.Empty<int>(); // [symbol * TriggerCount + trigger]: stops not yet triggered (closed ones until RemoveDone)
    private int _waitingOnMark; // the same for StopTrigger.MarkPrice, over every symbol
    private int _total;

    /// <summary>The number of <see cref="StopTrigger"/> values.</summary>
    private const int TriggerCount = (int)StopTrigger.MarkPrice + 1;

    /// <summary>The number of orders closed since <see cref="ClearClosed"/>; the lists need compacting when it is not 0.</summary>
    public int Closed { get; private set; }

    /// <summary>The number of working orders of every symbol.</summary>
    public int Total => _total;

    /// <summary>Empties the lists, sized for <paramref name="symbolCount"/> symbols.</summary>
    public void Reset(int symbolCount)
    {
        if (_lists.Length != symbolCount)
        {
            _lists = new WorkingOrder[symbolCount][];
            for (int s = 0; s < symbolCount; s++) _lists[s] = new WorkingOrder[4];
            _counts = new int[symbolCount];
            _sortedById = new bool[symbolCount];
            _maxBuyLimit = new double[symbolCount];
            _minSellLimit = new double[symbolCount];
            _other = new int[symbolCount];
            _waiting = new int[symbolCount * TriggerCount];
        }
        Array.Clear(_counts);
        ArrayFill.With(_maxBuyLimit, double.NegativeInfinity);
        ArrayFill.With(_minSellLimit, double.PositiveInfinity);
        Array.Clear(_other);
        Array.Clear(_waiting);
        _waitingOnMark = 0;
        ArrayFill.With(_sortedById, true);
        _total = 0;
        Closed = 0;
    }

    /// <summary>The number of symbols the lists are sized for.</summary>
    public int SymbolCount => _counts.Length;

    /// <summary>The number of orders in <paramref name="symbolId"/>'s list (closed ones included until <see cref="RemoveDone"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int Count(int symbolId) => _counts[symbolId];

    /// <summary>
    /// <paramref name="symbolId"/>'s orders in order of arrival. Valid until the next <see cref="Add"/> or
    /// <see cref="RemoveDone"/> of that symbol; handlers called while matching can only send requests, so it stays valid
    /// through an event.
    /// </summary>
    public Span<WorkingOrder> Of(int symbolId) => new(_lists[symbolId], 0, _counts[symbolId]);

    /// <summary>Counts one order closed (filled, cancelled or rejected) during the current event.</summary>
    public void MarkClosed() => Closed++;

    /// <summary>Forgets the closed count, at the start of an event.</summary>
    public void ClearClosed() => Closed = 0;

    /// <summary>Adds an arrived order to the end of its symbol's list.</summary>
    public void Add(in WorkingOrder o)
    {
        int s = o.SymbolId, count = _counts[s];
        WorkingOrder[] list = _lists[s];
        if (count == list.Length)
        {
            Array.Resize(ref list, list.Length * 2);
            _lists[s] = list;
        }
        if (count > 0 && list[count - 1].OrderId > o.OrderId) _sortedById[s] = false;
        list[count] = o;
        _counts[s] = count + 1;
        _total++;
        if (o.Type == OrderType.Limit) WidenLimitBounds(s, o.IsBuy, o.LimitPrice);
        else _other[s]++;
        if (o.AwaitsTrigger) Waits(s, o.Trigger, +1);
    }

    /// <summary>
    /// The number of <paramref name="symbolId"/>'s stops waiting for <paramref name="trigger"/>'s prices: none, and the
    /// event's prices can trigger nothing. May count stops closed during the current event until <see cref="RemoveDone"/>.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int StopsOn(int symbolId, StopTrigger trigger) => _waiting[symbolId * TriggerCount + (int)trigger];

    /// <summary>True when some symbol has a stop waiting for the mark price (<see cref="StopTrigger.MarkPrice"/>).</summary>
    public bool AnyStopOnMark => _waitingOnMark != 0;

    /// <summary>A waiting stop of <paramref name="symbolId"/> has just triggered: it no longer waits for its trigger's prices.</summary>
    public void Triggered(int symbolId, StopTrigger trigger) => Waits(symbolId, trigger, -1);

    private void Waits(int symbolId, StopTrigger trigger, int change)
    {
        _waiting[symbolId * TriggerCount + (int)trigger] += change;
        if (trigger == StopTrigger.MarkPrice) _waitingOnMark += change;
    }

    /// <summary>Widens the limit bounds of <paramref name="symbolId"/> for a limit at <paramref name="limit"/> (an arrival or an amended price).</summary>
    public void WidenLimitBounds(int symbolId, bool buy, double limit)
    {
        if (buy) _maxBuyLimit[symbolId] = Math.Max(_maxBuyLimit[symbolId], limit);
        else _minSellLimit[symbolId] = Math.Min(_minSellLimit[symbolId], limit);
    }

    /// <summary>
    /// True when no working order of the event's symbol can act on it: all are plain resting limits, and the event's
    /// prices (the quote's bid and ask; a trade's or bar's low and high) stay strictly beyond every limit, so no limit
    /// fills, and no queue position changes (that needs a price at the limit).
    /// </summary>
    public bool CannotReachAny(in MarketEvent e, in SymbolBook book)
    {
        int s = e.SymbolId;
        if (_other[s] != 0) return false;
        double low = e.Kind == MarketEventKind.Quote ? Math.Min(book.Bid, book.Ask) : e.Low;
        double high = e.Kind == MarketEventKind.Quote ? Math.Max(book.Bid, book.Ask) : e.High;
        return low > _maxBuyLimit[s] && high < _minSellLimit[s];
    }

    /// <summary>The index of order <paramref name="orderId"/> in <paramref name="symbolId"/>'s list, or -1.</summary>
    public int IndexOf(int symbolId, long orderId)
    {
        WorkingOrder[] list = _lists[symbolId];
        int count = _counts[symbolId];
        if (!_sortedById[symbolId])
        {
            for (int i = 0; i < count; i++)
                if (list[i].OrderId == orderId) return i;
            return -1;
        }
        int lo = 0, hi = count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            long id = list[mid].OrderId;
            if (id == orderId) return mid;
            if (id < orderId) lo = mid + 1;
            else hi = mid - 1;
        }
        return -1;
    }

    /// <summary>Removes <paramref name="symbolId"/>'s closed orders, keeping the others in order, and recomputes its bounds.</summary>
    public void RemoveDone(int symbolId)
    {
        WorkingOrder[] list = _lists[symbolId];
        int kept = 0, count = _counts[symbolId], other = 0;
        double maxBuy = double.NegativeInfinity, minSell = double.PositiveInfinity;
        Span<int> waiting = _waiting.AsSpan(symbolId * TriggerCount, TriggerCount);
        _waitingOnMark -= waiting[(int)StopTrigger.MarkPrice];
        waiting.Clear();
        // Kept orders move down in runs, one block copy per run between closed orders: a copy per order is a call to
        // Memmove for a struct this size, which made compacting a list of thousands of orders the run's whole cost.
        int run = -1; // where the current run of kept orders, not moved yet, starts
        for (int i = 0; i < count; i++)
        {
            ref readonly WorkingOrder o = ref list[i];
            if (o.Done)
            {
                if (run >= 0) kept = MoveDown(list, run, i, kept);
                run = -1;
                continue;
            }
            if (run < 0) run = i;
            if (o.Type != OrderType.Limit)
            {
                other++;
                if (o.AwaitsTrigger) waiting[(int)o.Trigger]++; // plain limits never wait for a trigger: no test for them
            }
            else if (o.IsBuy) maxBuy = Math.Max(maxBuy, o.LimitPrice);
            else minSell = Math.Min(minSell, o.LimitPrice);
        }
        if (run >= 0) kept = MoveDown(list, run, count, kept);
        _counts[symbolId] = kept;
        _waitingOnMark += waiting[(int)StopTrigger.MarkPrice];
        _total -= count - kept;
        _other[symbolId] = other;
        _maxBuyLimit[symbolId] = maxBuy;
        _minSellLimit[symbolId] = minSell;
    }

    /// <summary>Moves the orders [<paramref name="start"/>, <paramref name="end"/>) down to <paramref name="to"/> (≤ start); returns where the next run goes.</summary>
    private static int MoveDown(WorkingOrder[] list, int start, int end, int to)
    {
        int n = end - start;
        if (to != start) list.AsSpan(start, n).CopyTo(list.AsSpan(to, n));
        return to + n;
    }
}
