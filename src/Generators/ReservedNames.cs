namespace Backtester.Generators;

/// <summary>
/// Names the engine gives its own result files and sweep columns, which user code must not take: the one list the
/// analyzers check against (a test checks it against the engine's <c>BacktestSummary</c> schema).
/// </summary>
internal static class ReservedNames
{
    /// <summary>
    /// The table names (file stems, <c>{name}.arrow</c>) the engine writes or reserves for its own results; an
    /// [ArrowRecord] whose table name is one of them is reported (BT0107).
    /// </summary>
    public static readonly string[] EngineTables =
    {
        "summary", "fills", "equity", "sweep", "orders", "round_trips", "ledger", "windows",
    };

    /// <summary>
    /// The engine's assembly: its own [ArrowRecord]s are those results (e.g. the run's <c>ledger</c>) and may have
    /// an <see cref="EngineTables"/> name.
    /// </summary>
    public const string EngineAssembly = "Backtester.Engine";

    /// <summary>The sweep table's columns before the parameter columns: the combination's grid index.</summary>
    public static readonly string[] SweepLeadingColumns = { "index" };

    /// <summary>The sweep table's statistic columns: <c>BacktestSummary</c>'s columns, in order.</summary>
    public static readonly string[] SweepStatisticColumns =
    {
        "events", "fills", "round_trips", "wins", "losses", "win_rate", "profit_factor", "average_win", "average_loss",
        "expectancy", "initial_capital", "final_equity", "net_pnl", "return", "gross_pnl", "realized_pnl",
        "unrealized_pnl", "fees", "funding", "liquidations", "buying_power_rejections", "rejected_orders", "turnover", "max_drawdown", "max_drawdown_percent", "max_drawdown_duration_ns",
        "exposure", "equity_samples", "cagr", "annualized_volatility", "sharpe", "sortino", "calmar",
    };

    /// <summary>The sweep table's columns after the statistics: the failed combination's error message.</summary>
    public static readonly string[] SweepTrailingColumns = { "error" };
}
