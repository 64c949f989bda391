using System.Collections.Generic;
using System.Globalization;
using Backtester.Results;

namespace Backtester.Cli.Running;

/// <summary>
/// <c>run --param</c> values that are not on the strategy's <c>[Param]</c> grid: accepted (a quant may mean to run
/// between the steps or beyond the range), each named with its grid in a warning, since no sweep row has the
/// combination and a typo would otherwise run without a word (decision 0096).
/// </summary>
internal static class OffGridParameters
{
    public static List<string> Warnings<TParameters>(string strategy, in TParameters parameters)
        where TParameters : struct, IStrategyParameters<TParameters>
    {
        var warnings = new List<string>();
        if (parameters.ToGridIndex() >= 0) return warnings;
        IReadOnlyList<string> names = TParameters.ParameterNames;
        TParameters origin = TParameters.FromGridIndex(0);
        GridDefinition? grid = null;
        for (int p = 0; p < names.Count; p++)
        {
            string value = parameters.FormatValue(p);
            // Only this parameter off the grid's first combination: on the grid exactly when its own value is.
            if (origin.WithValue(names[p], value).ToGridIndex() >= 0) continue;
            grid ??= GridDefinition.Of<TParameters>();
            warnings.Add($"{names[p]}={value} is not on {strategy}'s grid, where {names[p]} takes {Describe(grid.Parameters[p], value)}; " +
                "the run uses it as given, and no sweep row has this combination");
        }
        return warnings;
    }

    /// <summary><c>50 to 250 in steps of 50 (5 values); 151 lies between two of them</c>, or the values themselves.</summary>
    private static string Describe(GridParameter parameter, string value)
    {
        IReadOnlyList<string> values = parameter.Values;
        if (Arithmetic(parameter) is { } range)
        {
            string where = decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal v)
                ? v < range.First || v > range.Last ? $"{value} is outside that range" : $"{value} lies between two steps"
                : $"{value} is none of them";
            return string.Create(CultureInfo.InvariantCulture,
                $"{values[0]} to {values[^1]} in steps of {range.Step} ({parameter.ValueCount:N0} values); {where}");
        }
        string list = parameter.Values.Count < parameter.ValueCount
            ? string.Join(", ", Take(values, values.Count - 1)) + ", …, " + values[^1]
            : string.Join(", ", values);
        return $"one of {list}";
    }

    /// <summary>First, step and last when the values (all numbers) run evenly from the first; else null.</summary>
    private static (decimal First, decimal Step, decimal Last)? Arithmetic(GridParameter parameter)
    {
        IReadOnlyList<string> values = parameter.Values;
        if (values.Count < 2) return null;
        var numbers = new decimal[values.Count];
        for (int i = 0; i < values.Count; i++)
            if (!decimal.TryParse(values[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i])) return null;
        decimal step = numbers[1] - numbers[0];
        if (step <= 0) return null;
        // Listed values are the first ones and, for a long list, the last, which is value number ValueCount - 1.
        for (int i = 0; i < numbers.Length; i++)
        {
            long position = i == numbers.Length - 1 ? parameter.ValueCount - 1 : i;
            if (numbers[0] + position * step != numbers[i]) return null;
        }
        return (numbers[0], step, numbers[^1]);
    }

    private static IEnumerable<string> Take(IReadOnlyList<string> values, int count)
    {
        for (int i = 0; i < count; i++) yield return values[i];
    }
}
