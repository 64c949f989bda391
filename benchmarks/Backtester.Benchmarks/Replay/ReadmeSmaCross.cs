using Backtester.Indicators;

namespace Backtester.Benchmarks.Replay;

/// <summary>
/// The README's "A full strategy", as written there: per symbol a fast and a slow <see cref="Sma"/> of trade prices,
/// both updated on every trade; on every trade once the slow one is ready it targets +Size when the fast average is
/// above the slow one, −Size otherwise, sized against <c>Position + OpenQuantity</c> with market orders.
/// </summary>
[Strategy]
public partial class ReadmeSmaCross
{
    /// <summary>Trades in the fast average (the README's default).</summary>
    public int Fast { get; init; } = 100;

    /// <summary>Trades in the slow average (the README's default).</summary>
    public int Slow { get; init; } = 1000;

    /// <summary>Position size.</summary>
    public double Size { get; init; } = 1;

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
}
