using System;

namespace Backtester;

/// <summary>What a streamed sweep (<see cref="Sweep.Stream{TStrategy, TParameters, TDriver}(MarketData, ParameterGrid{TStrategy, TParameters, TDriver}, Action{SweepRow{TParameters}}, SweepOptions?, System.Threading.CancellationToken)"/>) did.</summary>
/// <param name="Strategy">The strategy's name.</param>
/// <param name="Start">The grid index of the first combination.</param>
/// <param name="Count">Combinations in the sweep (every one has a row).</param>
/// <param name="Failed">Rows whose strategy threw (their <see cref="SweepRow{TParameters}.Error"/> is set).</param>
/// <param name="FirstError">The lowest-index failed row's index and error, or null.</param>
/// <param name="Resumed">Rows taken from an interrupted run's journal, or from the sweep's finished table (<see cref="FromTable"/>), instead of being run.</param>
/// <param name="Retried">Failed rows of the journal that were run again.</param>
/// <param name="Elapsed">Wall-clock duration.</param>
public sealed record SweepTotals(string Strategy, long Start, long Count, long Failed, string? FirstError, long Resumed, long Retried, TimeSpan Elapsed)
{
    /// <summary>
    /// True when a resumed sweep found its own finished table, checked: alone (the sweep had finished), or beside a journal
    /// that held only the table's rows (a crash came between the table's commit and the journal's deletion; the journal
    /// was deleted). The rows are the table's, nothing ran and the table was left as it was.
    /// </summary>
    public bool FromTable { get; init; }

    /// <summary>True when every row succeeded.</summary>
    public bool AllSucceeded => Failed == 0;
}
