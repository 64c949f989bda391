using Xunit;

namespace Backtester.Engine.Tests;

public class ReplayTests
{
    [Fact]
    public void Quotes_trades_and_bars_of_several_symbols_replay_in_time_order_with_quotes_then_trades_then_bars_at_ties()
    {
        var data = new Tape("X", "Y")
            .Quote(500, 9, 1, 10, 1, symbol: 1)
            .Quote(1_000, 99, 1, 101, 1)
            .Trade(1_000, 100)
            .Trade(2_000, 10, symbol: 1)
            .Bar(1_000, 100, 100, 100, 100)
            .Bar(1_500, 10, 11, 9, 10, symbol: 1)
            .Build();

        var (result, script) = Runs.Of(data, new Script());

        Assert.Equal(new[] { "Q1@500", "Q0@1000", "T0@1000", "B0@1000", "B1@1500", "T1@2000" }, script.Seen);
        Assert.Equal(6, result.Summary.Events);
    }

    [Fact]
    public void Positions_are_marked_at_the_trade_price_the_quote_mid_or_the_bar_close_whichever_came_last()
    {
        var data = new Tape().Trade(1_000, 100).Quote(2_000, 103, 1, 105, 1).Bar(3_000, 104, 110, 104, 108).Build();
        var script = new Script();
        script.OrdersAtStart.Add((0, Side.Buy, 1));

        var (result, _) = Runs.Of(data, script);

        // bought 1 at 100; mid 104 then close 108
        Assert.Equal(108, result.Positions[0].LastPrice);
        Assert.Equal(8, result.Summary.UnrealizedPnl, 12);
    }
}
