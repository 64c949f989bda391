namespace Backtester.Engine.Tests.Strategies;

/// <summary>
/// Three trailing sell stop-limits on the first trade, offset 1: limit offsets 0.5 (takes when triggered), −1 (rests, then
/// fills as a maker) and, with offset 5, 0.5 (never triggers).
/// </summary>
[Strategy]
public partial class TrailingLimitJournalScript
{
    [Param(Values = new[] { 1 })] public int Unused { get; init; } = 1;

    private bool _sent;

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        if (_sent) return;
        _sent = true;
        orders.TrailingStopLimit(Side.Sell, 1, TrailingOffset.Price(1), 0.5);
        orders.TrailingStopLimit(Side.Sell, 1, TrailingOffset.Price(1), -1);
        orders.TrailingStopLimit(Side.Sell, 1, TrailingOffset.Price(5), 0.5);
    }
}
