using System;
using Backtester.Data;
using BenchmarkDotNet.Attributes;

using Backtester.Benchmarks.Peers;

namespace Backtester.Benchmarks.Replay;

/// <summary>
/// The README's own strategy (<see cref="ReadmeSmaCross"/>, shared with the numba peer: two <c>Sma</c> per symbol updated on every trade, sizing
/// against <c>Position + OpenQuantity</c>) over the README's data and options (<c>SyntheticData.Trades()</c>: 1M
/// trades, 4 symbols, seed 42; 2 bps taker fee, 2 ms order latency), next to the sparse benchmark strategy
/// (<see cref="SmaCrossBench"/>, deciding every 256 events) over the same data, in one run so the ratio is honest.
/// </summary>
[MemoryDiagnoser]
public class ReadmeSmaCrossBenchmarks
{
    /// <summary>The README's options: <c>new BacktestOptions { TakerFeeBps = 2, OrderLatencyNs = 2_000_000 }</c>.</summary>
    public static BacktestOptions Options { get; } = new() { TakerFeeBps = 2, OrderLatencyNs = 2_000_000 };

    private MarketData _data = null!;
    private readonly BacktestRunner _runner = new();
    private readonly ReadmeSmaCross _readme = new();
    private readonly SmaCrossBench _sparse = new();

    [ParamsSource(nameof(EventCounts))]
    public int Events { get; set; }

    public static int[] EventCounts => QuickMode.Sizes([1_000_000], [20_000]);

    [GlobalSetup]
    public void Setup()
    {
        _data = SyntheticData.Trades(new SyntheticDataOptions { Events = Events });
        BacktestSummary readme = Readme();
        // Deciding on every trade with 2 ms latency it must trade (1,876 fills at 1M trades; 19 at the quick mode's 20k).
        if (readme.Fills < Events / 2_000 || !double.IsFinite(readme.NetPnl))
            throw new InvalidOperationException($"README strategy traded too little or diverged: {readme.Fills} fills, net PnL {readme.NetPnl}.");
    }

    [Benchmark(Baseline = true, Description = "README SmaCross (every trade)")]
    public BacktestSummary Readme()
    {
        ReadmeSmaCross.Driver driver = _readme.CreateDriver();
        return _runner.RunSummary(_data, ref driver, Options);
    }

    [Benchmark(Description = "sparse SmaCrossBench (every 256)")]
    public BacktestSummary Sparse()
    {
        SmaCrossBench.Driver driver = _sparse.CreateDriver();
        return _runner.RunSummary(_data, ref driver, Options);
    }
}
