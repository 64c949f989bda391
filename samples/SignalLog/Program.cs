using System.IO;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Backtester;
using Backtester.Samples;
using Spectre.Console;

// 1. One backtest over 500,000 synthetic trades; Output makes the run write its files, including signal.arrow,
//    the rows the strategy logged with orders.Log(new Signal { ... }).
string folder = args.Length > 0 ? args[0] : "out/SignalLog";
using MarketData data = SyntheticData.Trades(new SyntheticDataOptions { Events = 500_000, Symbols = 2 });
BacktestResult result = Backtest.Run(data, new ZScoreSignals(), new BacktestOptions
{
    TakerFeeBps = 1,
    EquitySampleIntervalNs = 1_000_000, // 1 ms: the synthetic trades span half a second
    Output = new RunOutput(folder),
});
AnsiConsole.MarkupLine($"net PnL [bold]{result.Summary.NetPnl:F2}[/], {result.Summary.Fills:N0} fills");

// 2. Read the first signals back with Apache.Arrow (Python: polars.read_ipc or pyarrow, see samples/python).
string file = Path.Combine(folder, "signal.arrow");
using FileStream stream = File.OpenRead(file);
using var reader = new ArrowFileReader(stream);
var table = new Spectre.Console.Table().Title($"First signals in {file}").AddColumns("time (ns)", "symbol", "price", "z", "target", "kind");
using (RecordBatch batch = reader.ReadNextRecordBatch())
{
    for (int i = 0; i < System.Math.Min(5, batch.Length); i++)
    {
        Signal signal = Signal.ReadRow(batch, i);
        table.AddRow($"{signal.Time}", $"{data.Symbols[signal.SymbolId]}", $"{signal.Price:F2}", $"{signal.ZScore:F2}", $"{signal.Target}", $"{signal.Kind}");
    }
}
AnsiConsole.Write(table);
AnsiConsole.MarkupLine($"summary, fills, equity and signal.arrow in [bold]{Path.GetFullPath(folder)}[/]");
