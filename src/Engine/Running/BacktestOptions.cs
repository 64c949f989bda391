using System;
using System.Collections.Generic;
using Backtester.Execution;
using Backtester.Logging;

namespace Backtester;

/// <summary>
/// How a backtest simulates the venue and accounts for costs. Defaults: 100,000 capital, a margin account at 1x
/// leverage, no instruments, no latency, no fees, no slippage, fills not bounded by displayed size, at-price trades
/// never fill resting limits, equity sampled by <see cref="EquitySampling"/>'s rule (daily for data spanning ten days or
/// more), no fill log. The rules are described with worked examples in <c>docs/execution.md</c>.
/// </summary>
public sealed record BacktestOptions
{
    /// <summary>One day in nanoseconds, the <see cref="EquitySampleIntervalNs"/> of data spanning ten days or more.</summary>
    public const long OneDayNs = 86_400_000_000_000L;

    /// <summary>The largest <see cref="OrderLatencyNs"/> or <see cref="FeedLatencyNs"/>: 365 days, so that decision time plus latency cannot overflow.</summary>
    public const long MaxLatencyNs = 365 * OneDayNs;

    /// <summary>
    /// The bound of every fee and slippage rate in basis points: 10,000, the whole notional. A taker fee may be up to it,
    /// a maker fee down to minus it (a rebate), slippage strictly below it (at 100 % a sell would fill at 0, beyond it
    /// at a negative price). Real venues charge a few basis points; a rate past this bound is a unit mistake (a fraction
    /// or a percentage given as basis points the other way round), not a market.
    /// </summary>
    public const double MaxRateBps = 10_000;

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
    /// A latency drawn per request (constant, seeded normal or lognormal) from the event on which it is decided until it
    /// reaches the venue, in place of <see cref="OrderLatencyNs"/> (which must then stay 0); <see cref="FeedLatencyNs"/>
    /// still adds to it. Requests keep the order they were sent in, as on one connection: one never arrives before an
    /// earlier one. Default null: the constant <see cref="OrderLatencyNs"/>.
    /// </summary>
    public LatencyModel? OrderLatency { get; init; }

    /// <summary>
    /// The response latency, drawn per report (constant, seeded normal or lognormal): a fill, order update or refusal on
    /// arrival made at the venue at t reaches the strategy's handlers before the first event at or after t + the draw,
    /// in the order made, never overtaking an earlier report. Until then <see cref="Orders.Position"/> and the open
    /// quantities show the state before it; the account, statistics and liquidation book at venue time. Reports still in
    /// flight when the data ends are delivered before <c>OnFinish</c>. Refusals at decision time are told at once.
    /// Default null (as <c>Constant(0)</c>): every report reaches the strategy on the event it is made (docs/execution.md,
    /// "Response latency"; decision 0074).
    /// </summary>
    public LatencyModel? ResponseLatency { get; init; }

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

    /// <summary>
    /// Trading rules and contract terms of the data's symbols (tick and lot size, minimums, multiplier, fees, margin),
    /// matched by symbol name; instruments of symbols not in the data are ignored, symbols without one have no rules.
    /// Load them with <see cref="InstrumentFile"/>. Instrument fees replace <see cref="MakerFeeBps"/>/<see cref="TakerFeeBps"/>
    /// and are replaced in turn by <see cref="SymbolFees"/>. Default none.
    /// </summary>
    public IReadOnlyList<Instrument>? Instruments { get; init; }

    /// <summary>
    /// The currency equity, PnL, statistics and <see cref="InitialCapital"/> are in when the instruments settle in several
    /// currencies (linear USDT contracts beside inverse BTC ones). Default null: the quote currency of the first linear
    /// instrument (in symbol order) that names one, else the settlement currency of the first instrument that names one.
    /// Every other settlement currency is converted at the last price of a symbol of the data that prices it (base that
    /// currency and quote the reporting one, or the reverse); docs/execution.md, "Several settlement currencies".
    /// </summary>
    public string? ReportingCurrency { get; init; }

    /// <summary>Whether orders off their instrument's tick or lot grid are rejected (default) or rounded onto it.</summary>
    public OffGridOrders OffGridOrders { get; init; }

    /// <summary>
    /// Which prices trigger stop and stop-limit orders: trade prices and bars (<see cref="StopTrigger.LastPrice"/>, the
    /// default) or the best bid and ask of quotes and the L2 book (<see cref="StopTrigger.BidAsk"/>, for data without
    /// trades) or the exchange's mark price (<see cref="StopTrigger.MarkPrice"/>, from <see cref="MarketData.MarkPrices"/>).
    /// It applies to every stop sent without a trigger of its own; one sent with one
    /// (<see cref="Orders.Stop(Side, double, double, StopTrigger, TimeInForce, bool)"/>) triggers on that instead.
    /// docs/execution.md, "Stops".
    /// </summary>
    public StopTrigger StopTrigger { get; init; }

