using System.Linq;
using Xunit;

namespace Backtester.Engine.Tests.Depth;

/// <summary>
/// Queue position behind the touch on L2 book data (docs/execution.md, "Queue position at any depth"): a resting limit
/// at any displayed level joins behind that level's size, and the level's updates and the trades at its price move it
/// as the queue models do at the touch. Every number is worked by hand in the test; sizes traded are bounded
/// (<see cref="BacktestOptions.LimitFillsToDisplayedSize"/>) so a trade fills at most what prints beyond the queue.
/// </summary>
public class DepthQueueTests
{
    private const BookUpdateFlags R = BookUpdateFlags.Reset | BookUpdateFlags.Snapshot, S = BookUpdateFlags.Snapshot;

    /// <summary>
    /// One tape for the three models. Events 0-2, the snapshot at 1000: bids 100×3, 99×10, ask 101×5. A buy limit 2 @ 99,
    /// one level behind the touch, is decided at event 2 and arrives at 2000 (event 3 adds ask 102×1, the bids are
    /// unchanged), so 10 are ahead of it. 3000: bid 99 grows to 16 (6 join behind). 4000: bid 99 falls to 12 with no
    /// trade (4 cancelled somewhere). 5000: bid 100 is removed, the order's level is now the touch. 6000: 8 trade at 99.
    /// 7000: 3 more trade at 99. These are the numbers of <c>QueueModelTests</c> at the touch, one level deeper.
    /// </summary>
    private static Fill[] Run(QueuePosition model, double power = 2)
    {
        MarketData data = new Tape()
            .Level(1_000, BookSide.Bid, 100, 3, R).Level(1_000, BookSide.Bid, 99, 10, S).Level(1_000, BookSide.Ask, 101, 5, S)
            .Level(2_000, BookSide.Ask, 102, 1)
            .Level(3_000, BookSide.Bid, 99, 16)
            .Level(4_000, BookSide.Bid, 99, 12)
            .Level(5_000, BookSide.Bid, 100, 0)
            .Trade(6_000, 99, 8).Trade(7_000, 99, 3).Build();
        var script = new Script().Do(2, o => o.Limit(Side.Buy, 2, 99));
        Runs.Of(data, script, new BacktestOptions { QueuePosition = model, QueuePowerExponent = power, LimitFillsToDisplayedSize = true });
        return script.Fills.ToArray();
    }

    [Fact]
    public void Risk_averse_queue_behind_the_touch_joins_behind_the_level_and_only_trades_advance_it()
    {
        // ahead 10 on arrival (bid 99×10); the growth to 16 joins behind; the fall to 12 only caps it: min(10, 12) = 10.
        // The bid at 100 goes: the order is at the touch with 10 ahead. Trade 8 at 99: 10 − 8 = 2 ahead, no fill.
        // Trade 3 at 99: 2 go to the queue, 3 − 2 = 1 fills the order (of 2) at 99 as a maker.
        Fill fill = Assert.Single(Run(QueuePosition.Conservative));
        Assert.Equal((7_000L, 99.0, 1.0, true), (fill.Timestamp, fill.Price, fill.Quantity, fill.IsMaker));
    }

    [Fact]
    public void Power_queue_behind_the_touch_splits_the_levels_decrease_as_at_the_touch()
    {
        // At 4000: front 10, back 16 − 10 = 6, decrease c = 16 − 12 = 4 (nothing traded at 99 since 16 was seen).
        // share ahead 10² / (10² + 6²) = 100/136; front 10 − 4 × 100/136 = 7.058824 (back 6 − 4 × 36/136 = 4.94 ≥ 0).
        // Trade 8 at 6000: fills 8 − 7.058824 = 0.941176; trade 3 at 7000: nothing ahead, fills the other 1.058824.
        Fill[] fills = Run(QueuePosition.ProbabilisticPower);
        Assert.Equal(new[] { 6_000L, 7_000L }, fills.Select(f => f.Timestamp).ToArray());
        Assert.Equal(8 - (10 - 4 * 100.0 / 136), fills[0].Quantity, 12);
        Assert.Equal(0.941176470588, fills[0].Quantity, 11);
        Assert.Equal(2 - 0.941176470588, fills[1].Quantity, 11);
    }

    [Fact]
    public void Power_queue_with_n_1_behind_the_touch_splits_the_decrease_in_proportion_to_the_sizes()
    {
        // share 10/16 = 0.625 of c = 4: front 10 − 2.5 = 7.5; trade 8 fills 0.5; trade 3 fills the other 1.5.
        Fill[] fills = Run(QueuePosition.ProbabilisticPower, power: 1);
        Assert.Equal(new[] { 0.5, 1.5 }, fills.Select(f => System.Math.Round(f.Quantity, 12)).ToArray());
    }

