using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>Fractional quantities that should net to zero do, so round trips, exposure and win rate are right.</summary>
public class DustTests
{
    [Fact]
    public void Buying_0_1_and_0_2_then_selling_0_3_leaves_no_position_and_closes_one_round_trip()
    {
        // In binary floating point 0.1 + 0.2 = 0.30000000000000004; selling 0.3 would leave 5.55e-17 without the tolerance.
        Assert.NotEqual(0, 0.1 + 0.2 - 0.3);
        var script = new Script().At(0, Side.Buy, 0.1).At(1, Side.Buy, 0.2).At(2, Side.Sell, 0.3);
        var driver = new ScriptedDriver(script);
        BacktestResult result = new BacktestRunner().Run(Data.OneSymbol(100, 100, 100, 110, 120, 130), ref driver);

        BacktestSummary s = result.Summary;
        Assert.Equal(0, result.Positions[0].Position);          // exactly zero, not dust
        Assert.Equal(3, s.Fills);
        Assert.Equal(1, s.RoundTrips);
        // buys 0.1 @ 100 (t1) and 0.2 @ 100 (t2), sell 0.3 @ 110 (t3): realized 0.3 × 10 = 3, a win
        Assert.Equal(3, s.RealizedPnl, 9);
        Assert.Equal(1, s.Wins);
        Assert.Equal(1, s.WinRate);
        Assert.Equal(0, s.UnrealizedPnl);                         // nothing left to mark at 120 and 130
    }

    [Fact]
    public void A_real_remainder_above_the_tolerance_stays_open()
    {
        var script = new Script().At(0, Side.Buy, 0.3).At(1, Side.Sell, 0.2999);
        var driver = new ScriptedDriver(script);
        BacktestResult result = new BacktestRunner().Run(Data.OneSymbol(100, 100, 100, 100), ref driver);

        Assert.Equal(0.3 - 0.2999, result.Positions[0].Position, 15);
        Assert.Equal(0, result.Summary.RoundTrips);
    }
}
