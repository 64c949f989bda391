using System;

namespace Backtester.Research;

/// <summary>
/// The standard normal distribution's CDF Φ and its inverse, to double precision, without a numerics dependency.
/// For |x| &lt; 3, Φ uses Hart's (1968) rational approximation as given by West (2005), "Better approximations to
/// cumulative normal functions" (relative error about 1e-14 there); in the tails, where Hart's relative error grows
/// to 1e-9, the continued fraction of Mills' ratio, Φ(−z) = φ(z) / (z + 1/(z + 2/(z + 3/(z + …)))), evaluated from
/// 100 terms (relative error about 1e-15 for z ≥ 3). Φ⁻¹ uses Acklam's (2003) rational approximation (relative error
/// 1.15e-9) refined by one Halley step on Φ, which brings it to about double precision.
/// </summary>
public static class StandardNormal
{
    /// <summary>Φ(<paramref name="x"/>) = P[Z ≤ x] for a standard normal Z.</summary>
    public static double Cdf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        double z = Math.Abs(x), tail;
        if (z > 37) tail = 0;
        else
        {
            double e = Math.Exp(-z * z / 2);
            if (z < 3)
            {
                double n = 3.52624965998911e-02 * z + 0.700383064443688;
                n = n * z + 6.37396220353165;
                n = n * z + 33.912866078383;
                n = n * z + 112.079291497871;
                n = n * z + 221.213596169931;
                n = n * z + 220.206867912376;
                double d = 8.83883476483184e-02 * z + 1.75566716318264;
                d = d * z + 16.064177579207;
                d = d * z + 86.7807322029461;
                d = d * z + 296.564248779674;
                d = d * z + 637.333633378831;
                d = d * z + 793.826512519948;
                d = d * z + 440.413735824752;
                tail = e * n / d;
            }
            else
            {
                double fraction = z;
                for (int k = 100; k > 0; k--) fraction = z + k / fraction;
                tail = e / fraction / 2.5066282746310002; // √(2π)
            }
        }
        return x > 0 ? 1 - tail : tail;
    }

    /// <summary>Φ⁻¹(<paramref name="p"/>): the z with Φ(z) = p; −∞ at 0 and +∞ at 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
    public static double InverseCdf(double p)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "A probability must be within 0..1.");
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        const double low = 0.02425;
        double x;
        if (p < low)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            x = (((((C0 * q + C1) * q + C2) * q + C3) * q + C4) * q + C5) / ((((D0 * q + D1) * q + D2) * q + D3) * q + 1);
        }
        else if (p <= 1 - low)
        {
            double q = p - 0.5, r = q * q;
            x = (((((A0 * r + A1) * r + A2) * r + A3) * r + A4) * r + A5) * q / (((((B0 * r + B1) * r + B2) * r + B3) * r + B4) * r + 1);
        }
        else
        {
            double q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -(((((C0 * q + C1) * q + C2) * q + C3) * q + C4) * q + C5) / ((((D0 * q + D1) * q + D2) * q + D3) * q + 1);
        }
        // One Halley step on Φ(x) − p (Acklam's refinement); in the upper tail Φ(x) − p = (1 − p) − Φ(−x) keeps the digits.
        double error = p > 0.5 ? (1 - p) - Cdf(-x) : Cdf(x) - p;
        double u = error * Math.Sqrt(2 * Math.PI) * Math.Exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }

    private const double A0 = -3.969683028665376e+01, A1 = 2.209460984245205e+02, A2 = -2.759285104469687e+02,
        A3 = 1.383577518672690e+02, A4 = -3.066479806614716e+01, A5 = 2.506628277459239e+00;
    private const double B0 = -5.447609879822406e+01, B1 = 1.615858368580409e+02, B2 = -1.556989798598866e+02,
        B3 = 6.680131188771972e+01, B4 = -1.328068155288572e+01;
    private const double C0 = -7.784894002430293e-03, C1 = -3.223964580411365e-01, C2 = -2.400758277161838e+00,
        C3 = -2.549732539343734e+00, C4 = 4.374664141464968e+00, C5 = 2.938163982698783e+00;
    private const double D0 = 7.784695709041462e-03, D1 = 3.224671290700398e-01, D2 = 2.445134137142996e+00,
        D3 = 3.754408661907416e+00;
}
