using Backtester.Data;

namespace Backtester.Benchmarks.Replay;

/// <summary>
/// The seed's end-to-end shape: 4 symbols × 250k trades (1M), 1 µs apart, an order decision every 256 events,
/// 2 ms order latency, an SMA-cross-like strategy.
/// </summary>
public static class ReplayWorkload
{
    public const int FastWindow = 16;
    public const int SlowWindow = 64;
    public const int DecideEvery = 256;

    /// <summary>2 ms latency, 5 bps taker fee, equity sampled every 10 ms (100 samples over the 1 s of data).</summary>
    public static BacktestOptions Options { get; } = new() { OrderLatencyNs = 2_000_000, TakerFeeBps = 5, EquitySampleIntervalNs = 10_000_000 };

    public static MarketData Data(int events) => SyntheticData.Trades(new SyntheticDataOptions { Events = events, Symbols = 4 });
}
