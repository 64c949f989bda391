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
/// quantities cannot leave rounding dust behind once nothing is open. A second total and count per symbol, kept at the
/// same points, leave out reduce-only orders (<see cref="OpenEntryQuantity"/>).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class OpenOrdersView
{
    private double[] _quantity = Array.Empty<double>();
    private int[] _orders = Array.Empty<int>();
    private double[] _entryQuantity = Array.Empty<double>();
    private int[] _entryOrders = Array.Empty<int>();

    /// <summary>Forgets every order and sizes the totals for <paramref name="symbolCount"/> symbols.</summary>
    public void Reset(int symbolCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(symbolCount);
        if (_quantity.Length != symbolCount)
        {
            _quantity = new double[symbolCount];
            _orders = new int[symbolCount];
            _entryQuantity = new double[symbolCount];
            _entryOrders = new int[symbolCount];
        }
        else
        {
            Array.Clear(_quantity);
            Array.Clear(_orders);
            Array.Clear(_entryQuantity);
            Array.Clear(_entryOrders);
        }
    }

    /// <summary>
    /// The signed quantity of <paramref name="symbolId"/>'s orders that the venue holds and that can still fill
    /// (0 for an unknown symbol).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double OpenQuantity(int symbolId) => (uint)symbolId < (uint)_quantity.Length ? _quantity[symbolId] : 0;

    /// <summary>
    /// Like <see cref="OpenQuantity"/> without reduce-only orders: the entry orders that change the position the
    /// strategy aims at, not the protective stops and targets that only close it (0 for an unknown symbol).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double OpenEntryQuantity(int symbolId) => (uint)symbolId < (uint)_entryQuantity.Length ? _entryQuantity[symbolId] : 0;

    /// <summary>The number of <paramref name="symbolId"/>'s orders in flight or working (0 for an unknown symbol).</summary>
    public int OpenOrders(int symbolId) => (uint)symbolId < (uint)_orders.Length ? _orders[symbolId] : 0;

    /// <summary>
    /// An order of <paramref name="signedQuantity"/> (negative for a sell) was sent to the venue;
    /// <paramref name="reduceOnly"/> orders are left out of <see cref="OpenEntryQuantity"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Opened(int symbolId, double signedQuantity, bool reduceOnly)
    {
        _orders[symbolId]++;
        _quantity[symbolId] += signedQuantity;
        if (reduceOnly) return;
        _entryOrders[symbolId]++;
        _entryQuantity[symbolId] += signedQuantity;
    }

    /// <summary>
    /// An open order's unfilled quantity changed by <paramref name="signedChange"/> (a partial fill: minus the filled
    /// part; an amend); <paramref name="reduceOnly"/> as the order was sent.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Changed(int symbolId, double signedChange, bool reduceOnly)
    {
        _quantity[symbolId] += signedChange;
        if (!reduceOnly) _entryQuantity[symbolId] += signedChange;
    }

    /// <summary>
    /// An open order with <paramref name="signedRemaining"/> unfilled left the venue (filled, cancelled or rejected);
    /// <paramref name="reduceOnly"/> as the order was sent.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Closed(int symbolId, double signedRemaining, bool reduceOnly)
    {
        if (--_orders[symbolId] == 0) _quantity[symbolId] = 0;
        else _quantity[symbolId] -= signedRemaining;
        if (reduceOnly) return;
        if (--_entryOrders[symbolId] == 0) _entryQuantity[symbolId] = 0;
        else _entryQuantity[symbolId] -= signedRemaining;
    }
}
