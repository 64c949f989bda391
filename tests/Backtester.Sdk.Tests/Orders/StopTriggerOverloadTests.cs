using Backtester.Infrastructure;
using Xunit;

namespace Backtester.Sdk.Tests.Orders;

/// <summary>
/// The stop overloads with a <see cref="StopTrigger"/> (decision 0083): they carry it on <see cref="OrderRequest.Trigger"/>;
/// the shipped overloads, and requests built with the constructor alone, leave it null (the run's trigger).
/// </summary>
public class StopTriggerOverloadTests
{
    private static (OrderGateway Gateway, Backtester.Orders Orders) Handler()
    {
        var gateway = new OrderGateway();
        gateway.Reset(2);
        gateway.SetCurrent(1_000, 1);
        return (gateway, new Backtester.Orders(gateway));
    }

    [Fact]
    public void A_stop_or_stop_limit_given_a_trigger_carries_it_and_one_without_leaves_it_to_the_run()
    {
        var (gateway, orders) = Handler();

        orders.Stop(Side.Sell, 1, 95, StopTrigger.MarkPrice, reduceOnly: true);
        orders.Stop(0, Side.Buy, 2, 105, StopTrigger.BidAsk, TimeInForce.Ioc);
        orders.StopLimit(Side.Sell, 1, 95, 94, StopTrigger.LastPrice);
        orders.StopLimit(0, Side.Buy, 1, 105, 106, StopTrigger.MarkPrice);
        orders.Stop(Side.Sell, 1, 95, reduceOnly: true);
        orders.StopLimit(Side.Sell, 1, 95, 94, TimeInForce.Gtc);

        var placed = gateway.Placed.ToArray();
        Assert.Equal(new StopTrigger?[] { StopTrigger.MarkPrice, StopTrigger.BidAsk, StopTrigger.LastPrice, StopTrigger.MarkPrice, null, null },
            System.Array.ConvertAll(placed, r => r.Trigger));
        Assert.Equal((1, OrderType.Stop, 95.0, true), (placed[0].SymbolId, placed[0].Type, placed[0].StopPrice, placed[0].ReduceOnly));
        Assert.Equal((0, Side.Buy, 2.0, TimeInForce.Ioc), (placed[1].SymbolId, placed[1].Side, placed[1].Quantity, placed[1].TimeInForce));
        Assert.Equal((OrderType.StopLimit, 95.0, 94.0), (placed[2].Type, placed[2].StopPrice, placed[2].LimitPrice));
        Assert.Equal((0, 105.0, 106.0), (placed[3].SymbolId, placed[3].StopPrice, placed[3].LimitPrice));
    }

    [Fact]
    public void A_request_built_with_the_shipped_constructor_has_no_trigger_and_equality_sees_one()
    {
        var plain = new OrderRequest(OrderAction.New, 1, 0, Side.Sell, OrderType.Stop, TimeInForce.Gtc, 1, double.NaN, 95, false, 0);

        Assert.Null(plain.Trigger);
        Assert.NotEqual(plain, plain with { Trigger = StopTrigger.LastPrice });
    }
}
