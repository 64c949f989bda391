using System.IO;
using Backtester;
using Backtester.Data;
using Backtester.Samples;
using Spectre.Console;

// `dotnet run --project samples/BookMaker -- --write-tardis samples/BookMaker/tardis` writes the Tardis-format sample
// of docs/market-making.md and stops.
if (args is ["--write-tardis", string tardisFolder])
{
    TardisSample.Write(tardisFolder);
    AnsiConsole.MarkupLine($"wrote incremental_book_L2.csv and trades.csv to [bold]{Path.GetFullPath(tardisFolder)}[/]");
    return;
}

// 1. The seeded synthetic L2 market: 200,000 steps over 2 symbols, 1 ms apart, each an arrival, a cancel or a trade
//    that consumes the book (10 levels a side); trades and book updates replay together.
using MarketData data = SyntheticBook.Generate(new SyntheticBookOptions { Steps = 200_000, Symbols = 2, IntervalNs = 1_000_000 });

// 2. A venue with latency, queue position and a maker rebate: resting orders queue behind the size the book shows at
//    their price and earn 0.5 bp; taking costs 2 bp.
var options = new BacktestOptions
{
    OrderLatencyNs = 200_000,                  // 200 µs to reach the venue
    QueuePosition = QueuePosition.Conservative,
    MakerFeeBps = -0.5,
    TakerFeeBps = 2,
    TradeLog = TradeLogMode.All,
    EquitySampleIntervalNs = 1_000_000_000,    // one second
};

// 3. One run with the default parameters, writing summary/fills/equity.arrow.
string folder = args.Length > 0 ? args[0] : "out/BookMaker";
BacktestResult result = Backtest.Run(data, new BookMaker(), options with { Output = new RunOutput(folder) });
BacktestSummary s = result.Summary;
int maker = 0;
foreach (Fill fill in result.Fills.Span) if (fill.IsMaker) maker++;
var table = new Table().Title($"BookMaker on {data.Book.Count:N0} book updates and {data.Trades.Count:N0} trades")
    .AddColumns("Fills", "Maker fills", "Round trips", "Net PnL", "Fees (rebates < 0)", "Max drawdown");
table.AddRow($"{s.Fills:N0}", $"{maker:N0}", $"{s.RoundTrips:N0}", $"{s.NetPnl:F2}", $"{s.Fees:F4}", $"{s.MaxDrawdown:F2}");
AnsiConsole.Write(table);

// 4. The inventory limit swept: 1, 2 or 3 units either way.
SweepResult<BookMaker.Parameters> sweep = Sweep.Run(data, BookMaker.Grid, new SweepOptions { Backtest = options with { TradeLog = TradeLogMode.SummaryOnly } });
var ranked = new Table().Title("Sweep, best net PnL first").AddColumns("MaxPosition", "Net PnL", "Fills");
foreach (SweepRow<BookMaker.Parameters> row in sweep.Top(3, x => x.NetPnl))
    ranked.AddRow($"{row.Parameters.MaxPosition}", $"{row.Summary.NetPnl:F2}", $"{row.Summary.Fills:N0}");
AnsiConsole.Write(ranked);
AnsiConsole.MarkupLine($"result files in [bold]{Path.GetFullPath(folder)}[/]");
