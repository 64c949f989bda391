using System.Linq;
using Backtester.Samples;
using Xunit;

namespace Backtester.Engine.Tests.Depth;

/// <summary>The BookMaker sample's walk-through (samples/BookMaker/README.md), worked by hand.</summary>
public class BookMakerSampleTests
{
    private const BookUpdateFlags R = BookUpdateFlags.Reset | BookUpdateFlags.Snapshot, S = BookUpdateFlags.Snapshot;

    [Fact]
    public void The_walk_through_joins_the_touch_waits_its_queue_and_earns_the_spread_and_rebates()
    {
        // 1 000: snapshot bids 99 × 5, 98 × 5; asks 101 × 5, 102 × 5. At its end the maker (MaxPosition 1) joins the
        //        touch: buy 1 @ 99 and sell 1 @ 101, post-only; each queues behind the 5 the book shows at its price.
        // 2 000: a trade of 4 at 99 uses 4 of the buy's 5 ahead: no fill.
        // 3 000: a trade of 3 at 99 uses the last 1 ahead; 2 trade beyond it: the buy fills 1 @ 99 (maker).
        // 4 000: batch: ask 101 removed, ask 100.5 × 2 added. Long 1 = MaxPosition, so no new buy; the sell follows
        //        the best ask to 100.5 (amended, queued again behind 2).
        // 5 000: a trade of 3 at 100.5 uses the 2 ahead; the sell fills 1 @ 100.5. Flat again.
        // Realized 100.5 − 99 = 1.5; rebates 0.5 bp of 99 + 100.5 = 0.009975; net 1.509975.
        MarketData data = new Tape()
            .Level(1_000, BookSide.Bid, 99, 5, R).Level(1_000, BookSide.Bid, 98, 5, S)
            .Level(1_000, BookSide.Ask, 101, 5, S).Level(1_000, BookSide.Ask, 102, 5, S)
            .Trade(2_000, 99, 4, aggressor: Side.Sell).Trade(3_000, 99, 3, aggressor: Side.Sell)
            .Level(4_000, BookSide.Ask, 101, 0).Level(4_000, BookSide.Ask, 100.5, 2)
            .Trade(5_000, 100.5, 3, aggressor: Side.Buy)
            .Build();
        var options = new BacktestOptions { QueuePosition = QueuePosition.Conservative, MakerFeeBps = -0.5, TradeLog = TradeLogMode.All };

        BacktestResult result = Backtest.Run(data, new BookMaker(), options);

        Assert.Equal(new[] { (3_000L, Side.Buy, 99.0, 1.0, true), (5_000L, Side.Sell, 100.5, 1.0, true) },
            result.Fills.ToArray().Select(f => (f.Timestamp, f.Side, f.Price, f.Quantity, f.IsMaker)).ToArray());
        Assert.Equal(1.5, result.Summary.RealizedPnl, 12);
        Assert.Equal(-0.009975, result.Summary.Fees, 12);
        Assert.Equal(1.509975, result.Summary.NetPnl, 9); // final equity − initial capital: rounding of the capital's magnitude
        Assert.Equal(0, result.Positions[0].Position);
    }
}
