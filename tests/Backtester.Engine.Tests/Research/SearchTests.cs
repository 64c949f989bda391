using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Backtester.Engine.Tests.Strategies;
using Backtester.Research;
using Backtester.Results;
using Xunit;

namespace Backtester.Engine.Tests.Research;

// One test sets Interruptible.Started, a static hook every Interruptible run calls: it runs with the others that do.
[Collection(nameof(InterruptibleCollection))]
public class SearchTests
{
    private static readonly MarketData Data = SyntheticData.Trades(new SyntheticDataOptions { Events = 20_000, Symbols = 2, Seed = 4, IntervalNs = 1_000_000 });
    private static readonly SweepOptions Options = new() { MaxDegreeOfParallelism = 2, Backtest = new BacktestOptions { EquitySampleIntervalNs = 200_000_000 } };

    [Fact]
    public void Sampled_indices_are_distinct_ascending_in_range_and_fixed_by_the_seed()
    {
        long[] a = RandomSearch.SampleIndices(1_000, 100, seed: 7);
        Assert.Equal(100, a.Length);
        Assert.Equal(100, a.Distinct().Count());
        Assert.Equal(a.OrderBy(x => x), a);
        Assert.All(a, i => Assert.InRange(i, 0, 999));
        Assert.Equal(a, RandomSearch.SampleIndices(1_000, 100, seed: 7));
        Assert.NotEqual(a, RandomSearch.SampleIndices(1_000, 100, seed: 8));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => (long)i), RandomSearch.SampleIndices(5, 9, seed: 1));
        // No enumeration: a grid of 10^15 combinations samples as fast as a small one.
        long[] huge = RandomSearch.SampleIndices(1_000_000_000_000_000, 1_000, seed: 3);
        Assert.Equal(1_000, huge.Distinct().Count());
        Assert.True(huge[^1] > 900_000_000_000_000); // spread over the whole range
    }

    [Fact]
    public void Every_index_is_drawn_about_equally_often()
    {
        // 3 of 12 over 12,000 seeds: each index is expected 3,000 times, standard deviation √(12000 × 0.25 × 0.75) ≈ 47.
        var counts = new int[12];
        for (ulong seed = 0; seed < 12_000; seed++)
            foreach (long i in RandomSearch.SampleIndices(12, 3, seed)) counts[i]++;
        Assert.All(counts, c => Assert.InRange(c, 3_000 - 250, 3_000 + 250));
    }

    [Fact]
    public void A_random_search_gives_the_full_sweeps_rows_for_the_indices_it_draws()
    {
        SweepResult<EveryNth.Parameters> full = Sweep.Run(Data, EveryNth.Grid, Options);
        SweepResult<EveryNth.Parameters> search = RandomSearch.Run(Data, EveryNth.Grid, samples: 7, seed: 11, Options);
        long[] drawn = RandomSearch.SampleIndices(24, 7, 11);
        Assert.Equal(drawn, search.Rows.ToArray().Select(r => r.Index));
        foreach (var row in search.Rows) Assert.Equal(full.Rows[(int)row.Index], row);
    }

    [Fact]
    public void Search_shards_merge_into_the_unsharded_table_and_an_interrupted_search_resumes()
    {
        using var dir = new TempDirectory();
        string whole = Path.Combine(dir.Path, "whole"), shards = Path.Combine(dir.Path, "shards");
        RandomSearch.Run(Data, Interruptible.Grid, 12, 5, Options with { Output = new SweepOutput(whole) });
        var files = new List<string>();
        foreach (int k in new[] { 1, 0, 2 })
        {
            var output = new SweepOutput(shards) { FileName = $"search-shard-{k}-of-3.arrow" };
            RandomSearch.Run(Data, Interruptible.Grid, 12, 5, Options with { Output = output }, shard: (k, 3));
            files.Add(output.FilePath);
        }
        SweepTable.Merge(files, Path.Combine(dir.Path, "merged.arrow"));
        Assert.Equal(Table(Path.Combine(whole, "sweep.arrow")), Table(Path.Combine(dir.Path, "merged.arrow")));

        string resumed = Path.Combine(dir.Path, "resumed");
        long[] drawn = RandomSearch.SampleIndices(20, 12, 5);
        int stopAt = Interruptible.Grid[drawn[6]].N;
        try
        {
            using var cts = new CancellationTokenSource();
            Interruptible.Started = n => { if (n == stopAt) cts.Cancel(); };
            var single = Options with { MaxDegreeOfParallelism = 1, Output = new SweepOutput(resumed) };
            Assert.ThrowsAny<OperationCanceledException>(() => RandomSearch.Run(Data, Interruptible.Grid, 12, 5, single, cancellationToken: cts.Token));
            var ran = new List<int>();
            Interruptible.Started = ran.Add;
            RandomSearch.Run(Data, Interruptible.Grid, 12, 5, single with { Output = new SweepOutput(resumed) { Resume = true } });
            // the cancel came while the seventh ran; it finished, and the first seven were journaled, as a sweep does
            Assert.Equal(drawn.Skip(7).Select(i => Interruptible.Grid[i].N), ran);
        }
        finally
        {
            Interruptible.Started = null;
        }
        Assert.Equal(Table(Path.Combine(whole, "sweep.arrow")), Table(Path.Combine(resumed, "sweep.arrow")));
    }

    [Fact]
    public void Successive_halving_keeps_the_best_third_of_each_rung_on_longer_prefixes()
    {
        var options = new SuccessiveHalvingOptions { Eta = 3, Rungs = 3, Objective = ResearchObjective.NetPnl, Sweep = Options };
        var result = SuccessiveHalving.Run(Data, EveryNth.Grid, options);

        Assert.Equal(new[] { 24, 8, 3 }, result.Rungs.Select(r => r.Count));
        long first = Data.Trades.Timestamps.Span[0], span = Data.Trades.Timestamps.Span[^1] - first + 1;
        Assert.Equal(new[] { first + (long)Math.Ceiling(span / 9.0), first + (long)Math.Ceiling(span / 3.0), first + span }, result.PrefixEnds);
        for (int r = 1; r < 3; r++)
        {
            // Second method: rank the previous rung by a plain sort, and rerun the survivors on the prefix with Backtest.Run.
            var previous = result.Rungs[r - 1].Rows.ToArray().OrderByDescending(x => x.Summary.NetPnl).ThenBy(x => x.Index).Take(result.Rungs[r].Count);
            Assert.Equal(previous.Select(x => x.Index).OrderBy(x => x), result.Rungs[r].Rows.ToArray().Select(x => x.Index));
            foreach (var row in result.Rungs[r].Rows)
            {
                var again = Backtest.Run<EveryNth, EveryNth.Parameters, EveryNth.Driver>(Data.Between(first, result.PrefixEnds[r]), row.Parameters, Options.Backtest);
                Assert.Equal(again.Summary, row.Summary);
            }
        }
        Assert.Equal(result.Rungs[2].Rows.ToArray().MaxBy(x => x.Summary.NetPnl).Index, result.Best!.Value.Index);
    }

    private static readonly ResearchObjective Cagr = new("cagr", s => s.Cagr);

    [Fact]
    public void A_halving_rung_whose_every_candidate_has_a_nan_objective_is_refused_naming_the_rung_and_its_prefix()
    {
        using var dir = new TempDirectory();
        // 20 s of trades sampled every 200 ms: about 100 returns, far from the 157,680,000 of a year, so every CAGR is
        // NaN (decision 0102). Rung 0 runs 10 candidates over the first quarter and would keep ⌈10 / 2⌉ = 5 by index alone.
        var options = new SuccessiveHalvingOptions { Eta = 2, Rungs = 3, Candidates = 10, Seed = 2, Sweep = Options, Objective = Cagr, OutputDirectory = dir.Path };

        var e = Assert.Throws<UnrankedObjectiveException>(() => SuccessiveHalving.Run(Data, EveryNth.Grid, options));

        // The prefix: first + ⌈span / 4⌉, span = last − first + 1 ns.
        long first = Data.Trades.Timestamps.Span[0], span = Data.Trades.Timestamps.Span[^1] - first + 1;
        string end = Backtester.Results.ResultFiles.Iso(first + (long)Math.Ceiling(span / 4.0));
        Assert.Equal($"rung 0 (the first 1/4 of the data, before {end})", e.Context);
        Assert.Equal($"rung 0 (the first 1/4 of the data, before {end}): the objective cagr is NaN for every one of the 10 combinations that ran, so there is "
            + "no best 5 to keep; a choice would go by grid index alone. Choose an objective that is defined over this data.", e.Message);
        Assert.Equal(("cagr", 5, 10), (e.Objective, e.Choosing, e.Summaries.Count));
        Assert.True(File.Exists(dir.File("halving-rung-0.arrow"))); // the rung ran and its table stands; nothing was kept from it
        Assert.False(File.Exists(dir.File("halving-rung-1.arrow")));
    }

    [Fact]
    public void A_halving_that_keeps_every_candidate_needs_no_ranking_and_runs_with_a_nan_objective()
    {
        // One candidate: every rung keeps max(1, ⌈1 / 2⌉) = 1 of 1, so no choice depends on the order.
        var result = SuccessiveHalving.Run(Data, EveryNth.Grid, new SuccessiveHalvingOptions { Eta = 2, Rungs = 3, Candidates = 1, Seed = 2, Sweep = Options, Objective = Cagr });
        Assert.Equal(new[] { 1, 1, 1 }, result.Rungs.Select(r => r.Count));
    }

    [Fact]
    public void Successive_halving_writes_sweep_tables_per_rung_and_resumes_from_them()
    {
        using var dir = new TempDirectory();
        var options = new SuccessiveHalvingOptions { Eta = 2, Rungs = 3, Candidates = 10, Seed = 2, Sweep = Options, OutputDirectory = dir.Path };
        var first = SuccessiveHalving.Run(Data, EveryNth.Grid, options);
        Assert.Equal(new[] { 10, 5, 3 }, first.Rungs.Select(r => r.Count));
        var js = ArrowJs.Read(dir.File("halving-rung-1.arrow"));
        Assert.Equal(5, js.GetProperty("rows").GetInt32());
        Assert.Equal("1", js.GetProperty("metadata").GetProperty(SuccessiveHalving.RungKey).GetString());
        Assert.Equal(first.Rungs[1].Rows.ToArray().Select(r => r.Summary.NetPnl), js.GetProperty("columns").GetProperty("net_pnl").EnumerateArray().Select(v => v.GetDouble()));

        File.Delete(dir.File("halving-rung-2.arrow"));
        var again = SuccessiveHalving.Run(Data, EveryNth.Grid, options with { Resume = true });
        Assert.Equal(first.Rungs[2].Rows.ToArray(), again.Rungs[2].Rows.ToArray());
        Assert.Equal(TimeSpan.Zero, again.Rungs[0].Elapsed); // read back, not run
    }

    [Fact]
    public void A_sweep_with_returns_feeds_the_probability_of_backtest_overfitting()
    {
        var result = SweepReturns.Run(Data, EveryNth.Grid, Options);
        Assert.Equal(24, result.Returns.Count);
        // Each combination's returns are its equity-sample returns: their Sharpe is the summary's, annualized the same way.
        for (int k = 0; k < 24; k++)
        {
            var s = Backtester.Statistics.SeriesStatistics.OfReturns(result.Returns[k], Options.Backtest.AnnualizationFactor);
            Assert.Equal(result.Sweep.Rows[k].Summary.Sharpe, s.Sharpe, 9);
            Assert.Equal(result.Sweep.Rows[k].Summary.EquitySamples, result.Returns[k].Length);
        }
        OverfittingReport pbo = result.Overfitting(blocks: 10);
        Assert.Equal(252, pbo.Logits.Length);
        Assert.InRange(pbo.Probability, 0, 1);
        Assert.Equal(BacktestOverfitting.Cscv(result.Returns, 10).Probability, pbo.Probability);
    }

    private static List<string> Table(string path)
    {
        var rows = new List<string>();
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        while (reader.ReadNextRecordBatch() is { } batch)
            for (int i = 0; i < batch.Length; i++)
                rows.Add(string.Join("|", batch.Arrays.Select(a => a switch
                {
                    Int64Array x => x.GetValue(i).ToString(),
                    Int32Array x => x.GetValue(i).ToString(),
                    DoubleArray x => x.GetValue(i)!.Value.ToString("R"),
                    StringArray x => x.GetString(i) ?? "null",
                    BooleanArray x => x.GetValue(i).ToString(),
                    _ => "?",
                })));
        return rows;
    }
}
