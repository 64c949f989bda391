using System;
using Backtester.Data;
using BenchmarkDotNet.Attributes;
using Backtester;

namespace Backtester.Benchmarks.Replay;

/// <summary>
/// One backtest of the seed workload (1M trades) three ways: the generated struct driver, a hand-written loop
/// (the practical limit) and the same strategy behind an interface (an OOP engine). Before timing, the setup
/// checks that all three produce the same summary, so the comparison is of equal work.
/// </summary>
[MemoryDiagnoser]
public class ReplayBenchmarks
{
    private MarketData _data = null!;
    private readonly BacktestRunner _runner = new();
    private readonly SmaCrossLogic _handWrittenLogic = new();
    private readonly SmaCrossBench _generated = new();
    private readonly OopSmaCross _oop = new();

    /// <summary>The same options with every fill kept in memory (the <c>All</c> trade log).</summary>
    private static readonly BacktestOptions AllFills = ReplayWorkload.Options with { TradeLog = TradeLogMode.All };

    [Params(1_000_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = ReplayWorkload.Data(Events);
        BacktestSummary handWritten = HandWritten(), generated = Generated(), oop = InterfaceDispatch();
        SummaryCheck.Same("generated driver", generated, "hand-written loop", handWritten);
        SummaryCheck.Same("generated driver", generated, "interface dispatch", oop);
        SummaryCheck.Same("generated driver", generated, "generated driver keeping every fill", GeneratedKeepingEveryFill());
        // A decision every 256 events; only changes of direction send orders, so about half the decisions trade.
        if (generated.Fills < Events / ReplayWorkload.DecideEvery / 4)
            throw new InvalidOperationException($"Workload traded too little: {generated.Fills} fills.");
    }

    [Benchmark(Baseline = true, Description = "hand-written loop")]
    public BacktestSummary HandWritten() => HandWrittenReplay.Run(_data, ReplayWorkload.Options, _handWrittenLogic);

    [Benchmark(Description = "generated struct driver")]
    public BacktestSummary Generated()
    {
        SmaCrossBench.Driver driver = _generated.CreateDriver();
        return _runner.RunSummary(_data, ref driver, ReplayWorkload.Options);
    }

    [Benchmark(Description = "generated struct driver, TradeLog All")]
    public BacktestSummary GeneratedKeepingEveryFill()
    {
        SmaCrossBench.Driver driver = _generated.CreateDriver();
        return _runner.RunSummary(_data, ref driver, AllFills);
    }

    [Benchmark(Description = "interface dispatch")]
    public BacktestSummary InterfaceDispatch()
    {
        var driver = new InterfaceDriver(_oop);
        return _runner.RunSummary(_data, ref driver, ReplayWorkload.Options);
    }
}
