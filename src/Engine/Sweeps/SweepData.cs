using Backtester.Data;
using Backtester.Infrastructure;
using Backtester.Results;

namespace Backtester;

/// <summary>The data a sweep replays: one <see cref="MarketData"/> shared by every worker, or segments each run opens in turn.</summary>
internal readonly struct SweepData
{
    private readonly MarketData? _data;
    private readonly MarketDataSegments? _segments;

    public SweepData(MarketData data) => _data = data;

    public SweepData(MarketDataSegments segments) => _segments = segments;

    /// <summary>The one <see cref="MarketData"/> (null for segments).</summary>
    public MarketData? Whole => _data;

    /// <summary>The data's symbols (of every segment: they share one table).</summary>
    public SymbolTable Symbols => _data?.Symbols ?? new SymbolTable(_segments!.Identity.Symbols);

    /// <summary>The data's identity (cached on the data).</summary>
    public DataIdentity Identity => _data?.Identity ?? _segments!.Identity;

    /// <summary>
    /// The data cut into time blocks for the lockstep replay (see <see cref="SweepBlocks"/>), or null to replay each
    /// combination whole: <paramref name="eventsPerBlock"/> events a block when positive, whole when 0, and with
    /// <see cref="SweepBlocks.Chosen"/> blocks of <see cref="SweepBlocks.EventsPerBlock"/> when the data's kinds of events
    /// interleave enough for lockstep to pay (<see cref="LockstepChoice"/>, decision 0099).
    /// </summary>
    public MarketData[]? Blocks(int eventsPerBlock)
    {
        if (_data is null || eventsPerBlock == 0) return null;
        if (eventsPerBlock > 0) return SweepBlocks.Split(_data, eventsPerBlock);
        if (LockstepChoice.OneKind(_data)) return null; // no event's kind differs from the one before: whole runs
        MarketData[]? blocks = SweepBlocks.Split(_data, SweepBlocks.EventsPerBlock);
        return blocks is not null && LockstepChoice.Pays(blocks) ? blocks : null;
    }

    public BacktestSummary Run<TDriver>(BacktestRunner runner, ref TDriver driver, BacktestOptions options) where TDriver : struct, IStrategyDriver =>
        _data is not null ? runner.RunSummary(_data, ref driver, options) : runner.RunSummary(_segments!, ref driver, options);
}
