using Backtester.Indicators;

namespace Backtester.Benchmarks.Peers;

/// <summary>
/// The README's "A full strategy" as it stood when the numba peer was written (the README now sizes with
/// <c>TargetPosition</c>; this version keeps <c>Position + OpenQuantity</c> so the numba port's rules stay identical): per symbol a fast and a slow <see cref="Sma"/> of trade prices, updated on
/// every trade; once the slow one is ready it targets +<see cref="Size"/> when fast &gt; slow, −<see cref="Size"/>
/// otherwise, and sends a market order for the difference to position plus quantity still on order. This is the
/// strategy the numba peer (benchmarks/peers/smacross_numba.py) ports, and the one <c>--paired</c> runs by default.
/// </summary>
[Strategy]
public partial class ReadmeSmaCross
{
    [Param(50, 250, Step = 50)] public int Fast { get; init; } = 100;
    [Param(500, 2000, Step = 500)] public int Slow { get; init; } = 1000;
    [Param(0.5, 2.0, Step = 0.5)] public double Size { get; init; } = 1;

    private Sma[] _fast = [], _slow = [];

    [OnStart]
    private void Start(Orders orders)
    {
        _fast = new Sma[orders.SymbolCount];
        _slow = new Sma[orders.SymbolCount];
        for (int s = 0; s < orders.SymbolCount; s++) { _fast[s] = new Sma(Fast); _slow[s] = new Sma(Slow); }
    }

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        int s = trade.SymbolId;
        _fast[s].Update(trade.Price);
        _slow[s].Update(trade.Price);
        if (!_slow[s].IsReady) return;
        double target = _fast[s].Value > _slow[s].Value ? Size : -Size;
        double delta = target - (orders.Position + orders.OpenQuantity);   // count orders still on their way
        if (delta > 0) orders.Market(Side.Buy, delta);
        else if (delta < 0) orders.Market(Side.Sell, -delta);
    }

    [OnFill]
    private void OnFill(in Fill fill) { /* optional */ }
}
