using System;
using System.Globalization;
using Backtester.Statistics;

namespace Backtester;

/// <summary>
/// What annualized figures a history can give (decision 0102). A CAGR, and so a Calmar ratio, needs returns covering at
/// least a year (n returns at P periods a year, n ≥ P): over less, it compounds a short return into a projection, and
/// is NaN. Sharpe, Sortino and volatility are given over any span, but over less than a year the run warns, naming the
/// span and the least standard error of a Sharpe ratio there, √(P / n) (Lo 2002: √((1 + SR²/2) P / n) for i.i.d.
/// returns of per-period ratio SR): 20 seconds sampled every 100 ms make 200 returns at 315,360,000 a year, and a
/// standard error of at least 1,256, whatever the sampling interval.
/// </summary>
public static class Annualization
{
    /// <summary>Whether <paramref name="returns"/> returns at <paramref name="periodsPerYear"/> a year cover at least a year, as a CAGR needs.</summary>
    public static bool CoversAYear(long returns, double periodsPerYear) => SeriesAccumulator.CoversAYear(returns, periodsPerYear);

    /// <summary>
    /// The warning of a run whose <paramref name="returns"/> sampled returns, one every <paramref name="intervalNs"/>, cover
    /// less than a year at <paramref name="periodsPerYear"/> a year: its CAGR and Calmar are NaN, and its Sharpe ratio's
    /// standard error is at least √(periodsPerYear / returns). Null when they cover a year or more, or there are none.
    /// <see cref="BacktestResult.Warnings"/> has it; for a sweep it is the same for every row (the samples depend on the
    /// data's times, not on the strategy), from any row's <see cref="BacktestSummary.EquitySamples"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="returns"/> is negative, or <paramref name="intervalNs"/> or <paramref name="periodsPerYear"/> is not positive.</exception>
    public static string? ShortHistoryWarning(long returns, long intervalNs, double periodsPerYear)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(returns);
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalNs, 1);
        if (!(periodsPerYear > 0) || double.IsInfinity(periodsPerYear))
            throw new ArgumentOutOfRangeException(nameof(periodsPerYear), periodsPerYear, "Periods per year must be positive and finite.");
        if (returns == 0 || CoversAYear(returns, periodsPerYear)) return null;
        string span = Duration(returns > long.MaxValue / intervalNs ? long.MaxValue : returns * intervalNs);
        string year = periodsPerYear.ToString("#,0.##", CultureInfo.InvariantCulture);
        string text = string.Create(CultureInfo.InvariantCulture,
            $"the equity samples cover {span} ({returns:N0} {(returns == 1 ? "return" : "returns")} of {Duration(intervalNs)}), less than the {year} returns of a year: CAGR and Calmar are NaN, as a return over less than a year is not annualized");
        if (returns >= 2)
        {
            double error = Math.Sqrt(periodsPerYear / returns);
            string shown = error.ToString(error >= 100 ? "N0" : "0.##", CultureInfo.InvariantCulture);
            text += string.Create(CultureInfo.InvariantCulture,
                $"; Sharpe and Sortino are annualized from those {span}, and over {returns:N0} returns a Sharpe ratio's standard error is at least {shown} (√({year} / {returns:N0}))");
        }
        return text + ". Replay a year of data or more for annualized figures.";
    }

    private static readonly (long Unit, string Name)[] Units =
        [(BacktestOptions.OneDayNs, "d"), (3_600_000_000_000, "h"), (60_000_000_000, "m"), (1_000_000_000, "s"), (1_000_000, "ms"), (1_000, "us"), (1, "ns")];

    /// <summary>A duration in its largest unit, to two decimals at most: 20s, 28d, 1.5h, 100ms.</summary>
    private static string Duration(long ns)
    {
        foreach (var (unit, name) in Units)
            if (ns >= unit) return ((double)ns / unit).ToString("0.##", CultureInfo.InvariantCulture) + name;
        return "0ns";
    }
}
