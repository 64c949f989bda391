using System;
using System.Runtime.CompilerServices;
using Backtester.Infrastructure;

namespace Backtester.Execution;

/// <summary>
/// The matching rules of the venue (docs/execution.md, "The touch and market orders", "Limit orders", "Stops"): stops
/// trigger, market orders take at the touch, marketable limits take, resting limits fill as makers, and the queue
/// position of a resting limit; every fill is priced, charged its fee and booked through the bookkeeper.
/// </summary>
internal sealed partial class ExecutionSimulator<TModels>
{
    /// <summary>
    /// Stops on <paramref name="trigger"/> (the event's: <see cref="StopTrigger.LastPrice"/> for a trade or bar,
    /// <see cref="StopTrigger.BidAsk"/> for a quote) whose stop the event's prices reach become market (stop) or limit
    /// (stop-limit) orders, executing against the trigger price: a trade's or bar's range, or for a quote the touch a buy
    /// would take (the ask) or a sell (the bid). Stops on other triggers wait.
    /// </summary>
    private void TriggerStops<TDriver>(Span<WorkingOrder> working, StopTrigger trigger, in MarketEvent e, ref SymbolBook book, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        for (int i = 0; i < working.Length; i++)
        {
            ref WorkingOrder o = ref working[i];
            if (!o.AwaitsTrigger || o.Trigger != trigger) continue;
            // A trade's price is its open, high and low alike; a quote's is the side the stop would take.
            bool reached = e.Kind == MarketEventKind.Bar ? BarReaches(ref o, in e) : ReachesAt(ref o, e.Kind == MarketEventKind.Quote ? o.IsBuy ? book.Ask : book.Bid : e.Open);
            if (!reached) continue;
            MarkTriggered(ref o, trigger);
            ExecuteTriggered(ref o, in e, ref book, ref driver, orders);
        }
    }

    /// <summary>
    /// Whether one trigger price reaches a waiting stop (a buy at or above its stop, a sell at or below). A trailing stop
    /// first trails it (a new extreme puts the stop an offset away, so that price never reaches it), then is tested.
    /// </summary>
    private static bool ReachesAt(ref WorkingOrder o, double price)
    {
        if (o.IsTrailing) o.Trail(price);
        return o.IsBuy ? price >= o.StopPrice : price <= o.StopPrice;
    }

    /// <summary>
    /// Whether a bar's range reaches a waiting stop. A bar's order within it is unknown, so a trailing stop takes the worse
    /// case: its adverse extreme (a sell's low, a buy's high) tests the stop from before the bar, and only when it does not
    /// reach it does the favourable extreme (a sell's high, a buy's low) move the stop, for the events after it.
    /// </summary>
    private static bool BarReaches(ref WorkingOrder o, in MarketEvent e)
    {
        bool buy = o.IsBuy;
        bool reached = buy ? e.High >= o.StopPrice : e.Low <= o.StopPrice;
        if (!reached && o.IsTrailing) o.Trail(buy ? e.Low : e.High);
        return reached;
    }

    /// <summary>
    /// A waiting stop has triggered on <paramref name="trigger"/>'s prices: it stops waiting; a trailing stop-limit takes
    /// its limit price from the stop it trailed to, and the journal hears the stop (and limit) a trailing one triggered at.
    /// </summary>
    private void MarkTriggered(ref WorkingOrder o, StopTrigger trigger)
    {
        o.Triggered = true;
        _working.Triggered(o.SymbolId, trigger);
        o.TriggeredOnEvent = _eventSequence;
        if (!o.IsTrailing) return;
        if (o.Type == OrderType.TrailingStopLimit) o.BecomeLimit();
        RequestLog?.StopTriggered(o.OrderId, o.StopPrice, o.IsLimit ? o.LimitPrice : double.NaN);
    }

