using Backtester.Benchmarks.Replay;
using BenchmarkDotNet.Attributes;

namespace Backtester.Benchmarks.Results;

/// <summary>
/// The data fingerprint (XxHash128 over every column, computed once per <see cref="MarketData"/> for result metadata)
/// against one backtest of the same 1M trades: the fingerprint must be small next to the run it describes.
/// </summary>
[MemoryDiagnoser]
public class DataFingerprintBenchmarks
{
    private MarketData _data = null!;
    private readonly BacktestRunner _runner = new();
    private readonly SmaCrossBench _strategy = new();

    [Params(1_000_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup() => _data = ReplayWorkload.Data(Events);

    [Benchmark(Baseline = true, Description = "one backtest (generated struct driver)")]
    public BacktestSummary Backtest()
    {
        SmaCrossBench.Driver driver = _strategy.CreateDriver();
        return _runner.RunSummary(_data, ref driver, ReplayWorkload.Options);
    }

    /// <summary>A new MarketData over the same columns, so the identity is computed, not read from the cache.</summary>
    [Benchmark(Description = "data identity (fingerprint of all columns)")]
    public string Fingerprint() => new MarketData(_data.Symbols, _data.Trades, _data.Quotes, _data.Bars).Identity.Fingerprint;
}
