namespace Backtester;

/// <summary>
/// Where a resting limit order stands in the queue at its price, as a queue model keeps it (<see cref="IQueueModel"/>).
/// The venue stores one per working order and hands it to the model by reference; the model may use every field.
/// </summary>
public struct QueueState
{
    /// <summary>Size ahead of the order at its price; +∞ when unknown (behind the touch, or no quotes yet), 0 when first.</summary>
    public double Ahead;

    /// <summary>The size displayed at the order's price when the venue last showed it to the model; NaN when unknown.</summary>
    public double LevelSize;

    /// <summary>Size traded at the order's price since <see cref="LevelSize"/> was seen (the next level change already counts it).</summary>
    public double TradedAtLevel;

    /// <summary>
    /// The level's version when <see cref="LevelSize"/> was seen: it changes whenever the touch leaves the order's price
    /// and comes back, so that a size seen before is not compared with one seen after.
    /// </summary>
    public long LevelVersion;

    /// <summary>
    /// The venue's event sequence number on which the order joined the queue (arrival, or an amend that loses its
    /// priority): an order-by-order (L3) model compares it with the book's own orders to know which are ahead.
    /// </summary>
    public long JoinedAt;
}

/// <summary>
/// A queue-position model: how a resting limit order advances in the queue at its price, and how much of a trade at
/// exactly its price fills it. Implement it on a struct that holds the model's parameters; the venue is specialized
/// for it by the JIT (no interface call per event). The built-in models are chosen by
/// <see cref="BacktestOptions.QueuePosition"/>; a struct of your own is run by
/// <see cref="BacktestRunner.RunSummaryWithQueueModel{TDriver, TQueue}(MarketData, ref TDriver, TQueue, BacktestOptions?)"/>.
/// </summary>
/// <remarks>
/// <para>The venue calls, for each resting limit order (docs/execution.md, "Queue models"):</para>
/// <list type="number">
/// <item><description><see cref="Join"/> when it arrives at its price (or an amend sends it to the back): the venue
/// says what is displayed ahead of it (the level's size when it joins the touch, 0 when it improves the touch, +∞ when
/// it is behind the touch or the symbol has no quotes).</description></item>
/// <item><description><see cref="OnLevelChanged"/> whenever the venue sees the size displayed at the order's price
/// (the touch, on every quote that shows it; on L2 book data every update of the order's level, at any depth).</description></item>
/// <item><description><see cref="OnTradeAtPrice"/> for each trade printing exactly at the order's price; what it returns
/// may fill the order (bounded by the trade's size when <see cref="BacktestOptions.LimitFillsToDisplayedSize"/>).</description></item>
/// </list>
/// <para>Facts no model changes are applied by the venue itself: when the touch leaves the order's price, or a trade or
/// bar prints through it, nobody is ahead any more (<see cref="QueueState.Ahead"/> = 0), and the order fills as the
/// matching rules say.</para>
/// <para>An order-by-order (L3 FIFO) model fits the same shape: <see cref="Join"/> records the arrival
/// (<see cref="QueueState.JoinedAt"/>) and the size of the orders already at the price; each order-by-order update at
/// the price reaches it as a level change, and with order data the venue can add a hook naming the book order that
/// left, so that only orders which joined before ours advance it; trades at the price consume the queue front first,
/// as <see cref="OnTradeAtPrice"/> does here.</para>
/// </remarks>
public interface IQueueModel
{
    /// <summary>
    /// The order joins the back of the queue at its price. <paramref name="ahead"/>: the size displayed ahead of it
    /// (+∞ unknown, 0 first); <paramref name="levelSize"/>: the size displayed at its price (NaN when the venue does
    /// not see that level); <paramref name="levelVersion"/>: the level's version (<see cref="QueueState.LevelVersion"/>).
    /// The venue has already set <see cref="QueueState.JoinedAt"/>.
    /// </summary>
    void Join(ref QueueState queue, double ahead, double levelSize, long levelVersion);

    /// <summary>
    /// The size displayed at the order's price is now <paramref name="size"/>, at level version
    /// <paramref name="levelVersion"/> (a different version than the one stored: the touch left the price meanwhile).
    /// </summary>
    void OnLevelChanged(ref QueueState queue, double size, long levelVersion);

    /// <summary>
    /// A trade of <paramref name="size"/> printed exactly at the order's price. Returns the quantity that traded
    /// beyond the queue ahead, which may fill the order: +∞ for any of it, 0 or less for none.
    /// </summary>
    double OnTradeAtPrice(ref QueueState queue, double size);
}
