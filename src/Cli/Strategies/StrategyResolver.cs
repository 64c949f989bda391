using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using Backtester.Infrastructure;

namespace Backtester.Cli;

/// <summary>
/// Finds a strategy by name in the <see cref="StrategyCatalog"/>: the strategies of the assemblies given with
/// <c>--assembly</c>, loaded into the default context (their generated module initializers register them; no
/// reflection over types). The tool ships no strategies of its own.
/// </summary>
internal static class StrategyResolver
{
    public static StrategyRegistration Find(string name, string[]? assemblies)
    {
        foreach (string path in assemblies ?? [])
        {
            Assembly assembly = BacktesterCli.Input($"cannot load assembly '{path}'", () =>
            {
                try
                {
                    return AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(path));
                }
                catch (BadImageFormatException e)
                {
                    throw new InvalidDataException("not a .NET assembly", e);
                }
                catch (FileLoadException e)
                {
                    throw new InvalidDataException(e.Message, e);
                }
            });
            StrategyCatalog.RegisterAssembly(assembly);
        }
        if (StrategyCatalog.All.Count == 0)
            throw new UserErrorException(
                $"no strategy named '{name}': no strategy assembly is loaded. Build your strategies and pass the assembly with --assembly path/to/Strategies.dll " +
                "(for the samples: dotnet build samples/SmaCross -c Release, then --assembly samples/SmaCross/bin/Release/net10.0/SmaCross.dll).");
        return BacktesterCli.Input("", () => StrategyCatalog.Find(name));
    }
}
