using System;
using Backtester.Data;
using BenchmarkDotNet.Attributes;

namespace Backtester.Benchmarks.Replay;

/// <summary>
/// Issue 19's case: 5,000 resting limit orders over 10,000 trades of one symbol (<see cref="RestingLadder"/>),
/// amending, cancelling and replacing as it goes. Before the venue kept working orders per symbol, compacted only when
/// an order closed and looked ids up in a dictionary, this was quadratic (129 s reported).
/// </summary>
[MemoryDiagnoser]
public class RestingOrdersBenchmarks
{
    // An unlimited account: the case is the venue's order lists, and a margin account at 1x (the default) refuses the
    // ladder's orders beyond its buying power (1,000 of 5,000 at these prices), which the check below would report.
    private static readonly BacktestOptions Options = new() { OrderLatencyNs = 1_000, Account = AccountOptions.Unlimited };
    private MarketData _data = null!;
    private readonly BacktestRunner _runner = new();

    [ParamsSource(nameof(OrderCounts))]
    public int Orders { get; set; }

    public static int[] OrderCounts => QuickMode.Sizes([5_000], [200]);

    [GlobalSetup]
    public void Setup()
    {
        _data = SyntheticData.Trades(new SyntheticDataOptions { Events = 10_000, Symbols = 1 });
        var ladder = new RestingLadder { Orders = Orders };
        RestingLadder.Driver driver = ladder.CreateDriver();
        BacktestSummary summary = _runner.RunSummary(_data, ref driver, Options);
        if (summary.Fills != 0 || ladder.LastOpenQuantity != Orders)
            throw new InvalidOperationException($"The ladder should rest unfilled: {summary.Fills} fills, open quantity {ladder.LastOpenQuantity}.");
    }

    [Benchmark(Description = "5,000 resting limits x 10k trades")]
    public BacktestSummary Ladder()
    {
        RestingLadder.Driver driver = new RestingLadder { Orders = Orders }.CreateDriver();
        return _runner.RunSummary(_data, ref driver, Options);
    }
}
