using System.Runtime.InteropServices;

namespace Backtester;

/// <summary>A trade printed on the venue.</summary>
/// <param name="Timestamp">Event time in nanoseconds since the Unix epoch, UTC.</param>
/// <param name="SymbolId">Index of the symbol in the data's symbol table.</param>
/// <param name="Price">Trade price, positive and finite.</param>
/// <param name="Size">Traded quantity, positive and finite.</param>
/// <param name="Aggressor">The side of the order that took liquidity.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct Trade(long Timestamp, int SymbolId, double Price, double Size, Side Aggressor);
