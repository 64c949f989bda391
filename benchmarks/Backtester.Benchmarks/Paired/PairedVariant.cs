using System;
using Backtester.Benchmarks.Peers;
using Backtester.Data;
using Backtester.Benchmarks.Replay;

namespace Backtester.Benchmarks.Paired;

/// <summary>
/// One way of running a backtest that <c>--paired</c> can time against others. Variants with the same
/// <see cref="Workload"/> do the same work and must give the same summary (checked before timing).
/// </summary>
/// <param name="Name">The name <c>--variants</c> takes.</param>
/// <param name="Workload">Which strategy and options it runs; variants of one workload are compared for equal results.</param>
/// <param name="Run">One backtest.</param>
public sealed record PairedVariant(string Name, string Workload, Func<BacktestSummary> Run)
{
    /// <summary>The names <see cref="Create"/> knows, for the usage line.</summary>
    public const string Known = "handwritten, generated, interface (ReplayBenchmarks' strategy and options), generated-unlimited (the same with AccountOptions.Unlimited), readme (the README SmaCross with its options, through the engine), readme-handwritten (the same in one hand-written loop), book (BookReader over the synthetic L2 market's updates, events / 2 steps), book-trades (the same with the market's trades interleaved), book-resting (BookReplayBenchmarks' BookResting: two post-only orders 3 ticks behind the touch, QueuePosition.Conservative, over the synthetic L2 market's updates alone, events / 2 steps), queue-none, queue-conservative, queue-optimistic, queue-power, queue-log (BookMaker, a resting-order strategy, over the synthetic L2 market's updates and trades, events / 2 steps, with that QueuePosition), l3-none, l3-conservative, l3-fifo (the same BookMaker over SyntheticOrderFlow's market-by-order rows, events steps, with None, Conservative or the L3 FIFO model), sweep-whole, sweep-blocks and sweep-lockstep (the README quickstart's 80-combination SmaCross sweep over the built-in market on every core: each combination replayed whole in turn; a worker's chunk of 2 over blocks of events, each combination through a block in turn; the default, a chunk's combinations event by event over each block; sweep-lockstep-N with N events per block, sweep-chunk-N with N combinations per chunk; sweep-unlimited, sweep-lockstep with AccountOptions.Unlimited instead of the default margin account; sweep-trades, sweep-trades-lockstep and sweep-trades-whole, the quickstart sweep over the built-in market's trades alone as the engine chooses to replay it (decision 0099), in lockstep, and whole; sweep-1m, sweep-1m-lockstep and sweep-1m-whole, the same three over 1M synthetic trades, the workload of issue 14's sweep goal, and sweep-1m-count, a handler that only counts over them; sweep-count, sweep-count-chunk-N, sweep-readme and sweep-readme-chunk-N, 80 combinations of a handler that only counts or of ReadmeSmaCross, in lockstep; --events is ignored)";

