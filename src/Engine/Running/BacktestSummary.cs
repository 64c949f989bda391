using System.Runtime.InteropServices;

namespace Backtester;

/// <summary>The statistics of one backtest. A plain struct: producing it allocates nothing.</summary>
[StructLayout(LayoutKind.Auto)]
[ArrowRecord]
public readonly partial record struct BacktestSummary
{
    /// <summary>Number of market data events replayed.</summary>
    public long Events { get; init; }

    /// <summary>Number of fills.</summary>
    public long Fills { get; init; }

    /// <summary>Closed round trips (a position going from flat back to flat, or through zero).</summary>
    public long RoundTrips { get; init; }

    /// <summary>Round trips whose PnL net of fees was positive.</summary>
    public long Wins { get; init; }

    /// <summary>Round trips whose PnL net of fees was negative.</summary>
    public long Losses { get; init; }

    /// <summary>Wins / RoundTrips (NaN with no round trip).</summary>
    public double WinRate { get; init; }

    /// <summary>Sum of winning trips' PnL / |sum of losing trips' PnL| (∞ with wins and no loss, NaN with neither).</summary>
    public double ProfitFactor { get; init; }

    /// <summary>Mean PnL (net of fees) of winning round trips; NaN without one.</summary>
    public double AverageWin { get; init; }

    /// <summary>Mean PnL (net of fees, negative) of losing round trips; NaN without one.</summary>
    public double AverageLoss { get; init; }

    /// <summary>Mean PnL per round trip net of fees, = WinRate × AverageWin + LossRate × AverageLoss; NaN without round trips.</summary>
    public double Expectancy { get; init; }

    /// <summary>Starting cash.</summary>
    public double InitialCapital { get; init; }

    /// <summary>Cash plus positions marked at their last prices after the last event.</summary>
    public double FinalEquity { get; init; }

    /// <summary>FinalEquity − InitialCapital = GrossPnl − Fees + Funding.</summary>
    public double NetPnl { get; init; }

    /// <summary>NetPnl / InitialCapital.</summary>
    public double Return { get; init; }

    /// <summary>RealizedPnl + UnrealizedPnl, before fees.</summary>
    public double GrossPnl { get; init; }

    /// <summary>PnL realized by reducing or flipping positions, before fees.</summary>
    public double RealizedPnl { get; init; }

    /// <summary>PnL of open positions at their last prices.</summary>
    public double UnrealizedPnl { get; init; }

    /// <summary>Fees paid (maker rebates count negative).</summary>
    public double Fees { get; init; }

    /// <summary>Funding of perpetual contracts received (positive) or paid (negative); part of NetPnl.</summary>
    public double Funding { get; init; }

    /// <summary>Fills of kind <see cref="FillKind.Liquidation"/>: positions the venue closed because a margin account's equity fell below its maintenance margin.</summary>
    public long Liquidations { get; init; }

    /// <summary>New orders refused for buying power: <see cref="RejectReason.InsufficientFunds"/>, <see cref="RejectReason.InsufficientMargin"/> or <see cref="RejectReason.ShortSellingNotAllowed"/>.</summary>
    public long BuyingPowerRejections { get; init; }

    /// <summary>
    /// New orders the venue refused, for any reason (<see cref="RejectReason"/>: invalid quantity or price, off the tick
    /// grid, buying power, post-only that would take, …); <c>orders.arrow</c> has each one's reason. A run whose orders
    /// were all refused has no fills and says so here, not only in the orders' journal.
    /// </summary>
    public long RejectedOrders { get; init; }

    /// <summary>Traded notional, Σ |quantity × multiplier × price|.</summary>
    public double Turnover { get; init; }

    /// <summary>Largest fall of equity from a previous peak, in quote currency (equity sampled after every event).</summary>
    public double MaxDrawdown { get; init; }

    /// <summary>Largest fall of equity from a previous peak, as a fraction of that peak.</summary>
    public double MaxDrawdownPercent { get; init; }

    /// <summary>Longest time in ns equity spent below a previous peak (until it recovered, or until the last event).</summary>
    public long MaxDrawdownDurationNs { get; init; }

    /// <summary>Fraction of the time from the first to the last event during which some position was open.</summary>
    public double Exposure { get; init; }

    /// <summary>Number of returns between equity samples taken every <see cref="BacktestOptions.EquitySampleIntervalNs"/>; the statistics below use them.</summary>
    public long EquitySamples { get; init; }

    /// <summary>
    /// Compound annual growth rate of the sampled equity (empyrical's annual_return); NaN when the sampled returns cover
    /// less than a year (fewer than the periods per year: a return over less than a year is not annualized, decision
    /// 0102), or the data less than one interval. <see cref="BacktestResult.Warnings"/> then says so, with the span.
    /// </summary>
    public double Cagr { get; init; }

    /// <summary>Sample standard deviation (ddof = 1) of the sampled returns × √(periods per year).</summary>
    public double AnnualizedVolatility { get; init; }

    /// <summary>
    /// Mean / standard deviation of the sampled returns × √(periods per year), zero risk-free rate; NaN with fewer than two
    /// returns. Over less than a year its standard error, about √(periods per year / returns), is large:
    /// <see cref="BacktestResult.Warnings"/> gives it.
    /// </summary>
    public double Sharpe { get; init; }

    /// <summary>Mean / √(mean of min(r, 0)² over all sampled returns) × √(periods per year).</summary>
    public double Sortino { get; init; }

    /// <summary>Cagr / max drawdown (fraction) of the sampled equity; NaN when the sampled equity never fell, or without a CAGR.</summary>
    public double Calmar { get; init; }
}
