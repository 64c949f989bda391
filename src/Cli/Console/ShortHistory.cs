using System.Collections.Generic;

namespace Backtester.Cli;

/// <summary>
/// The warning of results over less than a year (<see cref="Annualization.ShortHistoryWarning"/>, decision 0102) as the
/// commands list it: none or one. Every row of a sweep or search samples its equity at the data's times alike, so any
/// successful row's count of returns is all of theirs; the CLI always resolves the sampling interval.
/// </summary>
internal static class ShortHistory
{
    /// <summary>The warning for <paramref name="returns"/> sampled returns under <paramref name="backtest"/>; none when negative (no successful row).</summary>
    public static IReadOnlyList<string> Warnings(long returns, BacktestOptions backtest) =>
        returns >= 0 && Annualization.ShortHistoryWarning(returns, backtest.EquitySampleIntervalNs, backtest.AnnualizationFactor) is { } warning
            ? [warning]
            : [];
}
