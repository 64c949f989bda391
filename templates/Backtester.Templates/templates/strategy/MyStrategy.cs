using Backtester;
using Backtester.Indicators;

/// <summary>
/// Trend following on each symbol: long <see cref="Size"/> when the price is above its moving average of
/// <see cref="Lookback"/> trades, short when below. Every [Param] range is swept by Program.cs.
/// </summary>
[Strategy]
public partial class MyStrategy
{
    /// <summary>Trades in the moving average.</summary>
    [Param(100, 500, Step = 100)] public int Lookback { get; init; } = 200;

    /// <summary>Position size, in units of the symbol.</summary>
    [Param(0.5, 1.0, Step = 0.5)] public double Size { get; init; } = 1;

    /// <summary>Trades of a symbol between two decisions.</summary>
    [Param(Values = new[] { 50, 200 })] public int Every { get; init; } = 50;

    private Sma[] _average = [];
    private long[] _seen = [];

    [OnStart]
    private void Start(Orders orders)
    {
        _average = new Sma[orders.SymbolCount];
        _seen = new long[orders.SymbolCount];
        for (int s = 0; s < orders.SymbolCount; s++) _average[s] = new Sma(Lookback);
    }

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        int s = trade.SymbolId;
        _average[s].Update(trade.Price);
        if (++_seen[s] % Every != 0 || !_average[s].IsReady) return;

        double target = trade.Price > _average[s].Value ? Size : -Size;
        // Size against the position plus what is still on its way to the venue: with latency, Position alone lags
        // the orders already sent, and re-sending the difference on every decision would pile them up.
        double delta = target - (orders.Position + orders.OpenQuantity);
        if (delta > 1e-12) orders.Market(Side.Buy, delta);
        else if (delta < -1e-12) orders.Market(Side.Sell, -delta);
    }
}
