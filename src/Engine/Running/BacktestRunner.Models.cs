using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Backtester.Data;
using Backtester.Execution;
using Backtester.Infrastructure;

namespace Backtester;

// The choice of a run's models (decision 0062): the queue model, order latency model, fee model and slippage model of
// the venue, and the account's per-event marking (decision 0064), each a struct type parameter. The runner reads the
// options once per run and calls one generic method for the combination; everything below it, down to the per-event
// loop, is compiled by the JIT for that combination, so no model costs a branch, let alone a call, per event.
public sealed partial class BacktestRunner
{
    // One venue per combination of models a runner has run, reused by its later runs (their buffers only grow).
    private readonly Dictionary<Type, object> _venues = new();

    /// <summary>
    /// Like <see cref="RunSummary{TDriver}(MarketData, ref TDriver, BacktestOptions?)"/>, with a queue-position model of
    /// your own in place of <see cref="BacktestOptions.QueuePosition"/>: a struct implementing <see cref="IQueueModel"/>
    /// (its fields are the model's parameters). The venue and the replay are compiled for it, as for the built-in
    /// models; every other option applies as usual. Result files (<see cref="BacktestOptions.Output"/>) are refused,
    /// since their provenance could not name the model.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="options"/> asks for result files.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid; the exception names it.</exception>
    [MethodImpl(MethodImplOptions.NoOptimization)] // once a run (decision 0112)
    public BacktestSummary RunSummaryWithQueueModel<TDriver, TQueue>(MarketData data, ref TDriver driver, TQueue queueModel, BacktestOptions? options = null)
        where TDriver : struct, IStrategyDriver
        where TQueue : struct, IQueueModel
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= BacktestOptions.Default;
        if (options.Output is not null)
            throw new ArgumentException("A run with a queue model of its own cannot write result files: their provenance could not name the model.", nameof(options));
        options.Validate();
        ResetRun(data, 1, options, files: null);
        var replay = new ReplayWithModels<TDriver>(this, ref driver, data, null, options);
        WithQueue(options, queueModel, ref replay);
        return Summarize();
    }

    /// <summary>The venue of <typeparamref name="TModels"/>, reset for the run with <paramref name="models"/>, and the parts of the replay.</summary>
    [MethodImpl(MethodImplOptions.NoOptimization)]
    private RunParts<TModels> StartVenue<TModels>(BacktestOptions options, TModels models)
        where TModels : struct, IVenueModels
    {
        ExecutionSimulator<TModels> venue = VenueFor<TModels>();
        venue.Reset(options, _symbols, _markPrices, _gateway, _portfolio, _statistics, _log, _account, models, _reports);
        venue.RequestLog = RequestLog;
        return Parts(venue);
    }

    private RunParts<TModels> Parts<TModels>(ExecutionSimulator<TModels> venue)
        where TModels : struct, IVenueModels => new(_gateway, venue, _portfolio, _statistics);

    [MethodImpl(MethodImplOptions.NoOptimization)]
    private ExecutionSimulator<TModels> VenueFor<TModels>()
        where TModels : struct, IVenueModels
    {
        if (_venues.TryGetValue(typeof(TModels), out object? venue)) return (ExecutionSimulator<TModels>)venue;
        var created = new ExecutionSimulator<TModels>();
        _venues.Add(typeof(TModels), created);
        return created;
    }

    // The choice, one model at a time (5 × 3 × 2 × 2 × 2 combinations, each compiled only when a run uses it). Not
    // inlined: a caller inlining them would compile every branch.

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    private void WithModels<TRun>(BacktestOptions options, ref TRun run)
        where TRun : IWithModels, allows ref struct
    {
        switch (options.QueuePosition)
        {
            case QueuePosition.Conservative: WithQueue(options, new ConservativeQueue(), ref run); break;
            case QueuePosition.Optimistic: WithQueue(options, new OptimisticQueue(), ref run); break;
            case QueuePosition.ProbabilisticPower: WithQueue(options, new PowerQueue(options.QueuePowerExponent), ref run); break;
            case QueuePosition.ProbabilisticLog: WithQueue(options, new LogQueue(), ref run); break;
            // FIFO's L3 rules are the venue's (ExecutionSimulator.Fifo.cs); on symbols without L3 data it is risk-averse.
            case QueuePosition.Fifo: WithQueue(options, new ConservativeQueue(), ref run); break;
            default: WithQueue(options, new NoQueue(), ref run); break;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    private void WithQueue<TRun, TQueue>(BacktestOptions options, TQueue queue, ref TRun run)
        where TRun : IWithModels, allows ref struct
        where TQueue : struct, IQueueModel
    {
        LatencyModel? latency = options.OrderLatency;
        switch (latency?.Distribution)
        {
            case null: WithLatency(queue, new ConstantLatency(options.OrderLatencyNs), options, ref run); break;
            case LatencyDistribution.Constant: WithLatency(queue, new ConstantLatency((long)latency.Location), options, ref run); break;
            case LatencyDistribution.Normal: WithLatency(queue, new NormalLatency(latency), options, ref run); break;
            default: WithLatency(queue, new LogNormalLatency(latency), options, ref run); break;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    private void WithLatency<TRun, TQueue, TLatency>(TQueue queue, TLatency latency, BacktestOptions options, ref TRun run)
        where TRun : IWithModels, allows ref struct
        where TQueue : struct, IQueueModel
        where TLatency : struct, IOrderLatency
    {
        Accounting.InstrumentRules instruments = _account.Instruments;
        if (instruments.AnyInverse) WithFees(queue, latency, new InstrumentFees(_fees.MakerRates, _fees.TakerRates, _fees.PerFill, instruments), options, ref run);
        else WithFees(queue, latency, new LinearFees(_fees.MakerRates, _fees.TakerRates, _fees.PerFill), options, ref run);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    private void WithFees<TRun, TQueue, TLatency, TFee>(TQueue queue, TLatency latency, TFee fee, BacktestOptions options, ref TRun run)
        where TRun : IWithModels, allows ref struct
        where TQueue : struct, IQueueModel
        where TLatency : struct, IOrderLatency
        where TFee : struct, IFeeModel
    {
        if (options.SlippageBps == 0) WithSlippage(queue, latency, fee, new NoSlippage(), ref run);
        else WithSlippage(queue, latency, fee, new BpsSlippage(options.SlippageBps / 10_000.0), ref run);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    private void WithSlippage<TRun, TQueue, TLatency, TFee, TSlippage>(TQueue queue, TLatency latency, TFee fee, TSlippage slippage, ref TRun run)
        where TRun : IWithModels, allows ref struct
        where TQueue : struct, IQueueModel
        where TLatency : struct, IOrderLatency
        where TFee : struct, IFeeModel
        where TSlippage : struct, ISlippageModel
    {
        if (_portfolio.HasIsolated)
        {
            // Symbols on isolated margin (decision 0088): their own marks, so cross and unlimited accounts run unchanged code.
            if (_marksByMarkPrice) run.Run(new VenueModels<TQueue, TLatency, TFee, TSlippage, IsolatedMarkPriceMarks>(queue, latency, fee, slippage, default));
            else run.Run(new VenueModels<TQueue, TLatency, TFee, TSlippage, IsolatedMarks>(queue, latency, fee, slippage, default));
        }
        else if (_marksByMarkPrice)
            run.Run(new VenueModels<TQueue, TLatency, TFee, TSlippage, MarkPriceMarks>(queue, latency, fee, slippage, default));
        else if (_portfolio.MarksLinearOnly)
            run.Run(new VenueModels<TQueue, TLatency, TFee, TSlippage, PlainMarks>(queue, latency, fee, slippage, default));
        else
            run.Run(new VenueModels<TQueue, TLatency, TFee, TSlippage, AccountMarks>(queue, latency, fee, slippage, default));
    }

    /// <summary>What a run does once its models are chosen: called with them by the choice above.</summary>
    private interface IWithModels
    {
        void Run<TModels>(TModels models)
            where TModels : struct, IVenueModels;
    }

    private ref struct ReplayWithModels<TDriver> : IWithModels
        where TDriver : struct, IStrategyDriver
    {
        private readonly BacktestRunner _runner;
        private readonly ref TDriver _driver;
        private readonly MarketData _data;
        private readonly MarketDataSegments? _segments;
        private readonly BacktestOptions _options;

        public ReplayWithModels(BacktestRunner runner, ref TDriver driver, MarketData data, MarketDataSegments? segments, BacktestOptions options)
        {
            _runner = runner;
            _driver = ref driver;
            _data = data;
            _segments = segments;
            _options = options;
        }

        public readonly void Run<TModels>(TModels models)
            where TModels : struct, IVenueModels => _runner.Replay(_data, _segments, ref _driver, _options, models);
    }

    private ref struct BeginBlocksWithModels<TDriver> : IWithModels
        where TDriver : struct, IStrategyDriver
    {
        private readonly BacktestRunner _runner;
        private readonly ref TDriver _driver;
        private readonly MarketData _data;

        public BeginBlocksWithModels(BacktestRunner runner, ref TDriver driver, MarketData data)
        {
            _runner = runner;
            _driver = ref driver;
            _data = data;
        }

        public readonly void Run<TModels>(TModels models)
            where TModels : struct, IVenueModels => _runner.BeginBlocksWith(_data, ref _driver, models);
    }

    private ref struct ReplayBlockWithModels<TDriver> : IWithModels
        where TDriver : struct, IStrategyDriver
    {
        private readonly BacktestRunner _runner;
        private readonly ref TDriver _driver;
        private readonly MarketData _block;

        public ReplayBlockWithModels(BacktestRunner runner, ref TDriver driver, MarketData block)
        {
            _runner = runner;
            _driver = ref driver;
            _block = block;
        }

        public readonly void Run<TModels>(TModels models)
            where TModels : struct, IVenueModels => _runner.ReplayBlockWith<TDriver, TModels>(_block, ref _driver);
    }
}
