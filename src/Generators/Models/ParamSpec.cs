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

/// <summary>One [Param] member and the values the grid sweeps it through.</summary>
/// <param name="Name">The member name as an identifier (keywords escaped with '@').</param>
/// <param name="PlainName">The member name as users spell it in text (no '@').</param>
/// <param name="LocalName">A camelCase stem, unique within the strategy, for locals.</param>
/// <param name="TypeName">The member type as written in code (keyword or <c>global::</c>-qualified).</param>
/// <param name="Kind">The member type's kind.</param>
/// <param name="Count">How many values the parameter takes.</param>
/// <param name="Values">Which values: a range, a list or false/true.</param>
internal sealed record ParamSpec(
    string Name,
    string PlainName,
    string LocalName,
    string TypeName,
    ParamKind Kind,
    long Count,
    ParamValues Values);
