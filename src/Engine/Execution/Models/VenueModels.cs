using System;
using System.Runtime.CompilerServices;
using Backtester.Accounting;

namespace Backtester.Execution;

/// <summary>An order (entry) latency model: the latency of each request, drawn in the order they are sent (decision 0063).</summary>
internal interface IOrderLatency
{
    /// <summary>The next request's order latency in ns, in [0, <see cref="BacktestOptions.MaxLatencyNs"/>].</summary>
    long Next();
}

/// <summary>The fee of a fill (decision 0062).</summary>
internal interface IFeeModel
{
    /// <summary>The fee of a fill of <paramref name="quantity"/> of <paramref name="symbolId"/> at <paramref name="price"/>.</summary>
    double Of(int symbolId, double price, double quantity, bool isMaker);
}

/// <summary>The price a market or stop order takes at, from the touch (decision 0062).</summary>
internal interface ISlippageModel
{
    /// <summary>The price a taker of side <paramref name="buy"/> pays for <paramref name="price"/>.</summary>
    double Slipped(double price, bool buy);
}

/// <summary>
/// The account's per-event work: marking a symbol and the liquidation test (decision 0064), on the market's events and
/// on the exchange's mark-price updates; a run marks on one of the two (<see cref="BacktestOptions.MarkWith"/>, decision 0082).
/// </summary>
internal interface IAccountMarks
{
    /// <summary>Marks <paramref name="symbolId"/> at <paramref name="price"/>, a market event's price (trade, quote mid, bar close, book mid).</summary>
    void Mark(Portfolio portfolio, int symbolId, double price);

    /// <summary>
    /// True when the account must be liquidated (<see cref="Portfolio.BelowMaintenance"/>) after <see cref="Mark"/> of
    /// <paramref name="symbolId"/> (or a funding settlement of it); an isolated account tests that symbol's own margin too.
    /// </summary>
    bool BelowMaintenance(Portfolio portfolio, int symbolId);

    /// <summary>
    /// <see cref="Mark"/>, then <see cref="BelowMaintenance"/>, in one step, with the portfolio's equity after the mark in
    /// <paramref name="equity"/>: what the market's events do, so an account can test and value what it has just
    /// computed without reading it back.
    /// </summary>
    bool MarkThenBelowMaintenance(Portfolio portfolio, int symbolId, double price, out double equity);

    /// <summary>Marks <paramref name="symbolId"/> at the exchange's mark price <paramref name="price"/>.</summary>
    void MarkAtMarkPrice(Portfolio portfolio, int symbolId, double price);

    /// <summary>True when the account must be liquidated after <see cref="MarkAtMarkPrice"/>.</summary>
    bool BelowMaintenanceAtMarkPrice(Portfolio portfolio, int symbolId);
}

/// <summary>
/// The venue's models and the account's per-event work of one run, as one type the replay is compiled for: the runner
/// picks it once per run from <see cref="BacktestOptions"/> (decision 0062), so every per-event call below is a direct,
/// inlinable call.
/// </summary>
internal interface IVenueModels : IQueueModel, IOrderLatency, IFeeModel, ISlippageModel, IAccountMarks
{
}

/// <summary>The five models of a run, composed (each a struct holding its parameters).</summary>
internal struct VenueModels<TQueue, TLatency, TFee, TSlippage, TMarks>(TQueue queue, TLatency latency, TFee fee, TSlippage slippage, TMarks marks) : IVenueModels
    where TQueue : struct, IQueueModel
    where TLatency : struct, IOrderLatency
    where TFee : struct, IFeeModel
    where TSlippage : struct, ISlippageModel
    where TMarks : struct, IAccountMarks
{
    private TQueue _queue = queue;
    private TLatency _latency = latency;
    private readonly TFee _fee = fee;
    private readonly TSlippage _slippage = slippage;
    private readonly TMarks _marks = marks;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Join(ref QueueState queue, double ahead, double levelSize, long levelVersion) => _queue.Join(ref queue, ahead, levelSize, levelVersion);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnLevelChanged(ref QueueState queue, double size, long levelVersion) => _queue.OnLevelChanged(ref queue, size, levelVersion);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double OnTradeAtPrice(ref QueueState queue, double size) => _queue.OnTradeAtPrice(ref queue, size);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next() => _latency.Next();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double Of(int symbolId, double price, double quantity, bool isMaker) => _fee.Of(symbolId, price, quantity, isMaker);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double Slipped(double price, bool buy) => _slippage.Slipped(price, buy);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Mark(Portfolio portfolio, int symbolId, double price) => _marks.Mark(portfolio, symbolId, price);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool BelowMaintenance(Portfolio portfolio, int symbolId) => _marks.BelowMaintenance(portfolio, symbolId);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool MarkThenBelowMaintenance(Portfolio portfolio, int symbolId, double price, out double equity) => _marks.MarkThenBelowMaintenance(portfolio, symbolId, price, out equity);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void MarkAtMarkPrice(Portfolio portfolio, int symbolId, double price) => _marks.MarkAtMarkPrice(portfolio, symbolId, price);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool BelowMaintenanceAtMarkPrice(Portfolio portfolio, int symbolId) => _marks.BelowMaintenanceAtMarkPrice(portfolio, symbolId);
}

