using Xunit;

namespace Backtester.Engine.Tests;

public class MarketOrderWithQuotesTests
{
    [Fact]
    public void Market_buy_fills_at_the_ask_and_market_sell_at_the_bid_once_the_symbol_has_quotes()
    {
        var data = new Tape().Quote(1_000, 99, 5, 101, 5).Trade(2_000, 100).Quote(3_000, 100, 5, 102, 5).Build();
        // buy decided on the quote at 1000 fills on the trade at 2000 against the standing ask 101;
        // sell decided on the trade fills on the next quote at its bid 100
        var script = new Script().At(0, Side.Buy, 1).At(1, Side.Sell, 1);

        var (result, _) = Runs.Of(data, script);

        Assert.Equal(new[] { 101.0, 100.0 }, script.Fills.ConvertAll(f => f.Price));
        Assert.Equal(new long[] { 2_000, 3_000 }, script.Fills.ConvertAll(f => f.Timestamp));
        Assert.Equal(-1, result.Summary.RealizedPnl, 12);
    }

    [Fact]
    public void Bounded_gtc_market_order_fills_the_displayed_size_and_the_rest_on_the_next_quote()
    {
        var data = new Tape().Quote(1_000, 99, 5, 101, 2).Quote(2_000, 99, 5, 101, 2).Quote(3_000, 99, 5, 102, 10).Build();
        var script = new Script().Do(0, o => o.Market(Side.Buy, 3));

        Runs.Of(data, script, new BacktestOptions { LimitFillsToDisplayedSize = true });

        Assert.Equal(new[] { (101.0, 2.0), (102.0, 1.0) }, script.Fills.ConvertAll(f => (f.Price, f.Quantity)));
        Assert.Equal(new[] { OrderStatus.Accepted, OrderStatus.PartiallyFilled, OrderStatus.Filled }, script.Updates.ConvertAll(u => u.Status));
        Assert.Equal((2.0, 1.0), (script.Updates[1].FilledQuantity, script.Updates[1].RemainingQuantity));
    }

    [Fact]
    public void Bounded_ioc_market_order_fills_the_displayed_size_and_cancels_the_rest()
    {
        var data = new Tape().Quote(1_000, 99, 5, 101, 2).Quote(2_000, 99, 5, 101, 2).Quote(3_000, 99, 5, 102, 10).Build();
        var script = new Script().Do(0, o => o.Market(Side.Buy, 3, TimeInForce.Ioc));

        Runs.Of(data, script, new BacktestOptions { LimitFillsToDisplayedSize = true });

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal(2, fill.Quantity);
        Assert.Equal(new OrderUpdate(1, 0, OrderStatus.Cancelled, RejectReason.None, 2, 0, 2_000), script.Updates[^1]);
    }

    [Fact]
    public void Bounded_fok_market_order_fills_nothing_when_the_displayed_size_is_short_and_everything_when_it_is_not()
    {
        var data = new Tape().Quote(1_000, 99, 5, 101, 2).Quote(2_000, 99, 5, 101, 2).Quote(3_000, 99, 5, 102, 10).Build();
        var script = new Script().Do(0, o => o.Market(Side.Buy, 3, TimeInForce.Fok)).Do(1, o => o.Market(Side.Buy, 3, TimeInForce.Fok));

        Runs.Of(data, script, new BacktestOptions { LimitFillsToDisplayedSize = true });

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((2L, 3.0, 102.0), (fill.OrderId, fill.Quantity, fill.Price));
        Assert.Contains(new OrderUpdate(1, 0, OrderStatus.Cancelled, RejectReason.None, 0, 0, 2_000), script.Updates);
    }

    [Fact]
    public void Bounded_market_order_on_trades_only_fills_at_most_each_trades_size()
    {
        var data = new Tape().Trade(1_000, 100, 1).Trade(2_000, 101, 0.5).Trade(3_000, 102, 4).Build();
        var script = new Script().At(0, Side.Buy, 2);

        Runs.Of(data, script, new BacktestOptions { LimitFillsToDisplayedSize = true });

        Assert.Equal(new[] { (101.0, 0.5), (102.0, 1.5) }, script.Fills.ConvertAll(f => (f.Price, f.Quantity)));
    }

    [Fact]
    public void Market_order_on_bars_fills_at_the_next_bars_open()
    {
        var data = new Tape().Bar(60_000, 100, 102, 99, 101).Bar(120_000, 101.5, 103, 100, 102).Build();
        var script = new Script().At(0, Side.Buy, 1);

        Runs.Of(data, script);

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((101.5, 120_000L), (fill.Price, fill.Timestamp));
    }

    [Fact]
    public void Feed_latency_adds_to_order_latency_before_an_order_can_fill()
    {
        // decided at 1000, seen 1500 ns late, sent with 1000 ns order latency: arrives at 3500, fills on the trade at 4000
        var script = new Script().At(0, Side.Buy, 1);

        Runs.Of(Data.OneSymbol(100, 101, 102, 103, 104), script, new BacktestOptions { OrderLatencyNs = 1_000, FeedLatencyNs = 1_500 });

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((4_000L, 103.0), (fill.Timestamp, fill.Price));
    }
}
