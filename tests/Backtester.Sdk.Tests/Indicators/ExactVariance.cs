using System;
using System.Numerics;

namespace Backtester.Tests.Indicators;

/// <summary>
/// The population variance of a window of doubles computed exactly, with integers: every double is m·2^e, so scaled by
/// 2^−(smallest e) the window is a list of integers X, and n²·variance = n·ΣX² − (ΣX)² holds exactly in BigInteger.
/// Only the final division is rounded. The reference for the rolling variance's accuracy tests.
/// </summary>
internal static class ExactVariance
{
    /// <summary>The population variance of <paramref name="window"/>, rounded once.</summary>
    public static double Of(ReadOnlySpan<double> window)
    {
        var (xs, lowest) = Integers(window);
        int n = xs.Length;
        BigInteger sum = 0, squares = 0;
        foreach (BigInteger x in xs)
        {
            sum += x;
            squares += x * x;
        }
        // n²·variance·2^(−2·lowest) = n·ΣX² − (ΣX)²
        return Ratio((n * squares) - (sum * sum), (BigInteger)n * n, 2 * lowest);
    }

    /// <summary>The mean of <paramref name="window"/>, rounded once.</summary>
    public static double Mean(ReadOnlySpan<double> window)
    {
        var (xs, lowest) = Integers(window);
        BigInteger sum = 0;
        foreach (BigInteger x in xs) sum += x;
        return Ratio(sum, xs.Length, lowest);
    }

    /// <summary>The newest value minus the mean of <paramref name="window"/>, rounded once.</summary>
    public static double DeviationOfLast(ReadOnlySpan<double> window)
    {
        var (xs, lowest) = Integers(window);
        BigInteger sum = 0;
        foreach (BigInteger x in xs) sum += x;
        return Ratio((xs.Length * xs[^1]) - sum, xs.Length, lowest);
    }

    /// <summary>The window as integers X with value = X·2^lowest.</summary>
    private static (BigInteger[] Xs, int Lowest) Integers(ReadOnlySpan<double> window)
    {
        var mantissas = new BigInteger[window.Length];
        var exponents = new int[window.Length];
        int lowest = int.MaxValue;
        for (int i = 0; i < window.Length; i++)
        {
            (mantissas[i], exponents[i]) = Decompose(window[i]);
            if (!mantissas[i].IsZero) lowest = Math.Min(lowest, exponents[i]);
        }
        if (lowest == int.MaxValue) lowest = 0;
        var xs = new BigInteger[window.Length];
        for (int i = 0; i < xs.Length; i++)
            xs[i] = mantissas[i].IsZero ? BigInteger.Zero : mantissas[i] << (exponents[i] - lowest);
        return (xs, lowest);
    }

    /// <summary>numerator / denominator · 2^exponent to 64 significant bits, then to double.</summary>
    private static double Ratio(BigInteger numerator, BigInteger denominator, int exponent)
    {
        if (numerator.IsZero) return 0;
        bool negative = numerator.Sign < 0;
        BigInteger magnitude = BigInteger.Abs(numerator);
        int shift = Math.Max(0, 64 - (int)(magnitude.GetBitLength() - denominator.GetBitLength()));
        BigInteger quotient = (magnitude << shift) / denominator;
        double value = Math.ScaleB((double)quotient, exponent - shift);
        return negative ? -value : value;
    }

    /// <summary>value = mantissa · 2^exponent with an integer mantissa.</summary>
    private static (BigInteger Mantissa, int Exponent) Decompose(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int biased = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        if (biased == 0x7FF) throw new ArgumentException($"{value} is not finite.", nameof(value));
        long mantissa = biased == 0 ? fraction : fraction | (1L << 52);
        int exponent = (biased == 0 ? 1 : biased) - 1075;
        return (negative ? -mantissa : mantissa, exponent);
    }
}
