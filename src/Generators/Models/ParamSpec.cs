namespace Backtester.Generators.Models;

/// <summary>The C# type of a [Param] member.</summary>
internal enum ParamKind
{
    Int32,
    Int64,
    Double,
    Decimal,
    Boolean,
    Enum,
}

/// <summary>How a parameter's values are listed.</summary>
internal enum ParamSource
{
    /// <summary>min + i * step, computed in decimal (integer members in long).</summary>
    Range,

    /// <summary>An explicit array of values, indexed.</summary>
    Values,

    /// <summary>false, true.</summary>
    Boolean,
}

/// <summary>One [Param] member and the values the grid sweeps it through.</summary>
/// <param name="Name">The member name as an identifier.</param>
/// <param name="LocalName">A camelCase stem, unique within the strategy, for locals and static fields.</param>
/// <param name="ColumnName">The Arrow column name in sweep tables: the member name in snake_case.</param>
/// <param name="TypeName">The member type as written in code (keyword or <c>global::</c>-qualified).</param>
/// <param name="Kind">The member type's kind.</param>
/// <param name="Source">How the values are listed.</param>
/// <param name="Count">How many values the parameter takes.</param>
/// <param name="Min">For ranges: the first value, an invariant decimal literal without suffix.</param>
/// <param name="Step">For ranges: the step, an invariant decimal literal without suffix.</param>
/// <param name="Last">For ranges: the last value, an invariant decimal literal without suffix.</param>
/// <param name="NeedsUnchecked">For long ranges whose span exceeds long: the decode wraps around on purpose.</param>
/// <param name="Values">For value lists: each value as a C# expression.</param>
internal sealed record ParamSpec(
    string Name,
    string LocalName,
    string ColumnName,
    string TypeName,
    ParamKind Kind,
    ParamSource Source,
    long Count,
    string Min,
    string Step,
    string Last,
    bool NeedsUnchecked,
    EquatableArray<string> Values);
