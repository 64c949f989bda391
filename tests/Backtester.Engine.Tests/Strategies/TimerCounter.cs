namespace Backtester.Engine.Tests.Strategies;

/// <summary>Schedules one timer of <see cref="IntervalNs"/> in OnStart and counts its firings; buys 1 of symbol 0 on the first.</summary>
[Strategy]
public partial class TimerCounter
{
    [Param(1_000, 2_000, Step = 1_000)] public long IntervalNs { get; init; } = 1_000;

    public int Firings { get; private set; }

    public long LastFiring { get; private set; }

    [OnStart]
    private void Start(Orders orders) => orders.Every(IntervalNs);

    [OnTimer]
    private void OnTimer(in TimerTick timer, Orders orders)
    {
        if (Firings++ == 0) orders.Market(0, Side.Buy, 1);
        LastFiring = timer.Timestamp;
    }
}
