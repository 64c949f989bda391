using System.Runtime.InteropServices;

namespace Backtester;

/// <summary>One price level of an order book: its price and the total quantity resting there.</summary>
/// <param name="Price">The level's price (NaN for a level beyond the book's depth).</param>
/// <param name="Size">The quantity resting at the price (0 for a level beyond the book's depth).</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct BookLevel(double Price, double Size);
