using System;

namespace Backtester.Engine.Tests.Strategies;

/// <summary>Buys every <see cref="N"/> trades; tells <see cref="Started"/> when each combination starts (for resume tests).</summary>
[Strategy]
public partial class Interruptible
{
    [Param(1, 20)] public int N { get; init; } = 1;

    /// <summary>Called with <see cref="N"/> at the start of every run. Only the resume tests set it.</summary>
    public static Action<int>? Started { get; set; }

    private long _seen;

    [OnStart]
    private void Start() => Started?.Invoke(N);

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        if (++_seen % (N * 10) == 0) orders.Market(orders.Position > 0 ? Side.Sell : Side.Buy, 1);
    }
}
