namespace Backtester.Statistics;

/// <summary>Common annualization factors: how many return periods make a year.</summary>
public static class PeriodsPerYear
{
    /// <summary>Daily returns of a market open on trading days: 252.</summary>
    public const double TradingDays = 252;

    /// <summary>Daily returns of a market open every day (crypto): 365.</summary>
    public const double CalendarDays = 365;

    /// <summary>Weekly returns: 52.</summary>
    public const double Weeks = 52;

    /// <summary>Monthly returns: 12.</summary>
    public const double Months = 12;
}
