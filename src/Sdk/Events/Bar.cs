using System.Runtime.InteropServices;

namespace Backtester;

/// <summary>An OHLCV bar. <paramref name="Timestamp"/> is the bar's close time: the bar is known only once it is complete.</summary>
/// <param name="Timestamp">Close time of the bar in nanoseconds since the Unix epoch, UTC.</param>
/// <param name="SymbolId">Index of the symbol in the data's symbol table.</param>
/// <param name="Open">First trade price in the bar.</param>
/// <param name="High">Highest trade price in the bar.</param>
/// <param name="Low">Lowest trade price in the bar.</param>
/// <param name="Close">Last trade price in the bar.</param>
/// <param name="Volume">Traded quantity in the bar.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct Bar(long Timestamp, int SymbolId, double Open, double High, double Low, double Close, double Volume);