    /// <summary>
    /// What positions are valued at for equity, margin and liquidation: the market's prices (<see cref="MarkSource.Events"/>,
    /// the default) or the exchange's mark price (<see cref="MarkSource.MarkPrice"/>, which needs
    /// <see cref="MarketData.MarkPrices"/> for every symbol). docs/execution.md, "Mark prices".
    /// </summary>
    public MarkSource MarkWith { get; init; }

    /// <summary>
    /// The account: margin (default, 1x leverage), cash or unlimited. Orders beyond buying power are rejected, and a
    /// margin account below its maintenance margin is liquidated (docs/execution.md, "Accounts").
    /// </summary>
    public AccountOptions Account { get; init; } = AccountOptions.Default;

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

    /// <summary>The exponent n of <see cref="QueuePosition.ProbabilisticPower"/>'s f(x) = x^n; positive and finite. Default 2.</summary>
    public double QueuePowerExponent { get; init; } = 2;

    /// <summary>
    /// Interval in ns at which equity is sampled for return statistics (CAGR, volatility, Sharpe, Sortino, Calmar).
    /// Default <see cref="EquitySampling.Auto"/>: one day for data spanning ten days or more, else an interval giving at
    /// most 1,000 samples (<see cref="EquitySampling"/>); the run's <see cref="BacktestResult.EquitySampleIntervalNs"/>
    /// says which. The annualization factor is 365 days / interval (markets trading every day, as crypto does).
    /// </summary>
    public long EquitySampleIntervalNs { get; init; } = EquitySampling.Auto;

    /// <summary>
    /// Sampling intervals per year, the factor that annualizes CAGR, volatility, Sharpe, Sortino and Calmar: e.g. 252 for
    /// daily samples of a market open on trading days, 365 for every day, 52 weekly, 12 monthly
    /// (<see cref="Statistics.PeriodsPerYear"/>). Default null: the number of <see cref="EquitySampleIntervalNs"/> in
    /// 365 days.
    /// </summary>
    public double? PeriodsPerYear { get; init; }

    /// <summary>
    /// The annualization factor in use: <see cref="PeriodsPerYear"/>, or 365 days / <see cref="EquitySampleIntervalNs"/>.
    /// With <see cref="EquitySampling.Auto"/> and no <see cref="PeriodsPerYear"/> the interval depends on the data: use
    /// <see cref="AnnualizationFactorFor"/> with the resolved interval (<see cref="BacktestResult.EquitySampleIntervalNs"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The interval is <see cref="EquitySampling.Auto"/> and <see cref="PeriodsPerYear"/> is not set.</exception>
    public double AnnualizationFactor => PeriodsPerYear ?? (EquitySampleIntervalNs > 0
        ? AnnualizationFactorFor(EquitySampleIntervalNs)
        : throw new InvalidOperationException("AnnualizationFactor: EquitySampleIntervalNs is EquitySampling.Auto, so the interval depends on the data. Use AnnualizationFactorFor(EquitySampling.Resolve(EquitySampleIntervalNs, data)), or set EquitySampleIntervalNs or PeriodsPerYear."));

    /// <summary>The annualization factor for equity sampled every <paramref name="resolvedIntervalNs"/>: <see cref="PeriodsPerYear"/>, or 365 days / that interval.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="resolvedIntervalNs"/> is not positive (and <see cref="PeriodsPerYear"/> is not set).</exception>
    public double AnnualizationFactorFor(long resolvedIntervalNs)
    {
        if (PeriodsPerYear is { } periods) return periods;
        if (resolvedIntervalNs <= 0)
            throw new ArgumentOutOfRangeException(nameof(resolvedIntervalNs), resolvedIntervalNs, "The resolved equity sampling interval must be positive (resolve EquitySampling.Auto with EquitySampling.Resolve first).");
        return 365 * (double)OneDayNs / resolvedIntervalNs;
    }

    /// <summary>Which fills the result keeps. Default <see cref="TradeLogMode.SummaryOnly"/>: none, and nothing is stored per fill.</summary>
    public TradeLogMode TradeLog { get; init; } = TradeLogMode.SummaryOnly;