    /// <summary>The variant called <paramref name="name"/>, over trades made once per event count by the caller.</summary>
    public static PairedVariant Create(string name, int events)
    {
        if (name.StartsWith("sweep-", StringComparison.Ordinal)) return Sweep(name);
        var data = ReplayWorkload.Data(events);
        var runner = new BacktestRunner();
        const string replay = "ReplayBenchmarks: SmaCrossBench, 2 ms latency, 5 bps taker";
        switch (name)
        {
            case "handwritten":
                var logic = new SmaCrossLogic();
                return new(name, replay, () => HandWrittenReplay.Run(data, ReplayWorkload.Options, logic));
            case "generated":
                var generated = new SmaCrossBench();
                return new(name, replay, () =>
                {
                    SmaCrossBench.Driver driver = generated.CreateDriver();
                    return runner.RunSummary(data, ref driver, ReplayWorkload.Options);
                });
            case "generated-unlimited":
                var unlimited = new SmaCrossBench();
                BacktestOptions unlimitedOptions = ReplayWorkload.Options with { Account = AccountOptions.Unlimited };
                return new(name, replay, () =>
                {
                    SmaCrossBench.Driver driver = unlimited.CreateDriver();
                    return runner.RunSummary(data, ref driver, unlimitedOptions);
                });
            case "interface":
                var oop = new OopSmaCross();
                return new(name, replay, () =>
                {
                    var driver = new InterfaceDriver(oop);
                    return runner.RunSummary(data, ref driver, ReplayWorkload.Options);
                });
            case "readme":
                var settings = new PeerSettings();
                ReadmeSmaCross readme = settings.Strategy();
                BacktestOptions options = settings.Options();
                return new(name, "README SmaCross, README options", () =>
                {
                    ReadmeSmaCross.Driver driver = readme.CreateDriver();
                    return runner.RunSummary(data, ref driver, options);
                });
            case "readme-handwritten":
                var peer = new PeerSettings();
                BacktestOptions peerOptions = peer.Options();
                return new(name, "README SmaCross, README options", () => ReadmeHandWritten.Run(data, peerOptions, peer.Fast, peer.Slow, peer.Size));
            case "book":
            case "book-trades":
                MarketData market = SyntheticBook.Generate(new SyntheticBookOptions { Steps = events / 2 });
                MarketData depth = name == "book"
                    ? BookMarketData.Of(market.Source, market.Symbols, market.Book)
                    : market;
                var reader = new Depth.BookReader();
                return new(name, $"BookReader over {depth.Book.Count:N0} book updates and {depth.Trades.Count:N0} trades", () =>
                {
                    Depth.BookReader.Driver driver = reader.CreateDriver();
                    return runner.RunSummary(depth, ref driver);
                });
            case "book-resting":
                MarketData l2Book = SyntheticBook.Generate(new SyntheticBookOptions { Steps = events / 2 });
                MarketData booksOnly = BookMarketData.Of(l2Book.Source, l2Book.Symbols, l2Book.Book);
                var restingOptions = new BacktestOptions { QueuePosition = QueuePosition.Conservative };
                return new(name, $"BookResting over {booksOnly.Book.Count:N0} book updates, QueuePosition.Conservative", () =>
                {
                    Depth.BookResting.Driver driver = new Depth.BookResting().CreateDriver();
                    return runner.RunSummary(booksOnly, ref driver, restingOptions);
                });
            case "queue-none":
            case "queue-conservative":
            case "queue-optimistic":
            case "queue-power":
            case "queue-log":
                MarketData l2 = SyntheticBook.Generate(new SyntheticBookOptions { Steps = events / 2 });
                QueuePosition queue = name switch
                {
                    "queue-none" => QueuePosition.None,
                    "queue-conservative" => QueuePosition.Conservative,
                    "queue-optimistic" => QueuePosition.Optimistic,
                    "queue-power" => QueuePosition.ProbabilisticPower,
                    _ => QueuePosition.ProbabilisticLog,
                };
                var makerOptions = new BacktestOptions { QueuePosition = queue, LimitFillsToDisplayedSize = true };
                var maker = new Depth.BookMaker();
                // Each queue model fills differently: a workload of its own, so no summary is compared.
                return new(name, $"BookMaker over {l2.Book.Count:N0} book updates and {l2.Trades.Count:N0} trades, QueuePosition.{queue}", () =>
                {
                    Depth.BookMaker.Driver driver = maker.CreateDriver();
                    return runner.RunSummary(l2, ref driver, makerOptions);
                });
            case "l3-none":
            case "l3-conservative":
            case "l3-fifo":
                MarketData l3 = SyntheticOrderFlow.Generate(new SyntheticOrderFlowOptions { Steps = events });
                QueuePosition l3Queue = name switch { "l3-fifo" => QueuePosition.Fifo, "l3-conservative" => QueuePosition.Conservative, _ => QueuePosition.None };
                var l3Options = new BacktestOptions { QueuePosition = l3Queue };
                var l3Maker = new Depth.BookMaker();
                // The models fill differently (no trades print, so Conservative fills only when the other side reaches the order).
                return new(name, $"BookMaker over {l3.Book.Count:N0} L3-derived book updates, QueuePosition.{l3Queue}", () =>
                {
                    Depth.BookMaker.Driver driver = l3Maker.CreateDriver();
                    return runner.RunSummary(l3, ref driver, l3Options);
                });
            default:
                throw new ArgumentException($"--paired: unknown variant '{name}'. Known: {Known}.");
        }
    }

