namespace Backtester;

/// <summary>The result of one combination of a sweep.</summary>
/// <param name="Index">The combination's index in the strategy's full grid.</param>
/// <param name="Parameters">The parameter values.</param>
/// <param name="Summary">The backtest's statistics (default when <paramref name="Error"/> is set).</param>
/// <param name="Error">The exception type and message when the strategy threw, else null.</param>
public readonly record struct SweepRow<TParameters>(long Index, TParameters Parameters, BacktestSummary Summary, string? Error)
    where TParameters : struct
{
    /// <summary>True when the backtest completed.</summary>
    public bool Succeeded => Error is null;
}