    /// <summary>
    /// When set, the run writes its results as Arrow IPC files into <see cref="RunOutput.Directory"/>: summary,
    /// every fill (streamed in batches, so memory stays bounded), the sampled equity curve and logged records.
    /// Default null: nothing is written.
    /// </summary>
    public RunOutput? Output { get; init; }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the first setting that is invalid, or that a run over data of
    /// <paramref name="symbols"/> would refuse at its start: also the instruments and <see cref="ReportingCurrency"/>
    /// against those symbols. A sweep calls it once, so that such options fail once, not in every combination.
    /// </summary>
    public void Validate(Data.SymbolTable symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        Validate();
        var instruments = new Accounting.InstrumentRules();
        instruments.Reset(this, symbols);
        new Accounting.SettlementCurrencies().Reset(this, symbols, instruments);
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting and its value.</summary>
    public void Validate()
    {
        Output?.Validate();
        if (!(InitialCapital > 0) || double.IsInfinity(InitialCapital))
            throw new ArgumentOutOfRangeException(nameof(InitialCapital), InitialCapital, "InitialCapital must be positive and finite.");
        if (OrderLatencyNs < 0 || OrderLatencyNs > MaxLatencyNs)
            throw new ArgumentOutOfRangeException(nameof(OrderLatencyNs), OrderLatencyNs, $"OrderLatencyNs must be between 0 and {MaxLatencyNs} (MaxLatencyNs, 365 days).");
        if (OrderLatency is not null && OrderLatencyNs != 0)
            throw new ArgumentOutOfRangeException(nameof(OrderLatencyNs), OrderLatencyNs, $"OrderLatencyNs must stay 0 when OrderLatency is set ({OrderLatency}): set the latency in one of them.");
        if (FeedLatencyNs < 0 || FeedLatencyNs > MaxLatencyNs)
            throw new ArgumentOutOfRangeException(nameof(FeedLatencyNs), FeedLatencyNs, $"FeedLatencyNs must be between 0 and {MaxLatencyNs} (MaxLatencyNs, 365 days).");
        if (EquitySampleIntervalNs < 0)
            throw new ArgumentOutOfRangeException(nameof(EquitySampleIntervalNs), EquitySampleIntervalNs, "EquitySampleIntervalNs must be positive, or EquitySampling.Auto (0) for the automatic rule.");
        // At most a period a nanosecond (what the finest sampling interval gives): beyond it the factor is no year of anything.
        if (PeriodsPerYear is { } periods && !(periods > 0 && periods <= 365.0 * OneDayNs))
            throw new ArgumentOutOfRangeException(nameof(PeriodsPerYear), periods, "PeriodsPerYear must be positive and at most 3.1536E16 (365 days in nanoseconds: a period a nanosecond) (e.g. 252, 365, 52, 12), or null for 365 days per sampling interval.");
        if (!(TakerFeeBps >= 0 && TakerFeeBps <= MaxRateBps))
            throw new ArgumentOutOfRangeException(nameof(TakerFeeBps), TakerFeeBps, $"TakerFeeBps must be between 0 and {MaxRateBps} (MaxRateBps, the whole notional).");
        if (!(MakerFeeBps >= -MaxRateBps && MakerFeeBps <= MaxRateBps))
            throw new ArgumentOutOfRangeException(nameof(MakerFeeBps), MakerFeeBps, $"MakerFeeBps must be between -{MaxRateBps} and {MaxRateBps} (MaxRateBps; negative for a rebate).");
        RequireNonNegativeFinite(FeePerFill, nameof(FeePerFill));
        if (!(SlippageBps >= 0 && SlippageBps < MaxRateBps))
            throw new ArgumentOutOfRangeException(nameof(SlippageBps), SlippageBps, $"SlippageBps must be at least 0 and below {MaxRateBps} (MaxRateBps: at 100 % a sell would fill at 0).");
        // A range check, not Enum.IsDefined: that rebuilds a weakly cached table after each collection, allocating.
        if (!(QueuePowerExponent > 0) || double.IsInfinity(QueuePowerExponent))
            throw new ArgumentOutOfRangeException(nameof(QueuePowerExponent), QueuePowerExponent, "QueuePowerExponent must be positive and finite.");
        if (QueuePosition > QueuePosition.Fifo)
            throw new ArgumentOutOfRangeException(nameof(QueuePosition), QueuePosition, "Unknown queue position model.");
        TradeLog.Validate();
        if (Account is null) throw new ArgumentNullException(nameof(Account), "Account must be set (AccountOptions.Unlimited for no limit).");
        Account.Validate();
        if (ReportingCurrency is { } reporting && string.IsNullOrWhiteSpace(reporting))
            throw new ArgumentException("ReportingCurrency must be a currency name such as USDT, or null for the default.", nameof(ReportingCurrency));
        if (OffGridOrders > OffGridOrders.Round)
            throw new ArgumentOutOfRangeException(nameof(OffGridOrders), OffGridOrders, "Unknown off-grid order handling.");
        if (StopTrigger > StopTrigger.MarkPrice)
            throw new ArgumentOutOfRangeException(nameof(StopTrigger), StopTrigger, "Unknown stop trigger (LastPrice, BidAsk or MarkPrice).");
        if (MarkWith > MarkSource.MarkPrice)
            throw new ArgumentOutOfRangeException(nameof(MarkWith), MarkWith, "Unknown mark source (Events or MarkPrice).");
        if (Instruments is not null)
            foreach (Instrument instrument in Instruments)
            {
                if (instrument is null) throw new ArgumentException("Instruments contains null.", nameof(Instruments));
                instrument.Validate();
            }
    }

    private static void RequireNonNegativeFinite(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a non-negative finite number.");
    }
}
