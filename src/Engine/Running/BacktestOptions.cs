using System;
using System.Collections.Generic;
using Backtester.Execution;
using Backtester.Logging;

namespace Backtester;

/// <summary>
/// How a backtest simulates the venue and accounts for costs. Defaults: 100,000 capital, no latency, no fees, no
/// slippage, fills not bounded by displayed size, at-price trades never fill resting limits, equity sampled by
/// <see cref="EquitySampling"/>'s rule (daily for data spanning ten days or more), no fill log. The rules are described with worked examples in <c>docs/execution.md</c>.
/// </summary>
public sealed record BacktestOptions
{
    /// <summary>One day in nanoseconds, the <see cref="EquitySampleIntervalNs"/> of data spanning ten days or more.</summary>
    public const long OneDayNs = 86_400_000_000_000L;

    /// <summary>The default options.</summary>
    public static BacktestOptions Default { get; } = new();

    /// <summary>Starting cash in quote currency. Default 100,000.</summary>
    public double InitialCapital { get; init; } = 100_000;

    /// <summary>
    /// Time in ns from the event on which a request (new order, cancel, amend) is decided until it reaches the
    /// simulated venue. It acts only on events of its symbol at or after that time, and never on the event it was
    /// decided on. Default 0.
    /// </summary>
    public long OrderLatencyNs { get; init; }

    /// <summary>
    /// Time in ns between an event happening and the strategy seeing it. Every event and every order update reaches the
    /// strategy that much late, so a request decided on an event at t reaches the venue at
    /// t + <see cref="FeedLatencyNs"/> + <see cref="OrderLatencyNs"/>; the order in which the strategy sees events does
    /// not change. <see cref="Orders.Time"/> stays the event's own timestamp. Default 0.
    /// </summary>
    public long FeedLatencyNs { get; init; }

    /// <summary>Fee on liquidity-taking fills, in basis points of the traded notional. Default 0.</summary>
    public double TakerFeeBps { get; init; }

    /// <summary>Fee on liquidity-providing (resting limit) fills, in basis points; negative for a rebate. Default 0.</summary>
    public double MakerFeeBps { get; init; }

    /// <summary>
    /// Maker/taker fees of individual symbols, keyed by symbol name, replacing <see cref="MakerFeeBps"/> and
    /// <see cref="TakerFeeBps"/> for them. Resolved to per-symbol arrays once at the start of a run. Default none.
    /// </summary>
    public IReadOnlyDictionary<string, FeeSchedule>? SymbolFees { get; init; }

    /// <summary>Fixed fee charged per fill, in quote currency. Default 0.</summary>
    public double FeePerFill { get; init; }

    /// <summary>Price slippage of market (and triggered stop) fills in basis points, against the order. Default 0.</summary>
    public double SlippageBps { get; init; }

    /// <summary>
    /// When true, a fill takes at most the liquidity the data shows: the displayed size at the touch for fills
    /// against quotes, the trade's size for fills against a trade, the bar's volume for fills against a bar. Our own
    /// fills use that liquidity up until the next event replenishes it. Default false (fills are not bounded).
    /// </summary>
    public bool LimitFillsToDisplayedSize { get; init; }

    /// <summary>Whether a trade printing exactly at a resting limit's price fills it. Default <see cref="QueuePosition.None"/>.</summary>
    public QueuePosition QueuePosition { get; init; } = QueuePosition.None;

    /// <summary>
    /// Interval in ns at which equity is sampled for return statistics (CAGR, volatility, Sharpe, Sortino, Calmar).
    /// Default <see cref="EquitySampling.Auto"/>: one day for data spanning ten days or more, else an interval giving at
    /// most 1,000 samples (<see cref="EquitySampling"/>); the run's <see cref="BacktestResult.EquitySampleIntervalNs"/>
    /// says which. The annualization factor is 365 days / interval (markets trading every day, as crypto does).
    /// </summary>
    public long EquitySampleIntervalNs { get; init; } = EquitySampling.Auto;

    /// <summary>Which fills the result keeps. Default <see cref="TradeLogMode.SummaryOnly"/>: none, and nothing is stored per fill.</summary>
    public TradeLogMode TradeLog { get; init; } = TradeLogMode.SummaryOnly;

    /// <summary>
    /// When set, the run writes its results as Arrow IPC files into <see cref="RunOutput.Directory"/>: summary,
    /// every fill (streamed in batches, so memory stays bounded), the sampled equity curve and logged records.
    /// Default null: nothing is written.
    /// </summary>
    public RunOutput? Output { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting and its value.</summary>
    public void Validate()
    {
        Output?.Validate();
        if (!(InitialCapital > 0) || double.IsInfinity(InitialCapital))
            throw new ArgumentOutOfRangeException(nameof(InitialCapital), InitialCapital, "InitialCapital must be positive and finite.");
        if (OrderLatencyNs < 0)
            throw new ArgumentOutOfRangeException(nameof(OrderLatencyNs), OrderLatencyNs, "OrderLatencyNs must not be negative.");
        if (FeedLatencyNs < 0)
            throw new ArgumentOutOfRangeException(nameof(FeedLatencyNs), FeedLatencyNs, "FeedLatencyNs must not be negative.");
        if (EquitySampleIntervalNs < 0)
            throw new ArgumentOutOfRangeException(nameof(EquitySampleIntervalNs), EquitySampleIntervalNs, "EquitySampleIntervalNs must be positive, or EquitySampling.Auto (0) for the automatic rule.");
        RequireNonNegativeFinite(TakerFeeBps, nameof(TakerFeeBps));
        if (!double.IsFinite(MakerFeeBps))
            throw new ArgumentOutOfRangeException(nameof(MakerFeeBps), MakerFeeBps, "MakerFeeBps must be finite (negative for a rebate).");
        RequireNonNegativeFinite(FeePerFill, nameof(FeePerFill));
        RequireNonNegativeFinite(SlippageBps, nameof(SlippageBps));
        // A range check, not Enum.IsDefined: that rebuilds a weakly cached table after each collection, allocating.
        if (QueuePosition > QueuePosition.Optimistic)
            throw new ArgumentOutOfRangeException(nameof(QueuePosition), QueuePosition, "Unknown queue position model.");
        TradeLog.Validate();
    }

    private static void RequireNonNegativeFinite(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a non-negative finite number.");
    }
}
