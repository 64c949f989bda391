using System;
using System.Collections.Generic;

namespace Backtester;

/// <summary>The outcome of one backtest: its statistics, the final account of every symbol, and the fills the trade log kept.</summary>
public sealed class BacktestResult
{
    internal BacktestResult(BacktestSummary summary, IReadOnlyList<PositionSnapshot> positions, ReadOnlyMemory<Fill> fills)
    {
        Summary = summary;
        Positions = positions;
        Fills = fills;
    }

    /// <summary>The run's statistics.</summary>
    public BacktestSummary Summary { get; }

    /// <summary>Final account per symbol, indexed by symbol id.</summary>
    public IReadOnlyList<PositionSnapshot> Positions { get; }

    /// <summary>
    /// The fills kept by <see cref="BacktestOptions.TradeLog"/>, oldest first: none for SummaryOnly, every fill for All,
    /// the last N for RingBuffer(N). A copy owned by this result.
    /// </summary>
    public ReadOnlyMemory<Fill> Fills { get; }

    /// <summary>The interval equity was sampled at: <see cref="BacktestOptions.EquitySampleIntervalNs"/>, or the one <see cref="EquitySampling"/> chose.</summary>
    public long EquitySampleIntervalNs { get; init; }

    /// <summary>
    /// What the run found suspicious without failing, e.g. a strategy whose handlers see none of the data's events
    /// (<see cref="StrategyWarnings"/>, first), or equity returns covering less than a year, so that the CAGR and Calmar
    /// ratio are NaN (<see cref="Annualization.ShortHistoryWarning"/>, last). The CLI prints these; the summary file
    /// carries them in its metadata.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; internal set; } = [];
}
