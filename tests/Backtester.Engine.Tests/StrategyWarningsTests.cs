using System.IO;
using Apache.Arrow.Ipc;
using Backtester.Engine.Tests.Strategies;
using Xunit;

namespace Backtester.Engine.Tests;

public class StrategyWarningsTests
{
    private static MarketData BarsOnly() => new Tape().Bar(60_000, 100, 101, 99, 100).Bar(120_000, 100, 102, 99, 101).Build();

    [Fact]
    public void An_on_trade_strategy_on_bars_only_data_is_warned_in_the_result_and_its_files()
    {
        using var dir = new TempDirectory();
        BacktestResult result = Backtest.Run(BarsOnly(), new EveryNth { Every = 1 }, new BacktestOptions { Output = new RunOutput(dir.Path) });

        string warning = Assert.Single(result.Warnings);
        Assert.Contains("EveryNth handles trades ([OnTrade])", warning);
        Assert.Contains("has only bars", warning);
        Assert.Equal(0, result.Summary.Fills);
        using FileStream stream = File.OpenRead(Path.Combine(dir.Path, "summary.arrow"));
        using var reader = new ArrowFileReader(stream);
        Assert.Equal(warning, reader.Schema.Metadata[StrategyWarnings.MetadataKey]);
    }

    [Fact]
    public void A_strategy_whose_handlers_match_the_data_gets_no_warning()
    {
        BacktestResult result = Backtest.Run(new Tape().Trades(100, 101, 102).Build(), new EveryNth { Every = 1 });
        Assert.Empty(result.Warnings);
        Assert.Empty(StrategyWarnings.For(typeof(EveryNth), new Tape().Trades(100).Bar(60_000, 100, 101, 99, 100).Build()));
    }
}
