using System.Collections.Generic;

namespace Backtester.Cli;

/// <summary>A strategy's parameter values as (name, invariant text) pairs, in declaration order.</summary>
internal static class ParameterValues
{
    public static IReadOnlyList<KeyValuePair<string, string>> Of<TParameters>(in TParameters parameters)
        where TParameters : struct, IStrategyParameters<TParameters>
    {
        var names = TParameters.ParameterNames;
        var values = new KeyValuePair<string, string>[names.Count];
        for (int i = 0; i < names.Count; i++) values[i] = new(names[i], parameters.FormatValue(i));
        return values;
    }
}
