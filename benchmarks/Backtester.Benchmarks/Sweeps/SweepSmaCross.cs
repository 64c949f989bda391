using Backtester.Indicators;

namespace Backtester.Benchmarks.Sweeps;

/// <summary>
/// The sweep benchmark's strategy: per symbol, a fast and a slow <see cref="Sma"/> of trade prices; every
/// <see cref="Every"/> trades of a symbol it targets +1 when the fast average is above the slow one, −1 otherwise.
/// 10 × 10 × 10 = 1,000 combinations. The logic is samples/SmaCross's as it was when the sweep's scaling was measured (a
/// count modulo Every, market orders sized by hand; the sample now counts down and calls TargetPosition), kept so that
/// the figures stay comparable; it is a class of its own because a grid is declared by a strategy class's own [Param]
/// attributes, and the benchmark needs its own 1,000-combination grid.
/// </summary>
[Strategy]
public partial class SweepSmaCross
{
    [Param(4, 40, Step = 4)] public int Fast { get; init; } = 16;

    [Param(50, 500, Step = 50)] public int Slow { get; init; } = 100;

    [Param(100, 1000, Step = 100)] public int Every { get; init; } = 200;

    private Sma[] _fast = [];
    private Sma[] _slow = [];
    private long[] _seen = [];

    [OnStart]
    private void Start(Orders orders)
    {
        int symbols = orders.SymbolCount;
        _fast = new Sma[symbols];
        _slow = new Sma[symbols];
        _seen = new long[symbols];
        for (int s = 0; s < symbols; s++)
        {
            _fast[s] = new Sma(Fast);
            _slow[s] = new Sma(Slow);
        }
    }

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        int s = trade.SymbolId;
        _fast[s].Update(trade.Price);
        _slow[s].Update(trade.Price);
        if (++_seen[s] % Every != 0 || !_slow[s].IsReady) return;

        // Count orders still on their way, as samples/SmaCross does.
        double target = _fast[s].Value > _slow[s].Value ? 1 : -1;
        double delta = target - (orders.Position + orders.OpenQuantity);
        if (delta > 0) orders.Market(Side.Buy, delta);
        else if (delta < 0) orders.Market(Side.Sell, -delta);
    }
}
