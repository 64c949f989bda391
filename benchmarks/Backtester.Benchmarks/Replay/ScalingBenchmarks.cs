using System;
using System.IO;
using Backtester.Data;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Backtester.Benchmarks.Replay;

/// <summary>
/// The replay workload's SummaryOnly backtest at growing sizes, over in-memory arrays and over the same trades
/// memory-mapped from an Arrow file: the cost per event should stay flat, and the allocation per run should not grow
/// with the data (only the strategy's own per-run arrays). The setup checks both sources give the same summary.
/// Memory (working set, GC heap, file-backed pages) is measured by <c>--memory</c> (<see cref="MemoryProbe"/>).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerEvent))]
public class ScalingBenchmarks
{
    private MarketData _inMemory = null!, _mapped = null!;
    private readonly BacktestRunner _runner = new();
    private readonly SmaCrossBench _strategy = new();
    private string _directory = "";

    public static int[] Sizes => QuickMode.Sizes([1_000_000, 10_000_000], [10_000]);

    [ParamsSource(nameof(Sizes))]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _inMemory = ReplayWorkload.Data(Events);
        _directory = Path.Combine(Path.GetTempPath(), $"bt-bench-scaling-{Environment.ProcessId}-{Events}");
        Directory.CreateDirectory(_directory);
        string path = Path.Combine(_directory, "trades.arrow");
        ArrowMarketDataWriter.Write(_inMemory, path);
        _mapped = ArrowMarketData.Open(path);
        SummaryCheck.Same("in-memory arrays", InMemory(), "memory-mapped Arrow", Mapped());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _mapped.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "SummaryOnly, in-memory arrays")]
    public BacktestSummary InMemory() => Run(_inMemory);

    [Benchmark(Description = "SummaryOnly, memory-mapped Arrow file")]
    public BacktestSummary Mapped() => Run(_mapped);

    private BacktestSummary Run(MarketData data)
    {
        SmaCrossBench.Driver driver = _strategy.CreateDriver();
        return _runner.RunSummary(data, ref driver, ReplayWorkload.Options);
    }

    private sealed class PerEvent : ManualConfig
    {
        public PerEvent() => AddColumn(new PerRowColumn(nameof(Events), "ns/event", perSecond: false));
    }
}
