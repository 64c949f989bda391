using System;
using System.Collections.Generic;
using Backtester.Accounting;
using Backtester.Data;
using Backtester.Logging;
using Backtester.Statistics;
using Backtester.Infrastructure;

namespace Backtester.Execution;

/// <summary>
/// The simulated venue: order arrival after latency, triggering, matching, fees, and the fill and order-update
/// reports back to the strategy. The rules, with worked examples, are in <c>docs/execution.md</c>; in short:
/// <list type="bullet">
/// <item><description>A request decided at t reaches the venue at t + feed latency + order latency and acts on the
/// first event of its symbol at or after that time (never on the event it was decided on), after that event has
/// updated the book.</description></item>
/// <item><description>The touch is the last quote's ask (buys) or bid (sells) once the symbol has quotes, else the
/// event's own price (trade price, bar open). Bars always use their own prices.</description></item>
/// <item><description>Market orders and marketable limits take liquidity at the touch (taker fee; slippage on market
/// and stop fills only). Resting limits fill at their price as makers when a trade or bar prints through it, or the
/// opposite quote reaches it. Stops trigger on trade prices (bar highs/lows) and are matched before limits, so of a
/// stop and a target inside one bar the stop fills first.</description></item>
/// </list>
/// Reused across runs; its buffers only grow, so a warmed-up run allocates nothing here.
/// </summary>
/// <remarks>
/// Working orders are kept per symbol, in order of arrival, so an event touches only its own symbol's orders; the
/// open quantity per symbol is a running total (<see cref="OpenOrdersView"/>) kept at send, fill, amend and close, and
/// the symbol of every live order id is in a dictionary, so reads and cancels do not scan the orders.
/// </remarks>
internal sealed class ExecutionSimulator
{
    private InFlightRequest[] _inFlight = new InFlightRequest[16];
    private int _inFlightCount;
    private long _nextArrival = long.MaxValue; // earliest arrival time among the in-flight requests
    private WorkingOrder[][] _working = Array.Empty<WorkingOrder[]>(); // per symbol, in order of arrival
    private int[] _workingCount = Array.Empty<int>();
    private bool[] _workingSortedById = Array.Empty<bool>(); // arrival order is id order with one latency; checked on append
    private int _workingTotal;
    private int _closedWorking; // working orders closed during the current Match, to compact after it
    // Per symbol, bounds on the resting plain limits (every buy's limit is at most _maxBuyLimit, every sell's at least
    // _minSellLimit) and the number of other working orders (market, stop, stop-limit): an event that reaches neither
    // bound, with no other order working, cannot touch any order, and the venue skips the list.
    private double[] _maxBuyLimit = Array.Empty<double>();
    private double[] _minSellLimit = Array.Empty<double>();
    private int[] _otherWorking = Array.Empty<int>();
    private readonly Dictionary<long, int> _liveSymbol = new(); // id -> symbol of every order in flight or working
    private OpenOrdersView _open = null!;
    private OrderUpdate[] _rejections = new OrderUpdate[8];
    private int _rejectionCount;
    private SymbolBook[] _books = Array.Empty<SymbolBook>();
    private SymbolTable _symbols = null!;
    private double[] _makerRate = Array.Empty<double>();
    private double[] _takerRate = Array.Empty<double>();
    private long _latency;
    private double _feePerFill;
    private double _slippageRate;
    private bool _bounded;
    private QueuePosition _queueModel;
    private long _eventSequence;
    private double _eventAvailable;
    private OrderGateway _gateway = null!;
    private Portfolio _portfolio = null!;
    private RunStatistics _statistics = null!;
    private FillLog _log = null!;
    private Account _account = null!;

    /// <summary>The run's account rules (instruments, buying power, liquidation, funding).</summary>
    public Account Account => _account;

    /// <summary>The signed quantity of <paramref name="symbolId"/>'s orders in flight or working (the running total of <see cref="OpenOrdersView"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double OpenQuantity(int symbolId) => _open.OpenQuantity(symbolId);

    /// <summary>
    /// False when <see cref="Match"/> would do nothing for an event of <paramref name="symbolId"/> at <paramref name="time"/>:
    /// the symbol has no working order, and no in-flight request has arrived yet. Lets the replay skip the venue on most
    /// events while an order travels.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool NeedsMatch(long time, int symbolId) =>
        (_workingTotal != 0 && _workingCount[symbolId] != 0) || (_inFlightCount != 0 && _nextArrival <= time);

