namespace Backtester.Engine.Tests.Strategies;

/// <summary>
/// A fixed sequence of orders by trade number, for the journal files: a limit that fills, a reduce-only stop that is
/// rejected, a market order that flips the position, a limit that is amended then cancelled, and a market order that
/// closes. Worked through in <c>JournalFileTests</c>.
/// </summary>
[Strategy]
public partial class JournalScript
{
    [Param(Values = new[] { 1 })] public int Unused { get; init; } = 1;

    private int _trade;
    private long _parked;

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        switch (_trade++)
        {
            case 0:
                orders.Limit(Side.Buy, 2, 99);
                orders.Stop(Side.Sell, 1, 90, reduceOnly: true);
                break;
            case 2: orders.Market(Side.Sell, 3); break;
            case 3: _parked = orders.Limit(Side.Buy, 1, 50); break;
            case 4: orders.Amend(_parked, price: 60); break;
            case 5: orders.Market(Side.Buy, 1); break;
            case 6: orders.Cancel(_parked); break;
        }
    }
}
