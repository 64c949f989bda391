namespace Backtester;

/// <summary>Equity at one sampling boundary (<see cref="BacktestOptions.EquitySampleIntervalNs"/>), a row of <c>equity.arrow</c>.</summary>
/// <param name="Timestamp">The boundary, ns since the Unix epoch, UTC.</param>
/// <param name="Equity">Cash plus positions marked at their last prices, as of the last event before the boundary.</param>
/// <param name="Return">Simple return since the previous sample.</param>
/// <param name="Drawdown">Fall from the highest sampled equity so far, as a fraction of it.</param>
[ArrowRecord]
public readonly partial record struct EquitySample([property: ArrowTimestamp] long Timestamp, double Equity, double Return, double Drawdown);
