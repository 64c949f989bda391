namespace Backtester;

/// <summary>
/// The ids of the three orders <see cref="Orders.Bracket(Side, double, double?, double, double, TimeInForce)"/> sent: the
/// entry, and its two exits, which wait until the entry fills and then cancel each other.
/// </summary>
/// <param name="Entry">The entry order (market or limit).</param>
/// <param name="TakeProfit">The take-profit: a reduce-only limit on the other side.</param>
/// <param name="StopLoss">The stop-loss: a reduce-only stop on the other side.</param>
public readonly record struct BracketOrderIds(long Entry, long TakeProfit, long StopLoss);
