namespace Backtester.Generators.Models;

/// <summary>The values a [Param] member takes: one of <see cref="RangeValues"/>, <see cref="ListValues"/> or <see cref="BooleanValues"/>.</summary>
internal abstract record ParamValues;

/// <summary><c>min + i * step</c> for <c>i</c> in <c>0..count-1</c>, computed in decimal (integer members in long).</summary>
/// <param name="Min">The first value, an invariant decimal literal without suffix.</param>
/// <param name="Step">The step, an invariant decimal literal without suffix.</param>
/// <param name="Last">The last value, an invariant decimal literal without suffix.</param>
/// <param name="NeedsUnchecked">For long ranges whose span exceeds long: the decode wraps around on purpose.</param>
internal sealed record RangeValues(string Min, string Step, string Last, bool NeedsUnchecked) : ParamValues;

/// <summary>An explicit array of values (a <c>Values</c> list, or every member of an enum), indexed.</summary>
/// <param name="FieldName">The static array field of the Parameters record struct, distinct from every parameter name.</param>
/// <param name="Values">Each value as a C# expression.</param>
internal sealed record ListValues(string FieldName, EquatableArray<string> Values) : ParamValues;

/// <summary><c>false, true</c>.</summary>
internal sealed record BooleanValues : ParamValues
{
    /// <summary>The only instance (the record has no state).</summary>
    public static BooleanValues Instance { get; } = new();
}
