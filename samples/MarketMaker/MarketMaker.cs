using System;
using Backtester;

namespace Backtester.Samples;

/// <summary>
/// A market maker: rests a post-only buy below and a post-only sell above the mid of every symbol, moves them with
/// <see cref="Orders.Amend"/> as the quote moves, leans them against its inventory, and cancels the side that would
/// grow the position past <see cref="MaxPosition"/>. It earns the spread (and maker rebates) and pays when prices trend.
/// </summary>
[Strategy]
public partial class MarketMaker
{
    /// <summary>Distance of each quote from the mid, in basis points.</summary>
    [Param(0.5, 2.0, Step = 0.5)] public double HalfSpreadBps { get; init; } = 1;

    /// <summary>Largest position, in units, either way.</summary>
    [Param(1.0, 3.0, Step = 1.0)] public double MaxPosition { get; init; } = 2;

    /// <summary>Size of each quote.</summary>
    public double Size { get; init; } = 1;

    /// <summary>How far the quotes lean per unit of inventory, in basis points.</summary>
    public double SkewBps { get; init; } = 1;


    private long[] _bid = [], _ask = [];            // working order id per symbol, 0 when none
    private double[] _bidPrice = [], _askPrice = [];

    [OnStart]
    private void Start(Orders orders)
    {
        int n = orders.SymbolCount;
        (_bid, _ask, _bidPrice, _askPrice) = (new long[n], new long[n], new double[n], new double[n]);
    }

    [OnQuote]
    private void OnQuote(in Quote quote, Orders orders)
    {
        int s = quote.SymbolId;
        double position = orders.Position;
        double lean = -position * SkewBps * 1e-4;   // long: quote lower on both sides, to sell more and buy less
        double bid = quote.Mid * (1 - HalfSpreadBps * 1e-4 + lean);
        double ask = quote.Mid * (1 + HalfSpreadBps * 1e-4 + lean);

        PlaceOrMove(orders, Side.Buy, ref _bid[s], ref _bidPrice[s], Math.Min(bid, quote.BidPrice), position < MaxPosition);
        PlaceOrMove(orders, Side.Sell, ref _ask[s], ref _askPrice[s], Math.Max(ask, quote.AskPrice), position > -MaxPosition);
    }

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        // A print far through our bid or ask means the market moved: pull that quote rather than be run over.
        int s = trade.SymbolId;
        if (_bid[s] != 0 && trade.Price < _bidPrice[s] * (1 - 10 * HalfSpreadBps * 1e-4)) CancelQuote(orders, ref _bid[s]);
        if (_ask[s] != 0 && trade.Price > _askPrice[s] * (1 + 10 * HalfSpreadBps * 1e-4)) CancelQuote(orders, ref _ask[s]);
    }

    [OnOrder]
    private void OnOrder(in OrderUpdate update, Orders orders)
    {
        // A quote that is done (filled, cancelled, rejected as post-only-would-cross) is requoted on the next quote.
        if (update.Status is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected)
        {
            int s = update.SymbolId;
            if (_bid[s] == update.OrderId) _bid[s] = 0;
            if (_ask[s] == update.OrderId) _ask[s] = 0;
        }
    }

    private void PlaceOrMove(Orders orders, Side side, ref long id, ref double current, double price, bool allowed)
    {
        if (!allowed)
        {
            if (id != 0) CancelQuote(orders, ref id);
            return;
        }
        if (id == 0)
        {
            id = orders.Limit(side, Size, price, TimeInForce.PostOnly);
            current = price;
        }
        else if (Math.Abs(price - current) > current * HalfSpreadBps * 1e-4) // moved by the half spread: amend, else leave it resting
        {
            orders.Amend(id, price: price);
            current = price;
        }
    }

    private static void CancelQuote(Orders orders, ref long id)
    {
        orders.Cancel(id);
        id = 0; // a fill that races the cancel still reaches OnFill/OnOrder
    }
}
