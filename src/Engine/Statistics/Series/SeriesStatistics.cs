using System;
using System.Buffers;

namespace Backtester.Statistics;

/// <summary>
/// Statistics of any return or equity series, annualized by a periods-per-year factor the caller chooses (252, 365, 52,
/// 12, or <see cref="BacktestOptions.AnnualizationFactor"/> for a backtest's samples). The moment and drawdown statistics
/// come from <see cref="SeriesAccumulator"/>, the code the engine uses for every backtest's summary, so a backtest's
/// equity samples given to <see cref="OfEquity"/> give exactly its summary's Sharpe, Sortino, CAGR, volatility and
/// Calmar. Definitions and sources are in <c>docs/research.md</c>.
/// </summary>
public static class SeriesStatistics
{
    /// <summary>The statistics of simple returns, compounded from an equity of 1.</summary>
    /// <exception cref="ArgumentException">A return is NaN, infinite or at most −1.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periodsPerYear"/> is not positive and finite.</exception>
    public static SeriesSummary OfReturns(ReadOnlySpan<double> returns, double periodsPerYear)
    {
        CheckPeriods(periodsPerYear);
        var accumulator = new SeriesAccumulator();
        accumulator.Start(1);
        for (int i = 0; i < returns.Length; i++)
        {
            double r = returns[i];
            if (!double.IsFinite(r) || r <= -1)
                throw new ArgumentException($"Return {i} is {r}; returns must be finite and above −1.", nameof(returns));
            accumulator.AddReturn(r);
        }
        return Summarize(in accumulator, returns, periodsPerYear);
    }

    /// <summary>The statistics of an equity series: <paramref name="equity"/>[0] is the start, each later value gives one return.</summary>
    /// <exception cref="ArgumentException">The series is empty, or a value is not positive and finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periodsPerYear"/> is not positive and finite.</exception>
    public static SeriesSummary OfEquity(ReadOnlySpan<double> equity, double periodsPerYear)
    {
        CheckPeriods(periodsPerYear);
        if (equity.IsEmpty) throw new ArgumentException("Give at least the starting equity.", nameof(equity));
        for (int i = 0; i < equity.Length; i++)
            if (!(equity[i] > 0) || double.IsInfinity(equity[i]))
                throw new ArgumentException($"Equity value {i} is {equity[i]}; equity must be positive and finite.", nameof(equity));
        var accumulator = new SeriesAccumulator();
        accumulator.Start(equity[0]);
        double[] returns = ArrayPool<double>.Shared.Rent(Math.Max(1, equity.Length - 1));
        try
        {
            for (int i = 1; i < equity.Length; i++)
            {
                accumulator.AddEquity(equity[i]);
                returns[i - 1] = accumulator.LastReturn;
            }
            return Summarize(in accumulator, returns.AsSpan(0, equity.Length - 1), periodsPerYear);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(returns);
        }
    }

    /// <summary>The <paramref name="q"/>-quantile (0..1) of <paramref name="values"/> with linear interpolation between order statistics (numpy's default); NaN when empty.</summary>
    public static double Quantile(ReadOnlySpan<double> values, double q)
    {
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "The quantile must be within 0..1.");
        if (values.IsEmpty) return double.NaN;
        double[] sorted = Sorted(values);
        try
        {
            return QuantileOfSorted(sorted.AsSpan(0, values.Length), q);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(sorted);
        }
    }

    /// <summary>Historical value at risk: the (1 − <paramref name="confidence"/>) quantile of the returns (negative for a loss); NaN when empty.</summary>
    public static double ValueAtRisk(ReadOnlySpan<double> returns, double confidence = 0.95)
    {
        CheckConfidence(confidence);
        return Quantile(returns, 1 - confidence);
    }

    /// <summary>Historical conditional value at risk (expected shortfall): the mean of the returns at or below <see cref="ValueAtRisk"/>; NaN when empty.</summary>
    public static double ConditionalValueAtRisk(ReadOnlySpan<double> returns, double confidence = 0.95)
    {
        CheckConfidence(confidence);
        if (returns.IsEmpty) return double.NaN;
        double[] sorted = Sorted(returns);
        try
        {
            return ShortfallOfSorted(sorted.AsSpan(0, returns.Length), 1 - confidence);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(sorted);
        }
    }

    /// <summary>Tail ratio |95th percentile| / |5th percentile| of the returns (empyrical); NaN when empty.</summary>
    public static double TailRatio(ReadOnlySpan<double> returns) => Math.Abs(Quantile(returns, 0.95)) / Math.Abs(Quantile(returns, 0.05));

    private static SeriesSummary Summarize(in SeriesAccumulator a, ReadOnlySpan<double> returns, double periodsPerYear)
    {
        double tail = double.NaN, var = double.NaN, cvar = double.NaN;
        if (!returns.IsEmpty)
        {
            double[] sorted = Sorted(returns);
            try
            {
                Span<double> s = sorted.AsSpan(0, returns.Length);
                tail = Math.Abs(QuantileOfSorted(s, 0.95)) / Math.Abs(QuantileOfSorted(s, 0.05));
                var = QuantileOfSorted(s, 0.05);
                cvar = ShortfallOfSorted(s, 0.05);
            }
            finally
            {
                ArrayPool<double>.Shared.Return(sorted);
            }
        }
        return new SeriesSummary
        {
            Count = a.Count,
            PeriodsPerYear = periodsPerYear,
            TotalReturn = a.TotalReturn,
            Mean = a.Mean,
            StandardDeviation = a.StandardDeviation,
            AnnualizedVolatility = a.AnnualizedVolatility(periodsPerYear),
            Cagr = a.Cagr(periodsPerYear),
            Sharpe = a.Sharpe(periodsPerYear),
            Sortino = a.Sortino(periodsPerYear),
            Calmar = a.Calmar(periodsPerYear),
            MaxDrawdown = a.MaxDrawdown,
            MaxDrawdownPeriods = a.MaxDrawdownPeriods,
            Skewness = a.Skewness,
            Kurtosis = a.Kurtosis,
            TailRatio = tail,
            ValueAtRisk = var,
            ConditionalValueAtRisk = cvar,
        };
    }

    private static double[] Sorted(ReadOnlySpan<double> values)
    {
        double[] copy = ArrayPool<double>.Shared.Rent(values.Length);
        values.CopyTo(copy);
        copy.AsSpan(0, values.Length).Sort();
        return copy;
    }

    private static double QuantileOfSorted(ReadOnlySpan<double> sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        if (lo >= sorted.Length - 1) return sorted[^1];
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    private static double ShortfallOfSorted(ReadOnlySpan<double> sorted, double q)
    {
        double cutoff = QuantileOfSorted(sorted, q), sum = 0;
        int n = 0;
        for (; n < sorted.Length && sorted[n] <= cutoff; n++) sum += sorted[n];
        return sum / n;
    }

    private static void CheckPeriods(double periodsPerYear)
    {
        if (!(periodsPerYear > 0) || double.IsInfinity(periodsPerYear))
            throw new ArgumentOutOfRangeException(nameof(periodsPerYear), periodsPerYear, "Periods per year must be positive and finite (e.g. 252, 365, 52, 12).");
    }

    private static void CheckConfidence(double confidence)
    {
        if (!(confidence > 0 && confidence < 1))
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence must be within (0, 1), e.g. 0.95.");
    }
}
