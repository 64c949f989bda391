using System.Collections.Generic;
using Xunit;
using Backtester.Infrastructure;

namespace Backtester.Engine.Tests;

public class OpenQuantityTests
{
    /// <summary>Targets a long position of 1 on every trade, sizing against the filled position (naive) or position + open quantity.</summary>
    private struct TargetDriver(bool countOpenOrders, List<double> openSeen, List<double> positionSeen) : IStrategyDriver
    {
        public int OrdersSent;

        public void OnTrade(in Trade trade, Orders orders)
        {
            openSeen.Add(orders.OpenQuantity);
            positionSeen.Add(orders.Position);
            double current = countOpenOrders ? orders.Position + orders.OpenQuantity : orders.Position;
            double delta = 1 - current;
            if (delta <= 0) return;
            orders.Market(Side.Buy, delta);
            OrdersSent++;
        }

        public void OnStart(Orders orders) { }
        public void OnQuote(in Quote quote, Orders orders) { }
        public void OnBar(in Bar bar, Orders orders) { }

        public void OnBook(in BookUpdate update, Orders orders) { }
        public void OnFunding(in Funding funding, Orders orders) { }
        public void OnMarkPrice(in MarkPriceUpdate mark, Orders orders) { }
        public void OnTimer(in TimerTick timer, Orders orders) { }
        public void OnFill(in Fill fill, Orders orders) { }
        public void OnOrder(in OrderUpdate update, Orders orders) { }
        public void OnFinish(Orders orders) { }
    }

    private static (TargetDriver Driver, BacktestResult Result, List<double> Open, List<double> Position) Run(bool countOpenOrders)
    {
        var open = new List<double>();
        var position = new List<double>();
        var driver = new TargetDriver(countOpenOrders, open, position);
        // trades 1 µs apart; an order takes 5 µs to reach the venue
        var result = new BacktestRunner().Run(Data.OneSymbol(100, 100, 100, 100, 100, 100, 100, 100, 100, 100), ref driver,
            new BacktestOptions { OrderLatencyNs = 5_000 });
        return (driver, result, open, position);
    }

    [Fact]
    public void Sizing_against_position_plus_open_quantity_sends_one_order_while_it_travels()
    {
        var (driver, result, open, position) = Run(countOpenOrders: true);

        Assert.Equal(1, driver.OrdersSent);
        Assert.Equal(1, result.Positions[0].Position);
        // the buy decided on trade 0 (t = 1 000) arrives at 6 000 and fills on trade 5
        Assert.Equal(new double[] { 0, 1, 1, 1, 1, 0, 0, 0, 0, 0 }, open);
        Assert.Equal(new double[] { 0, 0, 0, 0, 0, 1, 1, 1, 1, 1 }, position);
    }

    [Fact]
    public void Sizing_against_the_filled_position_alone_overshoots_while_orders_travel()
    {
        var (driver, result, _, _) = Run(countOpenOrders: false);

        Assert.Equal(5, driver.OrdersSent);          // trades 0..4 each see a flat position
        Assert.Equal(5, result.Positions[0].Position);
    }

    /// <summary>Rests a buy limit far below the market on trade 0, cancels it on trade 1.</summary>
    private struct RestingThenCancel(List<double> openSeen) : IStrategyDriver
    {
        private int _trades;
        private long _id;

        public void OnTrade(in Trade trade, Orders orders)
        {
            int n = _trades++;
            if (n == 0) _id = orders.Limit(Side.Buy, 2, 50);
            openSeen.Add(orders.OpenQuantity);
            if (n == 1) orders.Cancel(_id);
        }

        public void OnStart(Orders orders) { }
        public void OnQuote(in Quote quote, Orders orders) { }
        public void OnBar(in Bar bar, Orders orders) { }

        public void OnBook(in BookUpdate update, Orders orders) { }
        public void OnFunding(in Funding funding, Orders orders) { }
        public void OnMarkPrice(in MarkPriceUpdate mark, Orders orders) { }
        public void OnTimer(in TimerTick timer, Orders orders) { }
        public void OnFill(in Fill fill, Orders orders) { }
        public void OnOrder(in OrderUpdate update, Orders orders) { }
        public void OnFinish(Orders orders) { }
    }

    [Fact]
    public void A_working_limit_counts_as_open_until_its_cancel_arrives()
    {
        var open = new List<double>();
        var driver = new RestingThenCancel(open);
        new BacktestRunner().Run(Data.OneSymbol(100, 100, 100, 100), ref driver, new BacktestOptions { OrderLatencyNs = 0 });

        // trade 0: just sent; trade 1: working (the cancel is sent after the read); trade 2: the cancel has arrived
        Assert.Equal(new double[] { 2, 2, 0, 0 }, open);
    }
}
