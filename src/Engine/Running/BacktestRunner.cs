using System;
using System.Runtime.CompilerServices;
using Backtester.Accounting;
using Backtester.Data;
using Backtester.Execution;
using Backtester.Logging;
using Backtester.Statistics;
using Backtester.Infrastructure;
using Backtester.Timers;

namespace Backtester;

/// <summary>
/// Runs backtests. Owns the buffers of a run (order gateway, venue, portfolio, statistics, fill log) and reuses them
/// for the next run, so a sweep worker that keeps one runner allocates nothing per run in the replay itself.
/// Not thread-safe: one runner per thread.
/// </summary>
/// <remarks>
/// The replay merges the data's book updates, quotes, trades and bars into one time-ordered stream (each column set is
/// already in time order across symbols). At equal timestamps it takes book updates, then quotes, then trades, then
/// bars: the book is current before a trade prints, and a bar, stamped with its close time, summarizes what came before
/// it. Funding settlements and timers have a merge of their own (see <c>ReplayMerged</c>). Each event then goes through
/// the same steps: mark the symbol (trade price, quote mid, bar close), liquidate a margin account whose equity fell below
/// its maintenance margin, let arrived requests act and match working orders, record equity, call the strategy's
/// handler, and take the requests it sent.
/// </remarks>
public sealed class BacktestRunner
{
    private readonly OrderGateway _gateway = new();
    private readonly ExecutionSimulator _venue = new();
    private readonly Portfolio _portfolio = new();
    private readonly RunStatistics _statistics = new();
    private readonly FillLog _log = new();
    private readonly Account _account = new();
    private readonly TimerSchedule _timers = new();
    private SymbolTable _symbols = new(Array.Empty<string>());
    private OrderBook[] _books = [];

    /// <summary>The equity sampling interval of the current or last run, <see cref="BacktestOptions.EquitySampleIntervalNs"/> resolved by <see cref="EquitySampling"/>.</summary>
    public long EquitySampleIntervalNs { get; private set; }

    /// <summary>The gateway the strategy's <see cref="Orders"/> wrap, for the journal of <see cref="Backtest"/>'s result files.</summary>
    internal OrderGateway Gateway => _gateway;

    /// <summary>The provenance the result files of the last run with files carry (null before one), for <see cref="Backtest"/>'s journal files.</summary>
    internal Results.ResultMetadata? Provenance { get; private set; }

    /// <summary>Called when a run's result files complete, to add <see cref="Backtest"/>'s journal files to their one commit (see <see cref="Results.RunFiles.Completing"/>).</summary>
    internal Action<Results.RunFiles>? Completing { get; set; }

    /// <summary>The symbols of the current or last run.</summary>
    internal SymbolTable Symbols => _symbols;

    /// <summary>When set, the next runs append every equity sample to it (research runs that need each combination's returns).</summary>
    internal System.Collections.Generic.List<EquitySample>? SampleCapture { get; set; }

    /// <summary>The account of the current or last run, for tests that check invariants from inside a handler.</summary>
    internal Portfolio Portfolio => _portfolio;

    /// <summary>
    /// Replays <paramref name="data"/> through <paramref name="driver"/> and returns the run's summary. With the
    /// default <see cref="TradeLogMode.SummaryOnly"/> a warmed-up runner allocates nothing. The loop is specialized by
    /// the JIT for <typeparamref name="TDriver"/>: handler calls are direct.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid; the exception names it.</exception>
    public BacktestSummary RunSummary<TDriver>(MarketData data, ref TDriver driver, BacktestOptions? options = null)
        where TDriver : struct, IStrategyDriver
    {
        ArgumentNullException.ThrowIfNull(data);
        return RunSummary(data, segments: null, ref driver, options, provenance: null);
    }

    /// <summary>A run whose result files also record <paramref name="provenance"/> (the strategy, its grid and parameters).</summary>
    internal BacktestSummary RunSummary<TDriver>(MarketData data, ref TDriver driver, BacktestOptions? options, Results.RunProvenance? provenance)
        where TDriver : struct, IStrategyDriver
    {
        ArgumentNullException.ThrowIfNull(data);
        return RunSummary(data, segments: null, ref driver, options, provenance);
    }

