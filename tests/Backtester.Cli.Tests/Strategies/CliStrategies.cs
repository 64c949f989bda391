using System;

namespace Backtester.Cli.Tests.Strategies;

/// <summary>Throws on its first trade when <see cref="Fuse"/> is 2; otherwise buys once.</summary>
[Strategy(Name = "CliFuse")]
public partial class CliFuse
{
    [Param(0, 3)] public int Fuse { get; init; }

    /// <summary>Called with <see cref="Fuse"/> at the start of every run (only the resume test sets it).</summary>
    public static Action<int>? Started { get; set; }

    private bool _bought;

    [OnStart]
    private void Start() => Started?.Invoke(Fuse);

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        if (Fuse == 2) throw new InvalidOperationException($"fuse {Fuse} blew");
        if (_bought) return;
        _bought = true;
        orders.Market(Side.Buy, 1);
    }
}

/// <summary>10^6 x 10^6 combinations that do nothing.</summary>
[Strategy(Name = "CliHuge")]
public partial class CliHuge
{
    [Param(1, 1_000_000)] public int A { get; init; } = 1;
    [Param(1, 1_000_000)] public int B { get; init; } = 1;

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders) { }
}

/// <summary>Throws on its first trade at or after <see cref="FuseAt"/> (2024-01-03 18:00 UTC, the built-in random walk's third day); one combination.</summary>
[Strategy(Name = "CliLateFuse")]
public partial class CliLateFuse
{
    /// <summary>2024-01-03T18:00:00Z in ns since the epoch.</summary>
    public const long FuseAt = 1_704_304_800_000_000_000;

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        if (trade.Timestamp >= FuseAt) throw new InvalidOperationException("the late fuse blew");
    }
}

/// <summary>A grid given by listed values, not a range: 3, 5 or 8. Does nothing.</summary>
[Strategy(Name = "CliListed")]
public partial class CliListed
{
    [Param(Values = new[] { 3, 5, 8 })] public int Lookback { get; init; } = 3;

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders) { }
}
