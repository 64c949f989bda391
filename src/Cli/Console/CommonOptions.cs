using System.CommandLine;

namespace Backtester.Cli;

/// <summary>Options several commands share. Each call makes new instances: an option belongs to one command.</summary>
internal static class CommonOptions
{
    public const string DefaultData = "synthetic:market";

    /// <summary><c>--quiet</c>; <paramref name="json"/> says whether the command also has <c>--json</c>, whose document it still prints.</summary>
    public static Option<bool> Quiet(bool json = true) => new("--quiet", "-q")
    {
        Description = json ? "Print nothing but errors (and the JSON with --json)." : "Print nothing but errors.",
    };

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

    /// <summary><c>--sort-if-unordered</c>: <see cref="Backtester.Data.MarketDataReadOptions.SortIfUnordered"/> for every data file the command reads.</summary>
    public static Option<bool> SortIfUnordered() => new("--sort-if-unordered")
    {
        Description = "When a symbol's timestamps go backwards in a data file, sort its rows by time (stable: rows of equal times keep their order) instead of refusing the file. Off by default: out-of-order data usually means a broken file. The data's fingerprint is of the rows as sorted.",
    };

    /// <summary>The read options of a command with <see cref="SortIfUnordered"/>.</summary>
    public static Backtester.Data.MarketDataReadOptions ReadOptions(bool sortIfUnordered) => new() { SortIfUnordered = sortIfUnordered };

    public static Option<string[]> Data() => new Option<string[]>("--data", "-d")
    {
        Description = "Market data: a .arrow/.feather/.ipc, .parquet or .csv(.gz) file; synthetic:market[,days=N,symbols=N,seed=N] (4 crypto symbols over 28 days: trades, quotes, 1-minute bars); or synthetic:events=N,symbols=N,seed=N (a fast random walk of trades). Several files (repeat --data, a folder, or a glob like 'days/*.arrow') replay one after another as segments, in the order given (a folder's or glob's files in ordinal order of their names); they must follow each other in time: a file starting before the previous one's last event is refused.",
        DefaultValueFactory = _ => [DefaultData],
        AllowMultipleArgumentsPerToken = true,
    }.RefusingOptionLikeValues();

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

    /// <summary>The value of an <c>--out</c> option: a folder name, not an empty string.</summary>
    public static string OutputFolder(string? value) =>
        string.IsNullOrWhiteSpace(value) ? throw new UserErrorException($"--out must name a folder, got '{value}'.") : value;

    public static ResultFormat FormatOf(string text) => text switch
    {
        "parquet" => ResultFormat.Parquet,
        "csv" => ResultFormat.Csv,
        _ => ResultFormat.Arrow,
    };

    public static Option<double> FeeBps() => new("--fee-bps") { Description = "Taker fee in basis points of the traded notional.", DefaultValueFactory = _ => 0 };

    public static Option<double> MakerFeeBps() => new("--maker-fee-bps") { Description = "Maker fee in basis points (negative for a rebate).", DefaultValueFactory = _ => 0 };

    public static Option<double> LatencyMs() => new("--latency-ms") { Description = "Order latency in milliseconds: from the event a request is decided on to the venue.", DefaultValueFactory = _ => 0 };

    public static Option<double> ResponseLatencyMs() => new("--response-latency-ms") { Description = "Response latency in milliseconds: from a fill or order update at the venue until the strategy hears of it (its position and open quantity change then).", DefaultValueFactory = _ => 0 };

    public static Option<double> FeedLatencyMs() => new("--feed-latency-ms") { Description = "Feed latency in milliseconds: how late the strategy sees each event (adds to --latency-ms).", DefaultValueFactory = _ => 0 };

    public static Option<double> InitialCapital() => new("--initial-capital") { Description = "Starting cash in quote currency.", DefaultValueFactory = _ => 100_000 };

    public static Option<double> SlippageBps() => new("--slippage-bps") { Description = "Slippage of market and stop fills in basis points, against the order.", DefaultValueFactory = _ => 0 };

    public static Option<string> QueueModel()
    {
        var option = new Option<string>("--queue")
        {
            Description = "Whether a trade exactly at a resting limit's price fills it: none (never; only trades through it), conservative (after the displayed size ahead of it; cancellations never advance it), power or log (as conservative, and a part of each cancellation at its price counts as ahead of it: f(ahead)/(f(ahead)+f(behind)), f(x) = x^2 or ln(1+x)), fifo (on market-by-order data: exactly the orders there before it; elsewhere conservative) or optimistic (always).",
            DefaultValueFactory = _ => "none",
        };
        option.AcceptOnlyFromAmong("none", "conservative", "power", "log", "fifo", "optimistic");
        return option;
    }

    public static Option<bool> LimitToDisplayedSize() => new("--limit-to-displayed-size") { Description = "Fill at most the size the data shows (quote size at the touch, trade size, bar volume)." };

    public static Option<string?> EquityInterval() => new("--equity-interval")
    {
        Description = "Equity sampling interval, e.g. 10ms, 1s, 5m, 1h, 1d. Default: auto, 1d for data spanning 10 days or more, else the round interval giving at most 1,000 samples.",
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

    public static Option<string[]> Isolated() => new("--isolated")
    {
        Description = "Symbols on isolated margin (comma-separated, repeatable), e.g. BTCUSDT,ETHUSDT: each position carries its own margin and only it is liquidated when that margin runs out; the others stay on cross margin. Margin accounts only.",
    };

    public static Option<string?> Instruments() => new("--instruments")
    {
        Description = "Instrument specifications (tick and lot size, minimums, multiplier, fees, margin): a JSON file of ours or Binance exchangeInfo.",
    };

    public static Option<string[]> Funding() => new("--funding")
    {
        Description = "Funding settlements to replay with the data (repeatable): a Binance fundingRate CSV or a Tardis derivative_ticker file (.csv or .csv.gz).",
    };

    public static Option<string[]> MarkPrices() => new("--mark-prices")
    {
        Description = "The exchange's mark prices to replay with the data (repeatable): Binance markPriceKlines or a Tardis derivative_ticker file (.csv or .csv.gz). Used by --mark-with mark-price and --stop-trigger mark-price.",
    };

    public static Option<string> MarkWith()
    {
        var option = new Option<string>("--mark-with")
        {
            Description = "What positions are valued at for equity, margin and liquidation: events (trade prices, quote and book mids, bar closes; the default) or mark-price (the exchange's mark prices of --mark-prices, as perpetual futures are margined).",
            DefaultValueFactory = _ => "events",
        };
        option.AcceptOnlyFromAmong("events", "mark-price");
        return option;
    }

    public static Option<bool> RoundOffGrid() => new("--round-off-grid")
    {
        Description = "Round orders off their instrument's tick or lot grid onto it, instead of rejecting them.",
    };

    public static Option<string> StopTrigger()
    {
        var option = new Option<string>("--stop-trigger")
        {
            Description = "Which prices trigger stop and stop-limit orders: last (trades, and bars by their range; the default), bid-ask (the best ask for a buy, the best bid for a sell, on quotes and the L2 book's touch: for data without trades) or mark-price (the exchange's mark prices of --mark-prices). A stop the strategy gives a trigger of its own keeps it.",
            DefaultValueFactory = _ => "last",
        };
        option.AcceptOnlyFromAmong("last", "bid-ask", "mark-price");
        return option;
    }
}
