using System;
using System.Runtime.CompilerServices;

namespace Backtester;

/// <summary>
/// The engine's side of <see cref="Orders"/>: collects the orders a strategy places during one handler call
/// and exposes the positions and clock the engine maintains. One gateway per run; it is reused across runs
/// of a sweep by calling <see cref="Reset"/>, so placing an order never allocates once the buffer has grown.
/// </summary>
/// <remarks>Strategy code uses <see cref="Orders"/>; this type is for engines.</remarks>
public sealed class OrderGateway
{
    private OrderRequest[] _requests = new OrderRequest[16];
    private int _count;
    private double[] _positions = Array.Empty<double>();
    private long _nextOrderId = 1;

    /// <summary>Time of the event being handled, in nanoseconds since the Unix epoch, UTC.</summary>
    public long Time { get; private set; }

    /// <summary>The symbol of the event being handled (or -1 outside an event).</summary>
    public int SymbolId { get; private set; } = -1;

    /// <summary>Number of symbols in the data of this run.</summary>
    public int SymbolCount => _positions.Length;

    /// <summary>Orders placed since the last <see cref="ClearPlaced"/>, in placement order.</summary>
    public ReadOnlySpan<OrderRequest> Placed => _requests.AsSpan(0, _count);

    /// <summary>Prepares for a new run over <paramref name="symbolCount"/> symbols: flat positions, order ids from 1.</summary>
    public void Reset(int symbolCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(symbolCount);
        if (_positions.Length != symbolCount) _positions = new double[symbolCount];
        else Array.Clear(_positions);
        _count = 0;
        _nextOrderId = 1;
        Time = 0;
        SymbolId = -1;
    }

    /// <summary>Number of orders placed since the last <see cref="ClearPlaced"/>.</summary>
    public int PlacedCount => _count;

    /// <summary>Sets the clock and current symbol before a handler is called.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetCurrent(long time, int symbolId)
    {
        Time = time;
        SymbolId = symbolId;
    }

    /// <summary>Records the position the engine holds in <paramref name="symbolId"/> after a fill.</summary>
    public void SetPosition(int symbolId, double position) => _positions[symbolId] = position;

    /// <summary>The position in <paramref name="symbolId"/>: positive long, negative short.</summary>
    public double PositionOf(int symbolId) => _positions[symbolId];

    /// <summary>Forgets the placed orders once the engine has taken them.</summary>
    public void ClearPlaced() => _count = 0;

    internal long Place(int symbolId, Side side, double quantity, OrderType type)
    {
        if (!(quantity > 0) || double.IsInfinity(quantity))
            throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "Order quantity must be a positive, finite number.");
        if ((uint)symbolId >= (uint)_positions.Length)
            throw new ArgumentOutOfRangeException(nameof(symbolId), symbolId, $"Unknown symbol id; the data has {_positions.Length} symbols.");
        if (side != Side.Buy && side != Side.Sell)
            throw new ArgumentOutOfRangeException(nameof(side), side, "Side must be Buy or Sell.");
        if (_count == _requests.Length) Array.Resize(ref _requests, _requests.Length * 2);
        long id = _nextOrderId++;
        _requests[_count++] = new OrderRequest(id, symbolId, side, quantity, type, Time);
        return id;
    }
}