    /// <summary>
    /// A stop that has just triggered on <paramref name="e"/>: a trade on a quoted symbol, or a quote, meets the touch; a
    /// bar or a trade on an unquoted symbol meets the trigger, or the open when it gapped through it.
    /// </summary>
    private void ExecuteTriggered<TDriver>(ref WorkingOrder o, in MarketEvent e, ref SymbolBook book, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        bool atTouch = book.HasQuote && e.Kind != MarketEventKind.Bar;
        double price = atTouch ? TouchPrice(in e, in book, o.IsBuy) : o.IsBuy ? Math.Max(e.Open, o.StopPrice) : Math.Min(e.Open, o.StopPrice);
        ref double available = ref atTouch ? ref (o.IsBuy ? ref book.AskAvailable : ref book.BidAvailable) : ref _eventAvailable;
        if (!o.BecomesLimit && atTouch && OnDepth(in e, in book)) WalkBook(ref o, ref book, Unlimited(o.IsBuy), e.Timestamp, ref driver, orders);
        else if (!o.BecomesLimit) Take(ref o, Slipped(price, o.IsBuy), ref available, e.Timestamp, ref driver, orders);
        else ExecuteOrRest(ref o, price, ref available, in e, ref book, ref driver, orders);
    }

    /// <summary>
    /// The symbol's stops on <see cref="StopTrigger.MarkPrice"/> (their own trigger or the run's) whose stop the exchange's
    /// mark price reaches (a buy at or above its stop, a sell at or below) trigger; stops on other triggers wait. On a
    /// quoted symbol a triggered order meets the touch at once, as on a quote (walking the L2 book on depth data);
    /// otherwise it works as a market order (a stop) or a limit (a stop-limit, resting at its limit) until the symbol's
    /// next trade or bar.
    /// </summary>
    public void TriggerStopsAtMark<TDriver>(in MarkPriceUpdate mark, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        int s = mark.SymbolId;
        if (_working.StopsOn(s, StopTrigger.MarkPrice) == 0) return;
        _eventSequence++;
        _working.ClearClosed();
        ref SymbolBook book = ref _books[s];
        // The touch as a quote would show it (no trade at the mark: a bounded fill takes what the touch shows).
        var touch = new MarketEvent(MarketEventKind.Quote, mark.Timestamp, s, double.NaN, double.NaN, double.NaN, 0);
        _eventAvailable = !_bounded ? double.PositiveInfinity : 0;
        // Handlers called from here can only send requests (taken after the event), so the list stays as it is.
        Span<WorkingOrder> working = _working.Of(s);
        for (int i = 0; i < working.Length; i++)
        {
            ref WorkingOrder o = ref working[i];
            if (!o.AwaitsTrigger || o.Trigger != StopTrigger.MarkPrice || !ReachesAt(ref o, mark.Price)) continue;
            MarkTriggered(ref o, StopTrigger.MarkPrice);
            if (book.HasQuote) ExecuteTriggered(ref o, in touch, ref book, ref driver, orders);
        }
        if (_contingent.ReleasesDue != 0) ReleaseChildren(in touch, ref book, afterMatching: true, ref driver, orders);
        if (_working.Closed != 0) _working.RemoveDone(s);
    }

    private void TakeAtTouch<TDriver>(ref WorkingOrder o, in MarketEvent e, ref SymbolBook book, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        if (OnDepth(in e, in book)) WalkBook(ref o, ref book, Unlimited(o.IsBuy), e.Timestamp, ref driver, orders);
        else Take(ref o, Slipped(TouchPrice(in e, in book, o.IsBuy), o.IsBuy), ref Available(in e, ref book, o.IsBuy), e.Timestamp, ref driver, orders);
    }

    /// <summary>True when a taker meets the symbol's L2 book: the run has book data for it, the book has shown a touch, and the event is not a bar.</summary>
    private static bool OnDepth(in MarketEvent e, in SymbolBook book) => book.Depth is not null && book.HasQuote && e.Kind != MarketEventKind.Bar;

    /// <summary>The limit of a market order's walk: every level.</summary>
    private static double Unlimited(bool buy) => buy ? double.PositiveInfinity : double.NegativeInfinity;

