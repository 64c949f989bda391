using System;

namespace Backtester;

/// <summary>
/// Marks a <c>partial</c> class or struct as a strategy. The source generator emits its
/// <c>Parameters</c> record struct, its parameter <c>Grid</c> and a struct <c>Driver</c> that the engine
/// runs with direct (non-virtual) calls to the handlers marked <see cref="OnTradeAttribute"/> and friends.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class StrategyAttribute : Attribute
{
    /// <summary>The name used in reports and by the CLI; defaults to the type name.</summary>
    public string? Name { get; set; }
}
