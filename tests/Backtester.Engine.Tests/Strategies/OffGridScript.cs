namespace Backtester.Engine.Tests.Strategies;

/// <summary>
/// For the orders file under <see cref="OffGridOrders.Round"/>: on the first trade a buy limit 0.27 @ 90.9, on the third
/// an amend of its price to 91.7; the venue rounds both onto the instrument's grids.
/// </summary>
[Strategy]
public partial class OffGridScript
{
    [Param(Values = new[] { 1 })] public int Unused { get; init; } = 1;

    private int _trades;
    private long _id;

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        _trades++;
        if (_trades == 1) _id = orders.Limit(Side.Buy, 0.27, 90.9);
        if (_trades == 3) orders.Amend(_id, price: 91.7);
    }
}
