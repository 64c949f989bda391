using System;
using Backtester.Cli.Tests.Strategies;
using Backtester.Samples;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>The quickstart sample's decision cadence: a countdown that decides on the trades a count modulo Every did.</summary>
public class SmaCrossSampleTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(256)]
    public void The_countdown_decides_on_the_same_trades_as_a_count_modulo_every(int every)
    {
        MarketData data = SyntheticData.Trades(new SyntheticDataOptions { Events = 60_000, Symbols = 3, Seed = 11 });
        BacktestResult countdown = Backtest.Run(data, new SmaCross { Fast = 50, Slow = 500, Size = 0.5, Every = every });
        BacktestResult modulo = Backtest.Run(data, new ModuloSmaCross { Fast = 50, Slow = 500, Size = 0.5, Every = every });

        Assert.True(modulo.Summary.Fills > 2, $"only {modulo.Summary.Fills} fills: the comparison would prove little");
        Assert.Equal(modulo.Fills.ToArray(), countdown.Fills.ToArray());
        Assert.Equal(modulo.Summary.FinalEquity, countdown.Summary.FinalEquity);
        Assert.Equal(modulo.Summary.RoundTrips, countdown.Summary.RoundTrips);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-256)]
    public void A_cadence_below_one_trade_is_refused_at_the_start(int every)
    {
        MarketData data = SyntheticData.Trades(new SyntheticDataOptions { Events = 1_000, Symbols = 2, Seed = 11 });
        Exception e = Assert.ThrowsAny<Exception>(() => Backtest.Run(data, new SmaCross { Every = every }));
        var refused = e as ArgumentOutOfRangeException ?? e.InnerException as ArgumentOutOfRangeException;
        Assert.NotNull(refused);
        Assert.Equal("Every", refused!.ParamName);
    }
}
