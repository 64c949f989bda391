using System;

namespace Backtester;

/// <summary>
/// Marks a settable property or field of a strategy as a swept parameter. The generated grid is the
/// cartesian product of every parameter's values.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><description><c>int</c>, <c>long</c>, <c>double</c>, <c>decimal</c>: <c>[Param(min, max, Step = s)]</c>
/// (inclusive range; the default step is 1) or <c>[Param(Values = new[] { ... })]</c>.</description></item>
/// <item><description><c>bool</c>: <c>[Param]</c> sweeps <c>false</c> and <c>true</c>.</description></item>
/// <item><description>enums: <c>[Param]</c> sweeps every member, <c>[Param(Values = new[] { E.A, E.B })]</c> a subset.</description></item>
/// </list>
/// Fractional steps are computed in decimal, so <c>[Param(0.5, 2.0, Step = 0.5)]</c> yields exactly 0.5, 1.0, 1.5, 2.0.
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false)]
public sealed class ParamAttribute : Attribute
{
    /// <summary>Sweeps every value of a <c>bool</c> or enum member, or the explicit <see cref="Values"/>.</summary>
    public ParamAttribute() { }

    /// <summary>Sweeps the integers from <paramref name="min"/> to <paramref name="max"/> inclusive by <see cref="Step"/>.</summary>
    public ParamAttribute(long min, long max) { Min = min; Max = max; }

    /// <summary>Sweeps the numbers from <paramref name="min"/> to <paramref name="max"/> inclusive by <see cref="Step"/>.</summary>
    public ParamAttribute(double min, double max) { Min = min; Max = max; }

    /// <summary>The first value of the range.</summary>
    public double Min { get; }

    /// <summary>The last value of the range (inclusive).</summary>
    public double Max { get; }

    /// <summary>The distance between consecutive values; must be positive. Defaults to 1.</summary>
    public double Step { get; set; } = 1;

    /// <summary>An explicit list of values (an array of the member's type), used instead of a range.</summary>
    public object? Values { get; set; }
}
