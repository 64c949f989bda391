namespace Backtester;

/// <summary>
/// One symbol's share of a run, a row of <c>symbols.arrow</c>: its account at the end, its round trips, and the
/// symbol's own buy-and-hold return over the data (the benchmark a tearsheet draws).
/// </summary>
/// <param name="Symbol">The symbol's name.</param>
/// <param name="SymbolId">The symbol's id in the data.</param>
/// <param name="NetPnl">Realized plus unrealized PnL minus fees plus funding (received positive, paid negative), as the summary's NetPnl.</param>
/// <param name="RealizedPnl">PnL of reductions, before fees.</param>
/// <param name="UnrealizedPnl">The open position valued as the account values it: at the last price of its events, or at the last mark under <see cref="MarkSource.MarkPrice"/> (then not at <paramref name="LastPrice"/>).</param>
/// <param name="Fees">All fees paid.</param>
/// <param name="Turnover">Traded notional.</param>
/// <param name="Fills">Number of fills.</param>
/// <param name="RoundTrips">Closed round trips.</param>
/// <param name="Wins">Round trips with positive PnL.</param>
/// <param name="Losses">Round trips with negative PnL.</param>
/// <param name="WinRate">Wins / round trips (NaN without any).</param>
/// <param name="ProfitFactor">Winning PnL / losing PnL (∞ without losses, NaN without trips).</param>
/// <param name="Expectancy">Mean PnL per round trip, in the symbol's settlement currency like round_trips.arrow (the money columns above are in the reporting currency; they differ only in a run with several settlement currencies).</param>
/// <param name="FinalPosition">The position at the end.</param>
/// <param name="AveragePrice">The open position's average price (0 when flat).</param>
/// <param name="FirstPrice">The symbol's first price in the data (trade, quote mid or bar close).</param>
/// <param name="LastPrice">The symbol's last price in the data (trade, quote mid, bar close or book mid; never a mark price).</param>
/// <param name="BuyAndHoldReturn">LastPrice / FirstPrice − 1.</param>
[ArrowRecord]
public readonly partial record struct SymbolStatistics(string? Symbol, int SymbolId, double NetPnl, double RealizedPnl, double UnrealizedPnl,
    double Fees, double Turnover, long Fills, long RoundTrips, long Wins, long Losses, double WinRate, double ProfitFactor, double Expectancy,
    double FinalPosition, double AveragePrice, double FirstPrice, double LastPrice, double BuyAndHoldReturn);
