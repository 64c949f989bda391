using System;
using Backtester.Benchmarks.Replay;
using Backtester.Data;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Backtester.Benchmarks.Sweeps;

/// <summary>
/// A range of <see cref="SweepSmaCross"/>'s 1,000 combinations over the replay workload's 1M trades: a plain loop of
/// <see cref="BacktestRunner.RunSummary{TDriver}"/> on one thread (the baseline; Sweep.Run on one thread against it is
/// the sweep's own overhead), then <see cref="Sweep.Run{TStrategy, TParameters, TDriver}"/> on one thread and on every
/// core. The setup checks that all three produce the same row for every combination.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortJob))]
public class SweepScalingBenchmarks
{
    private MarketData _data = null!;
    private readonly BacktestRunner _runner = new();
    private ParameterGrid<SweepSmaCross, SweepSmaCross.Parameters, SweepSmaCross.Driver> _grid;
    private SweepOptions _oneThread = null!, _allCores = null!;

    /// <summary>
    /// The first 200 of the grid's 1,000 combinations, then the whole grid (about 15 s per operation over 1M trades on
    /// a 2-core machine; the cost is linear in the combination count); 8 in quick mode.
    /// </summary>
    public static int[] CombinationCounts => QuickMode.Sizes([200, 1000], [8]);

    [ParamsSource(nameof(CombinationCounts))]
    public int Combinations { get; set; }

    /// <summary>Trades replayed per combination.</summary>
    public static int Events => QuickMode.IsOn ? 20_000 : 1_000_000;

    [GlobalSetup]
    public void Setup()
    {
        _data = ReplayWorkload.Data(Events);
        _grid = SweepSmaCross.Grid.Range(0, Combinations);
        _oneThread = new SweepOptions { Backtest = ReplayWorkload.Options, MaxDegreeOfParallelism = 1, FailFast = true };
        _allCores = _oneThread with { MaxDegreeOfParallelism = Environment.ProcessorCount };

        var loop = new BacktestSummary[Combinations];
        for (int i = 0; i < loop.Length; i++) loop[i] = RunOne(i);
        SweepResult<SweepSmaCross.Parameters> one = SweepOneThread(), all = SweepAllCores();
        for (int i = 0; i < loop.Length; i++)
        {
            SummaryCheck.Same($"loop #{i}", loop[i], $"sweep on 1 thread #{i}", one.Rows[i].Summary);
            SummaryCheck.Same($"loop #{i}", loop[i], $"sweep on {Environment.ProcessorCount} threads #{i}", all.Rows[i].Summary);
        }
        if (loop[0].Fills == 0) throw new InvalidOperationException("The first combination did not trade.");
    }

    [Benchmark(Baseline = true, Description = "plain loop of RunSummary, 1 thread")]
    public double PlainLoop()
    {
        double net = 0;
        for (int i = 0; i < Combinations; i++) net += RunOne(i).NetPnl;
        return net;
    }

    [Benchmark(Description = "Sweep.Run, MaxDegreeOfParallelism = 1")]
    public SweepResult<SweepSmaCross.Parameters> SweepOneThread() => Sweep.Run(_data, _grid, _oneThread);

    [Benchmark(Description = "Sweep.Run, MaxDegreeOfParallelism = ProcessorCount")]
    public SweepResult<SweepSmaCross.Parameters> SweepAllCores() => Sweep.Run(_data, _grid, _allCores);

    private BacktestSummary RunOne(int i)
    {
        SweepSmaCross.Driver driver = SweepSmaCross.Create(_grid[i]).CreateDriver();
        return _runner.RunSummary(_data, ref driver, ReplayWorkload.Options);
    }

    /// <summary>One launch, one warm-up and three measured iterations (each is a whole sweep); none in quick mode, which brings its own job.</summary>
    private sealed class ShortJob : ManualConfig
    {
        public ShortJob()
        {
            if (!QuickMode.IsOn) AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3));
        }
    }
}