    /// <summary>A run over segments whose result files also record <paramref name="provenance"/>.</summary>
    internal BacktestSummary RunSummary<TDriver>(MarketDataSegments data, ref TDriver driver, BacktestOptions? options, Results.RunProvenance? provenance)
        where TDriver : struct, IStrategyDriver
    {
        ArgumentNullException.ThrowIfNull(data);
        return RunSummary(data.Open(0), data, ref driver, options, provenance);
    }

    /// <summary>
    /// Like <see cref="RunSummary{TDriver}(MarketData, ref TDriver, BacktestOptions?)"/> over data in consecutive segments
    /// (e.g. one file per day): each segment is opened, replayed and disposed in turn, so memory stays at about one
    /// segment. Positions, orders in flight and statistics carry over from one segment to the next.
    /// </summary>
    /// <exception cref="MarketDataException">A segment has other symbols than the first, or starts before the previous one ended.</exception>
    public BacktestSummary RunSummary<TDriver>(MarketDataSegments data, ref TDriver driver, BacktestOptions? options = null)
        where TDriver : struct, IStrategyDriver
    {
        ArgumentNullException.ThrowIfNull(data);
        return RunSummary(data.Open(0), data, ref driver, options, provenance: null);
    }

    /// <summary>Replays <paramref name="first"/>, then the rest of <paramref name="segments"/> if given (which it then disposes).</summary>
    private BacktestSummary RunSummary<TDriver>(MarketData first, MarketDataSegments? segments, ref TDriver driver, BacktestOptions? options, Results.RunProvenance? provenance)
        where TDriver : struct, IStrategyDriver
    {
        options ??= BacktestOptions.Default;
        try
        {
            options.Validate();
        }
        catch
        {
            if (segments is not null) first.Dispose();
            throw;
        }
        if (options.Output is null)
        {
            Replay(first, segments, ref driver, options, files: null);
            return Summarize();
        }
        // Result files are written under temporary names; disposing without Complete (an exception) deletes them.
        Results.RunFiles files;
        try
        {
            // The data's identity: cached on a MarketData; one pass over the segments (before the replay opens them).
            Results.DataIdentity identity = segments is null ? first.Identity : segments.Identity;
            // The provenance records the interval (and so the annualization factor) the run resolves, not Auto.
            BacktestOptions resolved = options with { EquitySampleIntervalNs = EquitySampling.Resolve(options.EquitySampleIntervalNs, first, segments?.Count ?? 1) };
            Provenance = Results.ResultMetadata.Create(identity, resolved, provenance?.Strategy, provenance?.Grid,
                provenance?.Parameters, options.Output.Metadata, provenance?.Warnings);
            files = new Results.RunFiles(options.Output, Provenance) { Completing = Completing };
        }
        catch
        {
            if (segments is not null) first.Dispose();
            throw;
        }
        using var _ = files;
        try
        {
            Replay(first, segments, ref driver, options, files);
        }
        finally
        {
            _gateway.Records = null;
        }
        BacktestSummary summary = Summarize();
        files.Complete(in summary);
        return summary;
    }

    /// <summary>Like <see cref="RunSummary{TDriver}(MarketData, ref TDriver, BacktestOptions?)"/>, plus the final account of every symbol and the fills the trade log kept.</summary>
    public BacktestResult Run<TDriver>(MarketData data, ref TDriver driver, BacktestOptions? options = null)
        where TDriver : struct, IStrategyDriver =>
        Run(data, ref driver, options, provenance: null);

    /// <summary>Like <see cref="RunSummary{TDriver}(MarketDataSegments, ref TDriver, BacktestOptions?)"/>, plus the final account of every symbol and the fills the trade log kept.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in the type of their first parameter (MarketData or MarketDataSegments), so no call binds to two of them.")]
    public BacktestResult Run<TDriver>(MarketDataSegments data, ref TDriver driver, BacktestOptions? options = null)
        where TDriver : struct, IStrategyDriver =>
        Run(data, ref driver, options, provenance: null);

    internal BacktestResult Run<TDriver>(MarketDataSegments data, ref TDriver driver, BacktestOptions? options, Results.RunProvenance? provenance)
        where TDriver : struct, IStrategyDriver =>
        Result(RunSummary(data, ref driver, options, provenance));

    internal BacktestResult Run<TDriver>(MarketData data, ref TDriver driver, BacktestOptions? options, Results.RunProvenance? provenance)
        where TDriver : struct, IStrategyDriver =>
        Result(RunSummary(data, ref driver, options, provenance));

