using System;
using Backtester.Execution;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// A queue model of the user's own, run through <see cref="BacktestRunner.RunSummaryWithQueueModel{TDriver, TQueue}"/>
/// (decision 0062): the venue calls it where it calls the built-in models.
/// </summary>
public sealed class QueueModelPluginTests
{
    /// <summary>Ignores the queue and takes half of every trade at the order's price; records what it was told on joining.</summary>
    private readonly struct HalfOfEachTrade(double[] joined) : IQueueModel
    {
        public void Join(ref QueueState queue, double ahead, double levelSize, long levelVersion)
        {
            joined[0]++;
            joined[1] = ahead;
            joined[2] = levelSize;
        }

        public void OnLevelChanged(ref QueueState queue, double size, long levelVersion) { }

        public double OnTradeAtPrice(ref QueueState queue, double size) => size / 2;
    }

    // A buy limit 2 @ 99 decided on the quote at 1000 arrives on the quote at 2000 (bid 99×10 ahead of it).
    private static Tape Joined() => new Tape().Quote(1_000, 99, 10, 100, 5).Quote(2_000, 99, 10, 100, 5);

    private static Script Order() => new Script().Do(0, o => o.Limit(Side.Buy, 2, 99));

    [Fact]
    public void A_queue_model_of_ones_own_hears_the_join_and_decides_how_much_of_a_trade_at_the_price_fills()
    {
        // Joined at the touch: 10 displayed ahead, level 10. The trade of 3 at 99: the model gives 3 / 2 = 1.5, within
        // the trade's 3 (sizes bounded): one maker fill of 1.5 at 99. The built-in Conservative model would fill
        // nothing (3 < 10 ahead).
        var joined = new double[3];
        Script script = Order();
        var driver = new ScriptedDriver(script);
        new BacktestRunner().RunSummaryWithQueueModel(Joined().Trade(3_000, 99, 3).Build(), ref driver, new HalfOfEachTrade(joined),
            new BacktestOptions { LimitFillsToDisplayedSize = true });

        Assert.Equal(new[] { 1.0, 10, 10 }, joined);
        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((3_000L, 99.0, 1.5, true), (fill.Timestamp, fill.Price, fill.Quantity, fill.IsMaker));
    }

    [Fact]
    public void A_built_in_model_through_the_generic_entry_point_fills_as_when_chosen_by_the_option()
    {
        // Conservative: 10 ahead; a trade of 12 at 99 eats the 10 and fills 12 − 10 = 2, the whole order.
        foreach (bool generic in new[] { false, true })
        {
            Script script = Order();
            var driver = new ScriptedDriver(script);
            var options = new BacktestOptions { LimitFillsToDisplayedSize = true, QueuePosition = generic ? QueuePosition.None : QueuePosition.Conservative };
            var data = Joined().Trade(3_000, 99, 12).Build();
            if (generic) new BacktestRunner().RunSummaryWithQueueModel(data, ref driver, new ConservativeQueue(), options);
            else new BacktestRunner().RunSummary(data, ref driver, options);

            Fill fill = Assert.Single(script.Fills);
            Assert.Equal((3_000L, 2.0), (fill.Timestamp, fill.Quantity));
        }
    }

    [Fact]
    public void A_run_with_a_queue_model_of_ones_own_refuses_result_files()
    {
        var driver = new ScriptedDriver(Order());
        var options = new BacktestOptions { Output = new RunOutput(System.IO.Path.GetTempPath()) };
        var e = Assert.Throws<ArgumentException>(() =>
            new BacktestRunner().RunSummaryWithQueueModel(Joined().Build(), ref driver, new HalfOfEachTrade(new double[3]), options));
        Assert.Contains("queue model", e.Message);
    }
}
