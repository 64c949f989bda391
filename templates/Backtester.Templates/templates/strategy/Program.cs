using System.Globalization;
using Backtester;

// Sweeps every combination of MyStrategy's [Param] ranges over synthetic trades on all cores,
// then prints the five best combinations by net PnL.
MarketData data = SyntheticData.Trades(new SyntheticDataOptions { Events = 200_000 });
var options = new SweepOptions { Backtest = new BacktestOptions { TakerFeeBps = 2, OrderLatencyNs = 1_000_000 } };

Console.WriteLine($"MyStrategy: {MyStrategy.Grid.Count} combinations over {data.EventCount:N0} trades");
SweepResult<MyStrategy.Parameters> sweep = Sweep.Run(data, MyStrategy.Grid, options);

Console.WriteLine($"{"#",4} {"Net PnL",12} {"Fills",8}  Parameters");
foreach (SweepRow<MyStrategy.Parameters> row in sweep.Top(5, s => s.NetPnl))
{
    string pnl = row.Summary.NetPnl.ToString("F2", CultureInfo.InvariantCulture);
    Console.WriteLine($"{row.Index,4} {pnl,12} {row.Summary.Fills,8}  {row.Parameters}");
}