    public void Reset(BacktestOptions options, SymbolTable symbols, OrderGateway gateway, Portfolio portfolio, RunStatistics statistics, FillLog log, Account account)
    {
        int n = symbols.Count;
        if (_books.Length != n)
        {
            _books = new SymbolBook[n];
            _makerRate = new double[n];
            _takerRate = new double[n];
            _working = new WorkingOrder[n][];
            for (int s = 0; s < n; s++) _working[s] = new WorkingOrder[4];
            _workingCount = new int[n];
            _workingSortedById = new bool[n];
            _maxBuyLimit = new double[n];
            _minSellLimit = new double[n];
            _otherWorking = new int[n];
        }
        Array.Clear(_workingCount);
        Array.Fill(_maxBuyLimit, double.NegativeInfinity);
        Array.Fill(_minSellLimit, double.PositiveInfinity);
        Array.Clear(_otherWorking);
        Array.Fill(_workingSortedById, true);
        _workingTotal = 0;
        _liveSymbol.Clear();
        _bounded = options.LimitFillsToDisplayedSize;
        double unbounded = _bounded ? 0 : double.PositiveInfinity;
        for (int s = 0; s < n; s++)
        {
            _books[s] = new SymbolBook { BidAvailable = unbounded, AskAvailable = unbounded };
            _makerRate[s] = options.MakerFeeBps / 10_000.0;
            _takerRate[s] = options.TakerFeeBps / 10_000.0;
        }
        account.Instruments.ApplyFees(_makerRate, _takerRate);
        if (options.SymbolFees is { } fees) ResolveSymbolFees(fees, symbols);
        account.Instruments.ScaleByMultiplier(_makerRate, _takerRate);
        _inFlightCount = 0;
        _nextArrival = long.MaxValue;
        _rejectionCount = 0;
        _eventSequence = 0;
        _latency = options.FeedLatencyNs + options.OrderLatencyNs; // each at most BacktestOptions.MaxLatencyNs: no overflow
        _symbols = symbols;
        _feePerFill = options.FeePerFill;
        _slippageRate = options.SlippageBps / 10_000.0;
        _queueModel = options.QueuePosition;
        _gateway = gateway;
        _open = gateway.OpenOrders;
        _portfolio = portfolio;
        _statistics = statistics;
        _log = log;
        _account = account;
    }

    private void ResolveSymbolFees(System.Collections.Generic.IReadOnlyDictionary<string, FeeSchedule> fees, SymbolTable symbols)
    {
        foreach (var (name, schedule) in fees)
        {
            int s = symbols.IndexOf(name);
            if (s < 0)
                throw new ArgumentException($"SymbolFees names '{name}', which is not a symbol of the data.", nameof(BacktestOptions.SymbolFees));
            if (!double.IsFinite(schedule.MakerBps) || !(schedule.TakerBps >= 0) || double.IsInfinity(schedule.TakerBps))
                throw new ArgumentOutOfRangeException(nameof(BacktestOptions.SymbolFees), schedule, $"Fees of '{name}': maker must be finite, taker non-negative and finite.");
            _makerRate[s] = schedule.MakerBps / 10_000.0;
            _takerRate[s] = schedule.TakerBps / 10_000.0;
        }
    }

    /// <summary>Records a quote in its symbol's book; called for every quote, orders or not.</summary>
    public void ApplyQuote(in Quote quote)
    {
        ref SymbolBook book = ref _books[quote.SymbolId];
        book.HasQuote = true;
        book.Bid = quote.BidPrice;
        book.BidSize = quote.BidSize;
        book.Ask = quote.AskPrice;
        book.AskSize = quote.AskSize;
        if (_bounded)
        {
            book.BidAvailable = quote.BidSize;
            book.AskAvailable = quote.AskSize;
        }
    }

    /// <summary>
    /// Takes the requests the strategy sent during the handler just run: valid ones go in flight, invalid ones are
    /// reported at once as rejected (at their decision time). Call until the gateway is empty, since the strategy may
    /// send more requests from its <c>OnOrder</c> handler.
    /// </summary>
    /// <remarks>
    /// What is refused here is what the strategy's side knows when it decides (docs/decisions/0042): the request's own
    /// fields, ids never issued, the instrument's rules and the account's buying power. A cancel or amend of an order
    /// that has already closed still travels: the venue answers <see cref="RejectReason.OrderClosed"/> on arrival.
    /// </remarks>
    public void Accept<TDriver>(ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        _rejectionCount = 0;
        foreach (ref readonly OrderRequest request in _gateway.Placed)
        {
            if (request.Action == OrderAction.New)
            {
                RejectReason reason = Check(in request);
                OrderRequest accepted = request; // instrument rules may round it onto the grid
                if (reason == RejectReason.None && _account.ChecksOrders) reason = _account.Check(ref accepted);
                if (reason == RejectReason.None) AddInFlight(in accepted, request.SymbolId);
                else AddRejection(in request, reason == RejectReason.UnknownSymbol ? -1 : request.SymbolId, reason);
                continue;
            }
            int symbol = SymbolOfLiveOrder(request.OrderId); // -1 once closed: the request still travels (symbol -1, see ProcessArrivals)
            OrderRequest amend = request;
            RejectReason refusal = request.OrderId > 0 && request.OrderId < _gateway.NextOrderId ? RejectReason.None : RejectReason.UnknownOrder;
            if (refusal == RejectReason.None && request.Action == OrderAction.Amend)
            {
                refusal = CheckAmendFields(in amend);
                if (refusal == RejectReason.None && symbol >= 0) refusal = _account.CheckAmend(ref amend, symbol);
                if (refusal == RejectReason.None) refusal = CheckAmendFields(in amend); // rounding onto the tick grid can leave no price
            }
            if (refusal != RejectReason.None) AddRejection(in request, symbol, refusal);
            else AddInFlight(in amend, symbol);
        }
        _gateway.ClearPlaced();
        for (int i = 0; i < _rejectionCount; i++)
            driver.OnOrder(in _rejections[i], orders);
    }

