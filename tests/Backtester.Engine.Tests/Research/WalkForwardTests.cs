using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Backtester.Research;
using Backtester.Statistics;
using Xunit;

namespace Backtester.Engine.Tests.Research;

public class WalkForwardTests
{
    private const long Second = 1_000_000_000;
    private const long T0 = 1_704_067_200_000_000_000L;
    // 60,000 trades 1 ms apart over two symbols: events at T0 .. T0 + 59.999 s
    private static readonly MarketData Data = SyntheticData.Trades(new SyntheticDataOptions { Events = 60_000, Symbols = 2, Seed = 9, IntervalNs = 1_000_000 });
    private static readonly WalkForwardOptions Options = new()
    {
        InSampleNs = 20 * Second,
        OutOfSampleNs = 10 * Second,
        Sweep = new SweepOptions { MaxDegreeOfParallelism = 2, Backtest = new BacktestOptions { EquitySampleIntervalNs = Second / 2, TakerFeeBps = 1 } },
        Objective = ResearchObjective.NetPnl,
    };

    [Fact]
    public void Rolling_and_anchored_windows_are_laid_over_data_time()
    {
        long last = T0 + 59_999_000_000;
        var rolling = WalkForward.Windows(T0, last, Options);
        Assert.Equal(new[]
        {
            (T0, T0 + 20 * Second, T0 + 30 * Second),
            (T0 + 10 * Second, T0 + 30 * Second, T0 + 40 * Second),
            (T0 + 20 * Second, T0 + 40 * Second, T0 + 50 * Second),
            (T0 + 30 * Second, T0 + 50 * Second, last + 1), // the last window ends just after the last event
        }, rolling);

        var anchored = WalkForward.Windows(T0, last, Options with { Anchored = true, StepNs = 15 * Second });
        Assert.Equal(new[] { (T0, T0 + 20 * Second, T0 + 30 * Second), (T0, T0 + 35 * Second, T0 + 45 * Second), (T0, T0 + 50 * Second, last + 1) }, anchored);
    }

    [Fact]
    public void Slicing_by_time_shares_the_columns_instead_of_copying_them()
    {
        MarketData slice = Data.Between(T0 + 10 * Second, T0 + 20 * Second);
        Assert.Equal(10_000, slice.Trades.Count); // rows 10,000 .. 19,999
        Assert.True(MemoryMarshal.TryGetArray(Data.Trades.Prices, out ArraySegment<double> whole));
        Assert.True(MemoryMarshal.TryGetArray(slice.Trades.Prices, out ArraySegment<double> part));
        Assert.Same(whole.Array, part.Array);
        Assert.Equal(10_000, part.Offset);
        Assert.Equal(T0 + 10 * Second, slice.Trades.Timestamps.Span[0]);
        Assert.Equal(0, Data.Between(T0 + 100 * Second, T0 + 200 * Second).EventCount);
    }

    [Fact]
    public void Each_window_picks_the_in_sample_best_and_runs_it_out_of_sample_as_a_by_hand_walk_forward_does()
    {
        WalkForwardResult result = WalkForward.Run(Data, EveryNth.Grid, Options);

        // Second method: the same procedure with the public Sweep and Backtest APIs, choosing the best by a plain loop.
        BacktestOptions backtest = Options.Sweep.Backtest;
        double equity = backtest.InitialCapital;
        var windows = WalkForward.Windows(T0, T0 + 59_999_000_000, Options);
        Assert.Equal(4, result.Windows.Count);
        for (int w = 0; w < windows.Count; w++)
        {
            var (isStart, oosStart, oosEnd) = windows[w];
            var sweep = Sweep.Run(Data.Between(isStart, oosStart), EveryNth.Grid, new SweepOptions { MaxDegreeOfParallelism = 1, Backtest = backtest });
            SweepRow<EveryNth.Parameters> best = sweep.Rows[0];
            foreach (var row in sweep.Rows)
                if (row.Summary.NetPnl > best.Summary.NetPnl) best = row;
            BacktestSummary oos = Backtest.Run<EveryNth, EveryNth.Parameters, EveryNth.Driver>(Data.Between(oosStart, oosEnd), best.Parameters,
                backtest with { InitialCapital = equity }).Summary;

            WalkForwardWindow got = result.Windows[w];
            Assert.Equal(best.Index, got.GridIndex);
            Assert.Equal(best.Summary.NetPnl, got.InSampleNetPnl);
            Assert.Equal(24, got.Trials);
            Assert.Equal(equity, got.OutOfSampleInitialEquity);
            Assert.Equal(oos.FinalEquity, got.OutOfSampleFinalEquity);
            Assert.Equal(oos.Fills, got.OutOfSampleFills);
            Assert.Equal(oos.Events, got.OutOfSampleEvents);
            Assert.Equal((oosStart, oosEnd), (got.OutOfSampleStart, got.OutOfSampleEnd));
            equity = oos.FinalEquity;
        }
        Assert.Equal(equity, result.FinalEquity);
        Assert.Equal(result.Windows.Sum(w => w.OutOfSampleFills), result.Fills.Length);
        Assert.True(result.Fills.Span[0].Timestamp >= T0 + 20 * Second); // nothing from the first in-sample period
    }

