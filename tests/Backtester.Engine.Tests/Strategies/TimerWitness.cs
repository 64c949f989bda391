namespace Backtester.Engine.Tests.Strategies;

/// <summary>
/// A timer every <see cref="IntervalNs"/> (offset by half of it, so firings fall between events) that folds into
/// <see cref="Checksum"/> how many trades the strategy had seen at each firing: a firing moved by one event changes it.
/// </summary>
[Strategy]
public partial class TimerWitness
{
    [Param(1_000, 3_000, Step = 1_000)] public long IntervalNs { get; init; } = 1_000;

    public long Checksum { get; private set; }

    public long Firings { get; private set; }

    private long _trades;

    [OnStart]
    private void Start(Orders orders) => orders.Every(IntervalNs, IntervalNs / 2);

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders) => _trades++;

    [OnTimer]
    private void OnTimer(in TimerTick timer, Orders orders)
    {
        Firings++;
        Checksum = unchecked(Checksum * 31 + _trades);
    }
}
