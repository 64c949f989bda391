namespace Backtester.Engine.Tests.Strategies;

/// <summary>Flips between long and short <see cref="Size"/> every <see cref="Every"/> trades of a symbol.</summary>
[Strategy]
public partial class EveryNth
{
    [Param(64, 512, Step = 64)] public int Every { get; init; } = 256;
    [Param(0.5, 1.5, Step = 0.5)] public double Size { get; init; } = 1;

    private long _seen;

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        if (++_seen % Every != 0) return;
        double target = orders.Position > 0 ? -Size : Size;
        double delta = target - orders.Position;
        orders.Market(delta > 0 ? Side.Buy : Side.Sell, System.Math.Abs(delta));
    }
}