    private BacktestResult Result(BacktestSummary summary) =>
        new(summary, Positions(), _log.ToArray()) { EquitySampleIntervalNs = EquitySampleIntervalNs };

    /// <summary>The account of every symbol at the end of the current or last run.</summary>
    internal PositionSnapshot[] Positions()
    {
        var positions = new PositionSnapshot[_portfolio.SymbolCount];
        for (int s = 0; s < positions.Length; s++)
        {
            ref readonly SymbolAccount a = ref _portfolio[s];
            positions[s] = new PositionSnapshot(s, _symbols[s], a.Position, a.AveragePrice, a.LastPrice, a.RealizedPnl, a.UnrealizedPnl, a.Fees, a.Turnover, a.Funding);
        }
        return positions;
    }

    private void Replay<TDriver>(MarketData data, MarketDataSegments? segments, ref TDriver driver, BacktestOptions options, Results.RunFiles? files)
        where TDriver : struct, IStrategyDriver
    {
        // With segments, each is disposed once replayed; a single MarketData belongs to the caller.
        bool owned = segments is not null;
        int count = segments?.Count ?? 1;
        try
        {
            _symbols = data.Symbols;
            int symbolCount = data.Symbols.Count;
            _gateway.Reset(symbolCount);
            _gateway.ClearTimers();
            _gateway.Records = files;
            _portfolio.Reset(symbolCount, options.InitialCapital);
            EquitySampleIntervalNs = EquitySampling.Resolve(options.EquitySampleIntervalNs, data, count);
            _statistics.Reset(options.InitialCapital, EquitySampleIntervalNs, options.AnnualizationFactorFor(EquitySampleIntervalNs), files?.Equity, SampleCapture);
            _log.Reset(options.TradeLog, files?.Fills);
            _account.Reset(options, data.Symbols, _portfolio, _venue, _gateway, _statistics, _log);
            _venue.Reset(options, data.Symbols, _gateway, _portfolio, _statistics, _log, _account);
            ResetBooks(symbolCount);
        }
        catch
        {
            if (owned) data.Dispose();
            throw;
        }
        var orders = new Orders(_gateway);
        var run = new RunParts(_gateway, _venue, _portfolio, _statistics);

        long first = MarketDataSegments.FirstTime(data);
        long last = first == long.MaxValue ? 0 : first;
        long lastEvent = long.MinValue;
        _gateway.SetCurrent(last, -1);
        for (int segment = 0; ; segment++)
        {
            try
            {
                if (segment == 0)
                {
                    _gateway.AcceptsTimers = true;
                    try
                    {
                        driver.OnStart(orders);
                    }
                    finally
                    {
                        _gateway.AcceptsTimers = false;
                    }
                    _timers.Reset(_gateway, first);
                    AcceptAll(run, ref driver, orders);
                }
                else
                {
                    MarketDataSegments.CheckFollows(_symbols, data, segment, lastEvent);
                }
                lastEvent = ReplayEvents(data, ref driver, orders, run, _books, _timers, lastEvent);
            }
            finally
            {
                if (owned) data.Dispose();
            }
            if (segment + 1 == count) break;
            data = segments!.Open(segment + 1);
        }
        if (lastEvent != long.MinValue) last = lastEvent;

        _statistics.Finish(_portfolio.Equity);
        _gateway.SetCurrent(last, -1);
        driver.OnFinish(orders);
        _gateway.ClearPlaced(); // no event follows, so requests sent at the finish cannot act
    }

