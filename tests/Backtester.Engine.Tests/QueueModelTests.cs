using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// Queue models on the size displayed at a resting order's price (docs/execution.md, "Queue models"), worked by hand.
/// One tape for all: a buy limit 2 @ 99 decided on the quote at 1000 arrives on the quote at 2000 with 10 ahead
/// (bid 99×10); the bid grows to 16 (6 join behind), then shrinks to 12 with no trade (4 cancelled somewhere), then
/// 8 trade at 99 (sizes bounded by what trades).
/// </summary>
public sealed class QueueModelTests
{
    private static Fill[] Run(QueuePosition model, double power = 2)
    {
        var data = new Tape().Quote(1_000, 99, 10, 100, 5).Quote(2_000, 99, 10, 100, 5).Quote(3_000, 99, 16, 100, 5)
            .Quote(4_000, 99, 12, 100, 5).Trade(5_000, 99, 8).Build();
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 2, 99));
        Runs.Of(data, script, new BacktestOptions { QueuePosition = model, QueuePowerExponent = power, LimitFillsToDisplayedSize = true });
        return script.Fills.ToArray();
    }

    [Fact]
    public void Risk_averse_queue_does_not_advance_on_cancellations_so_the_trade_only_eats_the_queue()
    {
        // ahead 10; the decrease to 12 leaves it at min(10, 12) = 10; the trade of 8 leaves 2 ahead: no fill
        Assert.Empty(Run(QueuePosition.Conservative));
    }

    [Fact]
    public void Power_queue_with_n_2_counts_the_share_of_the_decrease_ahead_as_front_squared_over_the_sum_of_squares()
    {
        // front 10, back 16 − 10 = 6; share ahead 10² / (10² + 6²) = 100/136 = 0.735294; ahead 10 − 0.735294 × 4 = 7.058824
        // (back 6 − 0.264706 × 4 = 4.94 ≥ 0: nothing more); the trade of 8 fills 8 − 7.058824 = 0.941176 as maker at 99
        Fill fill = Assert.Single(Run(QueuePosition.ProbabilisticPower));
        Assert.Equal((5_000L, 99.0, true), (fill.Timestamp, fill.Price, fill.IsMaker));
        Assert.Equal(8 - (10 - 100.0 / 136 * 4), fill.Quantity, 12);
        Assert.Equal(0.941176470588, fill.Quantity, 11);
    }

    [Fact]
    public void Power_queue_with_n_1_splits_the_decrease_in_proportion_to_the_sizes()
    {
        // share ahead 10/16 = 0.625; ahead 10 − 2.5 = 7.5; the trade fills 0.5
        Assert.Equal(0.5, Assert.Single(Run(QueuePosition.ProbabilisticPower, power: 1)).Quantity, 12);
    }

    [Fact]
    public void Log_queue_counts_the_share_ahead_as_ln_1_plus_front_over_the_sum()
    {
        // ln 11 = 2.3978953, ln 7 = 1.9459101; share 2.3978953 / 4.3438054 = 0.5520264; ahead 10 − 4 × 0.5520264 = 7.7918944;
        // the trade fills 8 − 7.7918944 = 0.2081056
        Fill fill = Assert.Single(Run(QueuePosition.ProbabilisticLog));
        Assert.Equal(8 - (10 - 4 * System.Math.Log(11) / (System.Math.Log(11) + System.Math.Log(7))), fill.Quantity, 12);
        Assert.Equal(0.2081056, fill.Quantity, 7);
    }

    [Fact]
    public void A_decrease_explained_by_trades_at_the_level_is_not_split_again()
    {
        // ahead 10 (bid 99×10); a trade of 4 at 99 leaves 6 ahead; the next quote shows 99×6 (10 − 4 traded): no
        // cancellation, so the power model keeps 6 ahead, and a trade of 7 then fills 1. (Splitting the 4 again, front 6,
        // back 4, would take 4 × 36/52 = 2.77 more off the queue and fill all 2.)
        var data = new Tape().Quote(1_000, 99, 10, 100, 5).Quote(2_000, 99, 10, 100, 5).Trade(3_000, 99, 4)
            .Quote(4_000, 99, 6, 100, 5).Trade(5_000, 99, 7).Build();
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 2, 99));
        Runs.Of(data, script, new BacktestOptions { QueuePosition = QueuePosition.ProbabilisticPower, LimitFillsToDisplayedSize = true });

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((5_000L, 1.0), (fill.Timestamp, fill.Quantity));
    }

    [Fact]
    public void A_level_seen_before_the_touch_left_the_price_is_not_compared_when_it_returns()
    {
        // As the power test, but the bid moves up to 99.5 between 16 and 12: the size at 99 meanwhile is unknown, so the
        // return at 99×12 only caps the queue at 12 (10 stays ahead; comparing with the stale 16 would give 7.06 and a
        // fill of 0.94): the trade of 8 leaves 2 ahead, no fill.
        var data = new Tape().Quote(1_000, 99, 10, 100, 5).Quote(2_000, 99, 10, 100, 5).Quote(3_000, 99, 16, 100, 5)
            .Quote(3_500, 99.5, 3, 100, 5).Quote(4_000, 99, 12, 100, 5).Trade(5_000, 99, 8).Build();
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 2, 99));
        Runs.Of(data, script, new BacktestOptions { QueuePosition = QueuePosition.ProbabilisticPower, LimitFillsToDisplayedSize = true });

        Assert.Empty(script.Fills);
    }
}
