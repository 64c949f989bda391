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
    private readonly Option<double> _feedLatencyMs = CommonOptions.FeedLatencyMs();
    private readonly Option<double> _responseLatencyMs = CommonOptions.ResponseLatencyMs();
    private readonly Option<double> _initialCapital = CommonOptions.InitialCapital();
    private readonly Option<double> _slippageBps = CommonOptions.SlippageBps();
    private readonly Option<string> _queue = CommonOptions.QueueModel();
    private readonly Option<bool> _displayedSize = CommonOptions.LimitToDisplayedSize();
    private readonly Option<string?> _equityInterval = CommonOptions.EquityInterval();
    private readonly Option<string> _account = CommonOptions.Account();
    private readonly Option<double> _leverage = CommonOptions.Leverage();
    private readonly Option<double> _maintenanceMargin = CommonOptions.MaintenanceMargin();
    private readonly Option<string[]> _isolated = CommonOptions.Isolated();
    private readonly Option<string?> _instruments = CommonOptions.Instruments();
    private readonly Option<bool> _roundOffGrid = CommonOptions.RoundOffGrid();
    private readonly Option<string> _stopTrigger = CommonOptions.StopTrigger();
    private readonly Option<string> _markWith = CommonOptions.MarkWith();
    private readonly Option<string?> _reportingCurrency = new("--reporting-currency")
    {
        Description = "Currency of equity and PnL when the instruments settle in several (default: the quote currency of the first linear instrument).",
    };
    private readonly Option<double?> _periodsPerYear = new("--periods-per-year")
    {
        Description = "Annualization factor of the equity samples, e.g. 252 (trading days), 365, 52, 12 (default: 365 days / --equity-interval).",
    };

    public void AddTo(Command command)
    {
        command.Add(_feeBps);
        command.Add(_makerFeeBps);
        command.Add(_latencyMs);
        command.Add(_feedLatencyMs);
        command.Add(_responseLatencyMs);
        command.Add(_initialCapital);
        command.Add(_slippageBps);
        command.Add(_queue);
        command.Add(_displayedSize);
        command.Add(_equityInterval);
        command.Add(_account);
        command.Add(_leverage);
        command.Add(_maintenanceMargin);
        command.Add(_isolated);
        command.Add(_instruments);
        command.Add(_roundOffGrid);
        command.Add(_stopTrigger);
        command.Add(_markWith);
        command.Add(_reportingCurrency);
        command.Add(_periodsPerYear);
    }

    public BacktestOptions Read(ParseResult parsed, MarketData data) => WithSymbols(Read(parsed, DataSpan.Of(data)), data.Identity.Symbols);

    /// <summary>The options, with the default equity interval from the data's time range (as its identity records it).</summary>
    public BacktestOptions Read(ParseResult parsed, Results.DataIdentity data) =>
        WithSymbols(Read(parsed, data.FirstTimeNs is { } first && data.LastTimeNs is { } last ? (first, last) : (0, 0)), data.Symbols);

    /// <summary>Refuses an <c>--isolated</c> symbol the data does not have, naming the flag, before anything runs.</summary>
    private static BacktestOptions WithSymbols(BacktestOptions options, System.Collections.Generic.IReadOnlyList<string> symbols)
    {
        foreach (string name in options.Account.IsolatedSymbols)
        {
            bool found = false;
            foreach (string symbol in symbols) found |= symbol == name;
            if (!found) throw new UserErrorException($"--isolated names '{name}', which is not a symbol of the data ({string.Join(", ", symbols)}).");
        }
        // What every run (every combination of a sweep) would refuse at its start, in the flags' words, before anything runs.
        try
        {
            options.Validate(new Backtester.Data.SymbolTable(symbols));
        }
        catch (ArgumentException e) when (e.ParamName == nameof(BacktestOptions.ReportingCurrency))
        {
            string message = BacktesterCli.MessageOf(e)
                .Replace($"ReportingCurrency {options.ReportingCurrency}: ", "", StringComparison.Ordinal)
                .Replace("give the symbols instruments with QuoteCurrency (linear) or BaseCurrency (inverse)", "give --instruments naming each symbol's quoteCurrency (linear) or baseCurrency (inverse)", StringComparison.Ordinal)
                .Replace("set ReportingCurrency to", "give --reporting-currency", StringComparison.Ordinal)
                .Replace("leave ReportingCurrency unset", "leave --reporting-currency out", StringComparison.Ordinal);
            throw new UserErrorException($"--reporting-currency {options.ReportingCurrency}: {message}", e);
        }
        catch (ArgumentException e) when (e.ParamName == nameof(BacktestOptions.Instruments))
        {
            throw new UserErrorException($"--instruments: {BacktesterCli.MessageOf(e).Replace("give it an instrument with QuoteCurrency (linear) or BaseCurrency (inverse)", "give it an instrument with quoteCurrency (linear) or baseCurrency (inverse)", StringComparison.Ordinal)}", e);
        }
        return options;
    }

    /// <summary>The options, for data spanning <paramref name="spanNs"/> (which sets the default equity interval).</summary>
    public BacktestOptions Read(ParseResult parsed, long spanNs) => Read(parsed, (0, spanNs));

    /// <summary>
    /// The options of a research command (walk-forward, overfitting) over data spanning <paramref name="spanNs"/> whose
    /// shortest window spans <paramref name="shortestWindowNs"/>: the default equity interval is the library's for those
    /// windows (<see cref="EquitySampling.IntervalForWindows"/>, decision 0122), and the options are checked against the
    /// data's <paramref name="symbols"/> as <c>run</c>'s are.
    /// </summary>
    public BacktestOptions ReadForWindows(ParseResult parsed, long spanNs, long shortestWindowNs, SymbolTable symbols)
    {
        var names = new string[symbols.Count];
        for (int i = 0; i < names.Length; i++) names[i] = symbols[i];
        return WithSymbols(Read(parsed, (0, spanNs), EquitySampling.IntervalForWindows(shortestWindowNs, spanNs)), names);
    }

    /// <summary><see cref="ReadForWindows(ParseResult, long, long, SymbolTable)"/> over <paramref name="data"/>.</summary>
    public BacktestOptions ReadForWindows(ParseResult parsed, MarketData data, long shortestWindowNs)
    {
        var (first, last) = DataSpan.Of(data);
        return WithSymbols(Read(parsed, (first, last), EquitySampling.IntervalForWindows(shortestWindowNs, last - first)), data.Identity.Symbols);
    }

    /// <summary>Whether <c>--equity-interval</c> was left to the rule (not given, or <c>auto</c>).</summary>
    public bool AutomaticEquityInterval(ParseResult parsed) => parsed.GetValue(_equityInterval) is null or "auto";

    private BacktestOptions Read(ParseResult parsed, (long First, long Last) span, long? automaticInterval = null)
    {
        double latencyMs = NonNegative(parsed, _latencyMs), feedLatencyMs = NonNegative(parsed, _feedLatencyMs), responseLatencyMs = NonNegative(parsed, _responseLatencyMs);
        if (responseLatencyMs * 1_000_000 > BacktestOptions.MaxLatencyNs)
            throw new UserErrorException($"--response-latency-ms must be at most {(BacktestOptions.MaxLatencyNs / 1_000_000).ToString(CultureInfo.InvariantCulture)} (365 days), got {responseLatencyMs.ToString(CultureInfo.InvariantCulture)}.");
        if (latencyMs * 1_000_000 > BacktestOptions.MaxLatencyNs)
            throw new UserErrorException($"--latency-ms must be at most {(BacktestOptions.MaxLatencyNs / 1_000_000).ToString(CultureInfo.InvariantCulture)} (365 days), got {latencyMs.ToString(CultureInfo.InvariantCulture)}.");
        if (feedLatencyMs * 1_000_000 > BacktestOptions.MaxLatencyNs)
            throw new UserErrorException($"--feed-latency-ms must be at most {(BacktestOptions.MaxLatencyNs / 1_000_000).ToString(CultureInfo.InvariantCulture)} (365 days), got {feedLatencyMs.ToString(CultureInfo.InvariantCulture)}.");
        double capital = parsed.GetValue(_initialCapital);
        if (!(capital > 0) || double.IsInfinity(capital))
            throw new UserErrorException($"--initial-capital must be a positive number, got {capital.ToString(CultureInfo.InvariantCulture)}.");
        string? interval = parsed.GetValue(_equityInterval);
        var options = new BacktestOptions
        {
            InitialCapital = capital,
            TakerFeeBps = Rate(parsed, _feeBps, 0, "0"),
            MakerFeeBps = Rate(parsed, _makerFeeBps, -BacktestOptions.MaxRateBps, "-10000"),
            SlippageBps = Slippage(parsed),
            OrderLatencyNs = (long)Math.Round(latencyMs * 1_000_000),
            FeedLatencyNs = (long)Math.Round(feedLatencyMs * 1_000_000),
            // 0 is no response latency (null), so a run without the flag records the same options as before
            ResponseLatency = responseLatencyMs == 0 ? null : LatencyModel.Constant((long)Math.Round(responseLatencyMs * 1_000_000)),
            QueuePosition = parsed.GetValue(_queue) switch { "conservative" => QueuePosition.Conservative, "power" => QueuePosition.ProbabilisticPower, "log" => QueuePosition.ProbabilisticLog, "fifo" => QueuePosition.Fifo, "optimistic" => QueuePosition.Optimistic, _ => QueuePosition.None },
            LimitFillsToDisplayedSize = parsed.GetValue(_displayedSize),
            EquitySampleIntervalNs = interval is null or "auto" ? automaticInterval ?? DefaultEquityInterval(span.First, span.Last) : RequestedEquityInterval(interval, span.Last - span.First),
            PeriodsPerYear = PeriodsPerYear(parsed),
            Account = ReadAccount(parsed),
            Instruments = parsed.GetValue(_instruments) is { } path ? ReadInstruments(path) : null,
            OffGridOrders = parsed.GetValue(_roundOffGrid) ? OffGridOrders.Round : OffGridOrders.Reject,
            StopTrigger = parsed.GetValue(_stopTrigger) switch { "bid-ask" => StopTrigger.BidAsk, "mark-price" => StopTrigger.MarkPrice, _ => StopTrigger.LastPrice },
            MarkWith = parsed.GetValue(_markWith) == "mark-price" ? MarkSource.MarkPrice : MarkSource.Events,
            ReportingCurrency = parsed.GetValue(_reportingCurrency),
        };
        BacktesterCli.Input("invalid backtest option", () => { options.Validate(); return 0; });
        return options;
    }

    /// <summary>The library's bound, in the flag's words: at most a period a nanosecond, what the finest sampling interval gives.</summary>
    private double? PeriodsPerYear(ParseResult parsed)
    {
        const double periodsOfOneNs = 365 * 86_400e9;
        if (parsed.GetValue(_periodsPerYear) is not { } periods) return null;
        if (!(periods > 0 && double.IsFinite(periods)))
            throw new UserErrorException($"--periods-per-year must be a positive number (252, 365, 52, 12, ...), got {periods.ToString(CultureInfo.InvariantCulture)}.");
        if (periods > periodsOfOneNs)
            throw new UserErrorException($"--periods-per-year must be at most {periodsOfOneNs.ToString("N0", CultureInfo.InvariantCulture)} (a period a nanosecond), got {periods.ToString(CultureInfo.InvariantCulture)}.");
        return periods;
    }

    private AccountOptions ReadAccount(ParseResult parsed)
    {
        string account = parsed.GetValue(_account) ?? "margin";
        double leverage = parsed.GetValue(_leverage), maintenance = parsed.GetValue(_maintenanceMargin);
        if (!(leverage >= 1) || double.IsInfinity(leverage))
            throw new UserErrorException($"--leverage must be at least 1, got {leverage.ToString(CultureInfo.InvariantCulture)}.");
        if (!(maintenance >= 0 && maintenance <= 1 / leverage))
            throw new UserErrorException($"--maintenance-margin must be between 0 and 1/leverage ({(1 / leverage).ToString(CultureInfo.InvariantCulture)}), got {maintenance.ToString(CultureInfo.InvariantCulture)}.");
        AccountOptions options = account.ToLowerInvariant() switch
        {
            "margin" => AccountOptions.Margin(leverage, maintenance),
            "cash" => AccountOptions.Cash(),
            "unlimited" => AccountOptions.Unlimited,
            _ => throw new UserErrorException($"--account must be margin, cash or unlimited, got '{account}'."),
        };
        string[] isolated = IsolatedSymbols(parsed.GetValue(_isolated));
        if (isolated.Length == 0) return options;
        if (options.Type != AccountType.Margin)
            throw new UserErrorException($"--isolated is for margin accounts; --account is {account}.");
        return options with { IsolatedSymbols = isolated };
    }

    /// <summary>The names of <c>--isolated</c> (comma-separated, repeatable), each once, in the order given.</summary>
    private static string[] IsolatedSymbols(string[]? values)
    {
        var names = new System.Collections.Generic.List<string>();
        foreach (string value in values ?? [])
            foreach (string part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (!names.Contains(part)) names.Add(part);
        return names.ToArray();
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

    private static double NonNegative(ParseResult parsed, Option<double> option)
    {
        double value = parsed.GetValue(option);
        if (!(value >= 0) || double.IsInfinity(value))
            throw new UserErrorException($"{option.Name} must be a non-negative number, got {value.ToString(CultureInfo.InvariantCulture)}.");
        return value;
    }

    /// <summary>A fee in basis points between <paramref name="min"/> and <see cref="BacktestOptions.MaxRateBps"/> (the whole notional).</summary>
    private static double Rate(ParseResult parsed, Option<double> option, double min, string minText)
    {
        double value = parsed.GetValue(option);
        if (!(value >= min && value <= BacktestOptions.MaxRateBps))
            throw new UserErrorException($"{option.Name} must be between {minText} and 10000 basis points (10000: the whole notional), got {value.ToString(CultureInfo.InvariantCulture)}.");
        return value;
    }

    /// <summary>Slippage in basis points, at least 0 and below <see cref="BacktestOptions.MaxRateBps"/> (at 100 % a sell would fill at 0).</summary>
    private double Slippage(ParseResult parsed)
    {
        double value = parsed.GetValue(_slippageBps);
        if (!(value >= 0 && value < BacktestOptions.MaxRateBps))
            throw new UserErrorException($"{_slippageBps.Name} must be at least 0 and below 10000 basis points (at 10000 a sell would fill at 0), got {value.ToString(CultureInfo.InvariantCulture)}.");
        return value;
    }

    /// <summary>The library's rule (<see cref="EquitySampling"/>), so the CLI and <see cref="Backtest.Run"/> agree on the same data.</summary>
    public static long DefaultEquityInterval(MarketData data) => EquitySampling.IntervalFor(data);

    /// <summary><c>--equity-interval</c> as given, refused when it would take more samples than the library takes (EquitySampling.MaxRequestedSamples).</summary>
    private static long RequestedEquityInterval(string text, long spanNs)
    {
        long interval = Durations.ParseNs("--equity-interval", text);
        if (interval > 0 && EquitySampling.SamplesFor(interval, spanNs) > EquitySampling.MaxRequestedSamples)
            throw new UserErrorException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"--equity-interval {text} takes {EquitySampling.SamplesFor(interval, spanNs):N0} equity samples over the data's {Durations.Approximately(spanNs)}; at most {EquitySampling.MaxRequestedSamples:N0} are taken: give {Durations.AtLeast(spanNs / (EquitySampling.MaxRequestedSamples - 1) + 1)} or more."));
        return interval;
    }

    /// <summary>The library's rule for data from <paramref name="first"/> to <paramref name="last"/> (ns).</summary>
    public static long DefaultEquityInterval(long first, long last) => EquitySampling.IntervalFor(last - first);
}
