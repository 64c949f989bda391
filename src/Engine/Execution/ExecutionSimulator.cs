using System;
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
internal sealed class ExecutionSimulator : OpenOrdersView
{
    private InFlightRequest[] _inFlight = new InFlightRequest[16];
    private int _inFlightCount;
    private long _nextArrival = long.MaxValue; // earliest arrival time among the in-flight requests
    private WorkingOrder[] _working = new WorkingOrder[16];
    private int _workingCount;
    private OrderUpdate[] _rejections = new OrderUpdate[8];
    private int _rejectionCount;
    private SymbolBook[] _books = Array.Empty<SymbolBook>();
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

    /// <inheritdoc/>
    public override double OpenQuantity(int symbolId)
    {
        double open = 0;
        for (int i = 0; i < _inFlightCount; i++)
        {
            ref readonly InFlightRequest r = ref _inFlight[i];
            if (r.SymbolId == symbolId && r.Request.Action == OrderAction.New)
                open += r.Request.Side == Side.Buy ? r.Request.Quantity : -r.Request.Quantity;
        }
        for (int i = 0; i < _workingCount; i++)
        {
            ref readonly WorkingOrder o = ref _working[i];
            if (o.SymbolId == symbolId && !o.Done)
                open += o.IsBuy ? o.Remaining : -o.Remaining;
        }
        return open;
    }

    /// <inheritdoc/>
    public override double OpenEntryQuantity(int symbolId)
    {
        double open = 0;
        for (int i = 0; i < _inFlightCount; i++)
        {
            ref readonly InFlightRequest r = ref _inFlight[i];
            if (r.SymbolId == symbolId && r.Request.Action == OrderAction.New && !r.Request.ReduceOnly)
                open += r.Request.Side == Side.Buy ? r.Request.Quantity : -r.Request.Quantity;
        }
        for (int i = 0; i < _workingCount; i++)
        {
            ref readonly WorkingOrder o = ref _working[i];
            if (o.SymbolId == symbolId && !o.Done && !o.ReduceOnly)
                open += o.IsBuy ? o.Remaining : -o.Remaining;
        }
        return open;
    }

    /// <summary>
    /// False when <see cref="Match"/> would do nothing at <paramref name="time"/>: no working order, and no in-flight
    /// request has arrived yet. Lets the replay skip the venue on most events while an order travels.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool NeedsMatch(long time) => _workingCount != 0 || (_inFlightCount != 0 && _nextArrival <= time);

