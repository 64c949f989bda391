using System;
using System.CommandLine;
using System.Globalization;
using Backtester.Data;

namespace Backtester.Cli;

/// <summary>The options that set up the simulated venue (<see cref="BacktestOptions"/>), shared by <c>run</c> and <c>sweep</c>.</summary>
internal sealed class BacktestSettings
{
    private readonly Option<double> _feeBps = CommonOptions.FeeBps();
    private readonly Option<double> _makerFeeBps = CommonOptions.MakerFeeBps();
    private readonly Option<double> _latencyMs = CommonOptions.LatencyMs();
    private readonly Option<string?> _equityInterval = CommonOptions.EquityInterval();

    public void AddTo(Command command)
    {
        command.Add(_feeBps);
        command.Add(_makerFeeBps);
        command.Add(_latencyMs);
        command.Add(_equityInterval);
    }

    public BacktestOptions Read(ParseResult parsed, MarketData data)
    {
        double latencyMs = parsed.GetValue(_latencyMs);
        if (!(latencyMs >= 0) || double.IsInfinity(latencyMs))
            throw new UserErrorException($"--latency-ms must be a non-negative number, got {latencyMs.ToString(CultureInfo.InvariantCulture)}.");
        string? interval = parsed.GetValue(_equityInterval);
        var options = new BacktestOptions
        {
            TakerFeeBps = parsed.GetValue(_feeBps),
            MakerFeeBps = parsed.GetValue(_makerFeeBps),
            OrderLatencyNs = (long)Math.Round(latencyMs * 1_000_000),
            EquitySampleIntervalNs = interval is null ? DefaultEquityInterval(data) : Durations.ParseNs("--equity-interval", interval),
        };
        BacktesterCli.Input("invalid backtest option", () => { options.Validate(); return 0; });
        return options;
    }

    /// <summary>The library's rule (<see cref="EquitySampling"/>), so the CLI and <see cref="Backtest.Run"/> agree on the same data.</summary>
    public static long DefaultEquityInterval(MarketData data) => EquitySampling.IntervalFor(data);
}
