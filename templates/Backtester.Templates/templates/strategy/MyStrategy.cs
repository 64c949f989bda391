using Backtester;
using Backtester.Indicators;

/// <summary>
/// Trend following on each symbol: long when the price is above its moving average of <see cref="Lookback"/> trades,
/// short when below, each position worth <see cref="Size"/> × 10,000 in quote currency. Every [Param] range is swept by
/// Program.cs.
/// </summary>
[Strategy]
public partial class MyStrategy
{
    /// <summary>Trades in the moving average.</summary>
    [Param(100, 500, Step = 100)] public int Lookback { get; init; } = 200;

    /// <summary>Position size, as a multiple of 10,000 in quote currency.</summary>
    [Param(0.5, 1.0, Step = 0.5)] public double Size { get; init; } = 1;

    /// <summary>Trades of a symbol between two decisions.</summary>
    [Param(Values = new[] { 50, 200 })] public int Every { get; init; } = 50;

    private Sma[] _average = [];
    private int[] _untilDecision = [];
    private int[] _direction = [];

    [OnStart]
    private void Start(Orders orders)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Every, 1);
        _average = new Sma[orders.SymbolCount];
        _untilDecision = new int[orders.SymbolCount];
        _direction = new int[orders.SymbolCount];
        for (int s = 0; s < orders.SymbolCount; s++)
        {
            _average[s] = new Sma(Lookback);
            _untilDecision[s] = Every;
        }
    }

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        int s = trade.SymbolId;
        _average[s].Update(trade.Price);
        // A countdown rather than a count modulo Every: the same trades decide, without a division on every trade.
        if (--_untilDecision[s] != 0) return;
        _untilDecision[s] = Every;
        if (!_average[s].IsReady) return;

        // TargetPosition sends one market order for the difference between the target and the position plus the
        // orders still on their way, so repeating a target never sends a second order. Resize only on a new side.
        int direction = trade.Price > _average[s].Value ? 1 : -1;
        if (direction == _direction[s]) return;
        _direction[s] = direction;
        orders.TargetPosition(direction * Size * 10_000 / trade.Price);
    }
}
