using System;
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
    private TempDirectory _directory = null!;

    /// <summary>
    /// The replay workload with 100 µs order latency instead of 2 ms. It was chosen while the strategy sized orders
    /// against the filled position alone, which compounded with 2 ms latency (about eight orders in flight per
    /// decision); <see cref="SmaCrossLogic"/> now counts orders in flight, and 100 µs is kept so the scaling and
    /// memory figures in docs/performance.md stay comparable.
    /// </summary>
    public static BacktestOptions Options { get; } = ReplayWorkload.Options with { OrderLatencyNs = 100_000 };

    public static int[] Sizes => QuickMode.Sizes([1_000_000, 10_000_000], [10_000]);

    [ParamsSource(nameof(Sizes))]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _inMemory = ReplayWorkload.Data(Events);
        _directory = new TempDirectory($"scaling-{Events}");
        string path = _directory.File("trades.arrow");
        ArrowMarketDataWriter.Write(_inMemory, path);
        _mapped = ArrowMarketData.Open(path);
        BacktestSummary summary = InMemory();
        SummaryCheck.Same("in-memory arrays", summary, "memory-mapped Arrow", Mapped());
        if (!double.IsFinite(summary.NetPnl) || summary.Fills < Events / ReplayWorkload.DecideEvery / 4)
            throw new InvalidOperationException($"The workload did not trade sanely: {summary}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _mapped.Dispose();
        _directory.Dispose();
    }

    [Benchmark(Baseline = true, Description = "SummaryOnly, in-memory arrays")]
    public BacktestSummary InMemory() => Run(_inMemory);

    [Benchmark(Description = "SummaryOnly, memory-mapped Arrow file")]
    public BacktestSummary Mapped() => Run(_mapped);

    private BacktestSummary Run(MarketData data)
    {
        SmaCrossBench.Driver driver = _strategy.CreateDriver();
        return _runner.RunSummary(data, ref driver, Options);
    }

    private sealed class PerEvent : ManualConfig
    {
        public PerEvent() => AddColumn(new PerRowColumn(nameof(Events), "ns/event", perSecond: false));
    }
}
