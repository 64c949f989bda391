using System.Linq;
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

        // the strategy's warning first; then the run's own: 60 µs of bars are far less than a year (decision 0102)
        Assert.Equal(2, result.Warnings.Count);
        string warning = result.Warnings[0];
        Assert.Contains("EveryNth handles trades ([OnTrade])", warning);
        Assert.Contains("has only bars", warning);
        Assert.StartsWith("the equity samples cover 60us", result.Warnings[1]);
        Assert.Equal(0, result.Summary.Fills);
        using FileStream stream = File.OpenRead(Path.Combine(dir.Path, "summary.arrow"));
        using var reader = new ArrowFileReader(stream);
        Assert.Equal(warning + "\n" + result.Warnings[1], reader.Schema.Metadata[StrategyWarnings.MetadataKey]);
    }

    [Fact]
    public void A_strategy_whose_handlers_match_the_data_gets_no_warning()
    {
        BacktestResult result = Backtest.Run(new Tape().Trades(100, 101, 102).Build(), new EveryNth { Every = 1 });
        // only the run's own: 2 µs of trades are less than a year (decision 0102)
        Assert.StartsWith("the equity samples cover 2us", Assert.Single(result.Warnings));
        Assert.Empty(StrategyWarnings.For(typeof(EveryNth), new Tape().Trades(100).Bar(60_000, 100, 101, 99, 100).Build()));
    }

    [Fact]
    public void Data_whose_prices_the_stop_trigger_never_sees_is_warned_of()
    {
        MarketData book = new Tape().Level(1_000, BookSide.Bid, 99, 1).Level(1_000, BookSide.Ask, 101, 1).Build();
        MarketData quotes = new Tape().Quote(1_000, 99, 1, 101, 1).Build();
        MarketData trades = new Tape().Trades(100, 101).Build();
        var touch = new BacktestOptions { StopTrigger = StopTrigger.BidAsk };

        // A book or quotes alone under the default (the last price): stops never trigger.
        Assert.Equal($"If EveryNth sends stop or stop-limit orders without a trigger of their own, none will trigger: the data '{book.Source}' has no trades or bars, the only prices StopTrigger.LastPrice (the default) triggers on. Set BacktestOptions.StopTrigger = StopTrigger.BidAsk (--stop-trigger bid-ask) to trigger them on the touch.",
            Assert.Single(StrategyWarnings.For(typeof(EveryNth), book, null), w => w.Contains("stop")));
        Assert.Contains(StrategyWarnings.For(typeof(EveryNth), quotes, new BacktestOptions()), w => w.StartsWith("If EveryNth sends stop", System.StringComparison.Ordinal));
        // The touch on trades alone: likewise.
        Assert.Equal($"If EveryNth sends stop or stop-limit orders without a trigger of their own, none will trigger: the data '{trades.Source}' has no quotes or book updates, the only prices StopTrigger.BidAsk triggers on. Use StopTrigger.LastPrice (--stop-trigger last) to trigger them on trades and bars.",
            Assert.Single(StrategyWarnings.For(typeof(EveryNth), trades, touch)));
        // Prices the trigger sees: no warning of stops.
        Assert.DoesNotContain(StrategyWarnings.For(typeof(EveryNth), book, touch), w => w.Contains("stop"));
        Assert.DoesNotContain(StrategyWarnings.For(typeof(EveryNth), quotes, touch), w => w.Contains("stop"));
        Assert.Empty(StrategyWarnings.For(typeof(EveryNth), trades, null));
        Assert.DoesNotContain(StrategyWarnings.For(typeof(EveryNth), BarsOnly(), null), w => w.Contains("stop"));
        // The mark price without a mark-price series: likewise; with one, no warning.
        var mark = new BacktestOptions { StopTrigger = StopTrigger.MarkPrice };
        Assert.Equal($"If EveryNth sends stop or stop-limit orders without a trigger of their own, each will be rejected (Unsupported): the data '{trades.Source}' has no mark prices, the only prices StopTrigger.MarkPrice triggers on. Give a mark-price series (MarketData.WithMarkPrices, --mark-prices) or use StopTrigger.LastPrice (--stop-trigger last).",
            Assert.Single(StrategyWarnings.For(typeof(EveryNth), trades, mark)));
        Assert.Empty(StrategyWarnings.For(typeof(EveryNth), new Tape().Trades(100, 101).Mark(1_500, 100).Build(), mark));
        // Marks for A only: the stops on B are named.
        MarketData some = new Tape("A", "B", "C").Trade(1_000, 100).Trade(1_000, 50, symbol: 1).Trade(1_000, 20, symbol: 2).Mark(1_500, 100).Build();
        Assert.Equal($"If EveryNth sends stop or stop-limit orders without a trigger of their own on B, C, each will be rejected (Unsupported): the data '{some.Source}' has no mark price for those symbols, and StopTrigger.MarkPrice triggers only on mark prices. Give a mark-price series for every symbol (MarketData.WithMarkPrices, --mark-prices), use StopTrigger.LastPrice (--stop-trigger last), or give those stops a trigger of their own.",
            Assert.Single(StrategyWarnings.For(typeof(EveryNth), some, mark)));
        Assert.DoesNotContain(StrategyWarnings.For(typeof(EveryNth), some, null), w => w.Contains("stop"));
    }
}
