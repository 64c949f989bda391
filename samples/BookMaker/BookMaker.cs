using System;
using Backtester;

namespace Backtester.Samples;

/// <summary>
/// A market maker on L2 book data: whenever a batch of book updates leaves the book consistent
/// (<see cref="BookUpdate.IsEndOfBatch"/>), it joins the touch, a post-only buy at the best bid and a post-only sell at
/// the best ask, and moves each quote with <see cref="Orders.Amend"/> when that side's best price moves. It stops
/// quoting the side that would take its position past <see cref="MaxPosition"/>. A resting quote joins the queue
/// behind the size the book shows at its price, and fills only once trades at that price have used it up
/// (<see cref="QueuePosition.Conservative"/>), so it earns the spread and the maker rebate only when the market trades
/// through its queue. Walk-through: samples/BookMaker/README.md.
/// </summary>
[Strategy]
public partial class BookMaker
{
    /// <summary>Largest position, in units, either way.</summary>
    [Param(1.0, 3.0, Step = 1.0)] public double MaxPosition { get; init; } = 1;

    /// <summary>Size of each quote.</summary>
    public double Size { get; init; } = 1;

    private long[] _bid = [], _ask = [];            // working order id per symbol, 0 when none
    private double[] _bidPrice = [], _askPrice = [];

    [OnStart]
    private void Start(Orders orders)
    {
        int n = orders.SymbolCount;
        (_bid, _ask, _bidPrice, _askPrice) = (new long[n], new long[n], new double[n], new double[n]);
    }

    [OnBook]
    private void OnBook(in BookUpdate update, Orders orders)
    {
        // Inside a batch the book is half-applied (a snapshot being built, a level moving): act only at its end.
        if (!update.IsEndOfBatch || !update.Book.IsTwoSided) return;
        int s = update.SymbolId;
        double position = orders.Position;
        Quote(orders, Side.Buy, ref _bid[s], ref _bidPrice[s], update.Book.BestBid, position + Size <= MaxPosition);
        Quote(orders, Side.Sell, ref _ask[s], ref _askPrice[s], update.Book.BestAsk, position - Size >= -MaxPosition);
    }

    [OnOrder]
    private void OnOrder(in OrderUpdate update, Orders orders)
    {
        // A quote that is done (filled, cancelled, rejected) is placed afresh at the next consistent book.
        if (update.Status is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected)
        {
            int s = update.SymbolId;
            if (_bid[s] == update.OrderId) _bid[s] = 0;
            if (_ask[s] == update.OrderId) _ask[s] = 0;
        }
    }

    private void Quote(Orders orders, Side side, ref long id, ref double current, double price, bool allowed)
    {
        if (!allowed)
        {
            if (id != 0)
            {
                orders.Cancel(id);
                id = 0; // a fill that races the cancel still reaches OnFill/OnOrder
            }
            return;
        }
        if (id == 0)
        {
            id = orders.Limit(side, Size, price, TimeInForce.PostOnly);
            current = price;
        }
        else if (price != current)
        {
            // The touch moved: follow it (the amended order queues again, behind what the book shows there).
            orders.Amend(id, price: price);
            current = price;
        }
    }
}
