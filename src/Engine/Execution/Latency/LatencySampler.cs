using System.Runtime.InteropServices;

namespace Backtester.Execution;

/// <summary>
/// The draws of a <see cref="LatencyModel"/> chosen at run time, in sequence: the same structs the venue is compiled
/// for (<see cref="ConstantLatency"/>, <see cref="NormalLatency"/>, <see cref="LogNormalLatency"/>), behind one switch
/// per draw. For tools and tests that replay a model's sequence; the replay itself uses the struct directly.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal struct LatencySampler(LatencyModel model)
{
    private readonly LatencyDistribution _distribution = model.Distribution;
    private ConstantLatency _constant = new((long)model.Location);
    private NormalLatency _normal = new(model);
    private LogNormalLatency _logNormal = new(model);

    /// <summary>The next latency, in ns, in [0, <see cref="BacktestOptions.MaxLatencyNs"/>].</summary>
    public long Next() => _distribution switch
    {
        LatencyDistribution.Constant => _constant.Next(),
        LatencyDistribution.Normal => _normal.Next(),
        _ => _logNormal.Next(),
    };
}
