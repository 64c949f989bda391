using System;

namespace Backtester.Tests.Indicators;

/// <summary>Runs an indicator over a series and compares outputs, for the hand-worked and property tests.</summary>
internal static class Series
{
    /// <summary>Feeds every input (values or bars) and records the output after each update (NaN where not ready).</summary>
    public static double[] Run<T>(T[] inputs, Action<T> update, Func<double> output)
    {
        var outputs = new double[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            update(inputs[i]);
            outputs[i] = output();
        }
        return outputs;
    }

    /// <summary>Asserts both series have NaN at the same places and agree elsewhere to <paramref name="relative"/>.</summary>
    public static void AssertClose(double[] expected, double[] actual, double relative = 1e-9)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            AssertClose(expected[i], actual[i], relative, i);
    }

    public static void AssertClose(double expected, double actual, double relative = 1e-12, int index = -1)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            Assert.True(double.IsNaN(expected) && double.IsNaN(actual), $"at {index}: expected {expected}, got {actual}");
            return;
        }
        double tolerance = relative * Math.Max(1.0, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"at {index}: expected {expected:R}, got {actual:R}");
    }

    /// <summary>A bar built from one number, so single-series generators can drive range-based indicators.</summary>
    public static Bar BarOf(double x, long timestamp = 0) =>
        new(timestamp, 0, x, x + 1.0 + (0.25 * Math.Abs(Math.Sin(x))), x - 1.0, x + (0.5 * Math.Sin(3 * x)), 1.0 + Math.Abs(x));
}
