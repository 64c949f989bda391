using System.CommandLine;

namespace Backtester.Cli;

/// <summary>Options several commands share. Each call makes new instances: an option belongs to one command.</summary>
internal static class CommonOptions
{
    public const string DefaultData = "synthetic:market";

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "Print nothing but errors (and the JSON with --json)." };

    public static Option<bool> Json() => new("--json") { Description = "Print the result as JSON on stdout instead of a table." };

    public static Option<string> Strategy() => new("--strategy", "-s")
    {
        Description = "The strategy's name ([Strategy] Name or type name, any case).",
        Required = true,
    };

    public static Option<string[]> Assembly() => new("--assembly", "-a")
    {
        Description = "A compiled assembly with your strategies (repeatable); the samples' strategies are always available.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string> Data() => new("--data", "-d")
    {
        Description = "Market data: a .arrow/.feather/.ipc, .parquet or .csv(.gz) file; synthetic:market[,days=N,symbols=N,seed=N] (4 crypto symbols over 28 days: trades, quotes, 1-minute bars); or synthetic:events=N,symbols=N,seed=N (a fast random walk of trades).",
        DefaultValueFactory = _ => DefaultData,
    };

    public static Option<string> Format()
    {
        var option = new Option<string>("--format")
        {
            Description = "The format of every result file: arrow (memory-mapped by polars/pyarrow, read by report), parquet (DuckDB, Spark, pandas) or csv.",
            DefaultValueFactory = _ => "arrow",
        };
        option.AcceptOnlyFromAmong("arrow", "parquet", "csv");
        return option;
    }

    public static ResultFormat FormatOf(string text) => text switch
    {
        "parquet" => ResultFormat.Parquet,
        "csv" => ResultFormat.Csv,
        _ => ResultFormat.Arrow,
    };

    public static Option<double> FeeBps() => new("--fee-bps") { Description = "Taker fee in basis points of the traded notional." };

    public static Option<double> MakerFeeBps() => new("--maker-fee-bps") { Description = "Maker fee in basis points (negative for a rebate)." };

    public static Option<double> LatencyMs() => new("--latency-ms") { Description = "Order latency in milliseconds." };

    public static Option<string?> EquityInterval() => new("--equity-interval")
    {
        Description = "Equity sampling interval, e.g. 10ms, 1s, 5m, 1h, 1d (default: 1d, or 1/1000 of the data's span when it is under 10 days).",
    };
}
