using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Backtester.Infrastructure;

/// <summary>
/// The engine's answer to "how much is still on order?", read through <see cref="Orders.OpenQuantity"/>: per symbol,
/// a running total of the signed quantity (positive buys, negative sells) that the venue holds and that can still fill,
/// meaning requests on their way to the venue and the unfilled part of working orders. The venue keeps it up to date
/// when an order is sent, fills or closes, so a read is one array load, not a scan of the orders. Strategy code does
/// not use it directly.
/// </summary>
/// <remarks>
/// A sealed, concrete type so that reads on the strategy's per-event path are direct calls the JIT inlines. Each
/// symbol also counts its open orders; when the count returns to zero the total is set to exactly 0, so fractional
/// quantities cannot leave rounding dust behind once nothing is open.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class OpenOrdersView
{
    private double[] _quantity = Array.Empty<double>();
    private int[] _orders = Array.Empty<int>();

    /// <summary>Forgets every order and sizes the totals for <paramref name="symbolCount"/> symbols.</summary>
    public void Reset(int symbolCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(symbolCount);
        if (_quantity.Length != symbolCount)
        {
            _quantity = new double[symbolCount];
            _orders = new int[symbolCount];
        }
        else
        {
            Array.Clear(_quantity);
            Array.Clear(_orders);
        }
    }

    /// <summary>
    /// The signed quantity of <paramref name="symbolId"/>'s orders that the venue holds and that can still fill
    /// (0 for an unknown symbol).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double OpenQuantity(int symbolId) => (uint)symbolId < (uint)_quantity.Length ? _quantity[symbolId] : 0;

    /// <summary>The number of <paramref name="symbolId"/>'s orders in flight or working (0 for an unknown symbol).</summary>
    public int OpenOrders(int symbolId) => (uint)symbolId < (uint)_orders.Length ? _orders[symbolId] : 0;

    /// <summary>An order of <paramref name="signedQuantity"/> (negative for a sell) was sent to the venue.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Opened(int symbolId, double signedQuantity)
    {
        _orders[symbolId]++;
        _quantity[symbolId] += signedQuantity;
    }

    /// <summary>An open order's unfilled quantity changed by <paramref name="signedChange"/> (a partial fill: minus the filled part; an amend).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Changed(int symbolId, double signedChange) => _quantity[symbolId] += signedChange;

    /// <summary>An open order with <paramref name="signedRemaining"/> unfilled left the venue (filled, cancelled or rejected).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Closed(int symbolId, double signedRemaining)
    {
        if (--_orders[symbolId] == 0) _quantity[symbolId] = 0;
        else _quantity[symbolId] -= signedRemaining;
    }
}
