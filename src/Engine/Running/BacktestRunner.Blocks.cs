using Backtester.Data;
using Backtester.Infrastructure;

namespace Backtester;

public sealed partial class BacktestRunner
{
    // A run replayed in time blocks, one call per block, so that a sweep worker can advance several runners over the
    // same block of events while it is in cache (see SweepBlocks). The calls do exactly what one Replay does, split at
    // block boundaries: every event of a block precedes every event of the next (they split the data by time), so each
    // runner sees the same events in the same order and computes bit for bit what an independent run computes.
    private long _blockFirst, _blockLastEvent;

    /// <summary>Resets the runner for a run over <paramref name="data"/> (without per-run files) and calls the strategy's <c>OnStart</c>.</summary>
    internal void BeginBlocks<TDriver>(MarketData data, ref TDriver driver, BacktestOptions options)
        where TDriver : struct, IStrategyDriver
    {
        ResetRun(data, 1, options, files: null);
        long first = MarketDataSegments.FirstTime(data);
        _blockFirst = first == long.MaxValue ? 0 : first;
        _blockLastEvent = long.MinValue;
        _gateway.SetCurrent(_blockFirst, -1);
        StartStrategy(ref driver, new Orders(_gateway), new RunParts(_gateway, _venue, _portfolio, _statistics), first);
    }

    /// <summary>Replays the next block of the run's data (a <see cref="MarketData.Between"/> slice without book updates or funding).</summary>
    internal void ReplayBlock<TDriver>(MarketData block, ref TDriver driver)
        where TDriver : struct, IStrategyDriver =>
        _blockLastEvent = EventMerge.Replay(block, ref driver, new Orders(_gateway), new RunParts(_gateway, _venue, _portfolio, _statistics), _books, _timers, _blockLastEvent);

    /// <summary>The parts a replay of this runner's run touches on every event, for <see cref="LockstepLanes{TDriver}"/>.</summary>
    internal RunParts BlockParts => new(_gateway, _venue, _portfolio, _statistics);

    /// <summary>The timers of this runner's run, for <see cref="LockstepLanes{TDriver}"/>.</summary>
    internal Timers.TimerSchedule BlockTimers => _timers;

    /// <summary>Records that a block was replayed (by <see cref="LockstepLanes{TDriver}"/>) up to the market event at <paramref name="lastEvent"/> (long.MinValue: none yet).</summary>
    internal void BlockReplayed(long lastEvent) => _blockLastEvent = lastEvent;

    /// <summary>Ends a run begun by <see cref="BeginBlocks"/> after its last block, and returns its summary.</summary>
    internal BacktestSummary EndBlocks<TDriver>(ref TDriver driver)
        where TDriver : struct, IStrategyDriver
    {
        FinishRun(ref driver, new Orders(_gateway), _blockLastEvent != long.MinValue ? _blockLastEvent : _blockFirst);
        return Summarize();
    }
}
