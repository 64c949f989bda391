using System.Runtime.InteropServices;

namespace Backtester;

/// <summary>
/// A funding settlement of a perpetual contract: at <paramref name="Timestamp"/>, every open position of the symbol pays
/// (rate &gt; 0: longs pay shorts) or receives position × multiplier × mark price × rate.
/// </summary>
/// <param name="Timestamp">Funding time in nanoseconds since the Unix epoch, UTC.</param>
/// <param name="SymbolId">Index of the symbol in the data's symbol table.</param>
/// <param name="Rate">The funding rate of the interval, as a fraction (0.0001 = 1 bp).</param>
/// <param name="MarkPrice">The mark price the payment is computed at; NaN when the data has none (the symbol's last price is used).</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct Funding(long Timestamp, int SymbolId, double Rate, double MarkPrice)
{
    /// <summary>
    /// On the settlement an <c>[OnFunding]</c> handler hears: what the account's position in the symbol received at it
    /// (negative: paid), as booked, in the symbol's settlement currency: −position × multiplier × price × rate (inverse
    /// contracts: × multiplier / price, in the base coin), 0 when the symbol is flat. NaN on a settlement read from the
    /// data, which nothing has been booked for.
    /// </summary>
    public double Amount { get; init; } = double.NaN;
}