    private RejectReason Check(in OrderRequest r)
    {
        if ((uint)r.SymbolId >= (uint)_books.Length) return RejectReason.UnknownSymbol;
        if (r.Side != Side.Buy && r.Side != Side.Sell) return RejectReason.InvalidSide;
        if (!(r.Quantity > 0) || double.IsInfinity(r.Quantity)) return RejectReason.InvalidQuantity;
        if (BeyondSanityBound(in r)) return RejectReason.InvalidQuantity;
        if (r.TimeInForce > TimeInForce.PostOnly || r.Type > OrderType.StopLimit) return RejectReason.Unsupported;
        if (r.TimeInForce == TimeInForce.PostOnly && (r.Type == OrderType.Market || r.Type == OrderType.Stop)) return RejectReason.Unsupported;
        bool needsLimit = r.Type == OrderType.Limit || r.Type == OrderType.StopLimit;
        bool needsStop = r.Type == OrderType.Stop || r.Type == OrderType.StopLimit;
        if (needsLimit && !IsValidPrice(r.LimitPrice)) return RejectReason.InvalidPrice;
        if (needsStop && !IsValidPrice(r.StopPrice)) return RejectReason.InvalidPrice;
        return RejectReason.None;
    }

    private static bool IsValidPrice(double price) => price > 0 && !double.IsInfinity(price);

    /// <summary>An amend's new price (NaN: unchanged) must be positive and finite, its new total quantity (NaN: unchanged) too.</summary>
    private static RejectReason CheckAmendFields(in OrderRequest r)
    {
        if (!double.IsNaN(r.LimitPrice) && !IsValidPrice(r.LimitPrice)) return RejectReason.InvalidPrice;
        if (!double.IsNaN(r.Quantity) && (!(r.Quantity > 0) || double.IsInfinity(r.Quantity))) return RejectReason.InvalidQuantity;
        return RejectReason.None;
    }

    /// <summary>
    /// The position an order would build, counting what is already on order, is worth (its notional in the account's
    /// currency, with the instrument's multiplier; inverse contracts in their coin) more than
    /// <see cref="MaxLeverage"/> times the account (the larger of equity and initial capital) at the order's price (limit,
    /// else stop, else the symbol's last price): a sizing bug, such as re-sending a target while earlier orders are in
    /// flight, not a trade. Orders that only reduce the position always pass. Checked once per order, never per event.
    /// </summary>
    private bool BeyondSanityBound(in OrderRequest r)
    {
        double price = r.Type is OrderType.Limit or OrderType.StopLimit ? r.LimitPrice : r.Type == OrderType.Stop ? r.StopPrice : _portfolio[r.SymbolId].LastPrice;
        if (!(price > 0) || double.IsInfinity(price)) return false; // no price yet (or an invalid one, refused next)
        double position = _portfolio[r.SymbolId].Position + _open.OpenQuantity(r.SymbolId);
        double after = position + (r.Side == Side.Buy ? r.Quantity : -r.Quantity);
        if (Math.Abs(after) <= Math.Abs(position)) return false;
        double account = Math.Max(_portfolio.Equity, _portfolio.InitialCapital);
        // Worth in the account's currency: × the contract multiplier, and for inverse contracts multiplier / price.
        return !(Math.Abs(after) * _portfolio[r.SymbolId].UnitNotional(price) * _portfolio.RateOf(r.SymbolId) <= MaxLeverage * account);
    }

    /// <summary>The sanity bound of <see cref="BeyondSanityBound"/>: a position worth 1,000 times the account is refused (docs/execution.md).</summary>
    internal const double MaxLeverage = 1_000;

    /// <summary>The symbol of order <paramref name="orderId"/> while it is in flight or working; -1 once closed (or never sent).</summary>
    private int SymbolOfLiveOrder(long orderId) => _liveSymbol.TryGetValue(orderId, out int symbol) ? symbol : -1;

    private void AddInFlight(in OrderRequest request, int symbolId)
    {
        if (_inFlightCount == _inFlight.Length) Array.Resize(ref _inFlight, _inFlight.Length * 2);
        long arrival = request.DecisionTime > long.MaxValue - _latency ? long.MaxValue : request.DecisionTime + _latency;
        _inFlight[_inFlightCount++] = new InFlightRequest(request, symbolId, arrival);
        if (arrival < _nextArrival) _nextArrival = arrival;
        if (request.Action == OrderAction.New)
        {
            _liveSymbol.Add(request.OrderId, symbolId);
            _open.Opened(symbolId, request.Side == Side.Buy ? request.Quantity : -request.Quantity, request.ReduceOnly);
        }
    }

    /// <summary>Adds an arrived order to the end of its symbol's working list.</summary>
    private void AddWorking(in WorkingOrder o)
    {
        int s = o.SymbolId, count = _workingCount[s];
        WorkingOrder[] list = _working[s];
        if (count == list.Length)
        {
            Array.Resize(ref list, list.Length * 2);
            _working[s] = list;
        }
        if (count > 0 && list[count - 1].OrderId > o.OrderId) _workingSortedById[s] = false;
        list[count] = o;
        _workingCount[s] = count + 1;
        _workingTotal++;
        if (o.Type == OrderType.Limit) WidenLimitBounds(s, o.IsBuy, o.LimitPrice);
        else _otherWorking[s]++;
    }

