using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using Backtester.Infrastructure;

namespace Backtester.Cli;

/// <summary>
/// Finds a strategy by name in the <see cref="StrategyCatalog"/>: the samples' strategies, plus those of user
/// assemblies loaded into the default context (their generated module initializers register them; no reflection over types).
/// </summary>
internal static class StrategyResolver
{
    public static StrategyRegistration Find(string name, string[]? assemblies)
    {
        SampleStrategies.Register();
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
        return BacktesterCli.Input("", () => StrategyCatalog.Find(name));
    }
}
