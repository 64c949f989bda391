using System;
using Backtester;
using Backtester.Indicators;

namespace Backtester.Samples;

/// <summary>
/// Trend following with two simple moving averages of trade prices, one per symbol: long when the fast average
/// is above the slow one, short when below, re-evaluated every <see cref="Every"/> trades of a symbol. Each position
/// is worth <see cref="Size"/> × <see cref="Notional"/> in quote currency when it is opened, so BTC and SOL weigh alike.
/// </summary>
[Strategy]
public partial class SmaCross
{
    /// <summary>Trades in the fast average.</summary>
    [Param(50, 250, Step = 50)] public int Fast { get; init; } = 100;

    /// <summary>Trades in the slow average.</summary>
    [Param(500, 2000, Step = 500)] public int Slow { get; init; } = 1000;

    /// <summary>Position size, as a multiple of <see cref="Notional"/>.</summary>
    [Param(0.5, 2.0, Step = 0.5)] public double Size { get; init; } = 1;

    /// <summary>Quote currency per symbol at <see cref="Size"/> 1: four symbols at Size 2 use 80% of 100,000.</summary>
    public double Notional { get; init; } = 10_000;

    /// <summary>How many trades of a symbol between two decisions, at least 1.</summary>
    public int Every { get; init; } = 256;

    private Sma[] _fast = [];
    private Sma[] _slow = [];
    private int[] _untilDecision = [];
    private int[] _direction = [];

    [OnStart]
    private void Start(Orders orders)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Every, 1);
        int symbols = orders.SymbolCount;
        _fast = new Sma[symbols];
        _slow = new Sma[symbols];
        _untilDecision = new int[symbols];
        _direction = new int[symbols];
        for (int s = 0; s < symbols; s++)
        {
            _fast[s] = new Sma(Fast);
            _slow[s] = new Sma(Slow);
            _untilDecision[s] = Every;
        }
    }

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        int s = trade.SymbolId;
        _fast[s].Update(trade.Price);
        _slow[s].Update(trade.Price);
        // A countdown rather than a count modulo Every: the same trades decide, without a 64-bit division per trade.
        if (--_untilDecision[s] != 0) return;
        _untilDecision[s] = Every;
        if (!_slow[s].IsReady) return;

        // On a cross, target the new side. TargetPosition counts orders still on their way (they take 2 ms to reach
        // the venue), so it never sends a second order for the same target.
        int direction = _fast[s].Value > _slow[s].Value ? 1 : -1;
        if (direction == _direction[s]) return;
        _direction[s] = direction;
        orders.TargetPosition(direction * Size * Notional / trade.Price);
    }
}
