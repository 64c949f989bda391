using System.Linq;
using Xunit;

namespace Backtester.Engine.Tests;

public class BookLiquidationTests
{
    [Fact]
    public void A_book_update_that_moves_the_mid_below_maintenance_liquidates_at_the_mid_with_the_liquidation_fee()
    {
        // Capital 1000, 10x (initial 10%), maintenance 5%, liquidation fee 50 bps. Buy 50 (requirement 0.1 × 100 × 50 = 500)
        // fills on the trades at 100: cash 1000 − 5000 = −4000; at mark p equity = −4000 + 50p, maintenance 0.05 × 50 × p = 2.5p.
        // Book at 3000: 99 / 101, mid 100 → 1000 ≥ 250. Book at 4000: both levels removed, 83.5 / 84.5, mid 84 at the end
        // of the batch → 200 < 210: liquidated, sell 50 @ 84, fee 50 × 84 × 0.005 = 21; realized 50 × (84 − 100) = −800;
        // final equity 1000 − 800 − 21 = 179.
        var options = new BacktestOptions
        {
            InitialCapital = 1000,
            Account = AccountOptions.Margin(leverage: 10, maintenanceMargin: 0.05) with { LiquidationFeeBps = 50 },
        };
        MarketData data = new Tape().Trade(1_000, 100).Trade(2_000, 100)
            .Level(3_000, BookSide.Bid, 99, 10).Level(3_000, BookSide.Ask, 101, 10)
            .Level(4_000, BookSide.Bid, 99, 0).Level(4_000, BookSide.Ask, 101, 0).Level(4_000, BookSide.Bid, 83.5, 10).Level(4_000, BookSide.Ask, 84.5, 10)
            .Build();
        var script = new Script().At(0, Side.Buy, 50);

        var (result, _) = Runs.Of(data, script, options);

        Assert.Equal(2, script.Fills.Count);
        Assert.Equal((100.0, FillKind.Trade), (script.Fills[0].Price, script.Fills[0].Kind));
        Fill liquidation = script.Fills[1];
        Assert.Equal((4_000L, -1L, Side.Sell, 84.0, 50.0, FillKind.Liquidation), (liquidation.Timestamp, liquidation.OrderId, liquidation.Side, liquidation.Price, liquidation.Quantity, liquidation.Kind));
        Assert.Equal(21, liquidation.Fee, 9);
        var update = script.UpdatesOf(-1).Single();
        Assert.Equal((OrderStatus.Filled, RejectReason.Liquidation), (update.Status, update.RejectReason));
        Assert.Equal(0, result.Positions[0].Position);
        Assert.Equal(-800, result.Summary.RealizedPnl, 9);
        Assert.Equal(179, result.Summary.FinalEquity, 9);
        Assert.Equal(1, result.Summary.Liquidations);
    }
}
