using Backtester.Indicators;

namespace Backtester.Engine.Tests.Strategies;

/// <summary>
/// The README SmaCross's rule on trades (target ±Size on the side of the fast average) with a timer that flattens every
/// <see cref="FlattenEveryNs"/>, and a counter of funding settlements: every kind of step a lockstep lane takes.
/// Throws on its <see cref="ThrowAtTrade"/>-th trade when that is not 0.
/// </summary>
[Strategy]
public partial class FundingSmaCross
{
    [Param(20, 40, Step = 20)] public int Fast { get; init; } = 20;

    [Param(0, 1_000_000_000, Step = 500_000_000)] public long FlattenEveryNs { get; init; }

    public int ThrowAtTrade { get; init; }

    public int Settlements { get; private set; }

    private Sma _fast, _slow;
    private long _trades;

    [OnStart]
    private void Start(Orders orders)
    {
        _fast = new Sma(Fast);
        _slow = new Sma(100);
        if (FlattenEveryNs > 0) orders.Every(FlattenEveryNs);
    }

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        if (++_trades == ThrowAtTrade) throw new System.InvalidOperationException($"trade {_trades}");
        if (trade.SymbolId != 0) return;
        _fast.Update(trade.Price);
        _slow.Update(trade.Price);
        if (!_slow.IsReady) return;
        double target = _fast.Value > _slow.Value ? 1 : -1;
        double delta = target - (orders.PositionOf(0) + orders.OpenQuantityOf(0));
        if (delta != 0) orders.Market(0, delta > 0 ? Side.Buy : Side.Sell, System.Math.Abs(delta));
    }

    [OnTimer]
    private void OnTimer(in TimerTick timer, Orders orders)
    {
        double open = orders.PositionOf(0) + orders.OpenQuantityOf(0);
        if (open != 0) orders.Market(0, open > 0 ? Side.Sell : Side.Buy, System.Math.Abs(open));
    }

    [OnFunding]
    private void OnFunding(in Funding funding, Orders orders) => Settlements++;
}
