namespace Backtester;

/// <summary>
/// <c>Array.Fill</c> for the arrays a run resets, as plain loops: <c>Array.Fill&lt;double&gt;</c> and its vectorized
/// <c>SpanHelpers.Fill&lt;T&gt;</c> have no ReadyToRun code in the framework for these types, so in a fresh process the JIT
/// compiled them in the first run (about 1.5 ms of its 22, decision 0112); these loops are precompiled with the engine.
/// The arrays are one entry per symbol, so vectorizing them gains nothing.
/// </summary>
internal static class ArrayFill
{
    public static void With(double[] array, double value)
    {
        for (int i = 0; i < array.Length; i++) array[i] = value;
    }

    public static void With(bool[] array, bool value)
    {
        for (int i = 0; i < array.Length; i++) array[i] = value;
    }
}