    [Fact]
    public void Each_windows_deflated_sharpe_uses_all_its_trials_and_the_chosen_returns_moments()
    {
        WalkForwardResult result = WalkForward.Run(Data, EveryNth.Grid, Options);
        BacktestOptions backtest = Options.Sweep.Backtest;
        double root = Math.Sqrt(backtest.AnnualizationFactor);
        var (isStart, oosStart, _) = WalkForward.Windows(T0, T0 + 59_999_000_000, Options)[1];

        // Second method: every combination's in-sample returns, then the DSR formula on the chosen one.
        var sweep = SweepReturns.Run(Data.Between(isStart, oosStart), EveryNth.Grid, new SweepOptions { MaxDegreeOfParallelism = 1, Backtest = backtest });
        double[] sharpes = sweep.Sweep.Rows.ToArray().Select(r => r.Summary.Sharpe / root).Where(double.IsFinite).ToArray();
        double mean = sharpes.Average(), variance = sharpes.Sum(x => (x - mean) * (x - mean)) / (sharpes.Length - 1);
        int chosen = (int)result.Windows[1].GridIndex;
        SeriesSummary moments = SeriesStatistics.OfReturns(sweep.Returns[chosen], backtest.AnnualizationFactor);
        double expected = SharpeRatioInference.DeflatedSharpeRatio(moments.Mean / moments.StandardDeviation, variance, 24, moments.Count,
            moments.Skewness, moments.Kurtosis);

        Assert.Equal(expected, result.Windows[1].InSampleDeflatedSharpe, 9);
        Assert.InRange(expected, 0, 1);
    }

    [Fact]
    public void The_stitched_curve_chains_the_pieces_and_its_summary_is_the_series_statistics_of_it()
    {
        WalkForwardResult result = WalkForward.Run(Data, EveryNth.Grid, Options);
        EquitySample[] curve = result.Equity.ToArray();
        // Each out-of-sample window has events from its start s to s + 9.999 s; boundaries s + k × 0.5 s at or before the
        // last event are sampled, k = 1..19, then the window's final equity at s + 9.999 s: 20 in each of the four windows.
        Assert.Equal(4 * 20, curve.Length);
        for (int w = 0; w < 4; w++)
            Assert.Equal(result.Windows[w].OutOfSampleFinalEquity, curve[20 * w + 19].Equity);
        Assert.Equal(result.FinalEquity / result.InitialCapital - 1, result.Summary.TotalReturn, 12); // the summary ends where the money does
        Assert.True(curve.Zip(curve.Skip(1)).All(p => p.First.Timestamp < p.Second.Timestamp));
        double previous = result.InitialCapital;
        foreach (EquitySample s in curve)
        {
            Assert.Equal(s.Equity / previous - 1, s.Return, 15);
            previous = s.Equity;
        }
        var values = new[] { result.InitialCapital }.Concat(curve.Select(s => s.Equity)).ToArray();
        Assert.Equal(SeriesStatistics.OfEquity(values, Options.Sweep.Backtest.AnnualizationFactor), result.Summary);
        Assert.InRange(result.ProbabilisticSharpe, 0, 1);
    }

