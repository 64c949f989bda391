namespace Backtester.Engine.Tests.Strategies;

/// <summary>
/// A buy limit at 90 that never fills, and in the same handler an amend of it to price 0, refused at once while the
/// order is still in flight. Worked through in <c>JournalFileTests</c>.
/// </summary>
[Strategy]
public partial class RefusedAmendScript
{
    [Param(Values = new[] { 1 })] public int Unused { get; init; } = 1;

    private bool _sent;

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        if (_sent) return;
        _sent = true;
        long id = orders.Limit(Side.Buy, 1, 90);
        orders.Amend(id, price: 0);
    }
}
