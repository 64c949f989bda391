namespace Backtester;

/// <summary>The distribution a <see cref="LatencyModel"/> draws each request's latency from.</summary>
public enum LatencyDistribution : byte
{
    /// <summary>Every request takes the same time.</summary>
    Constant = 0,

    /// <summary>Normal, truncated at 0 (a negative draw is drawn again).</summary>
    Normal = 1,

    /// <summary>Lognormal: the latency's logarithm is normal; right-skewed, as network and gateway latencies are.</summary>
    LogNormal = 2,
}
