using System;
using Backtester.Accounting;
using Backtester.Data;
using Backtester.Execution;
using Backtester.Statistics;

namespace Backtester;

/// <summary>
/// Runs backtests. Owns the buffers of a run (order gateway, venue, portfolio) and reuses them for the next
/// run, so a sweep worker that keeps one runner allocates nothing per run in the replay itself.
/// Not thread-safe: one runner per thread.
/// </summary>
public sealed class BacktestRunner
{
    private readonly OrderGateway _gateway = new();
    private readonly ExecutionSimulator _venue = new();
    private readonly Portfolio _portfolio = new();
    private RunStatistics _statistics;

    /// <summary>
    /// Replays <paramref name="data"/> through <paramref name="driver"/> and returns the run's summary without
    /// allocating. The loop is specialized by the JIT for <typeparamref name="TDriver"/>: handler calls are direct.
    /// </summary>
    public BacktestSummary RunSummary<TDriver>(MarketData data, ref TDriver driver, BacktestOptions? options = null)
        where TDriver : struct, IStrategyDriver
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= BacktestOptions.Default;
        options.Validate();
        Replay(data, ref driver, options);
        return Summarize();
    }

    /// <summary>Like <see cref="RunSummary{TDriver}"/>, plus the final account of every symbol.</summary>
    public BacktestResult Run<TDriver>(MarketData data, ref TDriver driver, BacktestOptions? options = null)
        where TDriver : struct, IStrategyDriver
    {
        BacktestSummary summary = RunSummary(data, ref driver, options);
        var positions = new PositionSnapshot[_portfolio.SymbolCount];
        for (int s = 0; s < positions.Length; s++)
        {
            ref readonly SymbolAccount a = ref _portfolio[s];
            positions[s] = new PositionSnapshot(s, data.Symbols[s], a.Position, a.AveragePrice, a.LastPrice, a.RealizedPnl, a.UnrealizedPnl, a.Fees);
        }
        return new BacktestResult(summary, positions);
    }

    private void Replay<TDriver>(MarketData data, ref TDriver driver, BacktestOptions options)
        where TDriver : struct, IStrategyDriver
    {
        int symbolCount = data.Symbols.Count;
        _gateway.Reset(symbolCount);
        _venue.Reset(options);
        _portfolio.Reset(symbolCount, options.InitialCapital);
        _statistics.Reset(options.InitialCapital);

        TradeColumns trades = data.Trades;
        ReadOnlySpan<long> timestamps = trades.Timestamps.Span;
        ReadOnlySpan<int> symbols = trades.SymbolIds.Span;
        ReadOnlySpan<double> prices = trades.Prices.Span;
        ReadOnlySpan<double> sizes = trades.Sizes.Span;
        ReadOnlySpan<Side> aggressors = trades.Aggressors.Span;
        var orders = new Orders(_gateway);

        _gateway.SetCurrent(timestamps.Length > 0 ? timestamps[0] : 0, -1);
        driver.OnStart(orders);
        if (_gateway.Placed.Length != 0) _venue.Accept(_gateway);

        for (int i = 0; i < timestamps.Length; i++)
        {
            var trade = new Trade(timestamps[i], symbols[i], prices[i], sizes[i], aggressors[i]);
            _gateway.SetCurrent(trade.Timestamp, trade.SymbolId);
            _portfolio.Mark(trade.SymbolId, trade.Price);
            if (_venue.PendingCount != 0)
                _venue.MatchTrade(in trade, ref driver, orders, _portfolio, _gateway, ref _statistics);
            _statistics.OnEquity(_portfolio.Equity);
            driver.OnTrade(in trade, orders);
            if (_gateway.Placed.Length != 0) _venue.Accept(_gateway);
        }
        _statistics.Events = timestamps.Length;

        _gateway.SetCurrent(timestamps.Length > 0 ? timestamps[^1] : 0, -1);
        driver.OnFinish(orders);
        _gateway.ClearPlaced(); // no event follows, so orders placed at the finish cannot execute
    }

    private BacktestSummary Summarize()
    {
        double realized = _portfolio.RealizedPnl, unrealized = _portfolio.UnrealizedPnl;
        return new BacktestSummary
        {
            Events = _statistics.Events,
            Fills = _statistics.Fills,
            RoundTrips = _statistics.RoundTrips,
            Wins = _statistics.Wins,
            Losses = _statistics.Losses,
            WinRate = _statistics.WinRate,
            ProfitFactor = _statistics.ProfitFactor,
            InitialCapital = _portfolio.InitialCapital,
            FinalEquity = _portfolio.Equity,
            NetPnl = _portfolio.Equity - _portfolio.InitialCapital,
            GrossPnl = realized + unrealized,
            RealizedPnl = realized,
            UnrealizedPnl = unrealized,
            Fees = _portfolio.Fees,
            Turnover = _portfolio.Turnover,
            MaxDrawdown = _statistics.MaxDrawdown,
            MaxDrawdownPercent = _statistics.MaxDrawdownPercent,
        };
    }
}
