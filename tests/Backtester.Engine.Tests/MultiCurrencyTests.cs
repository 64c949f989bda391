using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>Linear USDT contracts beside inverse BTC ones: balances per currency, equity in the reporting currency (docs/decisions/0044).</summary>
public class MultiCurrencyTests
{
    private static readonly Instrument Linear = new("BTCUSDT") { BaseCurrency = "BTC", QuoteCurrency = "USDT" };
    private static readonly Instrument Inverse = new("BTCUSD") { Kind = ContractKind.Inverse, ContractMultiplier = 100, BaseCurrency = "BTC", QuoteCurrency = "USD", SettlementCurrency = "BTC" };

    private static BacktestOptions Options => new() { Instruments = new[] { Linear, Inverse } }; // 100 000 USDT, 1x margin, no fees

    /// <summary>Both symbols trade at the same price at each step, BTCUSDT first: 20 000, 20 000, 25 000, 16 000.</summary>
    private static MarketData Prices()
    {
        var tape = new Tape("BTCUSDT", "BTCUSD");
        double[] prices = { 20_000, 20_000, 25_000, 16_000 };
        for (int i = 0; i < prices.Length; i++)
            tape.Trade(1_000 + 2_000L * i, prices[i], symbol: 0).Trade(2_000 + 2_000L * i, prices[i], symbol: 1);
        return tape.Build();
    }

    [Fact]
    public void A_linear_long_and_an_inverse_short_report_equity_in_usdt_with_the_btc_balance_converted_at_the_btcusdt_price()
    {
        // Long 1 BTCUSDT and short 100 BTCUSD contracts (100 USD each), both filled at 20 000. Equity (USDT) after each
        // event = USDT part (100 000 + 1 × (BTCUSDT − 20 000)) + BTC part × BTCUSDT price, where the BTC part is the
        // short's PnL 100 × 100 × (1/BTCUSD − 1/20 000):
        //   e0..e3 at 20 000:            100 000 + 0                                    = 100 000
        //   e4 BTCUSDT 25 000 (BTCUSD still 20 000): 105 000 + 0 × 25 000                 = 105 000
        //   e5 BTCUSD 25 000: BTC part 10 000 × (1/25 000 − 1/20 000) = −0.1 BTC → 105 000 − 2 500 = 102 500
        //   e6 BTCUSDT 16 000: 96 000 − 0.1 × 16 000                                    = 94 400
        //   e7 BTCUSD 16 000: BTC part 10 000 × (1/16 000 − 1/20 000) = 0.125 BTC → 96 000 + 2 000 = 98 000
        var runner = new BacktestRunner();
        var equity = new List<double>();
        var script = new Script().At(0, Side.Buy, 1, symbol: 0).Do(1, o => o.Market(Side.Sell, 100));
        script.AtEachEvent = _ => equity.Add(runner.Portfolio.Equity);
        var driver = new ScriptedDriver(script);

        BacktestResult result = runner.Run(Prices(), ref driver, Options);

        Assert.Equal(new[] { 20_000.0, 20_000.0 }, script.Fills.Select(f => f.Price).ToArray());
        Assert.Equal(new[] { 100_000.0, 100_000, 100_000, 100_000, 105_000, 102_500, 94_400, 98_000 }, equity.Select(e => Math.Round(e, 6)).ToArray());
        BacktestSummary s = result.Summary;
        Assert.Equal(98_000, s.FinalEquity, 6);
        Assert.Equal(-2_000, s.NetPnl, 6);
        // Unrealized: BTCUSDT 1 × (16 000 − 20 000) = −4 000 USDT; BTCUSD 0.125 BTC × 16 000 = 2 000 USDT.
        Assert.Equal(-4_000, result.Positions[0].UnrealizedPnl, 6);
        Assert.Equal(2_000, result.Positions[1].UnrealizedPnl, 6);
        Assert.Equal(-2_000, s.UnrealizedPnl, 6);
        // Turnover: 20 000 USDT + 100 × 100 / 20 000 = 0.5 BTC, which is 8 000 USDT at the final 16 000.
        Assert.Equal(28_000, s.Turnover, 6);
    }

