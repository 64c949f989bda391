using Backtester;
using Backtester.Indicators;

namespace Backtester.Samples;

/// <summary>
/// Trend following with two simple moving averages of trade prices, one per symbol: long when the fast average
/// is above the slow one, short when below, re-evaluated every <see cref="Every"/> trades of a symbol.
/// </summary>
[Strategy]
public partial class SmaCross
{
    /// <summary>Trades in the fast average.</summary>
    [Param(50, 250, Step = 50)] public int Fast { get; init; } = 100;

    /// <summary>Trades in the slow average.</summary>
    [Param(500, 2000, Step = 500)] public int Slow { get; init; } = 1000;

    /// <summary>Position size, in units of the symbol.</summary>
    [Param(0.5, 2.0, Step = 0.5)] public double Size { get; init; } = 1;

    /// <summary>How many trades of a symbol between two decisions.</summary>
    public int Every { get; init; } = 256;

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

        // Orders take 2 ms to reach the venue: count those still on their way, not just the filled position.
        double target = _fast[s].Value > _slow[s].Value ? Size : -Size;
        double delta = target - (orders.Position + orders.OpenQuantity);
        if (delta > 0) orders.Market(Side.Buy, delta);
        else if (delta < 0) orders.Market(Side.Sell, -delta);
    }
}
