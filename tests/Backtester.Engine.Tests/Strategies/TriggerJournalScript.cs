namespace Backtester.Engine.Tests.Strategies;

/// <summary>On its first trade sends four sell stops at 90: on the last price, the touch and the mark, and one on the run's trigger; then amends the touch one.</summary>
[Strategy]
public partial class TriggerJournalScript
{
    [Param(Values = new[] { 1 })] public int Unused { get; init; } = 1;

    private int _trade;
    private long _touch;

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        switch (_trade++)
        {
            case 0:
                orders.Stop(Side.Sell, 1, 90, StopTrigger.LastPrice);
                _touch = orders.Stop(Side.Sell, 1, 90, StopTrigger.BidAsk);
                orders.StopLimit(Side.Sell, 1, 90, 89, StopTrigger.MarkPrice);
                orders.Stop(Side.Sell, 1, 90);
                break;
            case 1: orders.Amend(_touch, price: 91); break;
        }
    }
}