    /// <summary>Replays one segment's events in time order; returns the time of the last one (or <paramref name="lastEvent"/> if none).</summary>
    /// <remarks>
    /// Compiled fully optimized straight away: the loop runs once per segment, so tiering would profile it only through
    /// on-stack replacement, and the specialized, fully inlined code needs no profile (see docs/performance.md).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long ReplayEvents<TDriver>(MarketData data, ref TDriver driver, Orders orders, RunParts run, OrderBook[] books, TimerSchedule timers, long lastEvent)
        where TDriver : struct, IStrategyDriver
    {
        if (data.Funding.Count != 0 || timers.Count != 0)
        {
            // The funding/timer merge does not replay book updates yet: refuse rather than drop them silently.
            if (data.Book.Count != 0)
                throw new NotSupportedException($"{data.Source}: L2 book updates together with funding settlements or timers are not replayed in one run yet; run the book data without funding and timers.");
            return ReplayMerged(data, ref driver, orders, run, timers, lastEvent);
        }
        var trades = new TradeCursor(data.Trades);
        var quotes = new QuoteCursor(data.Quotes);
        var bars = new BarCursor(data.Bars);
        var book = new BookCursor(data.Book, books);
        if (book.HasNext)
        {
            lastEvent = ReplayWithBook(ref book, ref quotes, ref trades, ref bars, ref driver, orders, run, lastEvent);
            return lastEvent;
        }
        if (!quotes.HasNext && !bars.HasNext)
        {
            // Trades only (the common tick-data case): no merge to do, and a tighter loop for the JIT.
            while (trades.HasNext)
            {
                lastEvent = trades.NextTime;
                OnTrade(trades.Take(), ref driver, orders, run);
            }
            return lastEvent;
        }

        // Merge by time; at equal times quotes, then trades, then bars.
        while (quotes.HasNext || trades.HasNext || bars.HasNext)
        {
            long tq = quotes.NextTime, tt = trades.NextTime, tb = bars.NextTime;
            if (quotes.HasNext && tq <= tt && tq <= tb) { lastEvent = tq; OnQuote(quotes.Take(), ref driver, orders, run); }
            else if (trades.HasNext && tt <= tb) { lastEvent = tt; OnTrade(trades.Take(), ref driver, orders, run); }
            else { lastEvent = tb; OnBar(bars.Take(), ref driver, orders, run); }
        }
        return lastEvent;
    }

