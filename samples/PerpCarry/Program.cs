using System.IO;
using Backtester;
using Backtester.Samples;
using Spectre.Console;

// 1. A perpetual's trades: 90 days of synthetic trades of one symbol, one every 10 s, and funding every 8 hours.
using MarketData trades = SyntheticData.Trades(new SyntheticDataOptions { Events = 777_600, Symbols = 1, IntervalNs = 10_000_000_000 });
MarketData data = trades.WithFunding(SyntheticFunding.For(trades));
AnsiConsole.MarkupLine($"{data.EventCount:N0} trades of {data.Symbols[0]} and {data.Funding.Count} funding settlements");

// 2. The contract and the account: tick 0.01, lot 1, minimum notional 5, 10% initial / 5% maintenance margin,
//    taker 4 bps; a margin account at 10x.
var perp = new Instrument(data.Symbols[0])
{
    TickSize = 0.01, LotSize = 1, MinNotional = 5, InitialMargin = 0.1, MaintenanceMargin = 0.05, TakerFeeBps = 4,
    BaseCurrency = "SYN", QuoteCurrency = "USDT", SettlementCurrency = "USDT",
};
var options = new BacktestOptions
{
    Instruments = [perp],
    Account = AccountOptions.Margin(leverage: 10, maintenanceMargin: 0.05),
    OrderLatencyNs = 50_000_000, // 50 ms
};

// 3. One run with result files: summary, fills and ledger.arrow (one row per funding payment).
string folder = args.Length > 0 ? args[0] : "out/PerpCarry";
var strategy = new PerpCarry();
BacktestResult one = Backtest.Run(data, strategy, options with { Output = new RunOutput(Path.Combine(folder, "run")) });
BacktestSummary s = one.Summary;
AnsiConsole.MarkupLine($"EntryBps 1, EMA of 3: net PnL [bold]{s.NetPnl:F2}[/] = price PnL {s.GrossPnl:F2} − fees {s.Fees:F2} + funding [bold]{s.Funding:F2}[/]; " +
    $"{s.RoundTrips} round trips, {strategy.Stops} hourly stops, {s.Liquidations} liquidations");

// 4. The account at work: 30 000 contracts (3 million of notional) need 300 000 of margin at 10x, more than the equity.
var oversized = new PerpCarry { Size = 30_000 };
BacktestSummary refused = Backtest.Run(data, oversized, options).Summary;
AnsiConsole.MarkupLine($"Size 30 000: {refused.BuyingPowerRejections} orders refused for margin, {refused.Fills} fills");

// 5. Every combination of the [Param] ranges (4 thresholds x 3 EMA lengths), best first.
SweepResult<PerpCarry.Parameters> sweep = Sweep.Run(data, PerpCarry.Grid, new SweepOptions { Backtest = options });
var table = new Table().Title("Sweep, best net PnL first").AddColumns("EntryBps", "Period", "Net PnL", "Funding", "Fees", "Round trips");
foreach (SweepRow<PerpCarry.Parameters> row in sweep.Top(5, r => r.NetPnl))
    table.AddRow($"{row.Parameters.EntryBps:0.0}", $"{row.Parameters.Period}", $"{row.Summary.NetPnl:F2}", $"{row.Summary.Funding:F2}", $"{row.Summary.Fees:F2}", $"{row.Summary.RoundTrips}");
AnsiConsole.Write(table);
AnsiConsole.MarkupLine($"result files in [bold]{Path.GetFullPath(Path.Combine(folder, "run"))}[/]");
