using System.Runtime.CompilerServices;

namespace Backtester;

/// <summary>
/// What a strategy handler uses to place orders and read its positions. A handle passed by value into
/// handlers; it does not allocate. Orders placed during a handler reach the simulated venue after the
/// configured latency and fill only against later events (no look-ahead).
/// </summary>
public readonly struct Orders
{
    private readonly OrderGateway _gateway;

    /// <summary>Wraps an engine's gateway.</summary>
    public Orders(OrderGateway gateway) => _gateway = gateway;

    /// <summary>Time of the event being handled, in nanoseconds since the Unix epoch, UTC.</summary>
    public long Time => _gateway.Time;

    /// <summary>The symbol of the event being handled (-1 in start/finish handlers).</summary>
    public int SymbolId => _gateway.SymbolId;

    /// <summary>Number of symbols in the data; symbol ids run from 0 to SymbolCount − 1.</summary>
    public int SymbolCount => _gateway.SymbolCount;

    /// <summary>The position in the current event's symbol: positive long, negative short, 0 flat.</summary>
    public double Position => _gateway.PositionOf(_gateway.SymbolId);

    /// <summary>The position in <paramref name="symbolId"/>.</summary>
    public double PositionOf(int symbolId) => _gateway.PositionOf(symbolId);

    /// <summary>Places a market order in the current event's symbol and returns its id.</summary>
    /// <param name="side">Buy or sell.</param>
    /// <param name="quantity">Positive, finite quantity.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Market(Side side, double quantity) => _gateway.Place(_gateway.SymbolId, side, quantity, OrderType.Market);

    /// <summary>Places a market order in <paramref name="symbolId"/> and returns its id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Market(int symbolId, Side side, double quantity) => _gateway.Place(symbolId, side, quantity, OrderType.Market);
}