/// <summary>Every request takes the same time (<see cref="BacktestOptions.OrderLatencyNs"/>, or a constant <see cref="LatencyModel"/>).</summary>
internal readonly struct ConstantLatency(long latencyNs) : IOrderLatency
{
    private readonly long _ns = latencyNs;

    public long Next() => _ns;
}

/// <summary><see cref="LatencyModel.Normal"/>: a normal draw, truncated at 0 (a negative draw is drawn again).</summary>
internal struct NormalLatency(LatencyModel model) : IOrderLatency
{
    private readonly double _mean = model.Location, _deviation = model.Scale;
    private SplitMix _random = new(model.Seed);

    public long Next()
    {
        double ns;
        do ns = _mean + _deviation * _random.StandardNormal(); while (ns < 0);
        return SplitMix.Bounded(ns);
    }
}

/// <summary><see cref="LatencyModel.LogNormal"/>: the median times e^(σ × a standard normal).</summary>
internal struct LogNormalLatency(LatencyModel model) : IOrderLatency
{
    private readonly double _median = model.Location, _sigma = model.Scale;
    private SplitMix _random = new(model.Seed);

    public long Next() => SplitMix.Bounded(_median * Math.Exp(_sigma * _random.StandardNormal()));
}

/// <summary>
/// The random sequence of the latency models, without allocating: SplitMix64 for uniforms, the Box–Muller transform
/// for normals (one normal per pair of uniforms). Deterministic for a seed, on every platform.
/// </summary>
internal struct SplitMix(long seed)
{
    private ulong _state = unchecked((ulong)seed);

    public double StandardNormal()
    {
        double u1 = Uniform(), u2 = Uniform();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A uniform in (0, 1): the top 53 bits of the next SplitMix64 output, centred in their interval (never 0, so the logarithm is finite).</summary>
    private double Uniform()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return ((z >> 11) + 0.5) * (1.0 / (1UL << 53));
    }

    /// <summary>A drawn latency rounded to ns, at most <see cref="BacktestOptions.MaxLatencyNs"/>.</summary>
    public static long Bounded(double ns) => ns >= BacktestOptions.MaxLatencyNs ? BacktestOptions.MaxLatencyNs : (long)Math.Round(ns);
}

/// <summary>Maker or taker rate times the notional price × quantity, plus the fixed fee per fill (rates from <see cref="VenueFees"/>).</summary>
internal readonly struct LinearFees(double[] makerRate, double[] takerRate, double perFill) : IFeeModel
{
    private readonly double[] _maker = makerRate, _taker = takerRate;
    private readonly double _perFill = perFill;

    public double Of(int symbolId, double price, double quantity, bool isMaker) => price * quantity * (isMaker ? _maker[symbolId] : _taker[symbolId]) + _perFill;
}

/// <summary>As <see cref="LinearFees"/>, on the instruments' fee base: the coin notional of inverse contracts.</summary>
internal readonly struct InstrumentFees(double[] makerRate, double[] takerRate, double perFill, Accounting.InstrumentRules instruments) : IFeeModel
{
    private readonly double[] _maker = makerRate, _taker = takerRate;
    private readonly double _perFill = perFill;
    private readonly Accounting.InstrumentRules _instruments = instruments;

    public double Of(int symbolId, double price, double quantity, bool isMaker) =>
        _instruments.FeeBase(symbolId, price, quantity) * (isMaker ? _maker[symbolId] : _taker[symbolId]) + _perFill;
}

/// <summary>No slippage: takers pay the touch.</summary>
internal readonly struct NoSlippage : ISlippageModel
{
    public double Slipped(double price, bool buy) => price;
}

/// <summary><see cref="BacktestOptions.SlippageBps"/>: buys pay price × (1 + rate), sells get price × (1 − rate).</summary>
internal readonly struct BpsSlippage(double rate) : ISlippageModel
{
    private readonly double _rate = rate;

    public double Slipped(double price, bool buy) => buy ? price * (1 + _rate) : price * (1 - _rate);
}

/// <summary>
/// An account that can never be liquidated, with one currency and linear contracts only (unlimited credit, or a cash
/// account): marking is one multiply-add per event, and the liquidation test is the constant false (decision 0064).
/// </summary>
internal readonly struct PlainMarks : IAccountMarks
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Mark(Portfolio portfolio, int symbolId, double price) => portfolio.MarkLinear(symbolId, price);

    public bool BelowMaintenance(Portfolio portfolio, int symbolId) => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MarkThenBelowMaintenance(Portfolio portfolio, int symbolId, double price, out double equity)
    {
        equity = portfolio.MarkLinear(symbolId, price);
        return false;
    }

    public void MarkAtMarkPrice(Portfolio portfolio, int symbolId, double price) { }

    public bool BelowMaintenanceAtMarkPrice(Portfolio portfolio, int symbolId) => false;
}

