namespace Backtester.Benchmarks.Sweeps;

/// <summary>
/// 80 combinations whose handler only counts trades: a sweep of the engine's own per-event work with no strategy state,
/// the light end of the range the lockstep chunk size is measured over (<c>--paired</c> variants <c>sweep-count*</c>).
/// </summary>
[Strategy]
public partial class SweepCounter
{
    /// <summary>A label: every combination does the same work.</summary>
    [Param(1, 80)] public int Id { get; init; } = 1;

    private long _trades;

    [OnTrade]
    private void OnTrade(in Trade trade) => _trades++;
}
