namespace Backtester.Engine.Tests.Strategies;

/// <summary>A grid with a long value list, an explicit list, a bool and a decimal; buys once when <see cref="Buy"/>.</summary>
[Strategy]
public partial class WideGrid
{
    [Param(1, 100)] public int Length { get; init; } = 1;
    [Param(Values = new[] { 7, 3, 11 })] public int Picked { get; init; } = 7;
    [Param] public bool Buy { get; init; }
    [Param(0.25, 0.5, Step = 0.25)] public decimal Ratio { get; init; } = 0.25m;

    private bool _bought;

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        if (!Buy || _bought) return;
        _bought = true;
        orders.Market(Side.Buy, 1);
    }
}
