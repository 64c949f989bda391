namespace Backtester.Research;

/// <summary>
/// The performance statistic by which <see cref="BacktestOverfitting.Cscv"/> chooses the best trial on each training half
/// and ranks it on the test half. The method takes any statistic of the trials' returns over a set of periods (Bailey,
/// Borwein, López de Prado and Zhu 2015, the Sharpe ratio being their example); these are the ones a set of periods
/// determines whatever the order its blocks are joined in, as the engine defines them for a run's equity samples
/// (<see cref="Statistics.SeriesAccumulator"/>). Values are per period: annualizing multiplies every trial's by the same
/// factor, which changes no rank.
/// </summary>
public enum CscvStatistic
{
    /// <summary>
    /// Sharpe ratio per period: mean / sample standard deviation (zero risk-free rate). A set without variation scores
    /// +∞ or −∞ by the sign of its mean, and 0 when every return is 0.
    /// </summary>
    Sharpe,

    /// <summary>
    /// Sortino ratio per period: mean / √(Σ min(r, 0)² / n), the engine's downside deviation. A set without a losing period
    /// scores +∞ with a positive mean and 0 when every return is 0 (where a run's Sortino is NaN: CSCV needs an order, and
    /// a set that neither gains nor loses ranks as 0, as it does by the Sharpe ratio).
    /// </summary>
    Sortino,

    /// <summary>Compounded return over the set's periods: Π(1 + r) − 1; over every period, the run's return (final equity / initial − 1).</summary>
    Return,
}
