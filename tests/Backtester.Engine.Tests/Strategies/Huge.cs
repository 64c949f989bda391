namespace Backtester.Engine.Tests.Strategies;

/// <summary>A grid of 10^12 combinations (10^6 x 10^6) that does nothing: for the size limits of sweeps.</summary>
[Strategy]
public partial class Huge
{
    [Param(1, 1_000_000)] public int A { get; init; } = 1;
    [Param(1, 1_000_000)] public int B { get; init; } = 1;

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders) { }
}
