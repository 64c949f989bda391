namespace Backtester.Engine.Tests.Strategies;

/// <summary>Buys <see cref="Quantity"/> at market on the first trade and holds it: a position for the result files to value.</summary>
[Strategy]
public partial class BuyOnce
{
    [Param(Values = new[] { 40.0 })] public double Quantity { get; init; } = 40;

    private bool _bought;

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        if (_bought) return;
        _bought = true;
        orders.Market(Side.Buy, Quantity);
    }
}
