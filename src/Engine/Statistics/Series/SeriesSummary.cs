namespace Backtester.Statistics;

/// <summary>The statistics of one return series (<see cref="SeriesStatistics"/>). Ratios are annualized by <see cref="PeriodsPerYear"/>.</summary>
[ArrowRecord]
public readonly partial record struct SeriesSummary
{
    /// <summary>Number of returns.</summary>
    public long Count { get; init; }

    /// <summary>The annualization factor the ratios use.</summary>
    public double PeriodsPerYear { get; init; }

    /// <summary>Last equity / first equity − 1 (the compounded returns).</summary>
    public double TotalReturn { get; init; }

    /// <summary>Mean return per period.</summary>
    public double Mean { get; init; }

    /// <summary>Sample standard deviation of the returns (ddof = 1).</summary>
    public double StandardDeviation { get; init; }

    /// <summary>Standard deviation × √(periods per year).</summary>
    public double AnnualizedVolatility { get; init; }

    /// <summary>Compound annual growth rate (last / first)^(periods per year / n) − 1; NaN when the n returns cover less than a year (n below the periods per year, decision 0102).</summary>
    public double Cagr { get; init; }

    /// <summary>Mean / standard deviation × √(periods per year), zero risk-free rate.</summary>
    public double Sharpe { get; init; }

    /// <summary>Mean / √(Σ min(r, 0)² / n) × √(periods per year).</summary>
    public double Sortino { get; init; }

    /// <summary>Cagr / MaxDrawdown; NaN when the equity never fell, or without a CAGR (less than a year).</summary>
    public double Calmar { get; init; }

    /// <summary>Deepest fall of the compounded equity from its running peak, as a fraction of the peak.</summary>
    public double MaxDrawdown { get; init; }

    /// <summary>Most consecutive periods spent below a previous peak.</summary>
    public long MaxDrawdownPeriods { get; init; }

    /// <summary>Population skewness m3 / m2^1.5.</summary>
    public double Skewness { get; init; }

    /// <summary>Population kurtosis m4 / m2² (3 for normal returns).</summary>
    public double Kurtosis { get; init; }

    /// <summary>|95th percentile| / |5th percentile| of the returns (empyrical's tail_ratio).</summary>
    public double TailRatio { get; init; }

    /// <summary>Historical value at risk at 95%: the 5th percentile of the returns (a loss is negative), as empyrical's value_at_risk.</summary>
    public double ValueAtRisk { get; init; }

    /// <summary>Historical conditional value at risk (expected shortfall) at 95%: the mean of the returns at or below <see cref="ValueAtRisk"/>.</summary>
    public double ConditionalValueAtRisk { get; init; }
}