    /// <summary>
    /// Takes from the L2 book (docs/execution.md, "Market orders on the book"): level by level from the best, at most
    /// <paramref name="limit"/> (a buy takes asks at or below it, a sell bids at or above), each level offering its size
    /// less what we took there since the data last set it; one taker fill per level at the level's price, no slippage (the
    /// walk is the price impact). FOK first checks the whole quantity is there and cancels without filling otherwise;
    /// IOC cancels what is left; GTC leaves it working.
    /// </summary>
    private void WalkBook<TDriver>(ref WorkingOrder o, ref SymbolBook book, double limit, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        bool immediate = o.TimeInForce == TimeInForce.Ioc || o.TimeInForce == TimeInForce.Fok;
        if (o.TimeInForce != TimeInForce.Fok || DepthAvailable(in book, o.IsBuy, limit) >= o.Remaining)
        {
            BookSide side = o.IsBuy ? BookSide.Ask : BookSide.Bid;
            OrderBook depth = book.Depth!;
            DepthConsumption consumed = book.Consumed!;
            // Handlers called from Execute can only send requests, so the book stays as it is during the walk.
            int n = depth.LevelCount(side);
            for (int i = 0; i < n && !o.Done; i++)
            {
                BookLevel level = depth.Level(side, i);
                if (o.IsBuy ? level.Price > limit : level.Price < limit) break;
                double left = level.Size - consumed.At(side, level.Price);
                if (!(left > 0)) continue;
                double taken = Execute(ref o, level.Price, Math.Min(o.Remaining, left), isMaker: false, time, ref driver, orders);
                if (taken > 0) consumed.Add(side, level.Price, taken);
            }
        }
        if (immediate && !o.Done) Cancel(ref o, RejectReason.None, time, ref driver, orders);
    }

    /// <summary>What the L2 book offers a buy (its asks) or a sell (its bids) at prices up to <paramref name="limit"/>, less our consumption.</summary>
    private static double DepthAvailable(in SymbolBook book, bool buy, double limit)
    {
        BookSide side = buy ? BookSide.Ask : BookSide.Bid;
        OrderBook depth = book.Depth!;
        double total = 0;
        int n = depth.LevelCount(side);
        for (int i = 0; i < n; i++)
        {
            BookLevel level = depth.Level(side, i);
            if (buy ? level.Price > limit : level.Price < limit) break;
            total += Math.Max(0, level.Size - book.Consumed!.At(side, level.Price));
        }
        return total;
    }

