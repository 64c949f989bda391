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
/// The replay merges the data's funding settlements, book updates, quotes, trades and bars, and the strategy's timers,
/// into one time-ordered stream (<see cref="EventMerge"/>; each column set is already in time order across symbols). At
/// equal timestamps it takes settlements, then book updates, quotes, trades and bars, then timers: a settlement charges
/// positions held up to its time, the book is current before a trade prints, a bar, stamped with its close time,
/// summarizes what came before it, and a timer sees everything at its time. Each event then goes through the same steps
/// (<see cref="EventSteps"/>): mark the symbol (trade price, quote mid, bar close), liquidate a margin account whose
/// equity fell below its maintenance margin, let arrived requests act and match working orders, record equity, call the
/// strategy's handler, and take the requests it sent.
/// </remarks>
public sealed partial class BacktestRunner
{
    private readonly OrderGateway _gateway = new();
    private readonly VenueFees _fees = new();
    private readonly InFlightReports _reports = new(); // reports on their way back to the strategy (response latency, decision 0074)
    private readonly Portfolio _portfolio = new();
    private readonly RunStatistics _statistics = new();
    private readonly FillLog _log = new();
    private readonly Account _account = new();
    private readonly TimerSchedule _timers = new();
    private bool _marksByMarkPrice; // MarkSource.MarkPrice: the run's models mark at the exchange's mark prices only (decision 0082)
    private SymbolTable _symbols = new(Array.Empty<string>());
    private MarkPriceColumns _markPrices = MarkPriceColumns.Empty; // the run's (a segment's covers every symbol the whole series does)
    private OrderBook[] _books = [];

    /// <summary>The equity sampling interval of the current or last run, <see cref="BacktestOptions.EquitySampleIntervalNs"/> resolved by <see cref="EquitySampling"/>.</summary>
    public long EquitySampleIntervalNs { get; private set; }

    /// <summary>The gateway the strategy's <see cref="Orders"/> wrap, for the journal of <see cref="Backtest"/>'s result files.</summary>
    internal OrderGateway Gateway => _gateway;

    /// <summary>The provenance the result files of the last run with files carry (null before one), for <see cref="Backtest"/>'s journal files.</summary>
    internal Results.ResultMetadata? Provenance { get; private set; }

    /// <summary>Each symbol's contract as the last run valued it (multiplier, inverse), for rebuilding its round trips.</summary>
    internal ContractTerms[] Contracts()
    {
        var terms = new ContractTerms[_portfolio.SymbolCount];
        for (int s = 0; s < terms.Length; s++) terms[s] = _portfolio[s].Contract;
        return terms;
    }

    /// <summary>Called when a run's result files complete, to add <see cref="Backtest"/>'s journal files to their one commit (see <see cref="Results.RunFiles.Completing"/>).</summary>
    internal Action<Results.RunFiles>? Completing { get; set; }

