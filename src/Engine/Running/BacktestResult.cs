using System.Collections.Generic;

namespace Backtester;

/// <summary>The outcome of one backtest: its statistics and the final account of every symbol.</summary>
public sealed class BacktestResult
{
    internal BacktestResult(BacktestSummary summary, IReadOnlyList<PositionSnapshot> positions)
    {
        Summary = summary;
        Positions = positions;
    }

    /// <summary>The run's statistics.</summary>
    public BacktestSummary Summary { get; }

    /// <summary>Final account per symbol, indexed by symbol id.</summary>
    public IReadOnlyList<PositionSnapshot> Positions { get; }
}
