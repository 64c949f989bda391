using System;
using Backtester;
using Backtester.Indicators;

namespace Backtester.Samples;

/// <summary>
/// Trades the z-score of trade prices (mean reversion) and logs every decision as a <see cref="Signal"/> record, so
/// the reasons behind each fill can be read back next to fills.arrow in Python.
/// </summary>
[Strategy]
public partial class ZScoreSignals
{
    /// <summary>Trades in the window.</summary>
    [Param(200, 800, Step = 200)] public int Window { get; init; } = 400;

    /// <summary>|z| at which to enter.</summary>
    [Param(2.0, 3.0, Step = 0.5)] public double Entry { get; init; } = 2.5;

    /// <summary>Position size.</summary>
    public double Size { get; init; } = 1;

    private ZScore[] _z = [];

    [OnStart]
    private void Start(Orders orders)
    {
        _z = new ZScore[orders.SymbolCount];
        for (int s = 0; s < _z.Length; s++) _z[s] = new ZScore(Window);
    }

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        ref ZScore z = ref _z[trade.SymbolId];
        z.Update(trade.Price);
        if (!z.IsReady) return;

        // The position once the orders already on their way arrive: with latency, Position alone lags what was sent.
        double position = orders.Position + orders.OpenQuantity, score = z.Value;
        (double target, SignalKind kind) = position == 0
            ? (score > Entry ? -Size : score < -Entry ? Size : 0, SignalKind.Entry)
            : (Math.Sign(score) == Math.Sign(position) || Math.Abs(score) < 0.25 ? 0 : position, SignalKind.Exit);
        if (target == position) return;

        orders.Market(target > position ? Side.Buy : Side.Sell, Math.Abs(target - position));
        orders.Log(new Signal { Time = trade.Timestamp, SymbolId = trade.SymbolId, Price = trade.Price, ZScore = score, Target = target, Kind = kind });
    }
}
