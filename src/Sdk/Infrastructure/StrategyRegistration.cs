using System.ComponentModel;
using System;
using System.Collections.Generic;

namespace Backtester.Infrastructure;

/// <summary>A strategy type known to the <see cref="StrategyCatalog"/>: its name, parameters and a typed entry point.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class StrategyRegistration
{
    private protected StrategyRegistration() { }

    /// <summary>The strategy's name (<see cref="StrategyAttribute.Name"/> or its type name).</summary>
    public abstract string Name { get; }

    /// <summary>The strategy type.</summary>
    public abstract Type StrategyType { get; }

    /// <summary>The names of its [Param] members, in declaration order.</summary>
    public abstract IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The number of combinations in its full grid.</summary>
    public abstract long GridCount { get; }

    /// <summary>Calls <paramref name="visitor"/> with the strategy's static types.</summary>
    public abstract TResult Accept<TResult>(IStrategyTypeVisitor<TResult> visitor);
}

/// <summary>The registration of one strategy type; the generator creates one per <see cref="StrategyAttribute"/> type.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class StrategyRegistration<TStrategy, TParameters, TDriver> : StrategyRegistration
    where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
    where TParameters : struct, IStrategyParameters<TParameters>
    where TDriver : struct, IStrategyDriver
{
    /// <inheritdoc/>
    public override string Name => TStrategy.StrategyName;

    /// <inheritdoc/>
    public override Type StrategyType => typeof(TStrategy);

    /// <inheritdoc/>
    public override IReadOnlyList<string> ParameterNames => TParameters.ParameterNames;

    /// <inheritdoc/>
    public override long GridCount => TParameters.GridCount;

    /// <inheritdoc/>
    public override TResult Accept<TResult>(IStrategyTypeVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit<TStrategy, TParameters, TDriver>();
    }
}
