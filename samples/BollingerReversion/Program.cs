using System.IO;
using Backtester;
using Backtester.Data;
using Backtester.Samples;
using Spectre.Console;

// 1. Market data: 400,000 synthetic trades of 2 symbols, one every 100 ms (about 11 hours).
using MarketData trades = SyntheticData.Trades(new SyntheticDataOptions { Events = 400_000, Symbols = 2, IntervalNs = 100_000_000 });

// 2. Resample them to 1-minute bars; each bar is stamped with its interval's end, so nothing looks ahead.
const long OneMinute = 60_000_000_000;
BarColumns bars = BarResampler.FromTrades(trades.Trades, OneMinute);
var empty = new TradeColumns(bars.Source, trades.Symbols.Count, default, default, default, default, default);
using var data = new MarketData(trades.Symbols, empty, bars: bars);
AnsiConsole.MarkupLine($"{trades.EventCount:N0} trades -> {bars.Count:N0} one-minute bars of {data.Symbols.Count} symbols");

// Keep the bars as an Arrow file, so the CLI can run the strategy on them too:
//   dotnet build samples/BollingerReversion -c Release -o out/strategies && dotnet run --project src/Cli -- run --assembly out/strategies/BollingerReversion.dll --strategy BollingerReversion --data out/BollingerReversion/bars-1m.arrow --out out/bb
string folder = args.Length > 0 ? args[0] : "out/BollingerReversion";
ArrowMarketDataWriter.Write(data.Symbols, bars, Path.Combine(folder, "bars-1m.arrow"));

// 3. One backtest with the defaults (20 bars, 2 standard deviations), writing its result files.
var options = new BacktestOptions { TakerFeeBps = 1, EquitySampleIntervalNs = OneMinute * 10 };
BacktestResult one = Backtest.Run(data, new BollingerReversion(), options with { Output = new RunOutput(Path.Combine(folder, "run")) });
AnsiConsole.MarkupLine($"Period 20, 2.0 sd: net PnL [bold]{one.Summary.NetPnl:F2}[/] over {one.Summary.RoundTrips} round trips, win rate {one.Summary.WinRate:P0}");

// 4. Every combination of the [Param] ranges (4 periods x 3 widths), best first.
SweepResult<BollingerReversion.Parameters> sweep = Sweep.Run(data, BollingerReversion.Grid, new SweepOptions { Backtest = options });
var table = new Table().Title("Sweep, best net PnL first").AddColumns("Period", "Deviations", "Net PnL", "Round trips", "Win rate");
foreach (SweepRow<BollingerReversion.Parameters> row in sweep.Top(5, s => s.NetPnl))
    table.AddRow($"{row.Parameters.Period}", $"{row.Parameters.Deviations:0.0}", $"{row.Summary.NetPnl:F2}", $"{row.Summary.RoundTrips}", $"{row.Summary.WinRate:P0}");
AnsiConsole.Write(table);
AnsiConsole.MarkupLine($"result files in [bold]{Path.GetFullPath(Path.Combine(folder, "run"))}[/]");
