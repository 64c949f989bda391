using System.CommandLine;

namespace Backtester.Cli;

/// <summary>Options several commands share. Each call makes new instances: an option belongs to one command.</summary>
internal static class CommonOptions
{
    public const string DefaultData = "synthetic:events=1000000,symbols=4,seed=42";

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "Print nothing but errors (and the JSON with --json)." };

    public static Option<bool> Json() => new("--json") { Description = "Print the result as JSON on stdout instead of a table." };

    public static Option<string> Strategy() => new("--strategy", "-s")
    {
        Description = "The strategy's name ([Strategy] Name or type name, any case).",
        Required = true,
    };

    public static Option<string[]> Assembly() => new("--assembly", "-a")
    {
        Description = "A compiled assembly with your strategies (repeatable); --strategy names a strategy of these assemblies.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string[]> Data() => new("--data", "-d")
    {
        Description = "Market data: a .arrow/.feather/.ipc, .parquet or .csv(.gz) file, or synthetic:events=N,symbols=N,seed=N. Several files (repeat --data, a folder, or a glob like 'days/*.arrow') replay one after another as segments, in path order.",
        DefaultValueFactory = _ => [DefaultData],
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>The value of an <c>--out</c> option: a folder name, not an empty string.</summary>
    public static string OutputFolder(string? value) =>
        string.IsNullOrWhiteSpace(value) ? throw new UserErrorException($"--out must name a folder, got '{value}'.") : value;

    public static Option<double> FeeBps() => new("--fee-bps") { Description = "Taker fee in basis points of the traded notional." };

    public static Option<double> MakerFeeBps() => new("--maker-fee-bps") { Description = "Maker fee in basis points (negative for a rebate)." };

    public static Option<double> LatencyMs() => new("--latency-ms") { Description = "Order latency in milliseconds." };

    public static Option<string?> EquityInterval() => new("--equity-interval")
    {
        Description = "Equity sampling interval, e.g. 10ms, 1s, 5m, 1h, 1d (default: 1d, or 1/1000 of the data's span when it is under 10 days).",
    };

    public static Option<string> Account() => new("--account")
    {
        Description = "The account: margin (default; orders beyond buying power are rejected, equity below maintenance margin is liquidated), cash (spot: no borrowing, no shorting) or unlimited (no limit).",
        DefaultValueFactory = _ => "margin",
    };

    public static Option<double> Leverage() => new("--leverage")
    {
        Description = "Maximum leverage of a margin account (initial margin 1/leverage), for symbols whose instrument sets none.",
        DefaultValueFactory = _ => 1,
    };

    public static Option<double> MaintenanceMargin() => new("--maintenance-margin")
    {
        Description = "Maintenance margin of a margin account as a fraction of notional (e.g. 0.05), for symbols whose instrument sets none.",
    };

    public static Option<string?> Instruments() => new("--instruments")
    {
        Description = "Instrument specifications (tick and lot size, minimums, multiplier, fees, margin): a JSON file of ours or Binance exchangeInfo.",
    };

    public static Option<bool> RoundOffGrid() => new("--round-off-grid")
    {
        Description = "Round orders off their instrument's tick or lot grid onto it, instead of rejecting them.",
    };
}
