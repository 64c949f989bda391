using Backtester.Infrastructure;
namespace Backtester;

/// <summary>
/// Code that needs a registered strategy's static types (for example to call <c>Sweep.Run</c>, which the JIT then
/// specializes for that strategy) implements this and passes it to <see cref="StrategyRegistration.Accept{TResult}"/>.
/// No reflection is involved.
/// </summary>
/// <typeparam name="TResult">What the visit produces.</typeparam>
public interface IStrategyTypeVisitor<out TResult>
{
    /// <summary>Called with the strategy's types.</summary>
    TResult Visit<TStrategy, TParameters, TDriver>()
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver;
}
