namespace Backtester.Benchmarks.Depth;

/// <summary>A strategy that handles every trade and does nothing: the trades-only replay, as the yardstick for book updates.</summary>
[Strategy]
public partial class TradeNoOp
{
    [OnTrade]
    private void OnTrade(in Trade trade) { }
}