    [Fact]
    public void Log_queue_behind_the_touch_counts_the_share_ahead_as_ln_1_plus_front_over_the_sum()
    {
        // ln 11 = 2.3978953, ln 7 = 1.9459101: share 0.5520264; front 10 − 4 × 0.5520264 = 7.7918944;
        // trade 8 fills 8 − 7.7918944 = 0.2081056; trade 3 fills the other 1.7918944.
        Fill[] fills = Run(QueuePosition.ProbabilisticLog);
        Assert.Equal(2, fills.Length);
        Assert.Equal(0.2081056, fills[0].Quantity, 7);
        Assert.Equal(1.7918944, fills[1].Quantity, 7);
    }

    /// <summary>
    /// Snapshot at 1000: bid 100×3, asks 101×5, 102×4. A sell limit 1 @ 102, behind the touch, is decided at event 2 and
    /// arrives at 2000 (event 3 adds bid 99×1) with 4 ahead. 3000: <paramref name="at3000"/> at 102. 4000:
    /// <paramref name="at4000"/> at 102. 5000: ask 101 is removed (102 is the touch). 6000: 1 trades at 102.
    /// </summary>
    private static Fill[] RunDeeperAsk(double at3000, double at4000)
    {
        MarketData data = new Tape()
            .Level(1_000, BookSide.Bid, 100, 3, R).Level(1_000, BookSide.Ask, 101, 5, S).Level(1_000, BookSide.Ask, 102, 4, S)
            .Level(2_000, BookSide.Bid, 99, 1)
            .Level(3_000, BookSide.Ask, 102, at3000)
            .Level(4_000, BookSide.Ask, 102, at4000)
            .Level(5_000, BookSide.Ask, 101, 0)
            .Trade(6_000, 102, 1).Build();
        var script = new Script().Do(2, o => o.Limit(Side.Sell, 1, 102));
        Runs.Of(data, script, new BacktestOptions { QueuePosition = QueuePosition.Conservative, LimitFillsToDisplayedSize = true });
        return script.Fills.ToArray();
    }

    [Fact]
    public void A_removed_level_leaves_nobody_ahead_and_orders_that_join_it_again_queue_behind()
    {
        // 4 ahead; the level is removed (size 0): min(4, 0) = 0 ahead. It comes back as 102×3: those 3 joined after
        // the order, min(0, 3) = 0. The trade of 1 at 102 fills the order's 1.
        Fill fill = Assert.Single(RunDeeperAsk(at3000: 0, at4000: 3));
        Assert.Equal((6_000L, 102.0, 1.0, Side.Sell), (fill.Timestamp, fill.Price, fill.Quantity, fill.Side));
    }

    [Fact]
    public void Without_the_removal_the_queue_ahead_stays_and_the_same_trade_does_not_fill()
    {
        // Control for the test above: 4 ahead; 102 grows to 6 (behind), falls to 5: min(4, 5) = 4 (risk-averse: the
        // cancelled 1 may have been behind). The trade of 1 leaves 3 ahead: no fill.
        Assert.Empty(RunDeeperAsk(at3000: 6, at4000: 5));
    }

    [Fact]
    public void An_order_beyond_the_deepest_level_shown_has_an_unknown_queue_until_its_level_is_shown()
    {
        // Snapshot: bids 100×3, 99×2, ask 101×5. A buy limit 1 @ 98 is below the deepest bid shown: unknown (+∞) queue,
        // so the trade of 5 at 98 at 3000 fills nothing. At 4000 the feed shows bid 98×2: the queue is capped at 2.
        // The trade of 3 at 98 at 5000: 2 to the queue, 1 fills the order.
        MarketData data = new Tape()
            .Level(1_000, BookSide.Bid, 100, 3, R).Level(1_000, BookSide.Bid, 99, 2, S).Level(1_000, BookSide.Ask, 101, 5, S)
            .Level(2_000, BookSide.Ask, 102, 1)
            .Trade(3_000, 98, 5)
            .Level(4_000, BookSide.Bid, 98, 2)
            .Trade(5_000, 98, 3).Build();
        var script = new Script().Do(2, o => o.Limit(Side.Buy, 1, 98));
        Runs.Of(data, script, new BacktestOptions { QueuePosition = QueuePosition.Conservative, LimitFillsToDisplayedSize = true });

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((5_000L, 1.0), (fill.Timestamp, fill.Quantity));
    }

    [Fact]
    public void An_order_between_shown_levels_has_nobody_ahead()
    {
        // Snapshot: bids 100×3, 98×2, ask 101×5. A buy limit 1 @ 99 sits at an empty price inside the book: 0 ahead, so
        // the trade of 1 at 99 at 3000 fills it. (Behind the touch on quotes alone the queue would be unknown.)
        MarketData data = new Tape()
            .Level(1_000, BookSide.Bid, 100, 3, R).Level(1_000, BookSide.Bid, 98, 2, S).Level(1_000, BookSide.Ask, 101, 5, S)
            .Level(2_000, BookSide.Ask, 102, 1)
            .Trade(3_000, 99, 1).Build();
        var script = new Script().Do(2, o => o.Limit(Side.Buy, 1, 99));
        Runs.Of(data, script, new BacktestOptions { QueuePosition = QueuePosition.Conservative, LimitFillsToDisplayedSize = true });

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((3_000L, 99.0, 1.0), (fill.Timestamp, fill.Price, fill.Quantity));
    }
}
