using System;

namespace Backtester.Data;

/// <summary>
/// The draws the synthetic market needs (uniform, normal, Student-t, exponential, Poisson) from one seeded
/// <see cref="SplitMix64"/> stream, so a seed fixes the whole market.
/// </summary>
internal struct SyntheticRandom
{
    private SplitMix64 _bits;
    private double _spareNormal;
    private bool _hasSpare;

    public SyntheticRandom(ulong seed)
    {
        _bits = new SplitMix64(seed);
        _spareNormal = 0;
        _hasSpare = false;
    }

    /// <summary>Uniform on (0, 1): 53 random bits, never exactly 0 or 1 (so logarithms are finite).</summary>
    public double Uniform() => ((_bits.Next() >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box-Muller, both values used).</summary>
    public double Normal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareNormal;
        }
        double radius = Math.Sqrt(-2 * Math.Log(Uniform()));
        double angle = 2 * Math.PI * Uniform();
        _spareNormal = radius * Math.Sin(angle);
        _hasSpare = true;
        return radius * Math.Cos(angle);
    }

    /// <summary>Exponential with mean 1.</summary>
    public double Exponential() => -Math.Log(Uniform());

    /// <summary>
    /// Student-t with <paramref name="nu"/> degrees of freedom scaled to unit variance: Z / sqrt(V / ν) with V a
    /// chi-square(ν) drawn as twice a gamma(ν/2), times sqrt((ν − 2) / ν).
    /// </summary>
    public double StudentT(double nu)
    {
        double chiSquare = 2 * Gamma(nu / 2);
        return Normal() / Math.Sqrt(chiSquare / nu) * Math.Sqrt((nu - 2) / nu);
    }

    /// <summary>Poisson with mean <paramref name="mean"/>: inversion in chunks of at most 30, so e^−λ never underflows.</summary>
    public int Poisson(double mean)
    {
        int count = 0;
        while (mean > 0)
        {
            double chunk = Math.Min(mean, 30);
            mean -= chunk;
            double p = Math.Exp(-chunk), cumulative = p, u = Uniform();
            int x = 0;
            while (u > cumulative && x < 1000)
            {
                x++;
                p *= chunk / x;
                cumulative += p;
            }
            count += x;
        }
        return count;
    }

    /// <summary>Gamma(shape, 1) by Marsaglia and Tsang (2000); shapes below 1 through the boost u^(1/shape).</summary>
    private double Gamma(double shape)
    {
        if (shape < 1) return Gamma(shape + 1) * Math.Pow(Uniform(), 1 / shape);
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x = Normal(), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = Uniform();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v;
        }
    }
}
