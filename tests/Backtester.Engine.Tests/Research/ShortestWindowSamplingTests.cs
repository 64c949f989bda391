using System.Linq;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Backtester.Research;
using Xunit;

namespace Backtester.Engine.Tests.Research;

/// <summary>
/// The research tools' automatic equity interval comes from their shortest window, not from the whole data's span
/// (decision 0122): over three weeks of data the span's rule samples daily, which left each one-day out-of-sample window
/// of a walk-forward a single return (its Sharpe ratio undefined), each two-day in-sample sweep two, and the first rung of
/// successive halving three.
/// </summary>
public class ShortestWindowSamplingTests
{
    private const long Day = BacktestOptions.OneDayNs;
    private const long Minute = 60_000_000_000;

    // 30,000 trades a minute apart over two symbols: T0 .. T0 + 29,999 min (20.8 days)
    private static readonly MarketData Data = SyntheticData.Trades(new SyntheticDataOptions { Events = 30_000, Symbols = 2, Seed = 5, IntervalNs = Minute });

    private static readonly WalkForwardOptions Options = new()
    {
        InSampleNs = 2 * Day,
        OutOfSampleNs = Day,
        Sweep = new SweepOptions { MaxDegreeOfParallelism = 2, Backtest = new BacktestOptions { TakerFeeBps = 1 } }, // EquitySampleIntervalNs: Auto
        Objective = ResearchObjective.NetPnl,
    };

    [Fact]
    public void A_walk_forward_samples_each_window_by_the_rule_for_one_day_not_daily()
    {
        WalkForwardResult result = WalkForward.Run(Data, EveryNth.Grid, Options);

        // Out-of-sample windows start at day 2, 3, ..., 20: 19 windows, the last one ending with the data.
        Assert.Equal(19, result.Windows.Count);
        // The rule for one day: 86.4 s per 1/1000 of it, rounded up to 10 minutes; 365 days of those a year.
        Assert.Equal(365.0 * Day / (10 * Minute), result.Summary.PeriodsPerYear);
        // A full window: events every minute from its start to 1,439 min, boundaries at 10, 20, ..., 1,430 min (143) and
        // the final sample at 1,439 min: 144. The last (day 20 to 20.83, 1,200 events to 1,199 min): 119 boundaries and
        // the final sample, 120. In all 18 x 144 + 120.
        Assert.Equal(18 * 144 + 120, result.Summary.Count);
        Assert.Equal(18 * 144 + 120, result.Equity.Length);
        // Every window has returns enough for its statistics on both sides (daily sampling left one out of sample: NaN).
        Assert.All(result.Windows, w => Assert.True(double.IsFinite(w.OutOfSampleSharpe), $"window {w.Window}: out-of-sample Sharpe {w.OutOfSampleSharpe}"));
        Assert.All(result.Windows, w => Assert.True(double.IsFinite(w.InSampleSharpe), $"window {w.Window}: in-sample Sharpe {w.InSampleSharpe}"));
    }

    [Fact]
    public void A_walk_forward_keeps_an_interval_given()
    {
        var daily = Options with { Sweep = Options.Sweep with { Backtest = Options.Sweep.Backtest with { EquitySampleIntervalNs = Day } } };
        WalkForwardResult result = WalkForward.Run(Data, EveryNth.Grid.Range(0, 2), daily);

        Assert.Equal(365.0, result.Summary.PeriodsPerYear);
        // No daily boundary falls inside a window's 1,439 minutes: each window has its final sample only.
        Assert.Equal(19, result.Summary.Count);
        Assert.True(result.Windows.All(w => double.IsNaN(w.OutOfSampleSharpe)));
    }

    [Fact]
    public void Successive_halving_samples_every_rung_by_the_rule_for_its_first_prefix()
    {
        var options = new SuccessiveHalvingOptions { Eta = 3, Rungs = 3, Objective = ResearchObjective.NetPnl, Sweep = Options.Sweep };
        // The first rung's prefix: a ninth of 29,999 min (and 1 ns), 3,333.3 min; 200 s per 1/1000 of it: 10 min.
        Assert.Equal(10 * Minute, SuccessiveHalving.EquitySampleIntervalFor(Data, options));

        var result = SuccessiveHalving.Run(Data, EveryNth.Grid, options);
        // Rung 0 replays minutes 0 to 3,333: boundaries at 10, ..., 3,330 min (333) and the final sample at 3,333; daily,
        // it had 3. The last rung, all 29,999 min: 2,999 boundaries and the final sample.
        Assert.All(result.Rungs[0].Rows.ToArray(), r => Assert.Equal(334, r.Summary.EquitySamples));
        Assert.All(result.Rungs[^1].Rows.ToArray(), r => Assert.Equal(3_000, r.Summary.EquitySamples));

        var given = options with { Sweep = Options.Sweep with { Backtest = Options.Sweep.Backtest with { EquitySampleIntervalNs = Day } } };
        Assert.Equal(Day, SuccessiveHalving.EquitySampleIntervalFor(Data, given));
    }
}
