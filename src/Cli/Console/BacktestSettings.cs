using System;
using System.CommandLine;
using System.Globalization;
using Backtester.Data;

namespace Backtester.Cli;

/// <summary>The options that set up the simulated venue (<see cref="BacktestOptions"/>), shared by <c>run</c> and <c>sweep</c>.</summary>
internal sealed class BacktestSettings
{
    private const long TenDaysNs = 10 * BacktestOptions.OneDayNs;

    private readonly Option<double> _feeBps = CommonOptions.FeeBps();
    private readonly Option<double> _makerFeeBps = CommonOptions.MakerFeeBps();
    private readonly Option<double> _latencyMs = CommonOptions.LatencyMs();
    private readonly Option<string?> _equityInterval = CommonOptions.EquityInterval();
    private readonly Option<string> _account = CommonOptions.Account();
    private readonly Option<double> _leverage = CommonOptions.Leverage();
    private readonly Option<double> _maintenanceMargin = CommonOptions.MaintenanceMargin();
    private readonly Option<string?> _instruments = CommonOptions.Instruments();
    private readonly Option<bool> _roundOffGrid = CommonOptions.RoundOffGrid();
    private readonly Option<double?> _periodsPerYear = new("--periods-per-year")
    {
        Description = "Annualization factor of the equity samples, e.g. 252 (trading days), 365, 52, 12 (default: 365 days / --equity-interval).",
    };

    public void AddTo(Command command)
    {
        command.Add(_feeBps);
        command.Add(_makerFeeBps);
        command.Add(_latencyMs);
        command.Add(_equityInterval);
        command.Add(_account);
        command.Add(_leverage);
        command.Add(_maintenanceMargin);
        command.Add(_instruments);
        command.Add(_roundOffGrid);
        command.Add(_periodsPerYear);
    }

    public BacktestOptions Read(ParseResult parsed, MarketData data) => Read(parsed, DataSpan.Of(data));

    /// <summary>The options, with the default equity interval from the data's time range (as its identity records it).</summary>
    public BacktestOptions Read(ParseResult parsed, Results.DataIdentity data) =>
        Read(parsed, data.FirstTimeNs is { } first && data.LastTimeNs is { } last ? (first, last) : (0, 0));

    /// <summary>The options, for data spanning <paramref name="spanNs"/> (which sets the default equity interval).</summary>
    public BacktestOptions Read(ParseResult parsed, long spanNs) => Read(parsed, (0, spanNs));

    private BacktestOptions Read(ParseResult parsed, (long First, long Last) span)
    {
        double latencyMs = parsed.GetValue(_latencyMs);
        if (!(latencyMs >= 0) || double.IsInfinity(latencyMs))
            throw new UserErrorException($"--latency-ms must be a non-negative number, got {latencyMs.ToString(CultureInfo.InvariantCulture)}.");
        if (latencyMs * 1_000_000 > BacktestOptions.MaxLatencyNs)
            throw new UserErrorException($"--latency-ms must be at most {(BacktestOptions.MaxLatencyNs / 1_000_000).ToString(CultureInfo.InvariantCulture)} (365 days), got {latencyMs.ToString(CultureInfo.InvariantCulture)}.");
        string? interval = parsed.GetValue(_equityInterval);
        var options = new BacktestOptions
        {
            TakerFeeBps = parsed.GetValue(_feeBps),
            MakerFeeBps = parsed.GetValue(_makerFeeBps),
            OrderLatencyNs = (long)Math.Round(latencyMs * 1_000_000),
            EquitySampleIntervalNs = interval is null ? DefaultEquityInterval(span.First, span.Last) : Durations.ParseNs("--equity-interval", interval),
            PeriodsPerYear = parsed.GetValue(_periodsPerYear),
            Account = ReadAccount(parsed),
            Instruments = parsed.GetValue(_instruments) is { } path ? ReadInstruments(path) : null,
            OffGridOrders = parsed.GetValue(_roundOffGrid) ? OffGridOrders.Round : OffGridOrders.Reject,
        };
        BacktesterCli.Input("invalid backtest option", () => { options.Validate(); return 0; });
        return options;
    }

    private AccountOptions ReadAccount(ParseResult parsed)
    {
        string account = parsed.GetValue(_account) ?? "margin";
        double leverage = parsed.GetValue(_leverage), maintenance = parsed.GetValue(_maintenanceMargin);
        if (!(leverage >= 1) || double.IsInfinity(leverage))
            throw new UserErrorException($"--leverage must be at least 1, got {leverage.ToString(CultureInfo.InvariantCulture)}.");
        if (!(maintenance >= 0 && maintenance <= 1 / leverage))
            throw new UserErrorException($"--maintenance-margin must be between 0 and 1/leverage ({(1 / leverage).ToString(CultureInfo.InvariantCulture)}), got {maintenance.ToString(CultureInfo.InvariantCulture)}.");
        return account.ToLowerInvariant() switch
        {
            "margin" => AccountOptions.Margin(leverage, maintenance),
            "cash" => AccountOptions.Cash(),
            "unlimited" => AccountOptions.Unlimited,
            _ => throw new UserErrorException($"--account must be margin, cash or unlimited, got '{account}'."),
        };
    }

    private static System.Collections.Generic.IReadOnlyList<Instrument> ReadInstruments(string path)
    {
        try
        {
            return BacktesterCli.Input("--instruments", () => InstrumentFile.Load(path));
        }
        catch (FormatException e)
        {
            throw new UserErrorException($"--instruments: {e.Message}", e);
        }
    }

    /// <summary>One day, unless the data spans less than ten days: then the first of 1us, 10us, ..., 1s, 10s, 1m, 10m, 1h that gives at most about 1000 samples, so short data still gets an equity curve.</summary>
    public static long DefaultEquityInterval(MarketData data)
    {
        (long first, long last) = DataSpan.Of(data);
        return DefaultEquityInterval(first, last);
    }

    /// <summary>The default interval for data from <paramref name="first"/> to <paramref name="last"/> (ns).</summary>
    public static long DefaultEquityInterval(long first, long last)
    {
        long span = last - first;
        if (span <= 0 || span >= TenDaysNs) return BacktestOptions.OneDayNs;
        foreach (long nice in NiceIntervals)
            if (nice >= span / 1000) return nice;
        return BacktestOptions.OneDayNs;
    }

    private static readonly long[] NiceIntervals =
        [1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000, 60_000_000_000, 600_000_000_000, 3_600_000_000_000];
}
