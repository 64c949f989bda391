using Backtester.Indicators;

namespace Backtester.Engine.Tests.Strategies;

/// <summary>The strategy of the README's example, verbatim but for its name, so the example is compiled and run.</summary>
[Strategy]
public partial class ReadmeSmaCross
{
    [Param(50, 250, Step = 50)]    public int Fast { get; init; } = 100;
    [Param(500, 2000, Step = 500)] public int Slow { get; init; } = 1000;
    [Param(0.5, 2.0, Step = 0.5)]  public double Size { get; init; } = 1;   // exactly 0.5, 1.0, 1.5, 2.0: × 10,000 USDT

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
        double side = _fast[s].Value > _slow[s].Value ? 1 : -1;
        if (side * orders.Position > 0 || side * orders.OpenEntryQuantity > 0) return;   // already there, or on its way
        orders.TargetPosition(side * Size * 10_000 / trade.Price);   // one market order for the difference
    }

    public long FillsSeen { get; private set; }

    [OnFill]
    private void OnFill(in Fill fill) => FillsSeen++;
}
