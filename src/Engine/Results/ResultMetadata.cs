using System.Collections.Generic;
using System.Reflection;

namespace Backtester.Results;

/// <summary>The schema metadata keys Backtester writes into its Arrow files.</summary>
public static class ResultMetadata
{
    /// <summary>The strategy's name.</summary>
    public const string Strategy = "backtester.strategy";

    /// <summary>The strategy's parameters, <c>Name=Value</c> pairs separated by <c>;</c>.</summary>
    public const string Parameters = "backtester.parameters";

    /// <summary>A sweep table's first grid index.</summary>
    public const string GridStart = "backtester.grid_start";

    /// <summary>The number of combinations a sweep table covers.</summary>
    public const string GridCount = "backtester.grid_count";

    /// <summary>The engine's version.</summary>
    public const string EngineVersion = "backtester.engine_version";

    /// <summary>The market data source.</summary>
    public const string DataSource = "backtester.data_source";

    /// <summary>The engine version string (informational version of Backtester.Engine).</summary>
    public static string Version { get; } =
        typeof(ResultMetadata).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary><c>Name=Value;...</c> for a strategy's parameters, in declaration order, invariant culture.</summary>
    public static string DescribeParameters<TParameters>(in TParameters parameters) where TParameters : struct, IStrategyParameters<TParameters>
    {
        var parts = new List<string>();
        var names = TParameters.ParameterNames;
        for (int i = 0; i < names.Count; i++) parts.Add(names[i] + "=" + parameters.FormatValue(i));
        return string.Join(";", parts);
    }

    internal static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string>? user, string dataSource)
    {
        var all = new Dictionary<string, string> { [EngineVersion] = Version, [DataSource] = dataSource };
        if (user is not null)
            foreach (var pair in user) all[pair.Key] = pair.Value;
        return all;
    }
}
