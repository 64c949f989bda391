namespace Backtester.Engine.Tests.Strategies;

/// <summary>On the first trade, a bracket buying 1 at market with its take-profit at 101.5 and its stop-loss at 95.</summary>
[Strategy]
public partial class BracketJournalScript
{
    [Param(Values = new[] { 1 })] public int Unused { get; init; } = 1;

    private bool _sent;

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        if (_sent) return;
        _sent = true;
        orders.Bracket(Side.Buy, 1, entryPrice: null, takeProfitPrice: 101.5, stopLossPrice: 95);
    }
}