    [Fact]
    public void Day_files_give_the_same_walk_forward_as_the_data_in_one_piece()
    {
        using var dir = new TempDirectory();
        var paths = new List<string>();
        for (int k = 0; k < 6; k++)
        {
            string path = dir.File($"part-{k}.arrow");
            ArrowMarketDataWriter.Write(Data.Between(T0 + k * 10 * Second, T0 + (k + 1) * 10 * Second), path);
            paths.Add(path);
        }
        WalkForwardResult whole = WalkForward.Run(Data, EveryNth.Grid, Options);
        WalkForwardResult segmented = WalkForward.Run(MarketDataSegments.FromFiles(paths), EveryNth.Grid, Options);
        Assert.Equal(whole.Windows, segmented.Windows);
        Assert.Equal(whole.Equity.ToArray(), segmented.Equity.ToArray());
        Assert.Equal(whole.Fills.ToArray(), segmented.Fills.ToArray());
    }

    [Fact]
    public void Segmented_data_is_opened_one_window_at_a_time()
    {
        int open = 0, mostOpen = 0, opened = 0;
        var openers = new List<Func<MarketData>>();
        for (int k = 0; k < 6; k++)
        {
            long from = T0 + k * 10 * Second;
            openers.Add(() =>
            {
                opened++;
                mostOpen = Math.Max(mostOpen, ++open);
                MarketData part = Data.Between(from, from + 10 * Second);
                return new MarketData(part.Symbols, part.Trades) { Resources = new Released(() => open--) };
            });
        }
        WalkForward.Run(new MarketDataSegments("six parts", openers), EveryNth.Grid, Options);

        // One pass over the six parts for their times, then each window [IS start, OOS end) of 30 s opens the 3 parts it overlaps.
        Assert.Equal(6 + 4 * 3, opened);
        Assert.Equal(3, mostOpen);
        Assert.Equal(0, open);
    }

    private sealed class Released(Action onDispose) : IDisposable
    {
        public void Dispose() => onDispose();
    }

    [Fact]
    public void The_output_files_are_read_by_the_independent_arrow_reader()
    {
        using var dir = new TempDirectory();
        WalkForwardResult result = WalkForward.Run(Data, EveryNth.Grid, Options with { OutputDirectory = dir.Path });

        var windows = ArrowJs.Read(dir.File("windows.arrow"));
        Assert.Equal(4, windows.GetProperty("rows").GetInt32());
        Assert.Equal("net_pnl (max)", windows.GetProperty("metadata").GetProperty("backtester.walkforward.objective").GetString());
        var index = windows.GetProperty("columns").GetProperty("grid_index").EnumerateArray().Select(v => long.Parse(v.GetString()!)).ToArray();
        Assert.Equal(result.Windows.Select(w => w.GridIndex), index);
        var finals = windows.GetProperty("columns").GetProperty("out_of_sample_final_equity").EnumerateArray().Select(v => v.GetDouble());
        Assert.Equal(result.Windows.Select(w => w.OutOfSampleFinalEquity), finals);

        var equity = ArrowJs.Read(dir.File("equity.arrow"));
        Assert.Equal(result.Equity.Length, equity.GetProperty("rows").GetInt32());
        Assert.Equal(result.FinalEquity == result.Equity.Span[^1].Equity ? result.FinalEquity : result.Equity.Span[^1].Equity,
            equity.GetProperty("columns").GetProperty("equity").EnumerateArray().Last().GetDouble());
        Assert.Equal(result.Fills.Length, ArrowJs.Read(dir.File("fills.arrow")).GetProperty("rows").GetInt32());
        var summary = ArrowJs.Read(dir.File("summary.arrow"));
        Assert.Equal(result.Summary.Sharpe, summary.GetProperty("columns").GetProperty("sharpe")[0].GetDouble());
    }

    /// <summary>One symbol's trades at T0 + each of <paramref name="seconds"/>, at a flat price: nothing in it trades (EveryNth waits for 64 trades).</summary>
    private static MarketData TradesAt(params int[] seconds) =>
        MarketData.FromTrades("hand-built", ["X"], seconds.Select(k => T0 + k * Second).ToArray(), new int[seconds.Length],
            Enumerable.Repeat(100.0, seconds.Length).ToArray(), Enumerable.Repeat(1.0, seconds.Length).ToArray(), Enumerable.Repeat(Side.Buy, seconds.Length).ToArray());

    /// <summary>20 s in sample, 10 s out of sample, equity sampled every 5 s.</summary>
    private static readonly WalkForwardOptions Short = Options with
    {
        Sweep = Options.Sweep with { Backtest = Options.Sweep.Backtest with { EquitySampleIntervalNs = 5 * Second } },
    };

