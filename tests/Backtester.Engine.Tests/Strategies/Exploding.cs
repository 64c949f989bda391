using System;

namespace Backtester.Engine.Tests.Strategies;

/// <summary>Throws on its first trade when <see cref="Fuse"/> is 2; otherwise buys once.</summary>
[Strategy]
public partial class Exploding
{
    [Param(0, 3)] public int Fuse { get; init; }

    private bool _bought;

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        if (Fuse == 2) throw new InvalidOperationException($"fuse {Fuse} blew");
        if (_bought) return;
        _bought = true;
        orders.Market(Side.Buy, 1);
    }
}
