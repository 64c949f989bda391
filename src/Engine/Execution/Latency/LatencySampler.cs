using System;
using System.Runtime.InteropServices;

namespace Backtester.Execution;

/// <summary>
/// Draws the latencies of a <see cref="LatencyModel"/> in sequence, without allocating: SplitMix64 for uniforms, the
/// Box–Muller transform for normals (one normal per pair of uniforms, so every draw uses exactly two, or more for a
/// truncated normal's redraws). Deterministic for a seed, on every platform (integer arithmetic, then IEEE doubles).
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal struct LatencySampler
{
    private readonly LatencyDistribution _distribution;
    private readonly double _location, _scale;
    private ulong _state;

    public LatencySampler(LatencyModel model)
        : this(model.Distribution, model.Location, model.Scale, model.Seed)
    {
    }

    private LatencySampler(LatencyDistribution distribution, double location, double scale, long seed)
    {
        _distribution = distribution;
        _location = location;
        _scale = scale;
        _state = unchecked((ulong)seed);
    }

    /// <summary>A sampler of a constant <paramref name="latencyNs"/> (validated by the options), without allocating a model per run.</summary>
    public static LatencySampler Constant(long latencyNs) => new(LatencyDistribution.Constant, latencyNs, 0, 0);

    /// <summary>The next latency, in ns, in [0, <see cref="BacktestOptions.MaxLatencyNs"/>].</summary>
    public long Next()
    {
        double ns;
        switch (_distribution)
        {
            case LatencyDistribution.Constant: return (long)_location;
            case LatencyDistribution.Normal:
                do ns = _location + _scale * StandardNormal(); while (ns < 0);
                break;
            default:
                ns = _location * Math.Exp(_scale * StandardNormal());
                break;
        }
        return ns >= BacktestOptions.MaxLatencyNs ? BacktestOptions.MaxLatencyNs : (long)Math.Round(ns);
    }

    private double StandardNormal()
    {
        double u1 = Uniform(), u2 = Uniform();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A uniform in (0, 1): the top 53 bits of the next SplitMix64 output, centred in their interval (never 0, so the logarithm is finite).</summary>
    private double Uniform()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return ((z >> 11) + 0.5) * (1.0 / (1UL << 53));
    }
}
