namespace Backtester;

/// <summary>
/// One closed round trip, a row of <c>round_trips.arrow</c>: a symbol's position from flat back to flat (or through
/// zero), with the engine's average-cost rules, so the rows add up to <see cref="BacktestSummary.RoundTrips"/>,
/// <see cref="BacktestSummary.Wins"/> and <see cref="BacktestSummary.Losses"/>.
/// </summary>
/// <param name="Symbol">The symbol's name.</param>
/// <param name="SymbolId">The symbol's id in the data.</param>
/// <param name="Direction">Buy for a long trip, Sell for a short one.</param>
/// <param name="OpenedAt">The fill that opened it, ns since the Unix epoch, UTC.</param>
/// <param name="ClosedAt">The fill that closed it.</param>
/// <param name="DurationNs">ClosedAt − OpenedAt.</param>
/// <param name="MaxQuantity">The largest absolute position during the trip.</param>
/// <param name="EntryPrice">The quantity-weighted price of the fills that opened or added to it.</param>
/// <param name="ExitPrice">The quantity-weighted price of the fills that reduced or closed it.</param>
/// <param name="Pnl">Realized PnL net of its fees (a fill that flips the position pays its fee pro rata to both trips).</param>
/// <param name="Fees">Its share of the fees.</param>
/// <param name="Return">Pnl divided by the notional of its entries.</param>
/// <param name="Fills">The fills that made it (a flipping fill counts in both trips).</param>
[ArrowRecord]
public readonly partial record struct RoundTripRecord(string? Symbol, int SymbolId, Side Direction,
    [property: ArrowTimestamp] long OpenedAt, [property: ArrowTimestamp] long ClosedAt, long DurationNs, double MaxQuantity,
    double EntryPrice, double ExitPrice, double Pnl, double Fees, double Return, int Fills);
