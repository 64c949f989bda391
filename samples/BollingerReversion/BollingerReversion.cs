using Backtester;
using Backtester.Indicators;

namespace Backtester.Samples;

/// <summary>
/// Mean reversion on bars: when a bar closes below the lower Bollinger band the price has stretched down, so buy;
/// above the upper band, sell short; once the close is back at the middle band, go flat.
/// </summary>
[Strategy]
public partial class BollingerReversion
{
    /// <summary>Bars in the moving average and standard deviation.</summary>
    [Param(10, 40, Step = 10)] public int Period { get; init; } = 20;

    /// <summary>Band width in standard deviations.</summary>
    [Param(1.5, 2.5, Step = 0.5)] public double Deviations { get; init; } = 2;

    /// <summary>Position size, in units of the symbol.</summary>
    public double Size { get; init; } = 1;

    private BollingerBands[] _bands = [];

    [OnStart]
    private void Start(Orders orders)
    {
        _bands = new BollingerBands[orders.SymbolCount];
        for (int s = 0; s < _bands.Length; s++) _bands[s] = new BollingerBands(Period, Deviations);
    }

    [OnBar]
    private void OnBar(in Bar bar, Orders orders)
    {
        ref BollingerBands bands = ref _bands[bar.SymbolId];
        bands.Update(bar.Close);
        if (!bands.IsReady) return;

        double position = orders.Position;
        double target = position;
        if (bar.Close < bands.Lower) target = Size;                          // stretched down: expect a bounce
        else if (bar.Close > bands.Upper) target = -Size;                    // stretched up: expect a pullback
        else if (position > 0 && bar.Close >= bands.Middle) target = 0;      // back to the mean: take the profit
        else if (position < 0 && bar.Close <= bands.Middle) target = 0;

        double delta = target - position;
        if (delta > 1e-12) orders.Market(Side.Buy, delta);                   // fills at the next bar's open
        else if (delta < -1e-12) orders.Market(Side.Sell, -delta);
    }
}
