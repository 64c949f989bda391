using System.IO;
using Backtester;
using Backtester.Data;
using Backtester.Samples;
using Spectre.Console;

// 1. Trades (200,000, 2 symbols, one every millisecond) and a quote 500 µs after each, 2 bps wide around the trade.
using MarketData trades = SyntheticData.Trades(new SyntheticDataOptions { Events = 200_000, Symbols = 2, IntervalNs = 1_000_000 });
QuoteColumns quotes = QuotesFromTrades.Build(trades.Trades, spreadBps: 2, tick: 0.01, delayNs: 500_000);
using var data = new MarketData(trades.Symbols, trades.Trades, quotes);

// 2. A venue with latency and a maker rebate: resting limit orders earn 0.5 bp, taking costs 2 bp.
var options = new BacktestOptions
{
    OrderLatencyNs = 200_000,                  // 200 µs to reach the venue: quotes go stale in flight
    MakerFeeBps = -0.5,
    TakerFeeBps = 2,
    QueuePosition = QueuePosition.Conservative,
    TradeLog = TradeLogMode.All,
    EquitySampleIntervalNs = 1_000_000_000,    // one second
};

// 3. One run with the default parameters, writing summary/fills/equity.arrow.
string folder = args.Length > 0 ? args[0] : "out/MarketMaker";
BacktestResult result = Backtest.Run(data, new MarketMaker(), options with { Output = new RunOutput(folder) });
BacktestSummary s = result.Summary;
var table = new Table().Title("MarketMaker, 1 bp half spread").AddColumns("Fills", "Maker fills", "Net PnL", "Fees (rebates < 0)", "Max drawdown");
int maker = 0;
foreach (Fill fill in result.Fills.Span) if (fill.IsMaker) maker++;
table.AddRow($"{s.Fills:N0}", $"{maker:N0}", $"{s.NetPnl:F2}", $"{s.Fees:F2}", $"{s.MaxDrawdown:F2}");
AnsiConsole.Write(table);

// 4. The 12 combinations of half spread x inventory limit.
SweepResult<MarketMaker.Parameters> sweep = Sweep.Run(data, MarketMaker.Grid, new SweepOptions { Backtest = options with { TradeLog = TradeLogMode.SummaryOnly } });
var ranked = new Table().Title("Sweep, best net PnL first").AddColumns("HalfSpreadBps", "MaxPosition", "Net PnL", "Fills");
foreach (SweepRow<MarketMaker.Parameters> row in sweep.Top(5, x => x.NetPnl))
    ranked.AddRow($"{row.Parameters.HalfSpreadBps}", $"{row.Parameters.MaxPosition}", $"{row.Summary.NetPnl:F2}", $"{row.Summary.Fills:N0}");
AnsiConsole.Write(ranked);
AnsiConsole.MarkupLine($"result files in [bold]{Path.GetFullPath(folder)}[/]");
