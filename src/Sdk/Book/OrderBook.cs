using System;

namespace Backtester;

/// <summary>
/// The L2 (market-by-price) order book of one symbol, as the replay maintains it from <see cref="BookUpdate"/>s:
/// for each side, the price levels and the total size resting at each. Every read is O(1) or a walk over the levels it
/// needs, and nothing allocates. Levels are indexed from the best: level 0 is the best bid (highest) or best ask (lowest).
/// </summary>
/// <remarks>
/// A level placed at or through the best of the other side removes the other side's levels it crosses: an exchange
/// book cannot be crossed, so those levels are stale (their removal is still on its way in the feed). The replay
/// owns the books it passes to handlers; <see cref="Apply"/> and <see cref="Clear"/> are public so a book can also be
/// built by hand, e.g. in a strategy's tests.
/// </remarks>
public sealed class OrderBook
{
    private readonly PriceLevels _bids = new(BookSide.Bid);
    private readonly PriceLevels _asks = new(BookSide.Ask);
    private readonly PriceLevels[] _sides; // [asks, bids]: index (side + 1) / 2

    /// <summary>Creates an empty book for <paramref name="symbolId"/>.</summary>
    public OrderBook(int symbolId)
    {
        SymbolId = symbolId;
        _sides = [_asks, _bids];
    }

    /// <summary>The symbol the book belongs to.</summary>
    public int SymbolId { get; }

    /// <summary>Number of bid levels.</summary>
    public int BidCount => _bids.Count;

    /// <summary>Number of ask levels.</summary>
    public int AskCount => _asks.Count;

    /// <summary>True when both sides have at least one level.</summary>
    public bool IsTwoSided => _bids.Count != 0 && _asks.Count != 0;

    /// <summary>The best (highest) bid price, NaN when there are no bids.</summary>
    public double BestBid => _bids.Count != 0 ? _bids.PriceAt(0) : double.NaN;

    /// <summary>The size at the best bid, 0 when there are no bids.</summary>
    public double BestBidSize => _bids.Count != 0 ? _bids.SizeAt(0) : 0;

    /// <summary>The best (lowest) ask price, NaN when there are no asks.</summary>
    public double BestAsk => _asks.Count != 0 ? _asks.PriceAt(0) : double.NaN;

    /// <summary>The size at the best ask, 0 when there are no asks.</summary>
    public double BestAskSize => _asks.Count != 0 ? _asks.SizeAt(0) : 0;

    /// <summary>(best bid + best ask) / 2, NaN unless the book is two-sided.</summary>
    public double Mid => (BestBid + BestAsk) * 0.5;

    /// <summary>Best ask − best bid, NaN unless the book is two-sided.</summary>
    public double Spread => BestAsk - BestBid;

    /// <summary>Number of levels on <paramref name="side"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="side"/> is neither <see cref="BookSide.Bid"/> nor <see cref="BookSide.Ask"/>.</exception>
    public int LevelCount(BookSide side) => Levels(side).Count;

    /// <summary>
    /// The level <paramref name="index"/> from the best on <paramref name="side"/> (0 = best); past the last level,
    /// a level with NaN price and 0 size.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative, or <paramref name="side"/> is neither <see cref="BookSide.Bid"/> nor <see cref="BookSide.Ask"/>.</exception>
    public BookLevel Level(BookSide side, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        PriceLevels levels = Levels(side);
        return index < levels.Count ? new BookLevel(levels.PriceAt(index), levels.SizeAt(index)) : new BookLevel(double.NaN, 0);
    }

    /// <summary>The size resting at exactly <paramref name="price"/> on <paramref name="side"/>, 0 when there is no such level.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="side"/> is neither <see cref="BookSide.Bid"/> nor <see cref="BookSide.Ask"/>.</exception>
    public double SizeAt(BookSide side, double price) => Levels(side).SizeAtPrice(price);

    /// <summary>
    /// The cumulative size on <paramref name="side"/> at prices at or better than <paramref name="price"/>: for bids,
    /// at or above it; for asks, at or below it. What a sell (buy) limit at that price could take at once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="side"/> is neither <see cref="BookSide.Bid"/> nor <see cref="BookSide.Ask"/>.</exception>
    public double SizeThrough(BookSide side, double price) => Levels(side).SizeThrough(price);

    /// <summary>
    /// The price of the last level an order taking <paramref name="quantity"/> from <paramref name="side"/> would reach
    /// (a buy takes asks, a sell takes bids), NaN when the side holds less. Level by level from the best.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="side"/> is neither <see cref="BookSide.Bid"/> nor <see cref="BookSide.Ask"/>.</exception>
    public double PriceToFill(BookSide side, double quantity) => Levels(side).Walk(quantity, out _);

    /// <summary>
    /// The volume-weighted average price of taking <paramref name="quantity"/> from <paramref name="side"/> level by
    /// level from the best, NaN when the side holds less.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="side"/> is neither <see cref="BookSide.Bid"/> nor <see cref="BookSide.Ask"/>.</exception>
    public double AveragePriceToFill(BookSide side, double quantity)
    {
        Levels(side).Walk(quantity, out double average);
        return average;
    }

    /// <summary>
    /// Sets the level at <paramref name="price"/> on <paramref name="side"/> to <paramref name="size"/> (0 removes it),
    /// removing levels of the other side the new level crosses. Returns true when the best bid or ask (price or size) changed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="side"/> is neither <see cref="BookSide.Bid"/> nor <see cref="BookSide.Ask"/>.</exception>
    public bool Apply(BookSide side, double price, double size)
    {
        // The side picks its levels by index rather than by a branch: a feed's updates alternate sides at random, and a
        // branch on the side mispredicts about every other update.
        int shifted = (int)side + 1; // Ask (−1) → 0, Bid (1) → 2
        if ((shifted & ~2) != 0) ThrowInvalidSide(side);
        int own = shifted >> 1;
        PriceLevels[] sides = _sides;
        bool touched = sides[own].Set(price, size);
        PriceLevels other = sides[own ^ 1];
        if (size != 0 && other.IsCrossedBy(price)) touched |= other.RemoveThrough(price);
        return touched;
    }

    /// <summary>Removes every level of both sides.</summary>
    public void Clear()
    {
        _bids.Clear();
        _asks.Clear();
    }

    /// <summary>The levels of <paramref name="side"/>; any other value than Bid or Ask is refused, as by <see cref="Apply"/>.</summary>
    private PriceLevels Levels(BookSide side)
    {
        // One test: Ask (−1) and Bid (1) shifted by one are 0 and 2, the only values with no bit but bit 1 set; then
        // the side's levels by index, as Apply picks them.
        int shifted = (int)side + 1;
        if ((shifted & ~2) != 0) ThrowInvalidSide(side);
        return _sides[shifted >> 1];
    }

    /// <summary>Kept out of line, so the checks inline to a test and a branch never taken.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowInvalidSide(BookSide side) =>
        throw new ArgumentOutOfRangeException(nameof(side), side, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"A book side is Bid (1) or Ask (-1), not {(sbyte)side}."));
}
