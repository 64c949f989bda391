using System.Collections.Generic;
using Backtester.Data;
using Backtester;
using Backtester.Infrastructure;

namespace Backtester.Cli.Running;

/// <summary>What <c>run</c> reports: the strategy, the parameters it ran with, and the summary.</summary>
internal sealed record RunOutcome(string Strategy, IReadOnlyList<KeyValuePair<string, string>> Parameters, BacktestSummary Summary,
    long EquitySampleIntervalNs, IReadOnlyList<string> Warnings);

/// <summary>
/// Runs one backtest of a registered strategy with its static types. The starting values are grid index 0 (every
/// parameter at the first value of its range): the SDK builds strategies only from <c>Parameters</c>, so the property
/// initializers of the class are not visible here. <c>--param</c> overrides are applied on top, by name.
/// </summary>
internal sealed class RunVisitor(ReplayData data, IReadOnlyList<KeyValuePair<string, string>> overrides, BacktestOptions options)
    : IStrategyTypeVisitor<RunOutcome>
{
    public RunOutcome Visit<TStrategy, TParameters, TDriver>()
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        TParameters parameters = TParameters.FromGridIndex(0);
        foreach (var (name, text) in overrides)
            parameters = BacktesterCli.Input("--param", () => parameters.WithValue(name, text));
        var values = ParameterValues.Of(in parameters);
        List<string> offGrid = OffGridParameters.Warnings(TStrategy.StrategyName, in parameters);
        BacktestResult result = data.Single is { } single
            ? StrategyFault.Attributed<TStrategy, BacktestResult>(TStrategy.StrategyName, values, () => Backtest.Run<TStrategy, TParameters, TDriver>(single, in parameters, options))
            : BacktesterCli.Input("cannot replay the data files as segments", () => StrategyFault.Attributed<TStrategy, BacktestResult>(TStrategy.StrategyName, values,
                () => Backtest.Run<TStrategy, TParameters, TDriver>(data.Segments!, in parameters, options)));
        IReadOnlyList<string> warnings = offGrid.Count == 0 ? result.Warnings : [.. offGrid, .. result.Warnings];
        // Every order refused and nothing filled: the run "worked", and nothing in its figures would say why it is flat.
        if (result.Summary is { Fills: 0, RejectedOrders: > 0 } s)
            warnings = [.. warnings, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the venue refused every order the strategy sent ({s.RejectedOrders:N0}), so nothing filled; with --out, orders.arrow has each one's reason")];
        return new RunOutcome(TStrategy.StrategyName, values, result.Summary, result.EquitySampleIntervalNs, warnings);
    }
}