    public void Reset(BacktestOptions options, SymbolTable symbols, OrderGateway gateway, Portfolio portfolio, RunStatistics statistics, FillLog log)
    {
        int n = symbols.Count;
        if (_books.Length != n)
        {
            _books = new SymbolBook[n];
            _makerRate = new double[n];
            _takerRate = new double[n];
        }
        _bounded = options.LimitFillsToDisplayedSize;
        double unbounded = _bounded ? 0 : double.PositiveInfinity;
        for (int s = 0; s < n; s++)
        {
            _books[s] = new SymbolBook { BidAvailable = unbounded, AskAvailable = unbounded };
            _makerRate[s] = options.MakerFeeBps / 10_000.0;
            _takerRate[s] = options.TakerFeeBps / 10_000.0;
        }
        if (options.SymbolFees is { } fees) ResolveSymbolFees(fees, symbols);
        _inFlightCount = 0;
        _nextArrival = long.MaxValue;
        _workingCount = 0;
        _rejectionCount = 0;
        _eventSequence = 0;
        _latency = options.FeedLatencyNs + options.OrderLatencyNs;
        _feePerFill = options.FeePerFill;
        _slippageRate = options.SlippageBps / 10_000.0;
        _queueModel = options.QueuePosition;
        _gateway = gateway;
        _portfolio = portfolio;
        _statistics = statistics;
        _log = log;
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
    public void Accept<TDriver>(ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        _rejectionCount = 0;
        foreach (ref readonly OrderRequest request in _gateway.Placed)
        {
            if (request.Action == OrderAction.New)
            {
                RejectReason reason = Check(in request);
                if (reason == RejectReason.None) AddInFlight(in request, request.SymbolId);
                else AddRejection(request.OrderId, reason == RejectReason.UnknownSymbol ? -1 : request.SymbolId, reason, request.DecisionTime);
                continue;
            }
            int symbol = SymbolOfLiveOrder(request.OrderId);
            if (symbol >= 0) AddInFlight(in request, symbol);
            else AddRejection(request.OrderId, -1, request.OrderId > 0 && request.OrderId < _gateway.NextOrderId ? RejectReason.OrderClosed : RejectReason.UnknownOrder, request.DecisionTime);
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
        if (r.TimeInForce > TimeInForce.PostOnly || r.Type > OrderType.StopLimit) return RejectReason.Unsupported;
        if (r.TimeInForce == TimeInForce.PostOnly && (r.Type == OrderType.Market || r.Type == OrderType.Stop)) return RejectReason.Unsupported;
        bool needsLimit = r.Type == OrderType.Limit || r.Type == OrderType.StopLimit;
        bool needsStop = r.Type == OrderType.Stop || r.Type == OrderType.StopLimit;
        if (needsLimit && !IsValidPrice(r.LimitPrice)) return RejectReason.InvalidPrice;
        if (needsStop && !IsValidPrice(r.StopPrice)) return RejectReason.InvalidPrice;
        return RejectReason.None;
    }

    private static bool IsValidPrice(double price) => price > 0 && !double.IsInfinity(price);

    private int SymbolOfLiveOrder(long orderId)
    {
        for (int i = 0; i < _workingCount; i++)
            if (_working[i].OrderId == orderId && !_working[i].Done) return _working[i].SymbolId;
        for (int i = 0; i < _inFlightCount; i++)
            if (_inFlight[i].Request.OrderId == orderId && _inFlight[i].Request.Action == OrderAction.New) return _inFlight[i].SymbolId;
        return -1;
    }

    private void AddInFlight(in OrderRequest request, int symbolId)
    {
        if (_inFlightCount == _inFlight.Length) Array.Resize(ref _inFlight, _inFlight.Length * 2);
        long arrival = request.DecisionTime + _latency;
        _inFlight[_inFlightCount++] = new InFlightRequest(request, symbolId, arrival);
        if (arrival < _nextArrival) _nextArrival = arrival;
    }

    private void AddRejection(long orderId, int symbolId, RejectReason reason, long time)
    {
        if (_rejectionCount == _rejections.Length) Array.Resize(ref _rejections, _rejections.Length * 2);
        _rejections[_rejectionCount++] = new OrderUpdate(orderId, symbolId, OrderStatus.Rejected, reason, 0, 0, time);
    }

    /// <summary>
    /// Lets the requests of the event's symbol that have arrived by its time act, then matches the symbol's working
    /// orders against the event: stops first, then market and limit orders, in order of arrival.
    /// </summary>
    public void Match<TDriver>(in MarketEvent e, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        _eventSequence++;
        _eventAvailable = !_bounded ? double.PositiveInfinity : e.Kind == MarketEventKind.Quote ? 0 : e.Size;
        ref SymbolBook book = ref _books[e.SymbolId];
        if (_inFlightCount != 0) ProcessArrivals(in e, ref book, ref driver, orders);
        if (_workingCount == 0) return;
        if (e.Kind != MarketEventKind.Quote) TriggerStops(in e, ref book, ref driver, orders);
        for (int i = 0; i < _workingCount; i++)
        {
            ref WorkingOrder o = ref _working[i];
            if (o.Done || o.SymbolId != e.SymbolId) continue;
            if (o.IsMarket) TakeAtTouch(ref o, in e, ref book, ref driver, orders);
            else if (o.IsLimit && o.TriggeredOnEvent != _eventSequence) MatchResting(ref o, in e, ref book, ref driver, orders);
        }
        RemoveDone();
    }

    private void ProcessArrivals<TDriver>(in MarketEvent e, ref SymbolBook book, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        int kept = 0, count = _inFlightCount;
        long nextArrival = long.MaxValue;
        for (int i = 0; i < count; i++)
        {
            InFlightRequest r = _inFlight[i];
            if (r.SymbolId != e.SymbolId || r.ArrivalTime > e.Timestamp)
            {
                _inFlight[kept++] = r;
                if (r.ArrivalTime < nextArrival) nextArrival = r.ArrivalTime;
                continue;
            }
            OrderRequest request = r.Request;
            switch (request.Action)
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
        if (_workingCount == _working.Length) Array.Resize(ref _working, _working.Length * 2);
        _working[_workingCount++] = o;
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
        if (i >= 0) Cancel(ref _working[i], RejectReason.None, e.Timestamp, ref driver, orders);
    }

    private void ArriveAmend<TDriver>(in OrderRequest r, in MarketEvent e, ref SymbolBook book, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        int i = WorkingOrReportClosed(in r, in e, ref driver, orders);
        if (i < 0) return;
        ref WorkingOrder o = ref _working[i];
        bool newPrice = !double.IsNaN(r.LimitPrice), newQuantity = !double.IsNaN(r.Quantity);
        RejectReason reason = RejectReason.None;
        if (o.IsMarket) reason = RejectReason.Unsupported;
        else if (newPrice && !IsValidPrice(r.LimitPrice)) reason = RejectReason.InvalidPrice;
        else if (newQuantity && (!(r.Quantity > o.Filled) || double.IsInfinity(r.Quantity))) reason = RejectReason.InvalidQuantity;
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
            Report(in o, OrderStatus.Rejected, reason, e.Timestamp, ref driver, orders);
            return;
        }
        if (newQuantity)
        {
            amended.Quantity = r.Quantity;
            amended.Remaining = r.Quantity - o.Filled;
        }
        if (newPrice || amended.Remaining > o.Remaining) amended.QueueAhead = QueueAheadOnArrival(in amended, in book);
        o = amended;
        Report(in o, OrderStatus.Amended, RejectReason.None, e.Timestamp, ref driver, orders);
        if (o.IsLimit && IsMarketable(in o, touch))
            Take(ref o, touch, ref Available(in e, ref book, o.IsBuy), e.Timestamp, ref driver, orders);
    }

    /// <summary>The index of the working order a cancel or amend targets; -1, reported as rejected, when it has filled or been cancelled meanwhile.</summary>
    private int WorkingOrReportClosed<TDriver>(in OrderRequest r, in MarketEvent e, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        for (int i = 0; i < _workingCount; i++)
            if (_working[i].OrderId == r.OrderId && !_working[i].Done) return i;
        var closed = new OrderUpdate(r.OrderId, e.SymbolId, OrderStatus.Rejected, RejectReason.OrderClosed, 0, 0, e.Timestamp);
        driver.OnOrder(in closed, orders);
        return -1;
    }

    /// <summary>Stops whose trigger the event's prices reach become market (stop) or limit (stop-limit) orders, executing against the trigger price.</summary>
    private void TriggerStops<TDriver>(in MarketEvent e, ref SymbolBook book, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        for (int i = 0; i < _workingCount; i++)
        {
            ref WorkingOrder o = ref _working[i];
            if (o.Done || o.Triggered || o.SymbolId != e.SymbolId || (o.Type != OrderType.Stop && o.Type != OrderType.StopLimit)) continue;
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
        o.Filled += quantity;
        o.Remaining = complete ? 0 : o.Remaining - quantity;
        o.Done = complete;
        int s = o.SymbolId;
        double fee = price * quantity * (isMaker ? _makerRate[s] : _takerRate[s]) + _feePerFill;
        var fill = new Fill(time, o.OrderId, s, o.Side, price, quantity, fee, isMaker);
        if (_portfolio.Apply(in fill, out double tripPnl)) _statistics.OnRoundTrip(tripPnl);
        _statistics.Fills++;
        _log.Append(in fill);
        _gateway.SetPosition(s, _portfolio[s].Position);
        driver.OnFill(in fill, orders);
        Report(in o, complete ? OrderStatus.Filled : OrderStatus.PartiallyFilled, RejectReason.None, time, ref driver, orders);
        if (clipped && !o.Done) Cancel(ref o, RejectReason.ReduceOnlyWouldIncrease, time, ref driver, orders);
        return quantity;
    }

    private double ReducibleBy(in WorkingOrder o)
    {
        double position = _portfolio[o.SymbolId].Position;
        return o.IsBuy ? -position : position;
    }

    private static void Cancel<TDriver>(ref WorkingOrder o, RejectReason reason, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver => Close(ref o, OrderStatus.Cancelled, reason, time, ref driver, orders);

    private static void Reject<TDriver>(ref WorkingOrder o, RejectReason reason, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver => Close(ref o, OrderStatus.Rejected, reason, time, ref driver, orders);

    /// <summary>Ends an order with nothing left to fill and reports its final status.</summary>
    private static void Close<TDriver>(ref WorkingOrder o, OrderStatus status, RejectReason reason, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
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

    private void RemoveDone()
    {
        int kept = 0;
        for (int i = 0; i < _workingCount; i++)
            if (!_working[i].Done) _working[kept++] = _working[i];
        _workingCount = kept;
    }
}
