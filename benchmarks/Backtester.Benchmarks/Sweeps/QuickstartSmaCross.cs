using Backtester;
using Backtester.Indicators;

namespace Backtester.Benchmarks.Sweeps;

/// <summary>
/// samples/SmaCross repeated (its 80-combination grid over the built-in market is the README quickstart's sweep), for
/// the paired sweep benchmark. Trend following with two simple moving averages of trade prices, one per symbol: long when the fast average
/// is above the slow one, short when below, re-evaluated every <see cref="Every"/> trades of a symbol. Each position
/// is worth <see cref="Size"/> × <see cref="Notional"/> in quote currency when it is opened, so BTC and SOL weigh alike.
/// </summary>
[Strategy]
public partial class QuickstartSmaCross
{
    /// <summary>Trades in the fast average.</summary>
    [Param(50, 250, Step = 50)] public int Fast { get; init; } = 100;

    /// <summary>Trades in the slow average.</summary>
    [Param(500, 2000, Step = 500)] public int Slow { get; init; } = 1000;

    /// <summary>Position size, as a multiple of <see cref="Notional"/>.</summary>
    [Param(0.5, 2.0, Step = 0.5)] public double Size { get; init; } = 1;

    /// <summary>Quote currency per symbol at <see cref="Size"/> 1: four symbols at Size 2 use 80% of 100,000.</summary>
    public double Notional { get; init; } = 10_000;

    /// <summary>How many trades of a symbol between two decisions.</summary>
    public int Every { get; init; } = 256;

    private Sma[] _fast = [];
    private Sma[] _slow = [];
    private long[] _seen = [];
    private int[] _direction = [];

    [OnStart]
    private void Start(Orders orders)
    {
        int symbols = orders.SymbolCount;
        _fast = new Sma[symbols];
        _slow = new Sma[symbols];
        _seen = new long[symbols];
        _direction = new int[symbols];
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

        // On a cross, target the new side. TargetPosition counts orders still on their way (they take 2 ms to reach
        // the venue), so it never sends a second order for the same target.
        int direction = _fast[s].Value > _slow[s].Value ? 1 : -1;
        if (direction == _direction[s]) return;
        _direction[s] = direction;
        orders.TargetPosition(direction * Size * Notional / trade.Price);
    }
}
