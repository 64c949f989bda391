using System;
using Backtester;
using Backtester.Indicators;

namespace Backtester.Samples;

/// <summary>
/// Funding carry on a perpetual contract. When funding has been positive (longs paying shorts) beyond a threshold,
/// hold a short to receive it; when negative beyond it, hold a long; in between, stay flat. Decided at each funding
/// settlement (<c>[OnFunding]</c>) from an EMA of the rates. An hourly timer (<c>[OnTimer]</c>) closes a position whose
/// loss since entry exceeds <see cref="StopFraction"/> of its entry notional.
/// </summary>
[Strategy]
public partial class PerpCarry
{
    /// <summary>Enter when the funding EMA is beyond this many basis points per settlement.</summary>
    [Param(0.5, 2.0, Step = 0.5)] public double EntryBps { get; init; } = 1;

    /// <summary>Funding settlements in the EMA.</summary>
    [Param(3, 9, Step = 3)] public int Period { get; init; } = 3;

    /// <summary>Position size, in contracts.</summary>
    public double Size { get; init; } = 500;

    /// <summary>Close a position that has lost this fraction of its entry notional (checked on each hour).</summary>
    public double StopFraction { get; init; } = 0.03;

    /// <summary>Positions closed by the hourly stop check.</summary>
    public int Stops { get; private set; }

    private Ema[] _funding = [];
    private double[] _entry = [];
    private double[] _last = [];

    [OnStart]
    private void Start(Orders orders)
    {
        _funding = new Ema[orders.SymbolCount];
        _entry = new double[orders.SymbolCount];
        _last = new double[orders.SymbolCount];
        for (int s = 0; s < _funding.Length; s++) _funding[s] = new Ema(Period);
        orders.Every(3_600_000_000_000); // on each hour of the clock, in data time
    }

    [OnTrade]
    private void OnTrade(in Trade trade) => _last[trade.SymbolId] = trade.Price;

    [OnFunding]
    private void OnFunding(in Funding funding, Orders orders)
    {
        int s = funding.SymbolId;
        _funding[s].Update(funding.Rate);
        if (!_funding[s].IsReady) return;
        double bps = _funding[s].Value * 10_000;
        double target = bps > EntryBps ? -Size : bps < -EntryBps ? Size : 0;
        // Size against what is already on its way, not the filled position alone.
        double delta = target - (orders.PositionOf(s) + orders.OpenQuantityOf(s));
        if (delta != 0) orders.Market(s, delta > 0 ? Side.Buy : Side.Sell, Math.Abs(delta));
    }

    [OnFill]
    private void OnFill(in Fill fill, Orders orders)
    {
        // A fill that leaves the position on its own side, no larger than itself, opened (or flipped) it at its price.
        double position = orders.PositionOf(fill.SymbolId);
        if (Math.Sign(position) == Math.Sign(fill.SignedQuantity) && Math.Abs(position) <= fill.Quantity) _entry[fill.SymbolId] = fill.Price;
    }

    [OnTimer]
    private void Hourly(in TimerTick timer, Orders orders)
    {
        for (int s = 0; s < _entry.Length; s++)
        {
            double position = orders.PositionOf(s);
            if (position == 0 || orders.OpenQuantityOf(s) != 0) continue;
            double loss = -position * (_last[s] - _entry[s]);
            if (loss <= StopFraction * Math.Abs(position) * _entry[s]) continue;
            orders.Market(s, position > 0 ? Side.Sell : Side.Buy, Math.Abs(position), reduceOnly: true);
            Stops++;
        }
    }
}