    /// <summary>
    /// A resting limit the book's other side reached (asks at or below a buy, bids at or above a sell): it fills as a
    /// maker at its price, as against a quote, but only as much as those levels hold beyond what we took; the fill uses
    /// them up from the best.
    /// </summary>
    private void FillRestingOnDepth<TDriver>(ref WorkingOrder o, ref SymbolBook book, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        double quantity = Math.Min(o.Remaining, DepthAvailable(in book, o.IsBuy, o.LimitPrice));
        if (!(quantity > 0)) return;
        double filled = Execute(ref o, o.LimitPrice, quantity, isMaker: true, time, ref driver, orders);
        BookSide side = o.IsBuy ? BookSide.Ask : BookSide.Bid;
        OrderBook depth = book.Depth!;
        DepthConsumption consumed = book.Consumed!;
        for (int i = 0; filled > 0 && i < depth.LevelCount(side); i++)
        {
            BookLevel level = depth.Level(side, i);
            double take = Math.Min(filled, Math.Max(0, level.Size - consumed.At(side, level.Price)));
            if (take > 0) consumed.Add(side, level.Price, take);
            filled -= take;
        }
    }

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
        if (o.QueueFill > 0)
        {
            // L3 FIFO: executions behind the order traded this much past it, as a maker at its price.
            double traded = o.QueueFill, unbounded = double.PositiveInfinity;
            o.QueueFill = 0;
            FillResting(ref o, traded, ref unbounded, e.Timestamp, ref driver, orders);
            if (o.Done) return;
        }
        if (e.Kind == MarketEventKind.Quote)
        {
            double sameSide = buy ? book.Bid : book.Ask, sameSize = buy ? book.BidSize : book.AskSize;
            if (buy ? sameSide < limit : sameSide > limit) o.Queue.Ahead = 0; // the touch left our price: nobody is ahead any more
            // On book data every level's size reached the order already, row by row (ApplyBookLevel): the touch adds nothing.
            else if (sameSide == limit && book.Depth is null) _models.OnLevelChanged(ref o.Queue, sameSize, buy ? book.BidMoves : book.AskMoves);
            if (!(buy ? book.Ask <= limit : book.Bid >= limit)) return;
            if (book.Depth is not null) FillRestingOnDepth(ref o, ref book, e.Timestamp, ref driver, orders);
            else FillResting(ref o, double.PositiveInfinity, ref buy ? ref book.AskAvailable : ref book.BidAvailable, e.Timestamp, ref driver, orders);
            return;
        }
        if (buy ? e.Low < limit : e.High > limit)
        {
            o.Queue.Ahead = 0;
            FillResting(ref o, double.PositiveInfinity, ref _eventAvailable, e.Timestamp, ref driver, orders);
        }
        else if (e.Kind == MarketEventKind.Trade && e.Open == limit && !(book.OrderByOrder && _fifo))
        {
            double beyondQueue = _models.OnTradeAtPrice(ref o.Queue, e.Size);
            if (!(beyondQueue > 0)) return;
            if (!_bounded) beyondQueue = double.PositiveInfinity;
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
        double reducible = o.ReduceOnly ? ReducibleBy(in o) : double.PositiveInfinity;
        if (reducible <= 0)
        {
            Cancel(ref o, RejectReason.ReduceOnlyWouldIncrease, time, ref driver, orders);
            return 0;
        }
        bool clipped = quantity > reducible;
        Fill fill = BookFill(ref o, price, clipped ? reducible : quantity, isMaker, time);
        bool complete = o.Done;
        ReportFill(in fill, ref driver, orders);
        Report(in o, complete ? OrderStatus.Filled : OrderStatus.PartiallyFilled, RejectReason.None, time, ref driver, orders);
        if (_contingent.Live != 0) ContingentFill(in o, fill.Quantity, complete, time, ref driver, orders);
        if (clipped && !o.Done) Cancel(ref o, RejectReason.ReduceOnlyWouldIncrease, time, ref driver, orders);
        return fill.Quantity;
    }

    /// <summary>
    /// <see cref="Execute"/>'s book-keeping, which does not depend on the strategy (precompiled for the default models,
    /// decision 0112): updates the order and the open quantities for a fill of <paramref name="quantity"/> (already
    /// clipped to the position for a reduce-only order), and books the fill in the portfolio, statistics and fill log.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Fill BookFill(ref WorkingOrder o, double price, double quantity, bool isMaker, long time)
    {
        bool complete = quantity >= o.Remaining;
        if (complete) OrderClosed(in o);
        else OpenChanged(o.SymbolId, o.IsBuy ? -quantity : quantity, o.ReduceOnly);
        o.Filled += quantity;
        o.Remaining = complete ? 0 : o.Remaining - quantity;
        o.Done = complete;
        var fill = new Fill(time, o.OrderId, o.SymbolId, o.Side, price, quantity, _models.Of(o.SymbolId, price, quantity, isMaker), isMaker);
        _bookkeeper.Book(in fill);
        return fill;
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
        if (status == OrderStatus.Rejected) _account.CountRejectedOrder();
        Report(in o, status, reason, time, ref driver, orders);
        if (_contingent.Live != 0) ContingentClosed(in o, reason, time, ref driver, orders);
    }

