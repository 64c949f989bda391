using System.Runtime.InteropServices;

namespace Backtester.Execution;

/// <summary>The kinds of market data event, in the order the replay takes them at equal timestamps.</summary>
internal enum MarketEventKind : byte
{
    Quote = 0,
    Trade = 1,
    Bar = 2,
}

/// <summary>
/// One market event as the venue matches against it. A trade is a bar whose open, high and low are the trade price
/// and whose volume is the trade size, so one set of price rules serves both; a quote carries no price here (it
/// updates the <see cref="SymbolBook"/>).
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct MarketEvent(MarketEventKind Kind, long Timestamp, int SymbolId, double Open, double High, double Low, double Size)
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static MarketEvent FromTrade(in Trade t) => new(MarketEventKind.Trade, t.Timestamp, t.SymbolId, t.Price, t.Price, t.Price, t.Size);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static MarketEvent FromBar(in Bar b) => new(MarketEventKind.Bar, b.Timestamp, b.SymbolId, b.Open, b.High, b.Low, b.Volume);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static MarketEvent FromQuote(in Quote q) => new(MarketEventKind.Quote, q.Timestamp, q.SymbolId, double.NaN, double.NaN, double.NaN, 0);
}
