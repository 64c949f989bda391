namespace Backtester.Benchmarks.Depth;

/// <summary>A strategy that reads the book on every update (touch, third ask level, size through the updated price).</summary>
[Strategy]
public partial class BookReader
{
    /// <summary>Sum of what was read, so the reads cannot be optimized away.</summary>
    public double Sink { get; private set; }

    [OnBook]
    private void OnBook(in BookUpdate update)
    {
        OrderBook book = update.Book;
        Sink += book.BestBid + book.BestAsk + book.Level(BookSide.Ask, 2).Size + book.SizeThrough(update.Side, update.Price);
    }
}