    private static long[] SampleSeconds(WalkForwardResult result)
    {
        var seconds = new long[result.Equity.Length];
        for (int i = 0; i < seconds.Length; i++) seconds[i] = (result.Equity.Span[i].Timestamp - T0) / Second;
        return seconds;
    }

    [Fact]
    public void A_last_out_of_sample_window_of_one_instant_where_the_data_ends_on_its_start_is_dropped_with_a_warning()
    {
        using var dir = new TempDirectory();
        // Trades at 0, 1, ..., 40 s. Out-of-sample windows start at 20 + 10k s while that is at or before the last event
        // (40 s): k = 0, 1, 2. Window 2 is [40 s, 40 s + 1 ns): the trade at 40 s alone, dropped.
        WalkForwardResult result = WalkForward.Run(TradesAt(Enumerable.Range(0, 41).ToArray()), EveryNth.Grid, Short with { OutputDirectory = dir.Path });

        Assert.Equal(2, result.Windows.Count);
        Assert.Equal(T0 + 40 * Second, result.Windows[^1].OutOfSampleEnd);
        // Each window's samples: a boundary every 5 s after its first event up to its last, then the final equity at the
        // last event when that falls after the last boundary. [20, 30): 25 and 29; [30, 40): 35 and 39.
        Assert.Equal(new long[] { 25, 29, 35, 39 }, SampleSeconds(result));
        string warning = "the last out-of-sample window (window 2, 2024-01-01T00:00:40.000000000Z to 2024-01-01T00:00:40.000000001Z, where the data "
            + "ends) was dropped: its events all fall at one instant, 2024-01-01T00:00:40.000000000Z, so no return can be measured over it. The "
            + "walk-forward keeps windows 0 and 1; to have it, give data that runs on past 2024-01-01T00:00:40.000000000Z.";
        Assert.Equal([warning], result.Warnings);
        Assert.Equal(warning, ArrowJs.Read(dir.File("windows.arrow")).GetProperty("metadata").GetProperty("backtester.warnings").GetString());
        Assert.Equal(2, ArrowJs.Read(dir.File("windows.arrow")).GetProperty("rows").GetInt32());
    }

