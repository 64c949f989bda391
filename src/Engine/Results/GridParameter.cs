using System.Collections.Generic;

namespace Backtester.Results;

/// <summary>One parameter of a <see cref="GridDefinition"/>: its name, type and values on the grid, in grid order.</summary>
/// <param name="Name">The <c>[Param]</c> member's name.</param>
/// <param name="Type">Its type: the name of a <c>System</c> type (<c>Int32</c>, <c>Decimal</c>...), else the full name (enums).</param>
/// <param name="ValueCount">How many values the parameter takes on the grid.</param>
/// <param name="Values">
/// The values as invariant text; all of them up to <see cref="GridDefinition.ListedValues"/>, else the first
/// <see cref="GridDefinition.ListedValues"/> − 1 and the last (the fingerprint covers all).
/// </param>
public sealed record GridParameter(string Name, string Type, long ValueCount, IReadOnlyList<string> Values)
{
    /// <summary>
    /// The text recorded in result metadata: <c>Int32 [3]: 5, 10, 15</c>, or, for a long list,
    /// <c>Int32 [1000]: 1, 2, …, 1000</c>.
    /// </summary>
    public string Describe()
    {
        string values = Values.Count < ValueCount && Values.Count > 0
            ? string.Join(", ", Take(Values, Values.Count - 1)) + ", …, " + Values[^1]
            : string.Join(", ", Values);
        return $"{Type} [{ValueCount}]: {values}";
    }

    private static IEnumerable<string> Take(IReadOnlyList<string> values, int count)
    {
        for (int i = 0; i < count; i++) yield return values[i];
    }

    /// <inheritdoc/>
    public bool Equals(GridParameter? other) => other is not null && Describe() == other.Describe() && Name == other.Name;

    /// <inheritdoc/>
    public override int GetHashCode() => Name.GetHashCode(System.StringComparison.Ordinal);
}