    /// <summary>The quickstart sweep; its summary is the last row's (the test suite checks every row against independent runs).</summary>
    private static PairedVariant Sweep(string name)
    {
        if (name.StartsWith("sweep-count", StringComparison.Ordinal) || name.StartsWith("sweep-readme", StringComparison.Ordinal)) return LockstepSweep(name);
        if (name == "sweep-1m-count") return MillionCounterSweep();
        MarketData market = SyntheticData.Market();
        // sweep-trades*: the built-in market's trades alone, where lockstep does not pay (decision 0099).
        bool tradesAlone = name.StartsWith("sweep-trades", StringComparison.Ordinal);
        if (tradesAlone) market = new MarketData(market.Symbols, market.Trades);
        // sweep-1m*: the workload issue 14's sweep goal names, the quickstart grid over 1M trades (4 symbols, seed 42).
        bool million = name.StartsWith("sweep-1m", StringComparison.Ordinal);
        if (million) market = ReplayWorkload.Data(1_000_000);
        // sweep-blocks is the lockstep before event-by-event replay: each combination through a whole block in turn,
        // in the chunks of 2 the quickstart grid got then.
        int block = name switch
        {
            "sweep-whole" => 0,
            "sweep-lockstep" or "sweep-blocks" or "sweep-unlimited" or "sweep-trades-lockstep" => SweepBlocks.EventsPerBlock,
            "sweep-trades" or "sweep-1m" => SweepBlocks.Chosen,
            "sweep-1m-whole" => 0,
            "sweep-1m-lockstep" => SweepBlocks.EventsPerBlock,
            "sweep-trades-whole" => 0,
            _ when name.StartsWith("sweep-chunk-", StringComparison.Ordinal) => SweepBlocks.EventsPerBlock,
            _ when name.StartsWith("sweep-lockstep-", StringComparison.Ordinal) && int.TryParse(name["sweep-lockstep-".Length..], out int n) && n > 0 => n,
            _ => throw new ArgumentException($"--paired: unknown variant '{name}'. Known: {Known}; sweep-lockstep-N takes N events per block."),
        };
        int chunk = name == "sweep-blocks" ? 2 : 0;
        if (name.StartsWith("sweep-chunk-", StringComparison.Ordinal) && !(int.TryParse(name["sweep-chunk-".Length..], out chunk) && chunk > 0))
            throw new ArgumentException($"--paired: sweep-chunk-N takes a positive N, got '{name}'.");
        // sweep-unlimited: the quickstart's options with AccountOptions.Unlimited (as generated-unlimited), a workload of its own.
        bool unlimited = name == "sweep-unlimited";
        var quickstart = new BacktestOptions { TakerFeeBps = 2, OrderLatencyNs = 2_000_000 };
        var options = new SweepOptions
        {
            Backtest = unlimited ? quickstart with { Account = AccountOptions.Unlimited } : quickstart,
            EventsPerBlock = block,
            EventByEvent = name != "sweep-blocks",
            ChunkSize = chunk,
        };
        string data = million ? "1M synthetic trades (SyntheticData.Trades, 4 symbols)" : $"SyntheticData.Market(){(tradesAlone ? "'s trades alone" : "")}";
        string workload = $"README quickstart sweep{(unlimited ? " with AccountOptions.Unlimited" : "")}: 80 x SmaCross over {data}, every core";
        return new(name, workload, () =>
        {
            SweepResult<Backtester.Samples.SmaCross.Parameters> result = Backtester.Sweep.Run(market, Backtester.Samples.SmaCross.Grid, options);
            return result.Rows[result.Count - 1].Summary;
        });
    }

    /// <summary>
    /// sweep-1m-count: 80 combinations of <see cref="Sweeps.SweepCounter"/> over sweep-1m's 1M trades with the quickstart's
    /// options, replayed as the engine chooses: the engine's own per-event work on issue 14's sweep workload, with no
    /// strategy state and no position (so the mark takes its flat path).
    /// </summary>
    private static PairedVariant MillionCounterSweep()
    {
        MarketData market = ReplayWorkload.Data(1_000_000);
        var options = new SweepOptions { Backtest = new BacktestOptions { TakerFeeBps = 2, OrderLatencyNs = 2_000_000 } };
        return new("sweep-1m-count", "80 x SweepCounter (a handler that only counts) over 1M synthetic trades (SyntheticData.Trades, 4 symbols), every core", () =>
        {
            SweepResult<Sweeps.SweepCounter.Parameters> result = Backtester.Sweep.Run(market, Sweeps.SweepCounter.Grid, options);
            return result.Rows[result.Count - 1].Summary;
        });
    }

    /// <summary>
    /// sweep-count and sweep-readme (in lockstep, the chunk the sweep chooses), sweep-count-chunk-N and sweep-readme-chunk-N:
    /// 80 combinations of <see cref="Sweeps.SweepCounter"/> (a handler that only counts) or of <see cref="ReadmeSmaCross"/>
    /// (deciding on every trade) over the built-in market with the quickstart's options, the light and the heavy side of
    /// the quickstart's SmaCross for the lockstep chunk size.
    /// </summary>
    private static PairedVariant LockstepSweep(string name)
    {
        string kind = name.StartsWith("sweep-count", StringComparison.Ordinal) ? "sweep-count" : "sweep-readme";
        int chunk = 0;
        if (name != kind && !(name.StartsWith(kind + "-chunk-", StringComparison.Ordinal) && int.TryParse(name[(kind.Length + "-chunk-".Length)..], out chunk) && chunk > 0))
            throw new ArgumentException($"--paired: unknown variant '{name}': {kind} or {kind}-chunk-N.");
        MarketData market = SyntheticData.Market();
        var options = new SweepOptions
        {
            Backtest = new BacktestOptions { TakerFeeBps = 2, OrderLatencyNs = 2_000_000 },
            EventsPerBlock = SweepBlocks.EventsPerBlock,
            ChunkSize = chunk,
        };
        return kind == "sweep-count"
            ? new(name, "80 x SweepCounter (a handler that only counts) over SyntheticData.Market(), in lockstep, every core", () =>
            {
                SweepResult<Sweeps.SweepCounter.Parameters> result = Backtester.Sweep.Run(market, Sweeps.SweepCounter.Grid, options);
                return result.Rows[result.Count - 1].Summary;
            })
            : new(name, "80 x ReadmeSmaCross (deciding on every trade) over SyntheticData.Market(), in lockstep, every core", () =>
            {
                SweepResult<ReadmeSmaCross.Parameters> result = Backtester.Sweep.Run(market, ReadmeSmaCross.Grid, options);
                return result.Rows[result.Count - 1].Summary;
            });
    }
}
