using System.Globalization;
using Backtester;

// Sweeps every combination of MyStrategy's [Param] ranges over a week of the built-in market (four crypto symbols:
// trades, quotes and one-minute bars) on all cores, then prints the five best combinations by net PnL.
MarketData data = SyntheticData.Market(new SyntheticMarketOptions { Days = 7 });
var options = new SweepOptions { Backtest = new BacktestOptions { TakerFeeBps = 2, OrderLatencyNs = 1_000_000 } };

Console.WriteLine($"MyStrategy: {MyStrategy.Grid.Count} combinations over {data.EventCount:N0} events");
SweepResult<MyStrategy.Parameters> sweep = Sweep.Run(data, MyStrategy.Grid, options);

Console.WriteLine($"{"#",4} {"Net PnL",12} {"Sharpe",7} {"Fills",8}  Parameters");
foreach (SweepRow<MyStrategy.Parameters> row in sweep.Top(5, s => s.NetPnl))
{
    string pnl = row.Summary.NetPnl.ToString("N2", CultureInfo.InvariantCulture);
    string sharpe = row.Summary.Sharpe.ToString("0.00", CultureInfo.InvariantCulture);
    Console.WriteLine($"{row.Index,4} {pnl,12} {sharpe,7} {row.Summary.Fills,8}  {row.Parameters}");
}
