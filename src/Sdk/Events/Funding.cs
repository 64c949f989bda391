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
public readonly record struct Funding(long Timestamp, int SymbolId, double Rate, double MarkPrice);
