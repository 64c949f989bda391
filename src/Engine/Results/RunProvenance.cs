namespace Backtester.Results;

/// <summary>What <c>Backtest.Run</c> and sweeps know about the strategy of a run, for its result files' metadata.</summary>
/// <param name="Strategy">The strategy.</param>
/// <param name="Grid">Its grid definition.</param>
/// <param name="Parameters">The run's parameter values (<c>Name=Value;...</c>), or null for a sweep table.</param>
internal sealed record RunProvenance(StrategyIdentity Strategy, GridDefinition Grid, string? Parameters)
{
    /// <summary>The run's <see cref="StrategyWarnings"/>, one per line, or null when there are none.</summary>
    public string? Warnings { get; init; }

    /// <summary>The provenance of a run of <typeparamref name="TStrategy"/> with <paramref name="parameters"/>.</summary>
    public static RunProvenance Of<TStrategy, TParameters, TDriver>(in TParameters parameters)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, Infrastructure.IStrategyDriver =>
        new(StrategyIdentity.Of<TStrategy, TParameters, TDriver>(), GridDefinition.For<TParameters>(), ResultMetadata.DescribeParameters(in parameters));
}