    private void WidenLimitBounds(int symbolId, bool buy, double limit)
    {
        if (buy) _maxBuyLimit[symbolId] = Math.Max(_maxBuyLimit[symbolId], limit);
        else _minSellLimit[symbolId] = Math.Min(_minSellLimit[symbolId], limit);
    }

    /// <summary>
    /// True when no working order of the event's symbol can act on it: all are plain resting limits, and the event's
    /// prices (the quote's bid and ask; a trade's or bar's low and high) stay strictly beyond every limit, so no limit
    /// fills, and no queue position changes (that needs a price at the limit).
    /// </summary>
    private bool CannotReachAnyOrder(in MarketEvent e, in SymbolBook book, int symbolId)
    {
        if (_otherWorking[symbolId] != 0) return false;
        double low = e.Kind == MarketEventKind.Quote ? Math.Min(book.Bid, book.Ask) : e.Low;
        double high = e.Kind == MarketEventKind.Quote ? Math.Max(book.Bid, book.Ask) : e.High;
        return low > _maxBuyLimit[symbolId] && high < _minSellLimit[symbolId];
    }

    /// <summary>The index of order <paramref name="orderId"/> in <paramref name="symbolId"/>'s working list, or -1.</summary>
    private int IndexOfWorking(int symbolId, long orderId)
    {
        WorkingOrder[] list = _working[symbolId];
        int count = _workingCount[symbolId];
        if (!_workingSortedById[symbolId])
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

    /// <summary>
    /// Queues the decision-time refusal of <paramref name="request"/>: a new order is <see cref="OrderStatus.Rejected"/>; a
    /// cancel or amend is <see cref="OrderStatus.CancelRejected"/> or <see cref="OrderStatus.AmendRejected"/> and carries
    /// its live order's quantities, unchanged.
    /// </summary>
    private void AddRejection(in OrderRequest request, int symbolId, RejectReason reason)
    {
        double filled = 0, remaining = 0;
        if (request.Action != OrderAction.New && symbolId >= 0) (filled, remaining) = LiveQuantities(symbolId, request.OrderId);
        if (_rejectionCount == _rejections.Length) Array.Resize(ref _rejections, _rejections.Length * 2);
        _rejections[_rejectionCount++] = new OrderUpdate(request.OrderId, symbolId, RefusedStatus(request.Action), reason, filled, remaining, request.DecisionTime);
    }

    /// <summary>The filled and remaining quantity of live order <paramref name="orderId"/>: working, or in flight (nothing filled yet).</summary>
    private (double Filled, double Remaining) LiveQuantities(int symbolId, long orderId)
    {
        int i = IndexOfWorking(symbolId, orderId);
        if (i >= 0 && !_working[symbolId][i].Done) return (_working[symbolId][i].Filled, _working[symbolId][i].Remaining);
        for (int k = 0; k < _inFlightCount; k++)
            if (_inFlight[k].Request.Action == OrderAction.New && _inFlight[k].Request.OrderId == orderId) return (0, _inFlight[k].Request.Quantity);
        return (0, 0);
    }

    /// <summary>The status of a refused request: the order's own for a new order, the request's for a cancel or amend (the order is unchanged).</summary>
    private static OrderStatus RefusedStatus(OrderAction action) =>
        action == OrderAction.New ? OrderStatus.Rejected : action == OrderAction.Cancel ? OrderStatus.CancelRejected : OrderStatus.AmendRejected;

    /// <summary>
    /// Lets the requests of the event's symbol that have arrived by its time act, then matches the symbol's working
    /// orders against the event: stops first, then market and limit orders, in order of arrival.
    /// </summary>
    public void Match<TDriver>(in MarketEvent e, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        _eventSequence++;
        _eventAvailable = !_bounded ? double.PositiveInfinity : e.Kind == MarketEventKind.Quote ? 0 : e.Size;
        int s = e.SymbolId;
        _closedWorking = 0;
        ref SymbolBook book = ref _books[s];
        if (_inFlightCount != 0) ProcessArrivals(in e, ref book, ref driver, orders);
        int count = _workingCount[s];
        if (count == 0) return;
        if (CannotReachAnyOrder(in e, in book, s))
        {
            if (_closedWorking != 0) RemoveDone(s); // arrivals cancelled some
            return;
        }
        // Handlers called from here can only send requests (taken after the event), so the list stays as it is.
        WorkingOrder[] working = _working[s];
        if (e.Kind != MarketEventKind.Quote) TriggerStops(working, count, in e, ref book, ref driver, orders);
        for (int i = 0; i < count; i++)
        {
            ref WorkingOrder o = ref working[i];
            if (o.Done) continue;
            if (o.IsMarket) TakeAtTouch(ref o, in e, ref book, ref driver, orders);
            else if (o.IsLimit && o.TriggeredOnEvent != _eventSequence) MatchResting(ref o, in e, ref book, ref driver, orders);
        }
        if (_closedWorking != 0) RemoveDone(s);
    }

    private void ProcessArrivals<TDriver>(in MarketEvent e, ref SymbolBook book, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        int kept = 0, count = _inFlightCount;
        long nextArrival = long.MaxValue;
        for (int i = 0; i < count; i++)
        {
            InFlightRequest r = _inFlight[i];
            // Symbol -1: a cancel or amend of an order closed before it was decided, answered on any symbol's first event after its arrival.
            if ((r.SymbolId >= 0 && r.SymbolId != e.SymbolId) || r.ArrivalTime > e.Timestamp)
            {
                _inFlight[kept++] = r;
                if (r.ArrivalTime < nextArrival) nextArrival = r.ArrivalTime;
                continue;
            }
            OrderRequest request = r.Request;
            if (r.SymbolId < 0) ReportClosed(in request, -1, e.Timestamp, ref driver, orders);
            else switch (request.Action)
            {
                case OrderAction.New: Arrive(in request, in e, ref book, ref driver, orders); break;
                case OrderAction.Cancel: ArriveCancel(in request, in e, ref driver, orders); break;
                default: ArriveAmend(in request, in e, ref book, ref driver, orders); break;
            }
        }
        _inFlightCount = kept;
        _nextArrival = nextArrival;
    }

    private void Arrive<TDriver>(in OrderRequest r, in MarketEvent e, ref SymbolBook book, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        var o = new WorkingOrder
        {
            OrderId = r.OrderId, SymbolId = r.SymbolId, Side = r.Side, Type = r.Type, TimeInForce = r.TimeInForce, ReduceOnly = r.ReduceOnly,
            Quantity = r.Quantity, Remaining = r.Quantity, LimitPrice = r.LimitPrice, StopPrice = r.StopPrice, QueueAhead = double.PositiveInfinity,
        };
        if (o.ReduceOnly && ReducibleBy(in o) <= 0)
        {
            Reject(ref o, RejectReason.ReduceOnlyWouldIncrease, e.Timestamp, ref driver, orders);
            return;
        }
        double touch = TouchPrice(in e, in book, o.IsBuy);
        if (o.Type == OrderType.Limit && o.TimeInForce == TimeInForce.PostOnly && IsMarketable(in o, touch))
        {
            Reject(ref o, RejectReason.PostOnlyWouldCross, e.Timestamp, ref driver, orders);
            return;
        }
        Report(in o, OrderStatus.Accepted, RejectReason.None, e.Timestamp, ref driver, orders);
        if (o.Type == OrderType.Market)
            TakeAtTouch(ref o, in e, ref book, ref driver, orders);
        else if (o.Type == OrderType.Limit)
            ExecuteOrRest(ref o, touch, ref Available(in e, ref book, o.IsBuy), in e, in book, ref driver, orders);
        if (o.Done) return;
        AddWorking(in o);
    }

    /// <summary>A limit (or triggered stop-limit) meets the touch: takes liquidity if marketable, else rests (GTC) or is cancelled (IOC/FOK).</summary>
    private void ExecuteOrRest<TDriver>(ref WorkingOrder o, double touch, ref double available, in MarketEvent e, in SymbolBook book, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        if (IsMarketable(in o, touch))
        {
            if (o.TimeInForce == TimeInForce.PostOnly) Cancel(ref o, RejectReason.PostOnlyWouldCross, e.Timestamp, ref driver, orders);
            else Take(ref o, touch, ref available, e.Timestamp, ref driver, orders);
        }
        else if (o.TimeInForce == TimeInForce.Ioc || o.TimeInForce == TimeInForce.Fok)
        {
            Cancel(ref o, RejectReason.None, e.Timestamp, ref driver, orders);
        }
        else
        {
            o.QueueAhead = QueueAheadOnArrival(in o, in book);
        }
    }

    private void ArriveCancel<TDriver>(in OrderRequest r, in MarketEvent e, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        int i = WorkingOrReportClosed(in r, in e, ref driver, orders);
        if (i >= 0) Cancel(ref _working[e.SymbolId][i], RejectReason.None, e.Timestamp, ref driver, orders);
    }

    private void ArriveAmend<TDriver>(in OrderRequest r, in MarketEvent e, ref SymbolBook book, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        int i = WorkingOrReportClosed(in r, in e, ref driver, orders);
        if (i < 0) return;
        ref WorkingOrder o = ref _working[e.SymbolId][i];
        bool newPrice = !double.IsNaN(r.LimitPrice), newQuantity = !double.IsNaN(r.Quantity);
        RejectReason reason = RejectReason.None;
        // The price and quantity themselves were checked at decision time; what the order became while the amend travelled is checked here.
        if (o.IsMarket) reason = RejectReason.Unsupported;
        else if (newQuantity && !(r.Quantity > o.Filled)) reason = RejectReason.InvalidQuantity;
        double touch = TouchPrice(in e, in book, o.IsBuy);
        WorkingOrder amended = o;
        if (newPrice)
        {
            if (o.Type == OrderType.Stop) amended.StopPrice = r.LimitPrice;
            else amended.LimitPrice = r.LimitPrice;
        }
        if (reason == RejectReason.None && amended.IsLimit && amended.TimeInForce == TimeInForce.PostOnly && IsMarketable(in amended, touch))
            reason = RejectReason.PostOnlyWouldCross;
        if (reason != RejectReason.None)
        {
            Report(in o, OrderStatus.AmendRejected, reason, e.Timestamp, ref driver, orders);
            return;
        }
        if (newQuantity)
        {
            amended.Quantity = r.Quantity;
            amended.Remaining = r.Quantity - o.Filled;
            _open.Changed(o.SymbolId, o.IsBuy ? amended.Remaining - o.Remaining : o.Remaining - amended.Remaining, o.ReduceOnly);
        }
        if (newPrice || amended.Remaining > o.Remaining) amended.QueueAhead = QueueAheadOnArrival(in amended, in book);
        if (newPrice && amended.Type == OrderType.Limit) WidenLimitBounds(o.SymbolId, o.IsBuy, amended.LimitPrice);
        o = amended;
        Report(in o, OrderStatus.Amended, RejectReason.None, e.Timestamp, ref driver, orders);
        if (o.IsLimit && IsMarketable(in o, touch))
            Take(ref o, touch, ref Available(in e, ref book, o.IsBuy), e.Timestamp, ref driver, orders);
    }

    /// <summary>The index of the working order a cancel or amend targets; -1, reported as <see cref="RejectReason.OrderClosed"/>, when it has closed meanwhile.</summary>
    private int WorkingOrReportClosed<TDriver>(in OrderRequest r, in MarketEvent e, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        int i = IndexOfWorking(e.SymbolId, r.OrderId);
        if (i >= 0 && !_working[e.SymbolId][i].Done) return i;
        ReportClosed(in r, e.SymbolId, e.Timestamp, ref driver, orders);
        return -1;
    }

    /// <summary>Answers a cancel or amend whose order has filled, been cancelled or been rejected: refused, <see cref="RejectReason.OrderClosed"/>.</summary>
    private static void ReportClosed<TDriver>(in OrderRequest r, int symbolId, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        var closed = new OrderUpdate(r.OrderId, symbolId, RefusedStatus(r.Action), RejectReason.OrderClosed, 0, 0, time);
        driver.OnOrder(in closed, orders);
    }

    /// <summary>Stops whose trigger the event's prices reach become market (stop) or limit (stop-limit) orders, executing against the trigger price.</summary>
    private void TriggerStops<TDriver>(WorkingOrder[] working, int count, in MarketEvent e, ref SymbolBook book, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        for (int i = 0; i < count; i++)
        {
            ref WorkingOrder o = ref working[i];
            if (o.Done || o.Triggered || (o.Type != OrderType.Stop && o.Type != OrderType.StopLimit)) continue;
            if (!(o.IsBuy ? e.High >= o.StopPrice : e.Low <= o.StopPrice)) continue;
            o.Triggered = true;
            o.TriggeredOnEvent = _eventSequence;
            // A trade on a quoted symbol meets the touch; otherwise the order meets the trigger, or the open when it gapped through it.
            bool atTouch = book.HasQuote && e.Kind == MarketEventKind.Trade;
            double price = atTouch ? TouchPrice(in e, in book, o.IsBuy) : o.IsBuy ? Math.Max(e.Open, o.StopPrice) : Math.Min(e.Open, o.StopPrice);
            ref double available = ref atTouch ? ref (o.IsBuy ? ref book.AskAvailable : ref book.BidAvailable) : ref _eventAvailable;
            if (o.Type == OrderType.Stop) Take(ref o, Slipped(price, o.IsBuy), ref available, e.Timestamp, ref driver, orders);
            else ExecuteOrRest(ref o, price, ref available, in e, in book, ref driver, orders);
        }
    }

    private void TakeAtTouch<TDriver>(ref WorkingOrder o, in MarketEvent e, ref SymbolBook book, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver =>
        Take(ref o, Slipped(TouchPrice(in e, in book, o.IsBuy), o.IsBuy), ref Available(in e, ref book, o.IsBuy), e.Timestamp, ref driver, orders);

    /// <summary>
    /// Takes up to <paramref name="available"/> at <paramref name="price"/> as a taker; then IOC cancels what is left and
    /// FOK, when the whole quantity was not available, cancels without filling.
    /// </summary>
    private void Take<TDriver>(ref WorkingOrder o, double price, ref double available, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        bool immediate = o.TimeInForce == TimeInForce.Ioc || o.TimeInForce == TimeInForce.Fok;
        if (o.TimeInForce != TimeInForce.Fok || available >= o.Remaining)
        {
            double quantity = Math.Min(o.Remaining, available);
            if (quantity > 0) available -= Execute(ref o, price, quantity, isMaker: false, time, ref driver, orders);
        }
        if (immediate && !o.Done) Cancel(ref o, RejectReason.None, time, ref driver, orders);
    }

    /// <summary>A resting limit meets an event: quotes reaching its price, trades or bars printing through it, or (with a queue model) at it.</summary>
    private void MatchResting<TDriver>(ref WorkingOrder o, in MarketEvent e, ref SymbolBook book, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        double limit = o.LimitPrice;
        bool buy = o.IsBuy;
        if (e.Kind == MarketEventKind.Quote)
        {
            double sameSide = buy ? book.Bid : book.Ask, sameSize = buy ? book.BidSize : book.AskSize;
            if (buy ? sameSide < limit : sameSide > limit) o.QueueAhead = 0; // the touch left our price: nobody is ahead any more
            else if (sameSide == limit) o.QueueAhead = Math.Min(o.QueueAhead, sameSize);
            if (buy ? book.Ask <= limit : book.Bid >= limit)
                FillResting(ref o, double.PositiveInfinity, ref buy ? ref book.AskAvailable : ref book.BidAvailable, e.Timestamp, ref driver, orders);
            return;
        }
        if (buy ? e.Low < limit : e.High > limit)
        {
            o.QueueAhead = 0;
            FillResting(ref o, double.PositiveInfinity, ref _eventAvailable, e.Timestamp, ref driver, orders);
        }
        else if (e.Kind == MarketEventKind.Trade && e.Open == limit && _queueModel != QueuePosition.None)
        {
            double beyondQueue = double.PositiveInfinity;
            if (_queueModel == QueuePosition.Conservative)
            {
                beyondQueue = e.Size - o.QueueAhead;
                o.QueueAhead = Math.Max(0, o.QueueAhead - e.Size);
                if (!(beyondQueue > 0)) return;
                if (!_bounded) beyondQueue = double.PositiveInfinity;
            }
            FillResting(ref o, beyondQueue, ref _eventAvailable, e.Timestamp, ref driver, orders);
        }
    }

    private void FillResting<TDriver>(ref WorkingOrder o, double cap, ref double available, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        double quantity = Math.Min(o.Remaining, Math.Min(cap, available));
        if (quantity > 0) available -= Execute(ref o, o.LimitPrice, quantity, isMaker: true, time, ref driver, orders);
    }

    /// <summary>
    /// Books one fill of <paramref name="quantity"/> (clipped to the position for reduce-only orders) and reports it:
    /// portfolio, statistics, fill log, the strategy's position, <c>OnFill</c>, then <c>OnOrder</c>. Returns the quantity filled.
    /// </summary>
    private double Execute<TDriver>(ref WorkingOrder o, double price, double quantity, bool isMaker, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        bool clipped = false;
        if (o.ReduceOnly)
        {
            double reducible = ReducibleBy(in o);
            if (reducible <= 0)
            {
                Cancel(ref o, RejectReason.ReduceOnlyWouldIncrease, time, ref driver, orders);
                return 0;
            }
            if (quantity > reducible) { quantity = reducible; clipped = true; }
        }
        bool complete = quantity >= o.Remaining;
        if (complete) OrderClosed(in o);
        else _open.Changed(o.SymbolId, o.IsBuy ? -quantity : quantity, o.ReduceOnly);
        o.Filled += quantity;
        o.Remaining = complete ? 0 : o.Remaining - quantity;
        o.Done = complete;
        int s = o.SymbolId;
        double notional = _account.Instruments.AnyInverse ? _account.Instruments.FeeBase(s, price, quantity) : price * quantity;
        double fee = notional * (isMaker ? _makerRate[s] : _takerRate[s]) + _feePerFill;
        var fill = new Fill(time, o.OrderId, s, o.Side, price, quantity, fee, isMaker);
        if (_portfolio.Apply(in fill, out double tripPnl)) _statistics.OnRoundTrip(tripPnl);
        if (!double.IsFinite(_portfolio.Equity) || !double.IsFinite(_portfolio.Cash) || !double.IsFinite(_portfolio[s].Position)) Halt(in fill);
        _statistics.Fills++;
        _log.Append(in fill);
        _gateway.SetPosition(s, _portfolio[s].Position);
        driver.OnFill(in fill, orders);
        Report(in o, complete ? OrderStatus.Filled : OrderStatus.PartiallyFilled, RejectReason.None, time, ref driver, orders);
        if (clipped && !o.Done) Cancel(ref o, RejectReason.ReduceOnlyWouldIncrease, time, ref driver, orders);
        return quantity;
    }

    /// <summary>Stops the run at the fill that made the account non-finite, naming its time, symbol and order.</summary>
    private void Halt(in Fill fill)
    {
        if (_portfolio.Unpriced() is { } unpriced)
            throw new RunHaltedException(fill.Timestamp, _symbols[fill.SymbolId], fill.OrderId,
                $"the account holds {unpriced.Currency}, which is converted into {_portfolio.Currencies!.Reporting} at the price of {_symbols[unpriced.RateSymbol]}, and {_symbols[unpriced.RateSymbol]} has had no price yet");
        string what = !double.IsFinite(_portfolio[fill.SymbolId].Position) ? FormattableString.Invariant($"the position became {_portfolio[fill.SymbolId].Position}")
            : !double.IsFinite(_portfolio.Cash) ? FormattableString.Invariant($"cash became {_portfolio.Cash}") : FormattableString.Invariant($"equity became {_portfolio.Equity}");
        throw new RunHaltedException(fill.Timestamp, _symbols[fill.SymbolId], fill.OrderId,
            FormattableString.Invariant($"{what} after a {(fill.Side == Side.Buy ? "buy" : "sell")} fill of {fill.Quantity} at {fill.Price} (position, cash and equity must stay finite)"));
    }

    private double ReducibleBy(in WorkingOrder o)
    {
        double position = _portfolio[o.SymbolId].Position;
        return o.IsBuy ? -position : position;
    }

    private void Cancel<TDriver>(ref WorkingOrder o, RejectReason reason, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver => Close(ref o, OrderStatus.Cancelled, reason, time, ref driver, orders);

    private void Reject<TDriver>(ref WorkingOrder o, RejectReason reason, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver => Close(ref o, OrderStatus.Rejected, reason, time, ref driver, orders);

    /// <summary>Ends an order with nothing left to fill and reports its final status.</summary>
    private void Close<TDriver>(ref WorkingOrder o, OrderStatus status, RejectReason reason, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        if (!o.Done) OrderClosed(in o);
        o.Done = true;
        o.Remaining = 0;
        Report(in o, status, reason, time, ref driver, orders);
    }

    private static void Report<TDriver>(in WorkingOrder o, OrderStatus status, RejectReason reason, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        var update = new OrderUpdate(o.OrderId, o.SymbolId, status, reason, o.Filled, o.Remaining, time);
        driver.OnOrder(in update, orders);
    }

    /// <summary>The price a taker meets: the quote's ask (buy) or bid (sell) once the symbol has quotes, else the event's price (bars: their open).</summary>
    private static double TouchPrice(in MarketEvent e, in SymbolBook book, bool buy) =>
        book.HasQuote && e.Kind != MarketEventKind.Bar ? (buy ? book.Ask : book.Bid) : e.Open;

    /// <summary>The liquidity behind <see cref="TouchPrice"/>, which our fills use up.</summary>
    private ref double Available(in MarketEvent e, ref SymbolBook book, bool buy)
    {
        if (book.HasQuote && e.Kind != MarketEventKind.Bar) return ref buy ? ref book.AskAvailable : ref book.BidAvailable;
        return ref _eventAvailable;
    }

    private double Slipped(double price, bool buy) => buy ? price * (1 + _slippageRate) : price * (1 - _slippageRate);

    private static bool IsMarketable(in WorkingOrder o, double touch) => o.IsBuy ? touch <= o.LimitPrice : touch >= o.LimitPrice;

    /// <summary>Size ahead of a new resting order: the displayed size when it joins the touch, none when it improves it, unknown (+∞) behind it or without quotes.</summary>
    private static double QueueAheadOnArrival(in WorkingOrder o, in SymbolBook book)
    {
        if (!book.HasQuote) return double.PositiveInfinity;
        double touch = o.IsBuy ? book.Bid : book.Ask;
        if (touch == o.LimitPrice) return o.IsBuy ? book.BidSize : book.AskSize;
        return (o.IsBuy ? o.LimitPrice > touch : o.LimitPrice < touch) ? 0 : double.PositiveInfinity;
    }

    /// <summary>
    /// Ends every order of the strategy, for a liquidation: working orders are <see cref="OrderStatus.Cancelled"/> and new
    /// orders still in flight are dropped and reported <see cref="OrderStatus.Cancelled"/>, both with reason
    /// <see cref="RejectReason.Liquidation"/>. Cancels and amends in flight stay and will find their order closed.
    /// The open-order totals and the live ids lose every order ended here.
    /// </summary>
    public void CancelAll<TDriver>(long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        // Handlers called from here can only send requests (taken after), so the lists stay as they are.
        for (int s = 0; s < _workingCount.Length; s++)
        {
            int count = _workingCount[s];
            if (count == 0) continue;
            _closedWorking = 0;
            WorkingOrder[] list = _working[s];
            for (int i = 0; i < count; i++)
                if (!list[i].Done) Cancel(ref list[i], RejectReason.Liquidation, time, ref driver, orders);
            if (_closedWorking != 0) RemoveDone(s);
        }
        _closedWorking = 0;
        int kept = 0, inFlight = _inFlightCount;
        long nextArrival = long.MaxValue;
        for (int i = 0; i < inFlight; i++)
        {
            InFlightRequest r = _inFlight[i];
            if (r.Request.Action == OrderAction.New)
            {
                _open.Closed(r.SymbolId, r.Request.Side == Side.Buy ? r.Request.Quantity : -r.Request.Quantity, r.Request.ReduceOnly);
                _liveSymbol.Remove(r.Request.OrderId);
                var dropped = new OrderUpdate(r.Request.OrderId, r.SymbolId, OrderStatus.Cancelled, RejectReason.Liquidation, 0, 0, time);
                driver.OnOrder(in dropped, orders);
                continue;
            }
            _inFlight[kept++] = r;
            if (r.ArrivalTime < nextArrival) nextArrival = r.ArrivalTime;
        }
        _inFlightCount = kept;
        _nextArrival = nextArrival;
    }

    /// <summary>An order leaves the venue (filled, cancelled or rejected): it no longer counts as open, and its id no longer resolves.</summary>
    private void OrderClosed(in WorkingOrder o)
    {
        _closedWorking++;
        _open.Closed(o.SymbolId, o.IsBuy ? o.Remaining : -o.Remaining, o.ReduceOnly);
        _liveSymbol.Remove(o.OrderId);
    }

    private void RemoveDone(int symbolId)
    {
        WorkingOrder[] list = _working[symbolId];
        int kept = 0, count = _workingCount[symbolId], other = 0;
        double maxBuy = double.NegativeInfinity, minSell = double.PositiveInfinity;
        for (int i = 0; i < count; i++)
        {
            ref readonly WorkingOrder o = ref list[i];
            if (o.Done) continue;
            if (o.Type != OrderType.Limit) other++;
            else if (o.IsBuy) maxBuy = Math.Max(maxBuy, o.LimitPrice);
            else minSell = Math.Min(minSell, o.LimitPrice);
            list[kept++] = o;
        }
        _workingCount[symbolId] = kept;
        _workingTotal -= count - kept;
        _otherWorking[symbolId] = other;
        _maxBuyLimit[symbolId] = maxBuy;
        _minSellLimit[symbolId] = minSell;
    }
}
