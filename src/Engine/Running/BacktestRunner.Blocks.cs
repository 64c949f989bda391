using System.Runtime.CompilerServices;
using Backtester.Data;
using Backtester.Execution;
using Backtester.Infrastructure;

namespace Backtester;

public sealed partial class BacktestRunner
{
    // A run replayed in time blocks, one call per block, so that a sweep worker can advance several runners over the
    // same block of events while it is in cache (see SweepBlocks). The calls do exactly what one Replay does, split at
    // block boundaries: every event of a block precedes every event of the next (they split the data by time), so each
    // runner sees the same events in the same order and computes bit for bit what an independent run computes.
    private long _blockFirst, _blockLastEvent;
    private BacktestOptions _blockOptions = BacktestOptions.Default;

    /// <summary>Resets the runner for a run over <paramref name="data"/> (without per-run files) and calls the strategy's <c>OnStart</c>.</summary>
    [MethodImpl(MethodImplOptions.NoOptimization)] // once a run (decision 0112)
    internal void BeginBlocks<TDriver>(MarketData data, ref TDriver driver, BacktestOptions options)
        where TDriver : struct, IStrategyDriver
    {
        ResetRun(data, 1, options, files: null);
        _blockOptions = options;
        var begin = new BeginBlocksWithModels<TDriver>(this, ref driver, data);
        WithModels(options, ref begin);
    }

    [MethodImpl(MethodImplOptions.NoOptimization)] // once a run (decision 0112)
    private void BeginBlocksWith<TDriver, TModels>(MarketData data, ref TDriver driver, TModels models)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        RunParts<TModels> run = StartVenue(_blockOptions, models);
        long first = MarketDataSegments.FirstTime(data);
        _blockFirst = first == long.MaxValue ? 0 : first;
        _blockLastEvent = long.MinValue;
        _gateway.SetCurrent(_blockFirst, -1);
        StartStrategy(ref driver, new Orders(_gateway), run, first);
    }

    /// <summary>Replays the next block of the run's data (a <see cref="MarketData.Between"/> slice without book updates; funding settlements of its range come with it).</summary>
    /// <remarks>The models were chosen, and the venue reset with them, by <see cref="BeginBlocks"/>; this call only picks the same compiled replay.</remarks>
    internal void ReplayBlock<TDriver>(MarketData block, ref TDriver driver)
        where TDriver : struct, IStrategyDriver
    {
        var replay = new ReplayBlockWithModels<TDriver>(this, ref driver, block);
        WithModels(_blockOptions, ref replay);
    }

    private void ReplayBlockWith<TDriver, TModels>(MarketData block, ref TDriver driver)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels =>
        _blockLastEvent = EventMerge.Replay(block, ref driver, new Orders(_gateway), Parts(VenueFor<TModels>()), _books, _timers, _blockLastEvent);

    /// <summary>The order gateway of this runner's run, for <see cref="LockstepLanes{TDriver}"/>.</summary>
    internal OrderGateway BlockGateway => _gateway;

    /// <summary>
    /// The parts a replay of this runner's run touches on every event, with the venue of <typeparamref name="TModels"/>
    /// (the models <see cref="BeginBlocks"/> chose), for <see cref="LockstepLanes{TDriver}"/>.
    /// </summary>
    internal RunParts<TModels> BlockParts<TModels>()
        where TModels : struct, IVenueModels => Parts(VenueFor<TModels>());

    /// <summary>What a lockstep replay does once the models of the runs it replays are known (<see cref="WithBlockModels"/>).</summary>
    internal interface IBlockReplay
    {
        void Run<TModels>()
            where TModels : struct, IVenueModels;
    }

    /// <summary>
    /// Calls <paramref name="replay"/> with the models this run's options choose (the same choice as
    /// <see cref="BeginBlocks"/>): once per block, never per event. Every combination of a sweep has the same options,
    /// so one runner's choice is every lane's.
    /// </summary>
    internal void WithBlockModels<TReplay>(TReplay replay)
        where TReplay : struct, IBlockReplay
    {
        var chosen = new BlockReplayWithModels<TReplay>(replay);
        WithModels(_blockOptions, ref chosen);
    }

    private readonly struct BlockReplayWithModels<TReplay>(TReplay replay) : IWithModels
        where TReplay : struct, IBlockReplay
    {
        public void Run<TModels>(TModels models)
            where TModels : struct, IVenueModels => replay.Run<TModels>();
    }

    /// <summary>The timers of this runner's run, for <see cref="LockstepLanes{TDriver}"/>.</summary>
    internal Timers.TimerSchedule BlockTimers => _timers;

    /// <summary>Records that a block was replayed (by <see cref="LockstepLanes{TDriver}"/>) up to the market event at <paramref name="lastEvent"/> (long.MinValue: none yet).</summary>
    internal void BlockReplayed(long lastEvent) => _blockLastEvent = lastEvent;

    /// <summary>Ends a run begun by <see cref="BeginBlocks"/> after its last block, and returns its summary.</summary>
    [MethodImpl(MethodImplOptions.NoOptimization)] // once a run (decision 0112)
    internal BacktestSummary EndBlocks<TDriver>(ref TDriver driver)
        where TDriver : struct, IStrategyDriver
    {
        FinishRun(ref driver, new Orders(_gateway), _blockLastEvent != long.MinValue ? _blockLastEvent : _blockFirst);
        return Summarize();
    }
}
