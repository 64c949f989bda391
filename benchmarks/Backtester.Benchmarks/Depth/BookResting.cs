namespace Backtester.Benchmarks.Depth;

/// <summary>
/// A resting-order strategy on the book: keeps a post-only buy 3 ticks below the best bid and a post-only sell 3 ticks
/// above the best ask (behind the touch, in a 10-level book), placed again when one fills. The venue has working orders
/// at every batch, so each update that moves the touch is matched against them.
/// </summary>
[Strategy]
public partial class BookResting
{
    private const double Offset = 0.03; // 3 ticks of the synthetic market's 0.01

    private long _buy, _sell;

    /// <summary>Fills seen, so the run's work is visible.</summary>
    public int Fills { get; private set; }

    [OnBook]
    private void OnBook(in BookUpdate update, Orders orders)
    {
        if (!update.IsEndOfBatch || !update.Book.IsTwoSided) return;
        if (_buy == 0) _buy = orders.Limit(Side.Buy, 1, update.Book.BestBid - Offset, TimeInForce.PostOnly);
        if (_sell == 0) _sell = orders.Limit(Side.Sell, 1, update.Book.BestAsk + Offset, TimeInForce.PostOnly);
    }

    [OnOrder]
    private void OnOrder(in OrderUpdate update, Orders orders)
    {
        if (update.Status is not (OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected)) return;
        if (update.Status == OrderStatus.Filled) Fills++;
        if (update.OrderId == _buy) _buy = 0;
        if (update.OrderId == _sell) _sell = 0;
    }
}
