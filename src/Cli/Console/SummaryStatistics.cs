using System;
using System.Collections.Generic;

namespace Backtester.Cli;

/// <summary>What a statistic measures, which decides how it is shown to people.</summary>
internal enum StatisticKind
{
    /// <summary>Quote currency: thousands separators, two decimals.</summary>
    Money,
    /// <summary>A whole number: thousands separators.</summary>
    Count,
    /// <summary>A fraction shown as a percentage (0.123 → 12.3%).</summary>
    Percent,
    /// <summary>A ratio such as Sharpe: two decimals.</summary>
    Ratio,
    /// <summary>Nanoseconds shown as a human duration (3d 4h).</summary>
    Duration,
}

/// <summary>One statistic of <see cref="BacktestSummary"/>: its snake_case name (the Arrow column's), how to read it, and what it measures.</summary>
internal sealed record SummaryStatistic(string Name, bool IsCount, Func<BacktestSummary, double> Read, StatisticKind Kind = StatisticKind.Money)
{
    /// <summary>The value for people: see <see cref="StatisticKind"/>.</summary>
    public string Format(in BacktestSummary summary) => Formatting.Human(Read(summary), Kind);

    /// <summary>The name for people, with its unit ("Net PnL (quote)", "Max drawdown (%)"); files keep <see cref="Name"/>.</summary>
    public string Label => SummaryStatistics.LabelOf(Name);

    /// <summary>A column header for tables of many statistics ("Net PnL", "Max DD %"): <see cref="SummaryStatistics.ShortLabelOf"/>.</summary>
    public string ShortLabel => SummaryStatistics.ShortLabelOf(Name);
}

/// <summary>
/// Every numeric <see cref="BacktestSummary"/> property by name, without reflection. Names are matched in any case and
/// with or without underscores, so <c>net_pnl</c>, <c>NetPnl</c> and <c>netpnl</c> are the same. A test checks this
/// table against the summary's generated Arrow schema, so a new statistic cannot be forgotten.
/// </summary>
internal static class SummaryStatistics
{
    public static IReadOnlyList<SummaryStatistic> All { get; } =
    [
        new("events", true, s => s.Events, StatisticKind.Count),
        new("fills", true, s => s.Fills, StatisticKind.Count),
        new("round_trips", true, s => s.RoundTrips, StatisticKind.Count),
        new("wins", true, s => s.Wins, StatisticKind.Count),
        new("losses", true, s => s.Losses, StatisticKind.Count),
        new("win_rate", false, s => s.WinRate, StatisticKind.Percent),
        new("profit_factor", false, s => s.ProfitFactor, StatisticKind.Ratio),
        new("average_win", false, s => s.AverageWin),
        new("average_loss", false, s => s.AverageLoss),
        new("expectancy", false, s => s.Expectancy),
        new("initial_capital", false, s => s.InitialCapital),
        new("final_equity", false, s => s.FinalEquity),
        new("net_pnl", false, s => s.NetPnl),
        new("return", false, s => s.Return, StatisticKind.Percent),
        new("gross_pnl", false, s => s.GrossPnl),
        new("realized_pnl", false, s => s.RealizedPnl),
        new("unrealized_pnl", false, s => s.UnrealizedPnl),
        new("fees", false, s => s.Fees),
        new("funding", false, s => s.Funding),
        new("liquidations", true, s => s.Liquidations, StatisticKind.Count),
        new("buying_power_rejections", true, s => s.BuyingPowerRejections, StatisticKind.Count),
        new("rejected_orders", true, s => s.RejectedOrders, StatisticKind.Count),
        new("turnover", false, s => s.Turnover),
        new("max_drawdown", false, s => s.MaxDrawdown),
        new("max_drawdown_percent", false, s => s.MaxDrawdownPercent, StatisticKind.Percent),
        new("max_drawdown_duration_ns", true, s => s.MaxDrawdownDurationNs, StatisticKind.Duration),
        new("exposure", false, s => s.Exposure, StatisticKind.Percent),
        new("equity_samples", true, s => s.EquitySamples, StatisticKind.Count),
        new("cagr", false, s => s.Cagr, StatisticKind.Percent),
        new("annualized_volatility", false, s => s.AnnualizedVolatility, StatisticKind.Percent),
        new("sharpe", false, s => s.Sharpe, StatisticKind.Ratio),
        new("sortino", false, s => s.Sortino, StatisticKind.Ratio),
        new("calmar", false, s => s.Calmar, StatisticKind.Ratio),
    ];