/// <summary>Every other account: margin (maintenance margin tracked and tested per event), inverse contracts, several currencies.</summary>
internal readonly struct AccountMarks : IAccountMarks
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Mark(Portfolio portfolio, int symbolId, double price) => portfolio.Mark(symbolId, price);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool BelowMaintenance(Portfolio portfolio, int symbolId) => portfolio.BelowMaintenance;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MarkThenBelowMaintenance(Portfolio portfolio, int symbolId, double price, out double equity) => portfolio.MarkThenBelowMaintenance(symbolId, price, out equity);

    public void MarkAtMarkPrice(Portfolio portfolio, int symbolId, double price) { }

    public bool BelowMaintenanceAtMarkPrice(Portfolio portfolio, int symbolId) => false;
}

/// <summary>
/// <see cref="MarkSource.MarkPrice"/>: the exchange's mark-price updates mark the symbol (the general mark: margin,
/// inverse contracts, several currencies) and test the maintenance margin; the market's events mark a symbol only until
/// its first mark price (so orders before it are checked and valued at the market's price), and test nothing
/// (decision 0082).
/// </summary>
internal readonly struct MarkPriceMarks : IAccountMarks
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Mark(Portfolio portfolio, int symbolId, double price)
    {
        if (!portfolio[symbolId].HasMarkPrice) portfolio.Mark(symbolId, price);
    }

    public bool BelowMaintenance(Portfolio portfolio, int symbolId) => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MarkThenBelowMaintenance(Portfolio portfolio, int symbolId, double price, out double equity)
    {
        Mark(portfolio, symbolId, price);
        equity = portfolio.Equity;
        return BelowMaintenance(portfolio, symbolId);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void MarkAtMarkPrice(Portfolio portfolio, int symbolId, double price) => portfolio.MarkAtMarkPrice(symbolId, price);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool BelowMaintenanceAtMarkPrice(Portfolio portfolio, int symbolId) => portfolio.BelowMaintenance;
}

/// <summary>
/// A margin account with symbols on isolated margin (<see cref="AccountOptions.IsolatedSymbols"/>, decision 0088), marked
/// by the market's events: after a mark, the marked symbol's isolated margin balance is tested against its maintenance
/// margin, and the cross pool (without the isolated margins and PnL) against the cross positions' maintenance margin.
/// Only runs with isolated symbols take it, so the cross and unlimited accounts' code is unchanged.
/// </summary>
internal readonly struct IsolatedMarks : IAccountMarks
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Mark(Portfolio portfolio, int symbolId, double price) => portfolio.MarkIsolated(symbolId, price);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool BelowMaintenance(Portfolio portfolio, int symbolId) => portfolio.IsolatedBelowMaintenance(symbolId) || portfolio.CrossBelowMaintenance;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MarkThenBelowMaintenance(Portfolio portfolio, int symbolId, double price, out double equity)
    {
        Mark(portfolio, symbolId, price);
        equity = portfolio.Equity;
        return BelowMaintenance(portfolio, symbolId);
    }

    public void MarkAtMarkPrice(Portfolio portfolio, int symbolId, double price) { }

    public bool BelowMaintenanceAtMarkPrice(Portfolio portfolio, int symbolId) => false;
}

/// <summary>
/// <see cref="IsolatedMarks"/> under <see cref="MarkSource.MarkPrice"/>: as <see cref="MarkPriceMarks"/>, the market's
/// events mark a symbol only until its first mark price and test nothing; marks mark and test (decision 0082).
/// </summary>
internal readonly struct IsolatedMarkPriceMarks : IAccountMarks
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Mark(Portfolio portfolio, int symbolId, double price)
    {
        if (!portfolio[symbolId].HasMarkPrice) portfolio.MarkIsolated(symbolId, price);
    }

    public bool BelowMaintenance(Portfolio portfolio, int symbolId) => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MarkThenBelowMaintenance(Portfolio portfolio, int symbolId, double price, out double equity)
    {
        Mark(portfolio, symbolId, price);
        equity = portfolio.Equity;
        return BelowMaintenance(portfolio, symbolId);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void MarkAtMarkPrice(Portfolio portfolio, int symbolId, double price)
    {
        portfolio.SetHasMarkPrice(symbolId);
        portfolio.MarkIsolated(symbolId, price);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool BelowMaintenanceAtMarkPrice(Portfolio portfolio, int symbolId) => portfolio.IsolatedBelowMaintenance(symbolId) || portfolio.CrossBelowMaintenance;
}
