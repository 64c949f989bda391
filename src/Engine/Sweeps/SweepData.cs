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

    /// <summary>The data's identity (cached on the data).</summary>
    public DataIdentity Identity => _data?.Identity ?? _segments!.Identity;

    /// <summary>The data cut into time blocks for the lockstep replay (see <see cref="SweepBlocks"/>), or null to replay each combination whole.</summary>
    public MarketData[]? Blocks(int eventsPerBlock) => _data is not null && eventsPerBlock > 0 ? SweepBlocks.Split(_data, eventsPerBlock) : null;

    public BacktestSummary Run<TDriver>(BacktestRunner runner, ref TDriver driver, BacktestOptions options) where TDriver : struct, IStrategyDriver =>
        _data is not null ? runner.RunSummary(_data, ref driver, options) : runner.RunSummary(_segments!, ref driver, options);
}