    /// <summary>The statistic named <paramref name="name"/>; a user error listing the names otherwise.</summary>
    public static SummaryStatistic Find(string name)
    {
        string key = Normalize(name);
        foreach (SummaryStatistic statistic in All)
            if (Normalize(statistic.Name) == key) return statistic;
        var names = new List<string>();
        foreach (SummaryStatistic statistic in All) names.Add(statistic.Name);
        throw new UserErrorException($"unknown statistic '{name}'; use one of: {string.Join(", ", names)}.");
    }

    /// <summary>The statistic named <paramref name="name"/>, or null.</summary>
    public static SummaryStatistic? TryFind(string name)
    {
        string key = Normalize(name);
        foreach (SummaryStatistic statistic in All)
            if (Normalize(statistic.Name) == key) return statistic;
        return null;
    }

    /// <summary>
    /// The human name of a statistic, with its unit where the value does not show it: quote currency (the account's
    /// money), % (the value is shown as a percentage), a duration. Every statistic of <see cref="All"/> has one.
    /// </summary>
    public static string LabelOf(string name) => name switch
    {
        "events" => "Events",
        "fills" => "Fills",
        "round_trips" => "Round trips",
        "wins" => "Winning trips",
        "losses" => "Losing trips",
        "win_rate" => "Win rate (%)",
        "profit_factor" => "Profit factor",
        "average_win" => "Average win (quote)",
        "average_loss" => "Average loss (quote)",
        "expectancy" => "Expectancy (quote per trip)",
        "initial_capital" => "Initial capital (quote)",
        "final_equity" => "Final equity (quote)",
        "net_pnl" => "Net PnL (quote)",
        "return" => "Return (%)",
        "gross_pnl" => "Gross PnL (quote)",
        "realized_pnl" => "Realized PnL (quote)",
        "unrealized_pnl" => "Unrealized PnL (quote)",
        "fees" => "Fees (quote)",
        "funding" => "Funding (quote)",
        "liquidations" => "Liquidations",
        "buying_power_rejections" => "Buying-power rejections",
        "rejected_orders" => "Rejected orders",
        "turnover" => "Turnover (quote)",
        "max_drawdown" => "Max drawdown (quote)",
        "max_drawdown_percent" => "Max drawdown (%)",
        "max_drawdown_duration_ns" => "Longest drawdown (duration)",
        "exposure" => "Exposure (% of time)",
        "equity_samples" => "Equity samples",
        "cagr" => "CAGR (%)",
        "annualized_volatility" => "Volatility (annualized, %)",
        "sharpe" => "Sharpe (annualized)",
        "sortino" => "Sortino (annualized)",
        "calmar" => "Calmar",
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "A statistic without a label: add it to SummaryStatistics.LabelOf."),
    };

    /// <summary>
    /// The short column header of a statistic in tables of several (<c>sweep</c>, <c>search</c>, <c>walkforward</c>), so
    /// they fit 80 columns: "Net PnL", "Sharpe", "Max DD %", "Trips", "Win %", "Fills"; the full label for any other.
    /// </summary>
    public static string ShortLabelOf(string name) => name switch
    {
        "net_pnl" => "Net PnL",
        "sharpe" => "Sharpe",
        "max_drawdown_percent" => "Max DD %",
        "round_trips" => "Trips",
        "win_rate" => "Win %",
        "fills" => "Fills",
        _ => LabelOf(name),
    };

    private static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
}