    [Fact]
    public void A_last_out_of_sample_window_of_two_instants_is_kept()
    {
        // Trades at 0 .. 41 s: window 2 is [40 s, 41 s + 1 ns), two instants; its one sample is the final equity at 41 s.
        WalkForwardResult result = WalkForward.Run(TradesAt(Enumerable.Range(0, 42).ToArray()), EveryNth.Grid, Short);

        Assert.Equal(3, result.Windows.Count);
        Assert.Equal(new long[] { 25, 29, 35, 39, 41 }, SampleSeconds(result));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_last_out_of_sample_window_holding_one_lone_instant_after_a_gap_is_dropped_too()
    {
        // Trades at 0 .. 35 s and one at 47 s: window 2 is [40 s, 47 s + 1 ns), the trade at 47 s alone. Window 1 is
        // [30, 40) with trades up to 35 s: its boundary at 35 s is its last event, so no final sample after it.
        WalkForwardResult result = WalkForward.Run(TradesAt([.. Enumerable.Range(0, 36), 47]), EveryNth.Grid, Short);

        Assert.Equal(2, result.Windows.Count);
        Assert.Equal(new long[] { 25, 29, 35 }, SampleSeconds(result));
        Assert.StartsWith("the last out-of-sample window (window 2, 2024-01-01T00:00:40.000000000Z to 2024-01-01T00:00:47.000000001Z, where the data ends) "
            + "was dropped: its events all fall at one instant, 2024-01-01T00:00:47.000000000Z,", Assert.Single(result.Warnings));
    }

    [Fact]
    public void Data_whose_only_out_of_sample_window_is_one_instant_is_refused()
    {
        // Trades at 0 .. 20 s: the one window is [20 s, 20 s + 1 ns).
        var e = Assert.Throws<ArgumentException>(() => WalkForward.Run(TradesAt(Enumerable.Range(0, 21).ToArray()), EveryNth.Grid, Short));

        Assert.Contains("hand-built: the last out-of-sample window (window 0, 2024-01-01T00:00:20.000000000Z to 2024-01-01T00:00:20.000000001Z, where the data ends) was dropped", e.Message);
        Assert.Contains("and there is no other out-of-sample window. Shorten InSampleNs or give more data.", e.Message);
    }

    [Fact]
    public void A_window_whose_every_in_sample_trial_has_a_nan_objective_is_refused_naming_the_window()
    {
        // Trades at 0 .. 40 s, sampled every 5 s: window 0's in-sample sweep has 20 s of returns, far from a year, so every
        // one of EveryNth's 8 × 3 = 24 combinations has a NaN CAGR (decision 0102); its "best" would be grid index 0.
        var cagr = Short with { Objective = new ResearchObjective("cagr", s => s.Cagr) };

        var e = Assert.Throws<UnrankedObjectiveException>(() => WalkForward.Run(TradesAt(Enumerable.Range(0, 41).ToArray()), EveryNth.Grid, cagr));

        Assert.Equal("window 0 (in sample 2024-01-01T00:00:00.000000000Z to 2024-01-01T00:00:20.000000000Z): the objective cagr is NaN for every one of "
            + "the 24 combinations that ran, so there is no best one to choose; a choice would go by grid index alone. Choose an objective that is "
            + "defined over this data.", e.Message);
        Assert.Equal(1, e.Choosing);
        Assert.Equal(24, e.Summaries.Count);
        Assert.All(e.Summaries, s => Assert.True(double.IsNaN(s.Cagr)));
    }

    [Fact]
    public void A_grid_of_one_combination_needs_no_ranking_and_walks_forward_with_a_nan_objective()
    {
        var cagr = Short with { Objective = new ResearchObjective("cagr", s => s.Cagr) };
        WalkForwardResult result = WalkForward.Run(TradesAt(Enumerable.Range(0, 41).ToArray()), EveryNth.Grid.Range(5, 1), cagr);
        Assert.Equal([5L, 5L], result.Windows.Select(w => w.GridIndex));
        Assert.All(result.Windows, w => Assert.True(double.IsNaN(w.Objective)));
    }

    [Fact]
    public void Bad_windows_are_refused_with_the_setting_named()
    {
        var overlap = Assert.Throws<ArgumentOutOfRangeException>(() => WalkForward.Run(Data, EveryNth.Grid, Options with { StepNs = 5 * Second }));
        Assert.Contains("cannot be stitched", overlap.Message);
        var tooLong = Assert.Throws<ArgumentException>(() => WalkForward.Run(Data, EveryNth.Grid, Options with { InSampleNs = 60 * Second }));
        Assert.Contains("no out-of-sample window", tooLong.Message);
        Assert.Equal("InSampleNs", Assert.Throws<ArgumentOutOfRangeException>(() => WalkForward.Run(Data, EveryNth.Grid, Options with { InSampleNs = 0 })).ParamName);
    }
    [Fact]
    public void A_step_laying_more_than_MaxWindows_windows_is_refused_before_they_are_laid()
    {
        long last = T0 + 59_999_000_000;
        // 40 s after the 20 s in sample, a window every 100 µs: 399,991 windows (a 1 ns step over a day once took the machine's memory)
        var fine = Options with { OutOfSampleNs = 100_000 };
        Assert.Equal(399_991, WalkForward.WindowCount(T0, last, fine));
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => WalkForward.Windows(T0, last, fine));
        Assert.Equal("StepNs", refused.ParamName);
        Assert.Contains("lays 399,991 windows", refused.Message);
        Assert.Contains("step 399,991 ns or more", refused.Message);
        // The step it names lays MaxWindows windows, one less lays more.
        Assert.Equal(WalkForward.MaxWindows, WalkForward.WindowCount(T0, last, fine with { OutOfSampleNs = WalkForward.SmallestStep(T0, last, fine) }));
        Assert.Equal(WalkForward.MaxWindows + 1, WalkForward.WindowCount(T0, last, fine with { OutOfSampleNs = WalkForward.SmallestStep(T0, last, fine) - 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => WalkForward.Run(Data, EveryNth.Grid, fine));
    }

    [Fact]
    public void An_out_of_sample_length_beyond_the_last_representable_time_gives_one_window_ending_after_the_data()
    {
        long last = T0 + 59_999_000_000;
        // T0 + 20 s + this overflows a long: the window once ended at a negative time, and more windows followed it.
        var endless = Options with { OutOfSampleNs = long.MaxValue - T0 };
        Assert.Equal(new[] { (T0, T0 + 20 * Second, last + 1) }, WalkForward.Windows(T0, last, endless));
        Assert.Equal(1, WalkForward.WindowCount(T0, last, endless with { OutOfSampleNs = long.MaxValue }));
    }
}
