namespace Backtester.Benchmarks.Depth;

/// <summary>
/// A resting-order strategy on the L2 book: at the end of every book batch it keeps one buy of 1 at the best bid while
/// flat or short, and one sell of 1 at the best ask while long, cancelling and re-placing it when the touch moves. Its
/// orders join the queue at the touch, so every queue model works on every batch and every trade at the touch.
/// </summary>
[Strategy]
public partial class BookMaker
{
    private long _bid, _ask;
    private double _bidPrice, _askPrice;

    [OnStart]
    private void Start()
    {
        _bid = _ask = 0;
        _bidPrice = _askPrice = 0;
    }

    [OnBook]
    private void OnBook(in BookUpdate update, Orders orders)
    {
        if (!update.IsEndOfBatch) return;
        OrderBook book = update.Book;
        if (!book.IsTwoSided) return;
        if (orders.Position <= 0 && book.BestBid != _bidPrice)
        {
            if (_bid != 0) orders.Cancel(_bid);
            _bidPrice = book.BestBid;
            _bid = orders.Limit(Side.Buy, 1, _bidPrice);
        }
        if (orders.Position > 0 && book.BestAsk != _askPrice)
        {
            if (_ask != 0) orders.Cancel(_ask);
            _askPrice = book.BestAsk;
            _ask = orders.Limit(Side.Sell, 1, _askPrice);
        }
    }
}
