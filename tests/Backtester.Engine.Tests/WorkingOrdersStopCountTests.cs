using Backtester.Execution;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// The counts of waiting stops that keep the venue's per-event work at one read when no stop waits for an event's
/// trigger (<see cref="WorkingOrders.StopsOn"/>, <see cref="WorkingOrders.AnyStopOnMark"/>, decision 0083): up on arrival,
/// down when a stop triggers, recounted when closed orders are removed.
/// </summary>
public class WorkingOrdersStopCountTests
{
    private static WorkingOrder Order(long id, int symbol, OrderType type, StopTrigger trigger) =>
        new() { OrderId = id, SymbolId = symbol, Side = Side.Sell, Type = type, Trigger = trigger, Quantity = 1, Remaining = 1, LimitPrice = 90, StopPrice = 95 };

    [Fact]
    public void Waiting_stops_are_counted_per_symbol_and_trigger_until_they_trigger_or_close()
    {
        var working = new WorkingOrders();
        working.Reset(2);
        working.Add(Order(1, 0, OrderType.Stop, StopTrigger.LastPrice));
        working.Add(Order(2, 0, OrderType.StopLimit, StopTrigger.MarkPrice));
        working.Add(Order(3, 0, OrderType.Limit, StopTrigger.MarkPrice)); // not a stop: its trigger plays no part
        working.Add(Order(4, 1, OrderType.Stop, StopTrigger.BidAsk));

        Assert.Equal((1, 0, 1), (working.StopsOn(0, StopTrigger.LastPrice), working.StopsOn(0, StopTrigger.BidAsk), working.StopsOn(0, StopTrigger.MarkPrice)));
        Assert.Equal((0, 1, 0), (working.StopsOn(1, StopTrigger.LastPrice), working.StopsOn(1, StopTrigger.BidAsk), working.StopsOn(1, StopTrigger.MarkPrice)));
        Assert.True(working.AnyStopOnMark);

        // The stop-limit on the mark triggers and rests as a limit: no stop waits for the mark any more.
        working.Of(0)[1].Triggered = true;
        working.Triggered(0, StopTrigger.MarkPrice);
        Assert.Equal(0, working.StopsOn(0, StopTrigger.MarkPrice));
        Assert.False(working.AnyStopOnMark);

        // The stop on the last price is cancelled; once the closed orders are removed the recount leaves none waiting on
        // symbol 0, and the triggered stop-limit is still not counted.
        working.Of(0)[0].Done = true;
        working.RemoveDone(0);
        Assert.Equal((0, 0, 0), (working.StopsOn(0, StopTrigger.LastPrice), working.StopsOn(0, StopTrigger.BidAsk), working.StopsOn(0, StopTrigger.MarkPrice)));
        Assert.Equal(2, working.Count(0));
        Assert.Equal(1, working.StopsOn(1, StopTrigger.BidAsk));

        working.Reset(2);
        Assert.Equal(0, working.StopsOn(1, StopTrigger.BidAsk));
    }
}
