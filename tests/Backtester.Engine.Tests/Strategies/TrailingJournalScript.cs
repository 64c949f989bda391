namespace Backtester.Engine.Tests.Strategies;

/// <summary>Two trailing sell stops on the first trade: offset 1 (triggers) and offset 5 (never does).</summary>
[Strategy]
public partial class TrailingJournalScript
{
    [Param(Values = new[] { 1 })] public int Unused { get; init; } = 1;

    private bool _sent;

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        if (_sent) return;
        _sent = true;
        orders.TrailingStop(Side.Sell, 1, TrailingOffset.Price(1));
        orders.TrailingStop(Side.Sell, 1, TrailingOffset.Price(5));
    }
}
