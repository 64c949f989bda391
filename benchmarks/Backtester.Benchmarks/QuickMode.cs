namespace Backtester.Benchmarks;

/// <summary>
/// Set by <see cref="Program"/> for <c>--quick</c>: suites whose real sizes take minutes pick small sizes from it in
/// their <c>[ParamsSource]</c> and leave out their own long jobs, so the smoke run stays under a couple of minutes.
/// The quick run is in process, so the flag set in <c>Main</c> is the one the suites read.
/// </summary>
public static class QuickMode
{
    /// <summary>True during <c>--quick</c>.</summary>
    public static bool IsOn { get; set; }

    /// <summary><paramref name="quick"/> in quick mode, else <paramref name="real"/>.</summary>
    public static int[] Sizes(int[] real, int[] quick) => IsOn ? quick : real;
}
