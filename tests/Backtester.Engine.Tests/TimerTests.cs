using System;
using System.Linq;
using Backtester.Engine.Tests.Strategies;
using Xunit;

namespace Backtester.Engine.Tests;

public class TimerTests
{
    private static readonly MarketData FiveTrades = new Tape().Trades(100, 101, 102, 103, 104).Build(); // at 1 000 … 5 000

    [Fact]
    public void A_timer_fires_at_multiples_of_its_interval_from_the_first_event_after_the_events_at_its_time()
    {
        // Multiples of 1 500 from 1 000 to 5 000: 1 500, 3 000 (after the trade at 3 000), 4 500.
        var script = new Script();
        script.TimersAtStart.Add((1_500, 0));

        Runs.Of(FiveTrades, script);

        Assert.Equal(new[] { "T0@1000", "timer0@1500", "T0@2000", "T0@3000", "timer0@3000", "T0@4000", "timer0@4500", "T0@5000" }, script.Seen);
    }

    [Fact]
    public void Timers_with_offsets_merge_in_time_order_and_the_last_event_time_still_fires()
    {
        // Every 2 000: 2 000, 4 000; every 2 000 offset 1 000: 1 000, 3 000, 5 000 (the last trade's time).
        var script = new Script();
        script.TimersAtStart.Add((2_000, 0));
        script.TimersAtStart.Add((2_000, 1_000));

        Runs.Of(FiveTrades, script);

        Assert.Equal(new[] { "T0@1000", "timer1@1000", "T0@2000", "timer0@2000", "T0@3000", "timer1@3000", "T0@4000", "timer0@4000", "T0@5000", "timer1@5000" },
            script.Seen);
    }

    [Fact]
    public void An_order_sent_from_a_timer_fills_on_the_next_event_of_its_symbol()
    {
        var script = new Script { AtTimer = (t, o) => { if (t.Timestamp == 1_500) o.Market(0, Side.Buy, 1); } };
        script.TimersAtStart.Add((1_500, 0));

        Runs.Of(FiveTrades, script);

        var fill = Assert.Single(script.Fills);
        Assert.Equal((2_000L, 101.0), (fill.Timestamp, fill.Price));
    }

    [Fact]
    public void Timers_are_scheduled_in_OnStart_only_and_need_a_positive_interval()
    {
        var late = new Script().Do(0, o => { o.Every(1_000); });
        Assert.Throws<InvalidOperationException>(() => Runs.Of(FiveTrades, late));

        var zero = new Script();
        zero.TimersAtStart.Add((0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Runs.Of(FiveTrades, zero));
        var offset = new Script();
        offset.TimersAtStart.Add((1_000, 1_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => Runs.Of(FiveTrades, offset));
    }

    [Fact]
    public void A_generated_strategy_schedules_in_OnStart_and_hears_OnTimer_and_a_second_run_starts_afresh()
    {
        var strategy = new TimerCounter { IntervalNs = 2_000 };
        var runner = new BacktestRunner();
        var driver = new TimerCounter.Driver(strategy);

        BacktestResult first = runner.Run(FiveTrades, ref driver);
        var second = new TimerCounter { IntervalNs = 1_000 };
        var driver2 = new TimerCounter.Driver(second);
        runner.Run(FiveTrades, ref driver2);

        Assert.Equal((2, 4_000L), (strategy.Firings, strategy.LastFiring)); // 2 000, 4 000
        Assert.Equal(1, first.Positions[0].Position);                       // bought at 2 000's timer, filled at 3 000
        Assert.Equal(102, first.Positions[0].AveragePrice);
        Assert.Equal(5, second.Firings);                                    // 1 000 … 5 000: the first run's timer is gone
    }
}
