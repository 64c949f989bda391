namespace Backtester.Engine.Tests.Strategies;

/// <summary>
/// For the orders file: on the first trade a buy limit 1 @ 90 and, in the same handler, two amends of it: one to 91, and
/// one to 92 (<see cref="SecondPrice"/>) or to price 0, refused at once while the first is on its way.
/// </summary>
[Strategy]
public partial class TwoAmendsScript
{
    /// <summary>The second amend's price: 0 is refused at decision time (<see cref="RejectReason.InvalidPrice"/>).</summary>
    [Param(Values = new[] { 0.0, 92.0 })] public double SecondPrice { get; init; }

    private bool _sent;

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        if (_sent) return;
        _sent = true;
        long id = orders.Limit(Side.Buy, 1, 90);
        orders.Amend(id, price: 91);
        orders.Amend(id, price: SecondPrice);
    }
}
