using System;
using System.Globalization;

namespace Backtester;

/// <summary>
/// How long a request takes from the strategy to the venue (the entry, or order, latency), drawn per request. Random
/// models are seeded: a run, and every run of a sweep, draws the same sequence for the same seed, in the order the
/// requests are sent. Draws are bounded to [0, <see cref="BacktestOptions.MaxLatencyNs"/>]. Set it as
/// <see cref="BacktestOptions.OrderLatency"/>; the rules are in docs/execution.md, "Latency models".
/// </summary>
public sealed record LatencyModel
{
    private LatencyModel(LatencyDistribution distribution, double location, double scale, long seed)
    {
        Distribution = distribution;
        Location = location;
        Scale = scale;
        Seed = seed;
    }

    /// <summary>The distribution latencies are drawn from.</summary>
    public LatencyDistribution Distribution { get; }

    /// <summary>The constant latency, the normal's mean or the lognormal's median, in ns.</summary>
    public double Location { get; }

    /// <summary>0 for a constant latency; the normal's standard deviation in ns; the lognormal's σ (of the logarithm, no unit).</summary>
    public double Scale { get; }

    /// <summary>The seed of the random sequence (0 for a constant latency).</summary>
    public long Seed { get; }

    /// <summary>Every request takes <paramref name="latencyNs"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The latency is negative or above <see cref="BacktestOptions.MaxLatencyNs"/>.</exception>
    public static LatencyModel Constant(long latencyNs)
    {
        RequireLatency(latencyNs, nameof(latencyNs));
        return new(LatencyDistribution.Constant, latencyNs, 0, 0);
    }

    /// <summary>Latencies drawn from a normal distribution of mean <paramref name="meanNs"/> and standard deviation <paramref name="standardDeviationNs"/>, truncated at 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The mean is negative or above <see cref="BacktestOptions.MaxLatencyNs"/>, or the deviation is negative or above the mean.</exception>
    public static LatencyModel Normal(long meanNs, long standardDeviationNs, long seed)
    {
        RequireLatency(meanNs, nameof(meanNs));
        // A deviation above the mean would make the truncation the bigger part of the model (and redraws frequent).
        if (standardDeviationNs < 0 || standardDeviationNs > meanNs)
            throw new ArgumentOutOfRangeException(nameof(standardDeviationNs), standardDeviationNs, $"The standard deviation must be between 0 and the mean ({meanNs} ns).");
        return new(LatencyDistribution.Normal, meanNs, standardDeviationNs, seed);
    }

    /// <summary>Latencies whose logarithm is normal: median <paramref name="medianNs"/>, <paramref name="sigma"/> the standard deviation of the logarithm (0.5: the 84th percentile is the median × e^0.5 ≈ 1.65).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The median is not positive or above <see cref="BacktestOptions.MaxLatencyNs"/>, or sigma is not between 0 and 3.</exception>
    public static LatencyModel LogNormal(long medianNs, double sigma, long seed)
    {
        if (medianNs <= 0 || medianNs > BacktestOptions.MaxLatencyNs)
            throw new ArgumentOutOfRangeException(nameof(medianNs), medianNs, $"The median latency must be positive and at most {BacktestOptions.MaxLatencyNs} ns (MaxLatencyNs).");
        if (!(sigma >= 0 && sigma <= 3))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "Sigma (of the latency's logarithm) must be between 0 and 3.");
        return new(LatencyDistribution.LogNormal, medianNs, sigma, seed);
    }

    private static void RequireLatency(long ns, string name)
    {
        if (ns < 0 || ns > BacktestOptions.MaxLatencyNs)
            throw new ArgumentOutOfRangeException(name, ns, $"The latency must be between 0 and {BacktestOptions.MaxLatencyNs} ns (MaxLatencyNs).");
    }

    /// <summary><c>Constant(5000)</c>, <c>Normal(mean_ns:5000,sd_ns:1000,seed:7)</c>, <c>LogNormal(median_ns:5000,sigma:0.5,seed:7)</c>: the text result metadata records.</summary>
    public override string ToString() => Distribution switch
    {
        LatencyDistribution.Constant => FormattableString.Invariant($"Constant({Location})"),
        LatencyDistribution.Normal => FormattableString.Invariant($"Normal(mean_ns:{Location},sd_ns:{Scale},seed:{Seed})"),
        _ => FormattableString.Invariant($"LogNormal(median_ns:{Location},sigma:{Scale.ToString("R", CultureInfo.InvariantCulture)},seed:{Seed})"),
    };
}
