using System;
using System.Collections.Generic;
using Backtester.Data;
using BenchmarkDotNet.Attributes;

namespace Backtester.Benchmarks.Depth;

/// <summary>
/// Book updates through the replay: the synthetic L2 market (one symbol, 10 levels a side, depth only, no trades in the
/// stream) replayed into a do-nothing <c>[OnBook]</c> strategy, one that reads the book on every update and one that keeps
/// two resting orders behind the touch (<see cref="BookResting"/>), next to
/// as many synthetic trades replayed into a do-nothing <c>[OnTrade]</c> strategy (the yardstick: the ratio says what a
/// book update costs over the cheapest event, whatever the machine's load). Divide <see cref="Updates"/> by the mean
/// time for updates per second; the memory column shows the per-run bytes.
/// </summary>
[MemoryDiagnoser]
public class BookReplayBenchmarks
{
    private MarketData _data = null!;
    private MarketData _trades = null!;
    private readonly TradeNoOp _tradeNoOp = new();
    private readonly BacktestRunner _runner = new();
    private readonly BookNoOp _noOp = new();
    private readonly BookReader _reader = new();
    private readonly BacktestOptions _resting = new() { QueuePosition = QueuePosition.Conservative };

    /// <summary>Steps of the synthetic market; each writes one to three updates.</summary>
    [ParamsSource(nameof(StepCounts))]
    public int Steps { get; set; }

    /// <summary>The sizes: 4M steps, or 20k in quick mode.</summary>
    public IEnumerable<int> StepCounts => QuickMode.Sizes([4_000_000], [20_000]);

    /// <summary>Number of book updates replayed per run.</summary>
    public int Updates => _data.Book.Count;

    [GlobalSetup]
    public void Setup()
    {
        MarketData market = SyntheticBook.Generate(new SyntheticBookOptions { Steps = Steps });
        // Depth only: the trades are left out so the figure is of book updates alone.
        _data = BookMarketData.Of(market.Source, market.Symbols, market.Book);
        BacktestSummary summary = NoOp();
        if (summary.Events != _data.Book.Count) throw new InvalidOperationException($"Replayed {summary.Events} events, expected {_data.Book.Count}.");
        _trades = SyntheticData.Trades(new SyntheticDataOptions { Events = _data.Book.Count, Symbols = 1 });
        Console.WriteLine($"// book updates per run: {_data.Book.Count}");
    }

    [Benchmark(Baseline = true, Description = "do-nothing [OnTrade], as many trades")]
    public BacktestSummary Trades()
    {
        TradeNoOp.Driver driver = _tradeNoOp.CreateDriver();
        return _runner.RunSummary(_trades, ref driver);
    }

    [Benchmark(Description = "do-nothing [OnBook]")]
    public BacktestSummary NoOp()
    {
        BookNoOp.Driver driver = _noOp.CreateDriver();
        return _runner.RunSummary(_data, ref driver);
    }

    [Benchmark(Description = "[OnBook] reading the book")]
    public BacktestSummary Reading()
    {
        BookReader.Driver driver = _reader.CreateDriver();
        return _runner.RunSummary(_data, ref driver);
    }

    [Benchmark(Description = "[OnBook] with two resting orders")]
    public BacktestSummary Resting()
    {
        BookResting.Driver driver = new BookResting().CreateDriver();
        return _runner.RunSummary(_data, ref driver, _resting);
    }
}
