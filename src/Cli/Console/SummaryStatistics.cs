using System;
using System.Collections.Generic;

namespace Backtester.Cli;

/// <summary>One statistic of <see cref="BacktestSummary"/>: its snake_case name (the Arrow column's) and how to read it.</summary>
internal sealed record SummaryStatistic(string Name, bool IsCount, Func<BacktestSummary, double> Read);

/// <summary>
/// Every numeric <see cref="BacktestSummary"/> property by name, without reflection. Names are matched in any case and
/// with or without underscores, so <c>net_pnl</c>, <c>NetPnl</c> and <c>netpnl</c> are the same. A test checks this
/// table against the summary's generated Arrow schema, so a new statistic cannot be forgotten.
/// </summary>
internal static class SummaryStatistics
{
    public static IReadOnlyList<SummaryStatistic> All { get; } =
    [
        new("events", true, s => s.Events),
        new("fills", true, s => s.Fills),
        new("round_trips", true, s => s.RoundTrips),
        new("wins", true, s => s.Wins),
        new("losses", true, s => s.Losses),
        new("win_rate", false, s => s.WinRate),
        new("profit_factor", false, s => s.ProfitFactor),
        new("average_win", false, s => s.AverageWin),
        new("average_loss", false, s => s.AverageLoss),
        new("expectancy", false, s => s.Expectancy),
        new("initial_capital", false, s => s.InitialCapital),
        new("final_equity", false, s => s.FinalEquity),
        new("net_pnl", false, s => s.NetPnl),
        new("return", false, s => s.Return),
        new("gross_pnl", false, s => s.GrossPnl),
        new("realized_pnl", false, s => s.RealizedPnl),
        new("unrealized_pnl", false, s => s.UnrealizedPnl),
        new("fees", false, s => s.Fees),
        new("funding", false, s => s.Funding),
        new("liquidations", true, s => s.Liquidations),
        new("buying_power_rejections", true, s => s.BuyingPowerRejections),
        new("turnover", false, s => s.Turnover),
        new("max_drawdown", false, s => s.MaxDrawdown),
        new("max_drawdown_percent", false, s => s.MaxDrawdownPercent),
        new("max_drawdown_duration_ns", true, s => s.MaxDrawdownDurationNs),
        new("exposure", false, s => s.Exposure),
        new("equity_samples", true, s => s.EquitySamples),
        new("cagr", false, s => s.Cagr),
        new("annualized_volatility", false, s => s.AnnualizedVolatility),
        new("sharpe", false, s => s.Sharpe),
        new("sortino", false, s => s.Sortino),
        new("calmar", false, s => s.Calmar),
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

    private static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
}