    [Fact]
    public void Margin_is_one_pool_in_the_reporting_currency()
    {
        // 1x: the working BTCUSDT buy of 1 at 20 000 takes 20 000 USDT; one BTCUSD contract needs 100 / 20 000 = 0.005 BTC,
        // 100 USDT at BTCUSDT 20 000. 100 000 − 20 000 = 80 000 covers 800 contracts: 801 is refused, 800 accepted.
        var script = new Script().At(0, Side.Buy, 1, symbol: 0)
            .Do(1, o => o.Market(Side.Sell, 801))
            .Do(1, o => o.Market(Side.Sell, 800));

        var (result, _) = Runs.Of(Prices(), script, Options);

        Assert.Equal(RejectReason.InsufficientMargin, script.UpdatesOf(2).Single().RejectReason);
        Assert.Equal(-800, result.Positions[1].Position);
        Assert.Equal(1, result.Summary.BuyingPowerRejections);
    }

    [Fact]
    public void A_run_reports_in_the_chosen_currency()
    {
        // Reporting in BTC: capital 5 BTC; BTCUSDT's USDT balance is converted at 1 / BTCUSDT (base BTC, quote USDT).
        // Long 1 BTCUSDT at 20 000 and flat BTCUSD; at the end BTCUSDT is 16 000: USDT part −4 000 USDT = −0.25 BTC.
        var script = new Script().At(0, Side.Buy, 1, symbol: 0);

        var (result, _) = Runs.Of(Prices(), script, Options with { ReportingCurrency = "BTC", InitialCapital = 5 });

        Assert.Equal(5 - 0.25, result.Summary.FinalEquity, 12);
        Assert.Equal(-0.25, result.Positions[0].UnrealizedPnl, 12);
    }

    [Fact]
    public void A_currency_no_symbol_prices_is_refused_naming_it()
    {
        var eth = new Instrument("ETHUSDT") { BaseCurrency = "ETH", QuoteCurrency = "USDT" };
        var data = new Tape("ETHUSDT", "BTCUSD").Trade(1_000, 2_000).Trade(2_000, 20_000, symbol: 1).Build();

        var ex = Assert.Throws<ArgumentException>(() => Runs.Of(data, new Script(), new BacktestOptions { Instruments = new[] { eth, Inverse } }));

        Assert.Contains("settles in BTC", ex.Message);
        Assert.Contains("reporting currency USDT", ex.Message);
    }
    // Before, the run recorded reporting_currency XYZ over its one unnamed currency, converting nothing, and exited as usual.
    [Fact]
    public void A_reporting_currency_without_any_instrument_naming_a_currency_is_refused()
    {
        var data = new Tape("BTCUSDT").Trade(1_000, 20_000).Build();
        var options = new BacktestOptions { ReportingCurrency = "XYZ" };

        var run = Assert.Throws<ArgumentException>(() => Runs.Of(data, new Script(), options));
        Assert.Equal("ReportingCurrency", run.ParamName);
        Assert.StartsWith("ReportingCurrency XYZ: no instrument names the currency its symbol settles in", run.Message);
        Assert.Equal(run.Message, Assert.Throws<ArgumentException>(() => options.Validate(data.Symbols)).Message);
        options.Validate(); // the options alone are valid: only the data's symbols and instruments make them impossible
    }

    // Before, every combination failed alone at its start: a table of rows of this error.
    [Fact]
    public void A_sweep_refuses_a_reporting_currency_the_instruments_cannot_convert_into_before_any_combination_runs()
    {
        var options = new SweepOptions { Backtest = Options with { ReportingCurrency = "XYZ" } };
        int rows = 0;
        var ex = Assert.Throws<ArgumentException>(() => Sweep.Stream(Prices(), Strategies.EveryNth.Grid, _ => rows++, options));
        Assert.Contains("reporting currency XYZ", ex.Message);
        Assert.Equal(0, rows);
    }
}
