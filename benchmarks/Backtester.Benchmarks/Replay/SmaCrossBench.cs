namespace Backtester.Benchmarks.Replay;

/// <summary>
/// The benchmark strategy as a user writes it: per symbol, rolling sums over the last 16 and 64 prices;
/// every 256th event it targets +1 when the fast mean is above the slow one, −1 otherwise.
/// </summary>
[Strategy]
public partial class SmaCrossBench
{
    private readonly SmaCrossLogic _logic = new();

    [OnStart]
    private void Start(Orders orders) => _logic.Reset(orders.SymbolCount);

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders) => _logic.OnTrade(in trade, orders);
}