    /// <summary>Hears the venue's decision on each request (<see cref="Backtest"/>'s journal); the venue of every run of this runner is told of it.</summary>
    internal Execution.IRequestLog? RequestLog { get; set; }

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
    /// <remarks>
    /// This method and the others a run calls once that are generic over the strategy's driver are compiled without
    /// optimization: the JIT compiles them for each strategy in its first run, where optimizing code that runs once
    /// costs more than it saves (decision 0112); what they do for every run alike is in non-generic methods, which are
    /// precompiled with the engine.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoOptimization)]
    private BacktestSummary RunSummary<TDriver>(MarketData first, MarketDataSegments? segments, ref TDriver driver, BacktestOptions? options, Results.RunProvenance? provenance)
        where TDriver : struct, IStrategyDriver
    {
        options ??= BacktestOptions.Default;
        Results.RunFiles? files = BeginRun(first, segments, options, provenance);
        if (files is null)
        {
            Replay(first, segments, ref driver, options, files: null);
            return Summarize();
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
        return CompleteRun(files);
    }

    /// <summary>
    /// Validates <paramref name="options"/> and, when they ask for result files, creates them (under temporary names:
    /// disposing them without <see cref="Results.RunFiles.Complete"/>, on an exception, deletes them); null without result
    /// files. With <paramref name="segments"/>, disposes <paramref name="first"/> on a failure, as the replay would have.
    /// </summary>
    private Results.RunFiles? BeginRun(MarketData first, MarketDataSegments? segments, BacktestOptions options, Results.RunProvenance? provenance)
    {
        try
        {
            options.Validate();
            if (options.Output is null) return null;
            // The data's identity: cached on a MarketData; one pass over the segments (before the replay opens them).
            Results.DataIdentity identity = segments is null ? first.Identity : segments.Identity;
            // The provenance records the interval (and so the annualization factor) the run resolves, not Auto.
            BacktestOptions resolved = options with { EquitySampleIntervalNs = EquitySampling.Resolve(options.EquitySampleIntervalNs, first, segments?.Count ?? 1) };
            Provenance = Results.ResultMetadata.Create(identity, resolved, provenance?.Strategy, provenance?.Grid,
                provenance?.Parameters, options.Output.Metadata, provenance?.Warnings);
            return new Results.RunFiles(options.Output, Provenance) { Completing = Completing };
        }
        catch
        {
            if (segments is not null) first.Dispose();
            throw;
        }
    }

    /// <summary>The summary of the run just replayed, with its result files completed.</summary>
    private BacktestSummary CompleteRun(Results.RunFiles files)
    {
        BacktestSummary summary = Summarize();
        files.Complete(in summary, ShortHistoryWarning());
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
        new(summary, Positions(), _log.ToArray()) { EquitySampleIntervalNs = EquitySampleIntervalNs, Warnings = ShortHistoryWarning() is { } w ? [w] : [] };

    /// <summary>The last run's <see cref="Annualization.ShortHistoryWarning"/>: its returns cover less than a year (null otherwise).</summary>
    private string? ShortHistoryWarning() =>
        Annualization.ShortHistoryWarning(_statistics.Samples.Count, EquitySampleIntervalNs, _statistics.Samples.PeriodsPerYear);

    /// <summary>The account of every symbol at the end of the current or last run.</summary>
    internal PositionSnapshot[] Positions()
    {
        var positions = new PositionSnapshot[_portfolio.SymbolCount];
        for (int s = 0; s < positions.Length; s++)
        {
            ref readonly SymbolAccount a = ref _portfolio[s];
            // Money in the reporting currency (the identity in a run with one currency).
            Portfolio p = _portfolio;
            positions[s] = new PositionSnapshot(s, _symbols[s], a.Position, a.AveragePrice, a.LastPrice, p.InReporting(s, a.RealizedPnl), p.InReporting(s, a.UnrealizedPnl),
                p.InReporting(s, a.Fees), p.InReporting(s, a.Turnover), p.InReporting(s, a.Funding));
        }
        return positions;
    }

    [MethodImpl(MethodImplOptions.NoOptimization)]
    private void Replay<TDriver>(MarketData data, MarketDataSegments? segments, ref TDriver driver, BacktestOptions options, Results.RunFiles? files)
        where TDriver : struct, IStrategyDriver
    {
        try
        {
            ResetRun(data, segments?.Count ?? 1, options, files);
        }
        catch
        {
            if (segments is not null) data.Dispose(); // with segments, each is disposed once replayed; a single MarketData belongs to the caller
            throw;
        }
        // The one choice of the run's models: from here on the replay is compiled for them (decision 0062).
        var replay = new ReplayWithModels<TDriver>(this, ref driver, data, segments, options);
        WithModels(options, ref replay);
    }

    /// <summary>The replay of <see cref="Replay{TDriver}"/> once the run's models are chosen: the venue is reset with them, then every segment replays.</summary>
    [MethodImpl(MethodImplOptions.NoOptimization)]
    private void Replay<TDriver, TModels>(MarketData data, MarketDataSegments? segments, ref TDriver driver, BacktestOptions options, TModels models)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        bool owned = segments is not null;
        int count = segments?.Count ?? 1;
        var orders = new Orders(_gateway);
        RunParts<TModels> run = StartVenue(options, models);

        long first = MarketDataSegments.FirstTime(data);
        long last = first == long.MaxValue ? 0 : first;
        long lastEvent = long.MinValue;
        string lastSource = data.Source;
        _gateway.SetCurrent(last, -1);
        for (int segment = 0; ; segment++)
        {
            try
            {
                if (segment == 0) StartStrategy(ref driver, orders, run, first);
                else
                {
                    MarketDataSegments.CheckFollows(_symbols, data, segment, lastSource, lastEvent);
                }
                if (options.QueuePosition == QueuePosition.Fifo) RequireOrderFeed(data, segment, count);
                long before = lastEvent;
                lastEvent = EventMerge.Replay(data, ref driver, orders, run, _books, _timers, lastEvent);
                if (lastEvent != before) lastSource = data.Source;
            }
            finally
            {
                if (owned) data.Dispose();
            }
            if (segment + 1 == count) break;
            data = segments!.Open(segment + 1, lastEvent); // with the funding settlements after lastEvent
        }
        FinishRun(ref driver, orders, lastEvent != long.MinValue ? lastEvent : last);
    }

    /// <summary>
    /// The FIFO queue model follows the exchange's own orders, so it needs market-by-order data: on data without any it
    /// would silently be the risk-averse model, and a user who asked for FIFO must not get another model's fills.
    /// </summary>
    private static void RequireOrderFeed(MarketData data, int segment, int count)
    {
        if (data.Book.Queue is not null) return;
        string which = count > 1 ? $" (segment {segment + 1} of {count})" : "";
        string has = data.Book.Count > 0 ? "L2 book updates but no market-by-order (L3) rows" : "no book data";
        throw new MarketDataException(data.Book.Count > 0 ? data.Book.Source : data.Trades.Source, -1, null,
            $"QueuePosition.Fifo (--queue fifo) needs market-by-order (L3) data to follow the exchange's orders, and this data{which} has {has}; use Conservative, ProbabilisticPower or ProbabilisticLog on L2 data");
    }

    /// <summary>
    /// <see cref="MarkSource.MarkPrice"/> values positions only at mark prices: a symbol without any would never be marked,
    /// and its equity, margin and liquidation would silently stay at its first fill.
    /// </summary>
    private static void RequireMarkPrices(MarketData data, int count)
    {
        MarkPriceColumns marks = data.MarkPrices;
        for (int s = 0; s < data.Symbols.Count; s++)
        {
            if (marks.Covers(s)) continue;
            string has = marks.SymbolCount == 0 ? "has no mark prices" : $"has no mark price for {data.Symbols[s]}";
            string give = count > 1 ? "MarketDataSegments.WithMarkPrices" : "MarketData.WithMarkPrices";
            throw new MarketDataException(data.Source, -1, "symbol",
                $"MarkSource.MarkPrice (--mark-with mark-price) values positions at the exchange's mark prices, and this data {has}; give a mark-price series for every symbol ({give}, --mark-prices) or mark by the events (MarkSource.Events)");
        }
    }

    /// <summary>
    /// Resets every part of the runner but the venue for a run over <paramref name="data"/> (the first of
    /// <paramref name="count"/> segments); the venue is reset once the run's models are chosen (<see cref="StartVenue"/>).
    /// </summary>
    private void ResetRun(MarketData data, int count, BacktestOptions options, Results.RunFiles? files)
    {
        _symbols = data.Symbols;
        _markPrices = data.MarkPrices;
        int symbolCount = data.Symbols.Count;
        _marksByMarkPrice = options.MarkWith == MarkSource.MarkPrice;
        if (_marksByMarkPrice) RequireMarkPrices(data, count);
        _gateway.Reset(symbolCount);
        _gateway.ClearTimers();
        _gateway.Records = files;
        _portfolio.Reset(symbolCount, options.InitialCapital);
        EquitySampleIntervalNs = EquitySampling.Resolve(options.EquitySampleIntervalNs, data, count);
        _statistics.Reset(options.InitialCapital, EquitySampleIntervalNs, options.AnnualizationFactorFor(EquitySampleIntervalNs), files?.Equity, SampleCapture);
        _log.Reset(options.TradeLog, files?.Fills);
        _reports.Reset(options.ResponseLatency, _gateway);
        _account.Reset(options, data.Symbols, _portfolio, _gateway, _reports.VenueOpen, _statistics, _log);
        _fees.Reset(options, data.Symbols, _account);
        ResetBooks(symbolCount);
    }

    /// <summary>The strategy's <c>OnStart</c> (the one place it may add timers), then the requests it sent.</summary>
    [MethodImpl(MethodImplOptions.NoOptimization)]
    private void StartStrategy<TDriver, TModels>(ref TDriver driver, Orders orders, RunParts<TModels> run, long first)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
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
        EventSteps.AcceptAll(run, ref driver, orders);
    }

    /// <summary>The end of a run at <paramref name="last"/>: final statistics, then the strategy's <c>OnFinish</c>.</summary>
    [MethodImpl(MethodImplOptions.NoOptimization)]
    private void FinishRun<TDriver>(ref TDriver driver, Orders orders, long last)
        where TDriver : struct, IStrategyDriver
    {
        _statistics.Finish(_portfolio.Equity);
        _gateway.SetCurrent(last, -1);
        // Reports still in flight reach the strategy now, in order, so OnFinish sees the account's final state (decision
        // 0074); requests their handlers send are dropped with those of OnFinish.
        _reports.Deliver(long.MaxValue, ref driver, orders);
        driver.OnFinish(orders);
        _gateway.ClearPlaced(); // no event follows, so requests sent at the finish cannot act
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
            RejectedOrders = _account.RejectedOrders,
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
