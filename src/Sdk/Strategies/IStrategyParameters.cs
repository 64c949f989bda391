using Backtester.Arrow;
namespace Backtester;

/// <summary>
/// Implemented by the <c>Parameters</c> record struct the generator emits for each strategy: one value per
/// <see cref="ParamAttribute"/> member, and the mixed-radix numbering of the cartesian product of their values
/// (the first declared parameter varies slowest, the last fastest). Parameters are also Arrow records (one typed
/// column per parameter), so sweep tables carry them as columns.
/// </summary>
/// <typeparam name="TSelf">The generated parameters type.</typeparam>
public interface IStrategyParameters<TSelf> : IArrowRecord<TSelf> where TSelf : struct, IStrategyParameters<TSelf>
{
    /// <summary>The number of combinations in the full grid.</summary>
    static abstract long GridCount { get; }

    /// <summary>Decodes grid index <paramref name="index"/> (0 &lt;= index &lt; <see cref="GridCount"/>) in O(#parameters), without allocating.</summary>
    static abstract TSelf FromGridIndex(long index);

    /// <summary>The grid index of these values, or -1 when a value is not on its parameter's grid.</summary>
    long ToGridIndex();

    /// <summary>The names of the strategy's [Param] members, in declaration order.</summary>
    static abstract System.Collections.Generic.IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The value of parameter number <paramref name="parameter"/> (an index into <see cref="ParameterNames"/>) as invariant text.</summary>
    string FormatValue(int parameter);

    /// <summary>
    /// A copy with the parameter <paramref name="name"/> (case-insensitive) set from <paramref name="text"/> (invariant culture;
    /// enum members by name; true/false). The value need not be on the grid.
    /// </summary>
    /// <exception cref="System.ArgumentException">Unknown name, or text that does not parse as the parameter's type.</exception>
    TSelf WithValue(string name, string text);
}
