using Backtester.Infrastructure;
namespace Backtester;

/// <summary>
/// Implemented by the generator on every <see cref="StrategyAttribute"/> type. Ties the strategy to its
/// generated <typeparamref name="TParameters"/> and <typeparamref name="TDriver"/>, so engine entry points such as
/// <c>Backtest.Run(data, strategy)</c> infer all three types from the strategy argument.
/// </summary>
/// <typeparam name="TSelf">The strategy type.</typeparam>
/// <typeparam name="TParameters">Its generated <c>Parameters</c> record struct.</typeparam>
/// <typeparam name="TDriver">Its generated <c>Driver</c> struct.</typeparam>
public interface IStrategy<TSelf, TParameters, TDriver>
    where TSelf : IStrategy<TSelf, TParameters, TDriver>
    where TParameters : struct, IStrategyParameters<TParameters>
    where TDriver : struct, IStrategyDriver
{
    /// <summary>The strategy's name (from <see cref="StrategyAttribute.Name"/>, else its type name).</summary>
    static abstract string StrategyName { get; }

    /// <summary>A new strategy instance with its parameter members set from <paramref name="parameters"/>.</summary>
    static abstract TSelf Create(in TParameters parameters);

    /// <summary>The current values of this instance's parameter members.</summary>
    TParameters GetParameters();

    /// <summary>A driver that dispatches events to this instance.</summary>
    TDriver CreateDriver();
}
