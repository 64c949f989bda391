using System;
using System.Collections.Generic;

namespace Backtester.Research;

/// <summary>A sweep's rows and each combination's per-period returns (<see cref="SweepReturns"/>).</summary>
public sealed class SweepReturnsResult<TParameters> where TParameters : struct
{
    private readonly double[][] _returns;

    internal SweepReturnsResult(SweepResult<TParameters> sweep, double[][] returns)
    {
        Sweep = sweep;
        _returns = returns;
    }

    /// <summary>The rows, in grid-index order.</summary>
    public SweepResult<TParameters> Sweep { get; }

    /// <summary>Row k's equity-sample returns (empty for a combination that failed).</summary>
    public IReadOnlyList<double[]> Returns => _returns;

    /// <summary>The probability of backtest overfitting over the successful combinations (<see cref="BacktestOverfitting.Cscv"/>), ranked by <paramref name="statistic"/>.</summary>
    /// <exception cref="ArgumentException">Fewer than two combinations succeeded, or there are fewer returns than blocks.</exception>
    public OverfittingReport Overfitting(int blocks = 16, CscvStatistic statistic = CscvStatistic.Sharpe)
    {
        var matrix = new List<double[]>(_returns.Length);
        var rows = Sweep.Rows;
        for (int k = 0; k < rows.Length; k++)
            if (rows[k].Succeeded) matrix.Add(_returns[k]);
        return BacktestOverfitting.Cscv(matrix, blocks, statistic);
    }
}
