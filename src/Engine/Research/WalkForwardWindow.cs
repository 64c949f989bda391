namespace Backtester.Research;

/// <summary>One window of a walk-forward: its times, the combination the in-sample sweep chose, and both samples' statistics (a row of <c>windows.arrow</c>).</summary>
[ArrowRecord]
public readonly partial record struct WalkForwardWindow
{
    /// <summary>The window's number, from 0.</summary>
    public int Window { get; init; }

    /// <summary>Start of the in-sample period (inclusive), ns UTC.</summary>
    [ArrowTimestamp] public long InSampleStart { get; init; }

    /// <summary>End of the in-sample period (exclusive) = start of the out-of-sample period.</summary>
    [ArrowTimestamp] public long InSampleEnd { get; init; }

    /// <summary>Start of the out-of-sample period (inclusive).</summary>
    [ArrowTimestamp] public long OutOfSampleStart { get; init; }

    /// <summary>End of the out-of-sample period (exclusive; the last window ends just after the data's last event).</summary>
    [ArrowTimestamp] public long OutOfSampleEnd { get; init; }

    /// <summary>The chosen combination's grid index.</summary>
    public long GridIndex { get; init; }

    /// <summary>The chosen combination as <c>Name=Value;…</c>.</summary>
    public string? Parameters { get; init; }

    /// <summary>Combinations run in sample (the trials of the deflated Sharpe ratio).</summary>
    public long Trials { get; init; }

    /// <summary>In-sample combinations that failed (threw).</summary>
    public long FailedTrials { get; init; }

    /// <summary>The objective's value for the chosen combination in sample.</summary>
    public double Objective { get; init; }

    /// <summary>Deflated Sharpe ratio of the chosen combination in sample, given all trials (NaN when it cannot be computed).</summary>
    public double InSampleDeflatedSharpe { get; init; }

    /// <summary>In-sample annualized Sharpe ratio of the chosen combination.</summary>
    public double InSampleSharpe { get; init; }

    /// <summary>In-sample net PnL of the chosen combination.</summary>
    public double InSampleNetPnl { get; init; }

    /// <summary>In-sample return (net PnL / initial capital).</summary>
    public double InSampleReturn { get; init; }

    /// <summary>In-sample max drawdown as a fraction of the peak.</summary>
    public double InSampleMaxDrawdownPercent { get; init; }

    /// <summary>In-sample fills.</summary>
    public long InSampleFills { get; init; }

    /// <summary>Equity the out-of-sample run started with (the stitched equity so far).</summary>
    public double OutOfSampleInitialEquity { get; init; }

    /// <summary>Equity after the out-of-sample run (open positions marked at their last prices).</summary>
    public double OutOfSampleFinalEquity { get; init; }

    /// <summary>Out-of-sample annualized Sharpe ratio.</summary>
    public double OutOfSampleSharpe { get; init; }

    /// <summary>Out-of-sample net PnL.</summary>
    public double OutOfSampleNetPnl { get; init; }

    /// <summary>Out-of-sample return.</summary>
    public double OutOfSampleReturn { get; init; }

    /// <summary>Out-of-sample max drawdown as a fraction of the peak.</summary>
    public double OutOfSampleMaxDrawdownPercent { get; init; }

    /// <summary>Out-of-sample fills.</summary>
    public long OutOfSampleFills { get; init; }

    /// <summary>Out-of-sample events replayed.</summary>
    public long OutOfSampleEvents { get; init; }
}
