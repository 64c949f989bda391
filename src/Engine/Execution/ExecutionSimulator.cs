using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
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
/// and stop fills only); on book data they walk the book's levels instead, one fill per level, and our consumption of a
/// level counts until the data sets it again (<see cref="DepthConsumption"/>). Resting limits fill at their price as makers when a trade or bar prints through it, or the
/// opposite quote reaches it. Stops trigger on trade prices (bar highs/lows) and are matched before limits, so of a
/// stop and a target inside one bar the stop fills first.</description></item>
/// </list>
/// Reused across runs; its buffers only grow, so a warmed-up run allocates nothing here.
/// </summary>
/// <remarks>
/// Its parts: the <see cref="InFlightRequests"/> (latency), the per-symbol <see cref="SymbolBook"/>s and
/// <see cref="WorkingOrders"/>, the matching rules (this class), the models of <typeparamref name="TModels"/> (queue
/// position, order latency, fees, slippage: struct type parameters, so the JIT compiles the venue once per choice), and the
/// <see cref="Accounting.Bookkeeper"/> through which every fill reaches the portfolio, statistics and logs. The open
/// quantity per symbol is a running total (<see cref="OpenOrdersView"/>) kept at send, fill, amend and close (with a
/// response latency, fill, amend and close reach the strategy's with their report, through <see cref="InFlightReports"/>,
/// and the venue's checks read a second total kept at venue time, <see cref="InFlightReports.VenueOpen"/>), and the
/// symbol of every live order id is in a dictionary, so reads and cancels do not scan the orders.
/// </remarks>
internal sealed partial class ExecutionSimulator<TModels>
    where TModels : struct, IVenueModels
{
    private readonly InFlightRequests _inFlight = new();
    private readonly WorkingOrders _working = new();
    private readonly Bookkeeper _bookkeeper = new();
    private readonly LiveOrderSymbols _liveSymbol = new(); // id -> symbol of every order in flight or working
    private readonly ContingentOrders _contingent = new(); // linked orders (decision 0086); Live is 0 for a run without them
    private OpenOrdersView _open = null!; // the strategy's open totals (OrderGateway.OpenOrders)
    private OpenOrdersView _venueOpen = null!; // the venue's: the same object without a response latency (decision 0075)
    private InFlightReports _reports = null!; // reports on their way back to the strategy (response latency, decision 0074)
    private OpenChange _pendingOpen; // the open-total change the next order update carries when reports are delayed
    private OrderUpdate[] _rejections = new OrderUpdate[8];
    private int _rejectionCount;
    private SymbolBook[] _books = Array.Empty<SymbolBook>();
    private DepthConsumption?[] _consumption = Array.Empty<DepthConsumption?>(); // per symbol, kept across runs
    private bool _bounded;
    private StopTrigger _stopTrigger; // the run's (BacktestOptions.StopTrigger): a stop sent without its own triggers on it
    private MarkPriceColumns _markPrices = MarkPriceColumns.Empty; // which symbols have mark prices: a stop of its own on the mark needs them
    private TModels _models;
    private bool _fifo; // QueuePosition.Fifo: L3 rows move resting orders (ExecutionSimulator.Fifo.cs)
    private long _eventSequence;
    private long _l3Base; // added to the priorities of the current L3 table (segment)
    private long _l3Next; // one past the largest L3 queue priority applied: an order arriving now is behind every order in the book
    private double _eventAvailable;
    private OrderGateway _gateway = null!;
    private Portfolio _portfolio = null!;
    private Account _account = null!;

    /// <summary>The run's account rules (instruments, buying power, liquidation, funding).</summary>
    public Account Account => _account;

    /// <summary>The run's bookkeeper, through which every fill reaches the portfolio, statistics, fill log and the strategy's position.</summary>
    public Bookkeeper Bookkeeper => _bookkeeper;

    /// <summary>True when some working stop waits for the exchange's mark price (<see cref="StopTrigger.MarkPrice"/>, its own or the run's).</summary>
    public bool StopsOnMarkPrice => _working.AnyStopOnMark;

    /// <summary>
    /// False when <see cref="Match"/> would do nothing for an event of <paramref name="symbolId"/> at <paramref name="time"/>:
    /// the symbol has no working order, and no in-flight request has arrived yet. Lets the replay skip the venue on most
    /// events while an order travels.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool NeedsMatch(long time, int symbolId) =>
        (_working.Total != 0 && _working.Count(symbolId) != 0) || _inFlight.AnyArrivedBy(time);

    /// <summary>
    /// The run's models (queue, latency, fees, slippage, and the account's per-event marking), the type the venue is
    /// compiled for (decision 0062); by reference, since the latency models advance their random sequence.
    /// </summary>
    public ref TModels Models => ref _models;

    /// <summary>The run's reports on their way back to the strategy (response latency, decision 0074).</summary>
    public InFlightReports Reports => _reports;

    /// <summary>Hears what <see cref="Accept"/> did with each request (a run's order journal); null: nobody listens. Set after <see cref="Reset"/>.</summary>
    public IRequestLog? RequestLog { get; set; }

    public void Reset(BacktestOptions options, SymbolTable symbols, MarkPriceColumns markPrices, OrderGateway gateway, Portfolio portfolio, RunStatistics statistics, FillLog log, Account account, TModels models, InFlightReports reports)
    {
        _reports = reports;
        _pendingOpen = default;
        int n = symbols.Count;
        if (_books.Length != n) _books = new SymbolBook[n];
        _working.Reset(n);
        _liveSymbol.Clear();
        _contingent.Reset();
        _bounded = options.LimitFillsToDisplayedSize;
        _stopTrigger = options.StopTrigger;
        _markPrices = markPrices;
        double unbounded = _bounded ? 0 : double.PositiveInfinity;
        for (int s = 0; s < n; s++) _books[s] = new SymbolBook { BidAvailable = unbounded, AskAvailable = unbounded };
        if (_consumption.Length < n) Array.Resize(ref _consumption, n);
        foreach (DepthConsumption? c in _consumption) c?.Clear();
        _inFlight.Reset(options);
        _rejectionCount = 0;
        _eventSequence = 0;
        _l3Next = 0;
        _l3Base = 0;
        _models = models;
        _fifo = options.QueuePosition == QueuePosition.Fifo;
        _gateway = gateway;
        _open = gateway.OpenOrders;
        _venueOpen = reports.VenueOpen;
        _portfolio = portfolio;
        _bookkeeper.Reset(symbols, gateway, portfolio, statistics, log, reports.Delays);
        _account = account;
    }

    /// <summary>Records a quote in its symbol's book; called for every quote, orders or not.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void ApplyQuote(in Quote quote)
    {
        ref SymbolBook book = ref _books[quote.SymbolId];
        if (book.Bid != quote.BidPrice) book.BidMoves++;
        if (book.Ask != quote.AskPrice) book.AskMoves++;
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
    /// Records a book update (called for every one, inside a batch too): the first makes the symbol's takers walk its
    /// book; resting limits at its price see the level's new size (their queue models, at any depth); an update at a price
    /// forgets our consumption there (the feed's size replaces it), a reset forgets it all.
    /// </summary>
    public void ApplyBookLevel(in BookUpdate update)
    {
        ref SymbolBook book = ref _books[update.SymbolId];
        DepthConsumption? consumed = book.Consumed;
        if (consumed is null)
        {
            book.Depth = update.Book;
            book.Consumed = consumed = _consumption[update.SymbolId] ??= new DepthConsumption(); // once per symbol, kept across runs
        }
        bool reset = (update.Flags & BookUpdateFlags.Reset) != 0;
        if (_working.Count(update.SymbolId) != 0 && !(book.OrderByOrder && _fifo))
            DepthLevelChanged(update.SymbolId, update.Side, update.Price, update.Size, reset);
        if (consumed.IsEmpty) return;
        if (reset) consumed.Clear();
        else consumed.Forget(update.Side, update.Price);
    }

    /// <summary>
    /// Takes the requests the strategy sent during the handler just run: valid ones go in flight, invalid ones are
    /// reported at once as rejected (at their decision time). Call until the gateway is empty, since the strategy may
    /// send more requests from its <c>OnOrder</c> handler.
    /// </summary>
    public void Accept<TDriver>(ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        AcceptPlaced();
        for (int i = 0; i < _rejectionCount; i++)
            driver.OnOrder(in _rejections[i], orders);
    }

    /// <summary>
    /// <see cref="Accept"/>'s checks and book-keeping, which do not depend on the strategy: not inlined, so that the
    /// engine's image holds them precompiled for the default models and a first run compiles only the loop over the
    /// rejections for the strategy's driver (decision 0112).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AcceptPlaced()
    {
        _rejectionCount = 0;
        ReadOnlySpan<OrderRequest> placed = _gateway.Placed;
        for (int k = 0; k < placed.Length; k++)
        {
            ref readonly OrderRequest request = ref placed[k];
            if (request.Action == OrderAction.New)
            {
                // A contingent group is taken whole where its first order was sent (ExecutionSimulator.Contingent.cs).
                if (request.ContingencyGroupId != 0)
                {
                    if (request.ContingencyGroupId < 0) RejectAtOnce(in request, RejectReason.InvalidContingency);
                    else if (request.ContingencyGroupId == request.OrderId) AcceptGroup(placed, k);
                    continue;
                }
                RejectReason reason = Check(in request);
                OrderRequest accepted = request; // instrument rules may round it onto the grid
                if (reason == RejectReason.None && _account.ChecksOrders) reason = _account.Check(ref accepted);
                if (reason == RejectReason.None)
                {
                    AddInFlight(in accepted, request.SymbolId);
                    RequestLog?.Sent(in accepted);
                }
                else
                {
                    AddRejection(in request, reason == RejectReason.UnknownSymbol ? -1 : request.SymbolId, reason);
                    RequestLog?.Refused(in request);
                }
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
            if (refusal != RejectReason.None)
            {
                AddRejection(in request, symbol, refusal);
                RequestLog?.Refused(in request);
            }
            else
            {
                AddInFlight(in amend, symbol);
                RequestLog?.Sent(in amend);
            }
        }
        _gateway.ClearPlaced();
    }

    private RejectReason Check(in OrderRequest r)
    {
        if ((uint)r.SymbolId >= (uint)_books.Length) return RejectReason.UnknownSymbol;
        if (r.Side != Side.Buy && r.Side != Side.Sell) return RejectReason.InvalidSide;
        if (!(r.Quantity > 0) || double.IsInfinity(r.Quantity)) return RejectReason.InvalidQuantity;
        if (BeyondSanityBound(in r)) return RejectReason.InvalidQuantity;
        if (r.TimeInForce > TimeInForce.PostOnly || r.Type > OrderType.TrailingStopLimit) return RejectReason.Unsupported;
        if (r.TimeInForce == TimeInForce.PostOnly && r.Type is OrderType.Market or OrderType.Stop or OrderType.TrailingStop) return RejectReason.Unsupported;
        bool needsLimit = r.Type == OrderType.Limit || r.Type == OrderType.StopLimit;
        bool needsStop = r.Type == OrderType.Stop || r.Type == OrderType.StopLimit;
        bool trailing = r.Type is OrderType.TrailingStop or OrderType.TrailingStopLimit;
        if (needsLimit && !IsValidPrice(r.LimitPrice)) return RejectReason.InvalidPrice;
        if (needsStop && !IsValidPrice(r.StopPrice)) return RejectReason.InvalidPrice;
        // A trailing stop's offset (positive, finite, a fraction below 1) and activation price (none, or positive and finite).
        if (trailing && (!r.TrailingOffset.IsValid || (r.ActivationPrice is { } activation && !IsValidPrice(activation)))) return RejectReason.InvalidPrice;
        // A trailing stop-limit's limit offset: any finite distance (0: the limit at the stop; negative: on its near side).
        if (r.Type == OrderType.TrailingStopLimit && !double.IsFinite(r.LimitOffset)) return RejectReason.InvalidPrice;
        bool triggered = needsStop || trailing;
        if (triggered && r.Trigger > StopTrigger.MarkPrice) return RejectReason.Unsupported;
        // A stop on the mark price of a symbol without mark prices would wait for ever, silently: refused, whether the mark
        // is its own trigger or the run's (StrategyWarnings also says so before the run).
        if (triggered && (r.Trigger ?? _stopTrigger) == StopTrigger.MarkPrice && !_markPrices.Covers(r.SymbolId)) return RejectReason.Unsupported;
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
        // The venue's count (decision 0075): the account's position plus what is in flight to the venue or working there.
        double position = _portfolio[r.SymbolId].Position + _venueOpen.OpenQuantity(r.SymbolId);
        double after = position + (r.Side == Side.Buy ? r.Quantity : -r.Quantity);
        if (Math.Abs(after) <= Math.Abs(position)) return false;
        double account = Math.Max(_portfolio.Equity, _portfolio.InitialCapital);
        // Worth in the account's currency: × the contract multiplier, and for inverse contracts multiplier / price.
        return !(Math.Abs(after) * _portfolio[r.SymbolId].UnitNotional(price) * _portfolio.RateOf(r.SymbolId) <= MaxLeverage * account);
    }

    /// <summary>
    /// An amend raising a working order's quantity by <paramref name="increase"/> adds to the position it could build
    /// as much as a new order of that size would, so it meets the same sanity bound and buying-power check, counting
    /// position + open quantity at its arrival (the order's old quantity is already open). Checked on arrival (decision
    /// 0042's rule: how much of the order is left depends on the venue); never per event.
    /// </summary>
    private RejectReason CheckIncrease(in WorkingOrder amended, double increase, long time)
    {
        var added = new OrderRequest(OrderAction.New, amended.OrderId, amended.SymbolId, amended.Side, amended.Type, amended.TimeInForce,
            increase, amended.IsTrailing ? double.NaN : amended.LimitPrice, amended.StopPrice, false, time);
        if (BeyondSanityBound(in added)) return RejectReason.InvalidQuantity;
        return _account.CheckIncrease(in added);
    }

    /// <summary>The sanity bound of <see cref="BeyondSanityBound"/>: a position worth 1,000 times the account is refused (docs/execution.md).</summary>
    internal const double MaxLeverage = 1_000;

    /// <summary>The symbol of order <paramref name="orderId"/> while it is in flight or working; -1 once closed (or never sent).</summary>
    private int SymbolOfLiveOrder(long orderId) => _liveSymbol.SymbolOf(orderId);

    private void AddInFlight(in OrderRequest request, int symbolId)
    {
        _inFlight.Send(in request, symbolId, _models.Next());
        if (request.Action == OrderAction.New)
        {
            _liveSymbol.Add(request.OrderId, symbolId);
            double signed = request.Side == Side.Buy ? request.Quantity : -request.Quantity;
            _open.Opened(symbolId, signed, request.ReduceOnly); // the strategy knows what it sent
            if (_reports.Delays) _venueOpen.Opened(symbolId, signed, request.ReduceOnly);
        }
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
        if (request.Action == OrderAction.New) _account.CountRejectedOrder();
        if (_rejectionCount == _rejections.Length) Array.Resize(ref _rejections, _rejections.Length * 2);
        _rejections[_rejectionCount++] = new OrderUpdate(request.OrderId, symbolId, RefusedStatus(request.Action), reason, filled, remaining, request.DecisionTime);
    }

    /// <summary>The filled and remaining quantity of live order <paramref name="orderId"/>: working, or in flight (nothing filled yet).</summary>
    private (double Filled, double Remaining) LiveQuantities(int symbolId, long orderId)
    {
        int i = _working.IndexOf(symbolId, orderId);
        if (i >= 0 && !_working.Of(symbolId)[i].Done) return (_working.Of(symbolId)[i].Filled, _working.Of(symbolId)[i].Remaining);
        return (0, _inFlight.QuantityOfNewOrder(orderId));
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
        _working.ClearClosed();
        ref SymbolBook book = ref _books[s];
        if (_inFlight.Count != 0) ProcessArrivals(in e, ref book, ref driver, orders);
        // Children whose parent filled on arrival work from now on, matched against this event like any arrival.
        if (_contingent.ReleasesDue != 0) ReleaseChildren(in e, ref book, afterMatching: false, ref driver, orders);
        if (_working.Count(s) == 0) return;
        if (!book.QueueFillDue && _working.CannotReachAny(in e, in book))
        {
            if (_working.Closed != 0) _working.RemoveDone(s); // arrivals cancelled some
            return;
        }
        // Handlers called from here can only send requests (taken after the event), so the list stays as it is.
        Span<WorkingOrder> working = _working.Of(s);
        // Each stop triggers on its own trigger's prices: LastPrice on trades and bars, BidAsk on quotes and the L2 book's
        // touch (which reaches the venue as a quote), MarkPrice on marks only (TriggerStopsAtMark). One read when none waits.
        StopTrigger trigger = e.Kind == MarketEventKind.Quote ? StopTrigger.BidAsk : StopTrigger.LastPrice;
        if (_working.StopsOn(s, trigger) != 0) TriggerStops(working, trigger, in e, ref book, ref driver, orders);
        for (int i = 0; i < working.Length; i++)
        {
            ref WorkingOrder o = ref working[i];
            if (o.Done) continue;
            if (o.IsMarket) TakeAtTouch(ref o, in e, ref book, ref driver, orders);
            else if (o.IsLimit && o.TriggeredOnEvent != _eventSequence) MatchResting(ref o, in e, ref book, ref driver, orders);
        }
        book.QueueFillDue = false;
        // Children whose parent filled while matching: released now, after the loops (they do not join a span being iterated).
        if (_contingent.ReleasesDue != 0) ReleaseChildren(in e, ref book, afterMatching: true, ref driver, orders);
        if (_working.Closed != 0) _working.RemoveDone(s);
    }

    private void ProcessArrivals<TDriver>(in MarketEvent e, ref SymbolBook book, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        // Handlers called from here can only send requests (taken after the event), so the span stays as it is.
        foreach (ref readonly InFlightRequest r in _inFlight.TakeArrived(e.SymbolId, e.Timestamp))
        {
            OrderRequest request = r.Request;
            if (r.SymbolId < 0) ReportClosed(in request, -1, e.Timestamp, ref driver, orders);
            else switch (request.Action)
            {
                case OrderAction.New:
                    Arrive(in request, in e, ref book, ref driver, orders);
                    if (request.ContingencyGroupId != 0 && _contingent.Live != 0) ArriveRidingLegs(request.ContingencyGroupId, in e, ref book, ref driver, orders);
                    break;
                case OrderAction.Cancel: ArriveCancel(in request, in e, ref driver, orders); break;
                default: ArriveAmend(in request, in e, ref book, ref driver, orders); break;
            }
        }
    }

    /// <summary>The working order a new order request becomes at the venue (on arrival, or a contingent child on release).</summary>
    private WorkingOrder NewWorkingOrder(in OrderRequest r)
    {
        var o = new WorkingOrder
        {
            OrderId = r.OrderId, SymbolId = r.SymbolId, Side = r.Side, Type = r.Type, TimeInForce = r.TimeInForce, ReduceOnly = r.ReduceOnly,
            Quantity = r.Quantity, Remaining = r.Quantity, Queue = { Ahead = double.PositiveInfinity },
            Trigger = r.Trigger ?? _stopTrigger,
        };
        if (o.IsTrailing)
        {
            // Not trailing yet (no stop); LimitPrice holds the activation price until it does (WorkingOrder.TrailReference).
            (o.StopPrice, o.LimitPrice) = (double.NaN, r.ActivationPrice ?? double.NaN);
            (o.TrailDistance, o.TrailsByFraction) = (r.TrailingOffset.Value, r.TrailingOffset.IsFraction);
            if (o.Type == OrderType.TrailingStopLimit) o.LimitOffset = r.LimitOffset;
        }
        else (o.LimitPrice, o.StopPrice) = (r.LimitPrice, r.StopPrice);
        return o;
    }

    private void Arrive<TDriver>(in OrderRequest r, in MarketEvent e, ref SymbolBook book, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        WorkingOrder o = NewWorkingOrder(in r);
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
            ExecuteOrRest(ref o, touch, ref Available(in e, ref book, o.IsBuy), in e, ref book, ref driver, orders);
        if (o.Done) return;
        _working.Add(in o);
    }

    /// <summary>A limit (or triggered stop-limit) meets the touch: takes liquidity if marketable, else rests (GTC) or is cancelled (IOC/FOK).</summary>
    private void ExecuteOrRest<TDriver>(ref WorkingOrder o, double touch, ref double available, in MarketEvent e, ref SymbolBook book, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        if (IsMarketable(in o, touch))
        {
            if (o.TimeInForce == TimeInForce.PostOnly) Cancel(ref o, RejectReason.PostOnlyWouldCross, e.Timestamp, ref driver, orders);
            else if (!OnDepth(in e, in book)) Take(ref o, touch, ref available, e.Timestamp, ref driver, orders);
            else
            {
                // On the book: take the levels up to the limit, then the rest works at the limit, ahead of the bids it now betters.
                WalkBook(ref o, ref book, o.LimitPrice, e.Timestamp, ref driver, orders);
                if (!o.Done) JoinQueue(ref o, in book);
            }
        }
        else if (o.TimeInForce == TimeInForce.Ioc || o.TimeInForce == TimeInForce.Fok)
        {
            Cancel(ref o, RejectReason.None, e.Timestamp, ref driver, orders);
        }
        else
        {
            JoinQueue(ref o, in book);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ArriveCancel<TDriver>(in OrderRequest r, in MarketEvent e, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        if (_contingent.Live != 0 && CancelHeld(in r, e.Timestamp, ref driver, orders)) return;
        int i = WorkingOrReportClosed(in r, in e, ref driver, orders);
        if (i >= 0) Cancel(ref _working.Of(e.SymbolId)[i], RejectReason.None, e.Timestamp, ref driver, orders);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ArriveAmend<TDriver>(in OrderRequest r, in MarketEvent e, ref SymbolBook book, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        if (_contingent.Live != 0 && AmendHeld(in r, e.Timestamp, ref driver, orders)) return;
        int i = WorkingOrReportClosed(in r, in e, ref driver, orders);
        if (i < 0) return;
        ref WorkingOrder o = ref _working.Of(e.SymbolId)[i];
        bool newPrice = !double.IsNaN(r.LimitPrice), newQuantity = !double.IsNaN(r.Quantity);
        RejectReason reason = RejectReason.None;
        if (o.IsMarket) reason = RejectReason.Unsupported;
        // A trailing stop's stop (and a trailing stop-limit's limit, until it triggers) is the venue's to move: an amend may
        // change its quantity, not its price. A triggered trailing stop-limit is a limit, amended as one.
        else if (newPrice && o.IsTrailing && !o.Triggered) reason = RejectReason.Unsupported;
        // The price and quantity themselves were checked at decision time; what the order became while the amend travelled is checked here.
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
        if (reason == RejectReason.None && newQuantity && r.Quantity > o.Quantity && !o.ReduceOnly)
            reason = CheckIncrease(in amended, r.Quantity - o.Quantity, e.Timestamp);
        if (reason != RejectReason.None)
        {
            Report(in o, OrderStatus.AmendRejected, reason, e.Timestamp, ref driver, orders);
            return;
        }
        if (newQuantity)
        {
            amended.Quantity = r.Quantity;
            amended.Remaining = r.Quantity - o.Filled;
            OpenChanged(o.SymbolId, o.IsBuy ? amended.Remaining - o.Remaining : o.Remaining - amended.Remaining, o.ReduceOnly);
        }
        if (newPrice || amended.Remaining > o.Remaining) JoinQueue(ref amended, in book);
        if (newPrice && amended.Type == OrderType.Limit) _working.WidenLimitBounds(o.SymbolId, o.IsBuy, amended.LimitPrice);
        o = amended;
        Report(in o, OrderStatus.Amended, RejectReason.None, e.Timestamp, ref driver, orders);
        if (!o.IsLimit || !IsMarketable(in o, touch)) return;
        if (OnDepth(in e, in book)) WalkBook(ref o, ref book, o.LimitPrice, e.Timestamp, ref driver, orders);
        else Take(ref o, touch, ref Available(in e, ref book, o.IsBuy), e.Timestamp, ref driver, orders);
    }

    /// <summary>The index of the working order a cancel or amend targets; -1, reported as rejected, when it has filled or been cancelled meanwhile.</summary>
    private int WorkingOrReportClosed<TDriver>(in OrderRequest r, in MarketEvent e, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        int i = _working.IndexOf(e.SymbolId, r.OrderId);
        if (i >= 0 && !_working.Of(e.SymbolId)[i].Done) return i;
        ReportClosed(in r, e.SymbolId, e.Timestamp, ref driver, orders);
        return -1;
    }

    /// <summary>Answers a cancel or amend whose order has filled, been cancelled or been rejected: refused, <see cref="RejectReason.OrderClosed"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReportClosed<TDriver>(in OrderRequest r, int symbolId, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        var closed = new OrderUpdate(r.OrderId, symbolId, RefusedStatus(r.Action), RejectReason.OrderClosed, 0, 0, time);
        ReportUpdate(in closed, ref driver, orders);
    }

    /// <summary>
    /// Ends every order of the strategy, for a liquidation: working orders are <see cref="OrderStatus.Cancelled"/> and new
    /// orders still in flight are dropped and reported <see cref="OrderStatus.Cancelled"/>, both with reason
    /// <see cref="RejectReason.Liquidation"/>. Cancels and amends in flight stay and will find their order closed.
    /// The open-order totals and the live ids lose every order ended here.
    /// </summary>
    public void CancelAll<TDriver>(long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver => CancelAll(time, ReadOnlySpan<bool>.Empty, ref driver, orders);

    /// <summary>
    /// <see cref="CancelAll{TDriver}(long, ref TDriver, Orders)"/> for the symbols <paramref name="symbols"/> marks true
    /// (empty: every symbol), for the liquidation of an isolated position or of the cross positions (decision 0088).
    /// </summary>
    public void CancelAll<TDriver>(long time, ReadOnlySpan<bool> symbols, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        // Handlers called from here can only send requests (taken after), so the lists stay as they are.
        for (int s = 0; s < _working.SymbolCount; s++)
        {
            if (_working.Count(s) == 0 || (!symbols.IsEmpty && !symbols[s])) continue;
            _working.ClearClosed();
            Span<WorkingOrder> list = _working.Of(s);
            for (int i = 0; i < list.Length; i++)
                if (!list[i].Done) Cancel(ref list[i], RejectReason.Liquidation, time, ref driver, orders);
            if (_working.Closed != 0) _working.RemoveDone(s);
        }
        _working.ClearClosed();
        foreach (ref readonly InFlightRequest r in _inFlight.TakeNewOrders(symbols))
        {
            OpenClosed(r.SymbolId, r.Request.Side == Side.Buy ? r.Request.Quantity : -r.Request.Quantity, r.Request.ReduceOnly);
            _liveSymbol.Remove(r.Request.OrderId);
            var dropped = new OrderUpdate(r.Request.OrderId, r.SymbolId, OrderStatus.Cancelled, RejectReason.Liquidation, 0, 0, time);
            ReportUpdate(in dropped, ref driver, orders);
        }
        if (_contingent.Live != 0) CancelWaitingMembers(symbols, RejectReason.Liquidation, time, ref driver, orders);
    }

    /// <summary>An order leaves the venue (filled, cancelled or rejected): it no longer counts as open, and its id no longer resolves.</summary>
    private void OrderClosed(in WorkingOrder o)
    {
        _working.MarkClosed();
        OpenClosed(o.SymbolId, o.IsBuy ? o.Remaining : -o.Remaining, o.ReduceOnly);
        _liveSymbol.Remove(o.OrderId);
    }

    // Reports to the strategy (decision 0074). Without a response latency (one flag, the same on every call of a run) they
    // are told at once and the open totals change at once, as before; with one, the report is queued in _reports and the
    // open-total change travels with the next report made (a fill's with the fill, a close's or amend's with its update),
    // so at every delivery the strategy sees what it would have seen at that point without a response latency. The venue's
    // own totals (_venueOpen, which its checks read) change at once either way (decision 0075).

    /// <summary>An open order's unfilled quantity changed: the venue's open totals change now, the strategy's now or when the next order update reaches it.</summary>
    private void OpenChanged(int symbolId, double signedChange, bool reduceOnly)
    {
        if (!_reports.Delays) _open.Changed(symbolId, signedChange, reduceOnly);
        else
        {
            _venueOpen.Changed(symbolId, signedChange, reduceOnly);
            _pendingOpen = new OpenChange(OpenChangeKind.Changed, symbolId, signedChange, reduceOnly);
        }
    }

    /// <summary>An order starts counting as open (a released child): the venue's open totals gain it now, the strategy's now or when its next order update (its Accepted) reaches it.</summary>
    private void OpenOpened(int symbolId, double signedQuantity, bool reduceOnly)
    {
        if (!_reports.Delays) _open.Opened(symbolId, signedQuantity, reduceOnly);
        else
        {
            _venueOpen.Opened(symbolId, signedQuantity, reduceOnly);
            _pendingOpen = new OpenChange(OpenChangeKind.Opened, symbolId, signedQuantity, reduceOnly);
        }
    }

    /// <summary>An open order closed: the venue's open totals lose it now, the strategy's now or when the next order update reaches it.</summary>
    private void OpenClosed(int symbolId, double signedRemaining, bool reduceOnly)
    {
        if (!_reports.Delays) _open.Closed(symbolId, signedRemaining, reduceOnly);
        else
        {
            _venueOpen.Closed(symbolId, signedRemaining, reduceOnly);
            _pendingOpen = new OpenChange(OpenChangeKind.Closed, symbolId, signedRemaining, reduceOnly);
        }
    }

    /// <summary>Tells the strategy of a fill booked just now: at once, or after the response latency (with the position it left).</summary>
    public void ReportFill<TDriver>(in Fill fill, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        if (!_reports.Delays) driver.OnFill(in fill, orders);
        else
        {
            _reports.Fill(in fill, _portfolio[fill.SymbolId].Position, in _pendingOpen);
            _pendingOpen = default;
        }
    }

    /// <summary>Tells the strategy of an order update made just now: at once, or after the response latency (with the open-total change it carries).</summary>
    public void ReportUpdate<TDriver>(in OrderUpdate update, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        if (!_reports.Delays)
        {
            driver.OnOrder(in update, orders);
            return;
        }
        _reports.Update(in update, in _pendingOpen);
        _pendingOpen = default;
    }
}
