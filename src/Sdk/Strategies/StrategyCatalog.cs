using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using Backtester.Infrastructure;

namespace Backtester;

/// <summary>
/// Every <see cref="StrategyAttribute"/> type of the loaded assemblies, by name. Generated code registers each strategy
/// from its assembly's module initializer, so finding a strategy by name needs no reflection over types.
/// </summary>
public static class StrategyCatalog
{
    private static readonly object Gate = new();
    private static readonly List<StrategyRegistration> Registrations = new();

    /// <summary>Adds a strategy (called by generated module initializers). Registering the same type twice is a no-op.</summary>
    public static void Register(StrategyRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        lock (Gate)
        {
            foreach (StrategyRegistration existing in Registrations)
                if (existing.StrategyType == registration.StrategyType) return;
            Registrations.Add(registration);
        }
    }

    /// <summary>The registered strategies, sorted by name.</summary>
    public static IReadOnlyList<StrategyRegistration> All
    {
        get
        {
            lock (Gate)
            {
                var copy = Registrations.ToArray();
                Array.Sort(copy, (a, b) => string.CompareOrdinal(a.Name, b.Name));
                return copy;
            }
        }
    }

    /// <summary>
    /// The strategy named <paramref name="name"/> (case-insensitive).
    /// </summary>
    /// <exception cref="ArgumentException">No strategy, or several, have that name; the message lists the known ones.</exception>
    public static StrategyRegistration Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var all = All;
        StrategyRegistration? found = null;
        foreach (StrategyRegistration r in all)
        {
            if (!string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)) continue;
            if (found is not null)
                throw new ArgumentException($"Two strategies are named '{name}': {found.StrategyType.FullName} and {r.StrategyType.FullName}.", nameof(name));
            found = r;
        }
        if (found is not null) return found;
        var names = new List<string>();
        foreach (StrategyRegistration r in all) names.Add(r.Name);
        throw new ArgumentException($"No strategy named '{name}'. Known strategies: {(names.Count == 0 ? "(none)" : string.Join(", ", names))}.", nameof(name));
    }

    /// <summary>Runs <paramref name="assembly"/>'s module initializer, registering its strategies.</summary>
    public static void RegisterAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
    }
}
