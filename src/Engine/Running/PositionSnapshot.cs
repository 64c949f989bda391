namespace Backtester;

/// <summary>A symbol's account at the end of a run.</summary>
/// <param name="SymbolId">Index in the data's symbol table.</param>
/// <param name="Symbol">The symbol's name.</param>
/// <param name="Position">Signed position: positive long, negative short.</param>
/// <param name="AveragePrice">Average entry price of the open position (0 when flat).</param>
/// <param name="LastPrice">Last price seen (NaN if the symbol had no event).</param>
/// <param name="RealizedPnl">PnL realized on this symbol, before fees.</param>
/// <param name="UnrealizedPnl">PnL of the open position at the last price.</param>
/// <param name="Fees">Fees paid on this symbol (negative when rebates exceeded them).</param>
/// <param name="Turnover">Traded notional on this symbol, Σ |quantity × multiplier × price|.</param>
/// <param name="Funding">Funding received (positive) or paid (negative) on this symbol.</param>
public readonly record struct PositionSnapshot(int SymbolId, string Symbol, double Position, double AveragePrice, double LastPrice,
    double RealizedPnl, double UnrealizedPnl, double Fees, double Turnover, double Funding = 0);
