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
        bool below = Settle(run, quote.Timestamp, quote.SymbolId, quote.Mid, out double equity);
        if (DeliverReportsThenLiquidate(run, quote.Timestamp, quote.SymbolId, below, ref driver, orders)) equity = run.Portfolio.Equity;
        if (run.Venue.NeedsMatch(quote.Timestamp, quote.SymbolId))
        {
            run.Venue.Match(MarketEvent.FromQuote(in quote), ref driver, orders);
            equity = run.Portfolio.Equity;
        }
        Record(run, quote.Timestamp, equity);
        driver.OnQuote(in quote, orders);
        AcceptAll(run, ref driver, orders);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OnTrade<TDriver, TModels>(in Trade trade, ref TDriver driver, Orders orders, RunParts<TModels> run)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        bool below = Settle(run, trade.Timestamp, trade.SymbolId, trade.Price, out double equity);
        if (DeliverReportsThenLiquidate(run, trade.Timestamp, trade.SymbolId, below, ref driver, orders)) equity = run.Portfolio.Equity;
        if (run.Venue.NeedsMatch(trade.Timestamp, trade.SymbolId))
        {
            run.Venue.Match(MarketEvent.FromTrade(in trade), ref driver, orders);
            equity = run.Portfolio.Equity;
        }
        Record(run, trade.Timestamp, equity);
        driver.OnTrade(in trade, orders);
        AcceptAll(run, ref driver, orders);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OnBar<TDriver, TModels>(in Bar bar, ref TDriver driver, Orders orders, RunParts<TModels> run)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        bool below = Settle(run, bar.Timestamp, bar.SymbolId, bar.Close, out double equity);
        if (DeliverReportsThenLiquidate(run, bar.Timestamp, bar.SymbolId, below, ref driver, orders)) equity = run.Portfolio.Equity;
        if (run.Venue.NeedsMatch(bar.Timestamp, bar.SymbolId))
        {
            run.Venue.Match(MarketEvent.FromBar(in bar), ref driver, orders);
            equity = run.Portfolio.Equity;
        }
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
    /// The first steps of every event: the clock the strategy sees, and the symbol's mark. Returns whether the account is
    /// then below its maintenance margin (<see cref="IAccountMarks.MarkThenBelowMaintenance"/>), for
    /// <see cref="DeliverReportsThenLiquidate"/>, with the equity after the mark in <paramref name="equity"/>, for
    /// the recording step (<c>Record</c>) when nothing else changed the account before it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Settle<TModels>(RunParts<TModels> run, long timestamp, int symbolId, double markPrice, out double equity)
        where TModels : struct, IVenueModels
    {
        run.Gateway.SetCurrent(timestamp, symbolId);
        return run.Venue.Models.MarkThenBelowMaintenance(run.Portfolio, symbolId, markPrice, out equity);
    }

    /// <summary>
    /// After <see cref="Settle"/>: the reports due reach the strategy (<see cref="DeliverReports"/>), then the account is
    /// liquidated if it is below maintenance, as <see cref="LiquidateIfBelowMaintenance"/>. <paramref name="belowAfterMark"/>
    /// is the test <see cref="Settle"/> made; when reports were delivered the account is tested again, so the test always
    /// sees the state after them.
    /// </summary>
    /// <returns>True when it delivered reports or liquidated: the account's equity is then to be read again.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool DeliverReportsThenLiquidate<TDriver, TModels>(RunParts<TModels> run, long timestamp, int symbolId, bool belowAfterMark, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        bool delivered = false;
        if (run.Venue.Reports.DueBy(timestamp))
        {
            run.Venue.Reports.Deliver(timestamp, ref driver, orders);
            belowAfterMark = run.Venue.Models.BelowMaintenance(run.Portfolio, symbolId);
            delivered = true;
        }
        if (belowAfterMark) run.Venue.Account.Liquidate(run.Venue, timestamp, symbolId, ref driver, orders);
        return delivered | belowAfterMark;
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
    /// <c>Record</c> with the account's <paramref name="equity"/> known: the one
    /// <see cref="Settle"/> computed when nothing since has changed the account (reports, a liquidation, a match).
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
