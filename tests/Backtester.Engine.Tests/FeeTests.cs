using System;
using System.Collections.Generic;
using Xunit;
using Backtester;

namespace Backtester.Engine.Tests;

public class FeeTests
{
    private static readonly MarketData TwoSymbols = new Tape("X", "Y")
        .Trade(1_000, 100).Trade(1_000, 200, symbol: 1).Trade(2_000, 100).Trade(2_000, 200, symbol: 1).Build();

    [Fact]
    public void Per_symbol_fees_override_the_defaults_by_symbol_name()
    {
        var script = new Script().At(0, Side.Buy, 1, symbol: 0).At(1, Side.Buy, 1, symbol: 1);
        var options = new BacktestOptions { TakerFeeBps = 10, SymbolFees = new Dictionary<string, FeeSchedule> { ["Y"] = new(0, 50) } };

        var (result, _) = Runs.Of(TwoSymbols, script, options);

        // X: 100 × 0.001 = 0.1; Y: 200 × 0.005 = 1.0
        Assert.Equal(new[] { 0.1, 1.0 }, script.Fills.ConvertAll(f => Math.Round(f.Fee, 12)));
        Assert.Equal(1.1, result.Summary.Fees, 12);
        Assert.Equal(1.0, result.Positions[1].Fees, 12);
    }

    [Fact]
    public void Fees_for_a_symbol_not_in_the_data_are_an_error_naming_it()
    {
        var options = new BacktestOptions { SymbolFees = new Dictionary<string, FeeSchedule> { ["Z"] = new(0, 1) } };

        var ex = Assert.Throws<ArgumentException>(() => Runs.Of(TwoSymbols, new Script(), options));
        Assert.Contains("'Z'", ex.Message);
    }

    [Fact]
    public void Fixed_fee_applies_to_maker_fills_too()
    {
        var script = new Script().Do(0, o => o.Limit(Side.Buy, 2, 99));

        Runs.Of(new Tape().Trades(100, 100, 98).Build(), script, new BacktestOptions { MakerFeeBps = -1, FeePerFill = 0.05 });

        Assert.Equal(2 * 99 * -0.0001 + 0.05, Assert.Single(script.Fills).Fee, 12);
    }
}