    /// <summary>The merge when the data has book updates: at equal times book updates, then quotes, trades and bars.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long ReplayWithBook<TDriver>(ref BookCursor book, ref QuoteCursor quotes, ref TradeCursor trades, ref BarCursor bars,
        ref TDriver driver, Orders orders, RunParts run, long lastEvent)
        where TDriver : struct, IStrategyDriver
    {
        if (!quotes.HasNext && !trades.HasNext && !bars.HasNext)
        {
            // Depth only: no merge.
            while (book.HasNext)
            {
                lastEvent = book.NextTime;
                BookUpdate update = book.Take(out bool touchChanged);
                OnBook(in update, touchChanged, ref driver, orders, run);
            }
            return lastEvent;
        }
        while (book.HasNext || quotes.HasNext || trades.HasNext || bars.HasNext)
        {
            long tl = book.NextTime, tq = quotes.NextTime, tt = trades.NextTime, tb = bars.NextTime;
            if (book.HasNext && tl <= tq && tl <= tt && tl <= tb)
            {
                lastEvent = tl;
                BookUpdate update = book.Take(out bool touchChanged);
                OnBook(in update, touchChanged, ref driver, orders, run);
            }
            else if (quotes.HasNext && tq <= tt && tq <= tb) { lastEvent = tq; OnQuote(quotes.Take(), ref driver, orders, run); }
            else if (trades.HasNext && tt <= tb) { lastEvent = tt; OnTrade(trades.Take(), ref driver, orders, run); }
            else { lastEvent = tb; OnBar(bars.Take(), ref driver, orders, run); }
        }
        return lastEvent;
    }

    /// <summary>
    /// A book update, already applied to its symbol's book. At the end of a batch (the book consistent again) the venue
    /// sees the two-sided book's touch as a quote when it moved, the symbol is marked at its mid, and arrived requests
    /// and working orders are matched against it; inside a batch only the strategy hears of the update.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OnBook<TDriver>(in BookUpdate update, bool touchChanged, ref TDriver driver, Orders orders, RunParts run)
        where TDriver : struct, IStrategyDriver
    {
        run.Gateway.SetCurrent(update.Timestamp, update.SymbolId);
        OrderBook book = update.Book;
        if ((update.Flags & BookUpdateFlags.EndOfBatch) != 0 && book.IsTwoSided)
        {
            var top = new Quote(update.Timestamp, update.SymbolId, book.BestBid, book.BestBidSize, book.BestAsk, book.BestAskSize);
            if (touchChanged)
            {
                run.Venue.ApplyQuote(in top);
                run.Portfolio.Mark(update.SymbolId, top.Mid);
                // As after every other mark: a margin account below maintenance is liquidated before anything else acts.
                if (run.Portfolio.BelowMaintenance) run.Venue.Account.Liquidate(update.Timestamp, ref driver, orders);
            }
            if (run.Venue.NeedsMatch(update.Timestamp, update.SymbolId)) run.Venue.Match(MarketEvent.FromQuote(in top), ref driver, orders);
        }
        Record(run, update.Timestamp);
        driver.OnBook(in update, orders);
        AcceptAll(run, ref driver, orders);
    }

    /// <summary>One empty book per symbol, reused from the previous run (their level arrays are already grown).</summary>
    private void ResetBooks(int symbolCount)
    {
        if (_books.Length < symbolCount)
        {
            int old = _books.Length;
            Array.Resize(ref _books, symbolCount);
            for (int s = old; s < symbolCount; s++) _books[s] = new OrderBook(s);
        }
        foreach (OrderBook b in _books) b.Clear();
    }

    /// <summary>
    /// The merge of <see cref="ReplayEvents"/> with funding settlements and timers. At equal timestamps a settlement goes
    /// first (a position held up to the funding time pays it, whatever trades at that instant) and a timer last (it sees
    /// every event stamped at or before its time). Only runs with funding data or timers take this loop, so other runs
    /// pay nothing for them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long ReplayMerged<TDriver>(MarketData data, ref TDriver driver, Orders orders, RunParts run, TimerSchedule timers, long lastEvent)
        where TDriver : struct, IStrategyDriver
    {
        var trades = new TradeCursor(data.Trades);
        var quotes = new QuoteCursor(data.Quotes);
        var bars = new BarCursor(data.Bars);
        var funding = new FundingCursor(data.Funding);
        while (funding.HasNext || quotes.HasNext || trades.HasNext || bars.HasNext)
        {
            long tf = funding.NextTime, tq = quotes.NextTime, tt = trades.NextTime, tb = bars.NextTime;
            long next = Math.Min(Math.Min(tf, tq), Math.Min(tt, tb));
            if (timers.NextDue < next) FireTimers(timers, next, ref driver, orders, run);
            if (funding.HasNext && tf <= tq && tf <= tt && tf <= tb) OnFunding(funding.Take(), ref driver, orders, run);
            else if (quotes.HasNext && tq <= tt && tq <= tb) { lastEvent = tq; OnQuote(quotes.Take(), ref driver, orders, run); }
            else if (trades.HasNext && tt <= tb) { lastEvent = tt; OnTrade(trades.Take(), ref driver, orders, run); }
            else { lastEvent = tb; OnBar(bars.Take(), ref driver, orders, run); }
        }
        // Timers due up to the last event, which has now been seen (none after it: the data says nothing of later times).
        if (lastEvent != long.MinValue && lastEvent != long.MaxValue) FireTimers(timers, lastEvent + 1, ref driver, orders, run);
        return lastEvent;
    }

    /// <summary>Fires, in time order (ties by id), every timer due before <paramref name="before"/>; each may send requests.</summary>
    private static void FireTimers<TDriver>(TimerSchedule timers, long before, ref TDriver driver, Orders orders, RunParts run)
        where TDriver : struct, IStrategyDriver
    {
        while (timers.NextDue < before)
        {
            TimerTick tick = timers.Take();
            run.Gateway.SetCurrent(tick.Timestamp, -1);
            driver.OnTimer(in tick, orders);
            AcceptAll(run, ref driver, orders);
        }
    }

    /// <summary>A funding settlement: booked on the open position, then the strategy's <c>OnFunding</c> handler, then its requests.</summary>
    private static void OnFunding<TDriver>(in Funding funding, ref TDriver driver, Orders orders, RunParts run)
        where TDriver : struct, IStrategyDriver
    {
        run.Gateway.SetCurrent(funding.Timestamp, funding.SymbolId);
        run.Venue.Account.ApplyFunding(in funding);
        if (run.Portfolio.BelowMaintenance) run.Venue.Account.Liquidate(funding.Timestamp, ref driver, orders);
        driver.OnFunding(in funding, orders);
        AcceptAll(run, ref driver, orders);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OnQuote<TDriver>(in Quote quote, ref TDriver driver, Orders orders, RunParts run)
        where TDriver : struct, IStrategyDriver
    {
        run.Venue.ApplyQuote(in quote);
        Settle(run, quote.Timestamp, quote.SymbolId, quote.Mid);
        if (run.Portfolio.BelowMaintenance) run.Venue.Account.Liquidate(quote.Timestamp, ref driver, orders);
        if (run.Venue.NeedsMatch(quote.Timestamp, quote.SymbolId)) run.Venue.Match(MarketEvent.FromQuote(in quote), ref driver, orders);
        Record(run, quote.Timestamp);
        driver.OnQuote(in quote, orders);
        AcceptAll(run, ref driver, orders);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OnTrade<TDriver>(in Trade trade, ref TDriver driver, Orders orders, RunParts run)
        where TDriver : struct, IStrategyDriver
    {
        Settle(run, trade.Timestamp, trade.SymbolId, trade.Price);
        if (run.Portfolio.BelowMaintenance) run.Venue.Account.Liquidate(trade.Timestamp, ref driver, orders);
        if (run.Venue.NeedsMatch(trade.Timestamp, trade.SymbolId)) run.Venue.Match(MarketEvent.FromTrade(in trade), ref driver, orders);
        Record(run, trade.Timestamp);
        driver.OnTrade(in trade, orders);
        AcceptAll(run, ref driver, orders);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OnBar<TDriver>(in Bar bar, ref TDriver driver, Orders orders, RunParts run)
        where TDriver : struct, IStrategyDriver
    {
        Settle(run, bar.Timestamp, bar.SymbolId, bar.Close);
        if (run.Portfolio.BelowMaintenance) run.Venue.Account.Liquidate(bar.Timestamp, ref driver, orders);
        if (run.Venue.NeedsMatch(bar.Timestamp, bar.SymbolId)) run.Venue.Match(MarketEvent.FromBar(in bar), ref driver, orders);
        Record(run, bar.Timestamp);
        driver.OnBar(in bar, orders);
        AcceptAll(run, ref driver, orders);
    }

    /// <summary>The first steps of every event: the clock the strategy sees, and the symbol's mark.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Settle(RunParts run, long timestamp, int symbolId, double markPrice)
    {
        run.Gateway.SetCurrent(timestamp, symbolId);
        run.Portfolio.Mark(symbolId, markPrice);
    }

    /// <summary>After the venue has acted: equity statistics for this event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Record(RunParts run, long timestamp) => run.Statistics.OnEvent(timestamp, run.Portfolio.Equity, run.Portfolio.OpenPositions != 0);

    /// <summary>Hands the requests of the handler just run to the venue, and any the strategy sends on hearing of rejections.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AcceptAll<TDriver>(RunParts run, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
    {
        while (run.Gateway.PlacedCount != 0) run.Venue.Accept(ref driver, orders);
    }

    /// <summary>
    /// The parts a replay touches on every event, passed by value: a struct of four references that the JIT keeps in
    /// registers, where fields of the runner would be reloaded from the heap after every store.
    /// </summary>
    private readonly record struct RunParts(OrderGateway Gateway, ExecutionSimulator Venue, Portfolio Portfolio, RunStatistics Statistics);

    private BacktestSummary Summarize()
    {
        double realized = _portfolio.RealizedPnl, unrealized = _portfolio.UnrealizedPnl;
        RunStatistics s = _statistics;
        double netPnl = _portfolio.Equity - _portfolio.InitialCapital;
        return new BacktestSummary
        {
            Events = s.Events,
            Fills = s.Fills,
            RoundTrips = s.RoundTrips,
            Wins = s.Wins,
            Losses = s.Losses,
            WinRate = s.WinRate,
            ProfitFactor = s.ProfitFactor,
            AverageWin = s.AverageWin,
            AverageLoss = s.AverageLoss,
            Expectancy = s.Expectancy,
            InitialCapital = _portfolio.InitialCapital,
            FinalEquity = _portfolio.Equity,
            NetPnl = netPnl,
            Return = netPnl / _portfolio.InitialCapital,
            GrossPnl = realized + unrealized,
            RealizedPnl = realized,
            UnrealizedPnl = unrealized,
            Fees = _portfolio.Fees,
            Funding = _portfolio.Funding,
            Liquidations = _account.Liquidations,
            BuyingPowerRejections = _account.BuyingPowerRejections,
            Turnover = _portfolio.Turnover,
            MaxDrawdown = s.MaxDrawdown,
            MaxDrawdownPercent = s.MaxDrawdownPercent,
            MaxDrawdownDurationNs = s.MaxDrawdownDurationNs,
            Exposure = s.Exposure,
            EquitySamples = s.Samples.Count,
            Cagr = s.Samples.Cagr,
            AnnualizedVolatility = s.Samples.AnnualizedVolatility,
            Sharpe = s.Samples.Sharpe,
            Sortino = s.Samples.Sortino,
            Calmar = s.Samples.Calmar,
        };
    }
}
