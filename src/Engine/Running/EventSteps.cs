using System.Runtime.CompilerServices;
using Backtester.Accounting;
using Backtester.Data;
using Backtester.Execution;
using Backtester.Infrastructure;
using Backtester.Statistics;
using Backtester.Timers;

namespace Backtester;

/// <summary>
/// The steps each kind of event goes through in the replay, in order: mark the symbol (trade price, quote mid, bar
/// close, book mid), liquidate a margin account whose equity fell below its maintenance margin, let arrived requests
/// act and match working orders, record equity, call the strategy's handler, and take the requests it sent. The
/// cursors of <see cref="EventMerge"/> call them from <see cref="IEventSource.Deliver"/>.
/// </summary>
internal static class EventSteps
{
    /// <summary>Fires, in time order (ties by id), every timer due before <paramref name="before"/>; each may send requests.</summary>
    public static void FireTimers<TDriver, TModels>(TimerSchedule timers, long before, ref TDriver driver, Orders orders, RunParts<TModels> run)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        while (timers.NextDue < before)
        {
            TimerTick tick = timers.Take();
            run.Gateway.SetCurrent(tick.Timestamp, -1);
            DeliverReports(run, tick.Timestamp, ref driver, orders);
            driver.OnTimer(in tick, orders);
            AcceptAll(run, ref driver, orders);
        }
    }

    /// <summary>
    /// A funding settlement: booked on the open position, then the strategy's <c>OnFunding</c> handler, told the amount
    /// booked (<see cref="Funding.Amount"/>), then its requests.
    /// </summary>
    public static void OnFunding<TDriver, TModels>(in Funding funding, ref TDriver driver, Orders orders, RunParts<TModels> run)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        run.Gateway.SetCurrent(funding.Timestamp, funding.SymbolId);
        DeliverReports(run, funding.Timestamp, ref driver, orders);
        Funding settled = funding with { Amount = run.Venue.Account.ApplyFunding(in funding) };
        LiquidateIfBelowMaintenance(run, funding.Timestamp, funding.SymbolId, ref driver, orders);
        driver.OnFunding(in settled, orders);
        AcceptAll(run, ref driver, orders);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OnQuote<TDriver, TModels>(in Quote quote, ref TDriver driver, Orders orders, RunParts<TModels> run)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        run.Venue.ApplyQuote(in quote);
        double equity = Settle(run, quote.Timestamp, quote.SymbolId, quote.Mid, ref driver, orders);
        if (run.Venue.NeedsMatch(quote.Timestamp, quote.SymbolId)) equity = MatchThenEquity(run, MarketEvent.FromQuote(in quote), ref driver, orders);
        Record(run, quote.Timestamp, equity);
        driver.OnQuote(in quote, orders);
        AcceptAll(run, ref driver, orders);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OnTrade<TDriver, TModels>(in Trade trade, ref TDriver driver, Orders orders, RunParts<TModels> run)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        double equity = Settle(run, trade.Timestamp, trade.SymbolId, trade.Price, ref driver, orders);
        if (run.Venue.NeedsMatch(trade.Timestamp, trade.SymbolId)) equity = MatchThenEquity(run, MarketEvent.FromTrade(in trade), ref driver, orders);
        Record(run, trade.Timestamp, equity);
        driver.OnTrade(in trade, orders);
        AcceptAll(run, ref driver, orders);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OnBar<TDriver, TModels>(in Bar bar, ref TDriver driver, Orders orders, RunParts<TModels> run)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        double equity = Settle(run, bar.Timestamp, bar.SymbolId, bar.Close, ref driver, orders);
        if (run.Venue.NeedsMatch(bar.Timestamp, bar.SymbolId)) equity = MatchThenEquity(run, MarketEvent.FromBar(in bar), ref driver, orders);
        Record(run, bar.Timestamp, equity);
        driver.OnBar(in bar, orders);
        AcceptAll(run, ref driver, orders);
    }

    /// <summary>
    /// The exchange's mark price: under <see cref="MarkSource.MarkPrice"/> it marks the symbol and a margin account below
    /// its maintenance margin is liquidated (decision 0082); under <see cref="StopTrigger.MarkPrice"/> it triggers the
    /// symbol's stops. Then equity statistics, the strategy's <c>OnMarkPrice</c>, and its requests. Requests that have
    /// arrived act at the market's next event of the symbol, not here: a mark is not a price anyone trades at.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OnMarkPrice<TDriver, TModels>(in MarkPriceUpdate mark, ref TDriver driver, Orders orders, RunParts<TModels> run)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        run.Gateway.SetCurrent(mark.Timestamp, mark.SymbolId);
        DeliverReports(run, mark.Timestamp, ref driver, orders);
        run.Venue.Models.MarkAtMarkPrice(run.Portfolio, mark.SymbolId, mark.Price);
        if (run.Venue.Models.BelowMaintenanceAtMarkPrice(run.Portfolio, mark.SymbolId)) run.Venue.Account.Liquidate(run.Venue, mark.Timestamp, mark.SymbolId, ref driver, orders);
        if (run.Venue.StopsOnMarkPrice) run.Venue.TriggerStopsAtMark(in mark, ref driver, orders);
        Record(run, mark.Timestamp);
        driver.OnMarkPrice(in mark, orders);
        AcceptAll(run, ref driver, orders);
    }

    /// <summary>
    /// The first steps of a market event (trade, quote, bar): the clock the strategy sees; the symbol's mark and the
    /// maintenance test in one step (<see cref="IAccountMarks.MarkThenBelowMaintenance"/>); the reports due
    /// (<see cref="DeliverReports"/>), after which the account is tested again; and the liquidation of an account below
    /// its maintenance margin. Returns the account's equity after them for <c>Record</c>: the one the mark computed when
    /// nothing acted, read again when reports were delivered or the account liquidated.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Settle<TDriver, TModels>(RunParts<TModels> run, long timestamp, int symbolId, double markPrice, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        run.Gateway.SetCurrent(timestamp, symbolId);
        bool below = run.Venue.Models.MarkThenBelowMaintenance(run.Portfolio, symbolId, markPrice, out double equity);
        // Nearly every event: no report due and the account above its maintenance margin, one test for both.
        if (below || run.Venue.Reports.DueBy(timestamp)) return SettleReportsOrLiquidation(run, timestamp, symbolId, below, ref driver, orders);
        return equity;
    }

    /// <summary>
    /// <see cref="Settle"/> when reports are due or the mark left the account below its maintenance margin: the reports
    /// reach the strategy and the account is tested again, then a liquidation; returns the equity after them.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double SettleReportsOrLiquidation<TDriver, TModels>(RunParts<TModels> run, long timestamp, int symbolId, bool below, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        if (run.Venue.Reports.DueBy(timestamp))
        {
            run.Venue.Reports.Deliver(timestamp, ref driver, orders);
            below = run.Venue.Models.BelowMaintenance(run.Portfolio, symbolId);
        }
        if (below) run.Venue.Account.Liquidate(run.Venue, timestamp, symbolId, ref driver, orders);
        return run.Portfolio.Equity;
    }

    /// <summary>The venue matches <paramref name="e"/> (after <c>NeedsMatch</c>); returns the account's equity after the fills.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MatchThenEquity<TDriver, TModels>(RunParts<TModels> run, in MarketEvent e, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        run.Venue.Match(in e, ref driver, orders);
        return run.Portfolio.Equity;
    }

    /// <summary>
    /// Before an event acts: the venue's reports due by its time reach the strategy (a response latency, decision 0074),
    /// the clock already at the event. Requests their handlers send are taken after the event's handler, as those of
    /// <c>OnFill</c> on the venue step. Without a response latency the queue is always empty: one test per event.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DeliverReports<TDriver, TModels>(RunParts<TModels> run, long timestamp, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        if (run.Venue.Reports.DueBy(timestamp)) run.Venue.Reports.Deliver(timestamp, ref driver, orders);
    }

    /// <summary>
    /// After a mark: a margin account whose equity fell below its maintenance margin is liquidated before anything else
    /// acts. Accounts that cannot be liquidated compile this to nothing (<see cref="PlainMarks"/>, decision 0064).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LiquidateIfBelowMaintenance<TDriver, TModels>(RunParts<TModels> run, long timestamp, int symbolId, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        if (run.Venue.Models.BelowMaintenance(run.Portfolio, symbolId)) run.Venue.Account.Liquidate(run.Venue, timestamp, symbolId, ref driver, orders);
    }

    /// <summary>After the venue has acted: equity statistics for this event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Record<TModels>(RunParts<TModels> run, long timestamp)
        where TModels : struct, IVenueModels => run.Statistics.OnEvent(timestamp, run.Portfolio.Equity, run.Portfolio.OpenPositions != 0);

    /// <summary>
    /// <c>Record</c> with the account's <paramref name="equity"/> known: from <see cref="Settle"/>, or
    /// <see cref="MatchThenEquity"/> when the venue matched.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Record<TModels>(RunParts<TModels> run, long timestamp, double equity)
        where TModels : struct, IVenueModels => run.Statistics.OnEvent(timestamp, equity, run.Portfolio.OpenPositions != 0);

    /// <summary>Hands the requests of the handler just run to the venue, and any the strategy sends on hearing of rejections.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AcceptAll<TDriver, TModels>(RunParts<TModels> run, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        while (run.Gateway.PlacedCount != 0) run.Venue.Accept(ref driver, orders);
    }

    /// <summary>
    /// A book update, already applied to its symbol's book. At the end of a batch (the book consistent again) the venue
    /// sees the two-sided book's touch as a quote when it moved, the symbol is marked at its mid, and arrived requests
    /// and working orders are matched against it; inside a batch only the strategy hears of the update.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OnBook<TDriver, TModels>(in BookUpdate update, bool touchChanged, ref TDriver driver, Orders orders, RunParts<TModels> run)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        run.Gateway.SetCurrent(update.Timestamp, update.SymbolId);
        DeliverReports(run, update.Timestamp, ref driver, orders);
        run.Venue.ApplyBookLevel(in update);
        OrderBook book = update.Book;
        if ((update.Flags & BookUpdateFlags.EndOfBatch) != 0 && book.IsTwoSided)
        {
            var top = new Quote(update.Timestamp, update.SymbolId, book.BestBid, book.BestBidSize, book.BestAsk, book.BestAskSize);
            if (touchChanged)
            {
                run.Venue.ApplyQuote(in top);
                run.Venue.Models.Mark(run.Portfolio, update.SymbolId, top.Mid);
                // As after every other mark: a margin account below maintenance is liquidated before anything else acts.
                LiquidateIfBelowMaintenance(run, update.Timestamp, update.SymbolId, ref driver, orders);
            }
            if (run.Venue.NeedsMatch(update.Timestamp, update.SymbolId)) run.Venue.Match(MarketEvent.FromQuote(in top), ref driver, orders);
        }
        Record(run, update.Timestamp);
        driver.OnBook(in update, orders);
        AcceptAll(run, ref driver, orders);
    }
}

/// <summary>
/// The parts a replay touches on every event, passed by value: a struct of four references that the JIT keeps in
/// registers, where fields of the runner would be reloaded from the heap after every store. <typeparamref name="TModels"/>
/// is the run's venue models and account marking (decision 0062), chosen once per run by the runner.
/// </summary>
internal readonly record struct RunParts<TModels>(OrderGateway Gateway, ExecutionSimulator<TModels> Venue, Portfolio Portfolio, RunStatistics Statistics)
    where TModels : struct, IVenueModels;