    private void Report<TDriver>(in WorkingOrder o, OrderStatus status, RejectReason reason, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        var update = new OrderUpdate(o.OrderId, o.SymbolId, status, reason, o.Filled, o.Remaining, time);
        ReportUpdate(in update, ref driver, orders);
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

    private double Slipped(double price, bool buy) => _models.Slipped(price, buy);

    private static bool IsMarketable(in WorkingOrder o, double touch) => o.IsBuy ? touch <= o.LimitPrice : touch >= o.LimitPrice;

    /// <summary>
    /// A resting order joins the back of the queue at its price: the displayed size is ahead when it joins the touch,
    /// none when it improves it, an unknown (+∞) queue behind the touch or without quotes; the queue model takes it from
    /// there. On L2 book data the venue knows every displayed level: the order joins behind the size at its price (0
    /// between displayed levels), and the queue is unknown only beyond the deepest level shown.
    /// </summary>
    private void JoinQueue(ref WorkingOrder o, in SymbolBook book)
    {
        o.Queue.JoinedAt = _eventSequence;
        o.ArrivalSequence = _l3Next;
        if (!book.HasQuote)
        {
            _models.Join(ref o.Queue, double.PositiveInfinity, double.NaN, 0);
            return;
        }
        double touch = o.IsBuy ? book.Bid : book.Ask;
        if (book.Depth is not null && !(o.IsBuy ? o.LimitPrice > touch : o.LimitPrice < touch))
        {
            JoinDepthQueue(ref o, book.Depth);
            return;
        }
        if (touch == o.LimitPrice)
        {
            double size = o.IsBuy ? book.BidSize : book.AskSize;
            _models.Join(ref o.Queue, size, size, o.IsBuy ? book.BidMoves : book.AskMoves);
        }
        else _models.Join(ref o.Queue, (o.IsBuy ? o.LimitPrice > touch : o.LimitPrice < touch) ? 0 : double.PositiveInfinity, double.NaN, 0);
    }
    /// <summary>
    /// Joins behind the L2 book's size at the order's price (at or behind the touch): the level's size when it is shown,
    /// 0 at a price between shown levels, unknown (+∞) beyond the deepest level shown (a depth-limited snapshot says
    /// nothing there). On market-by-order data this is exactly the size of the orders there before it (FIFO).
    /// </summary>
    private void JoinDepthQueue(ref WorkingOrder o, OrderBook depth)
    {
        BookSide side = o.IsBuy ? BookSide.Bid : BookSide.Ask;
        int n = depth.LevelCount(side);
        double deepest = n == 0 ? double.NaN : depth.Level(side, n - 1).Price;
        if (n == 0 || (o.IsBuy ? o.LimitPrice < deepest : o.LimitPrice > deepest))
        {
            _models.Join(ref o.Queue, double.PositiveInfinity, double.NaN, 0);
            return;
        }
        double size = depth.SizeAt(side, o.LimitPrice);
        // Every level is visible on book data: one level version for the order's life, so each size compares with the last.
        _models.Join(ref o.Queue, size, size, o.Queue.LevelVersion);
    }

    /// <summary>
    /// A book update set the level at <paramref name="price"/> of <paramref name="side"/> to <paramref name="size"/> (0:
    /// removed), or cleared the book (<paramref name="reset"/>): resting limits of <paramref name="symbolId"/> at that
    /// price see the new size as at the touch (the queue model's <see cref="IQueueModel.OnLevelChanged"/>, with the
    /// order's own level version, so the last size is compared); after a reset a level's last size is stale (the
    /// snapshot rebuilds the book), so the next size only caps the queue.
    /// </summary>
    private void DepthLevelChanged(int symbolId, BookSide side, double price, double size, bool reset)
    {
        Span<WorkingOrder> working = _working.Of(symbolId);
        bool buy = side == BookSide.Bid;
        for (int i = 0; i < working.Length; i++)
        {
            ref WorkingOrder o = ref working[i];
            if (o.Done || !o.IsLimit) continue;
            if (reset) o.Queue.LevelSize = double.NaN;
            // One branch, taken rarely (an update at the order's own level): updates come on either side at random, and
            // a short-circuit test of the side first would mispredict on about half of them.
            if ((o.IsBuy == buy) & (o.LimitPrice == price)) _models.OnLevelChanged(ref o.Queue, size, o.Queue.LevelVersion);
        }
    }
}
