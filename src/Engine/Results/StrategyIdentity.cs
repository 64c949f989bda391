using System;
using System.Reflection;
using Backtester.Infrastructure;

namespace Backtester.Results;

/// <summary>Which strategy produced a result: its name, type and the exact build of its assembly.</summary>
/// <param name="Name">The strategy's name (<see cref="StrategyAttribute.Name"/>, else its type name).</param>
/// <param name="Type">The strategy type's full name.</param>
/// <param name="Assembly">The assembly's full name (name, version, culture, public key token).</param>
/// <param name="AssemblyBuild">
/// The assembly module's version id (MVID): the same for a deterministic rebuild of the same source, different after any
/// change to the code, so results of an edited strategy are never taken for the old one's.
/// </param>
public sealed record StrategyIdentity(string Name, string Type, string Assembly, string AssemblyBuild)
{
    /// <summary>The identity of <typeparamref name="TStrategy"/>.</summary>
    public static StrategyIdentity Of<TStrategy, TParameters, TDriver>()
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        Type type = typeof(TStrategy);
        Assembly assembly = type.Assembly;
        return new StrategyIdentity(TStrategy.StrategyName, type.FullName ?? type.Name, assembly.FullName ?? assembly.GetName().Name ?? "?",
            assembly.ManifestModule.ModuleVersionId.ToString("D"));
    }
}
