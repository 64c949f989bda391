namespace Backtester.Engine.Tests.Strategies;

/// <summary>A signal snapshot the <see cref="Signaller"/> logs at each decision.</summary>
[ArrowRecord]
public readonly partial record struct SignalSnapshot([property: ArrowTimestamp] long Timestamp, int SymbolId, double Price, Side Direction, bool Flipped, string? Note);

/// <summary>Flips long/short every <see cref="Every"/> trades and logs a <see cref="SignalSnapshot"/> each time.</summary>
[Strategy]
public partial class Signaller
{
    [Param(50, 100, Step = 50)] public int Every { get; init; } = 50;

    /// <summary>Throw on this trade number (0: never), to test that a failed run leaves no files.</summary>
    public int ThrowAt { get; init; }

    private long _seen;

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        if (++_seen == ThrowAt) throw new System.InvalidOperationException("boom");
        if (_seen % Every != 0) return;
        Side side = orders.Position > 0 ? Side.Sell : Side.Buy;
        double quantity = orders.Position == 0 ? 1 : 2;
        orders.Market(side, quantity);
        orders.Log(new SignalSnapshot(trade.Timestamp, trade.SymbolId, trade.Price, side, orders.Position != 0, _seen % (2 * Every) == 0 ? null : $"n{_seen}"));
    }
}
