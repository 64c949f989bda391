using System.Runtime.InteropServices;

namespace Backtester;

/// <summary>A top-of-book update.</summary>
/// <param name="Timestamp">Event time in nanoseconds since the Unix epoch, UTC.</param>
/// <param name="SymbolId">Index of the symbol in the data's symbol table.</param>
/// <param name="BidPrice">Best bid price.</param>
/// <param name="BidSize">Quantity displayed at the best bid.</param>
/// <param name="AskPrice">Best ask price.</param>
/// <param name="AskSize">Quantity displayed at the best ask.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct Quote(long Timestamp, int SymbolId, double BidPrice, double BidSize, double AskPrice, double AskSize)
{
    /// <summary>The mid price, (bid + ask) / 2.</summary>
    public double Mid => (BidPrice + AskPrice) * 0.5;
}
