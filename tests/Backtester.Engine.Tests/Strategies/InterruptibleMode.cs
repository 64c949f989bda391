using System;

namespace Backtester.Engine.Tests.Strategies;

/// <summary>How <see cref="InterruptibleMode"/> trades.</summary>
public enum TradeMode { Follow, Fade }

/// <summary>
/// <see cref="Interruptible"/> with an enum parameter, which a sweep table holds as text (its member's name): for the
/// tests of a resumed journal whose text columns are damaged.
/// </summary>
[Strategy]
public partial class InterruptibleMode
{
    [Param] public TradeMode Mode { get; init; }

    [Param(1, 4)] public int N { get; init; } = 1;

    /// <summary>Called with the number of combinations started so far. Only the resume tests set it.</summary>
    public static Action<int>? Started { get; set; }

    private static int s_started;
    private long _seen;

    /// <summary>Restarts the count <see cref="Started"/> is told.</summary>
    public static void ResetCount() => s_started = 0;

    [OnStart]
    private void Start() => Started?.Invoke(System.Threading.Interlocked.Increment(ref s_started));

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        if (++_seen % (N * 10) != 0) return;
        Side side = (Mode == TradeMode.Follow) == (orders.Position > 0) ? Side.Sell : Side.Buy;
        orders.Market(side, 1);
    }
}
