using System;
using System.Linq;
using Xunit;

namespace Backtester.Engine.Tests;

public class InverseContractTests
{
    // COIN-M style: 100 USD per contract, settled in BTC; the account (capital 1 BTC) keeps BTC.
    private static readonly Instrument Perp = new("BTCUSD_PERP") { Kind = ContractKind.Inverse, ContractMultiplier = 100, BaseCurrency = "BTC", QuoteCurrency = "USD", SettlementCurrency = "BTC" };

    private static BacktestOptions Options => new() { InitialCapital = 1, Instruments = new[] { Perp } };

    private static MarketData Prices(params double[] prices) => new Tape("BTCUSD_PERP").Trades(prices).Build();

    [Fact]
    public void A_long_inverse_round_trip_realizes_contracts_times_multiplier_times_the_difference_of_reciprocals_in_the_base_coin()
    {
        // Buy 10 @ 20 000, sell 10 @ 25 000: 10 × 100 × (1/20 000 − 1/25 000) = 1000 × 0.00001 = 0.01 BTC.
        // Taker 5 bps on the BTC notional: 10 × 100 / 20 000 × 0.0005 = 0.000025, 10 × 100 / 25 000 × 0.0005 = 0.00002.
        var script = new Script().At(0, Side.Buy, 10).At(2, Side.Sell, 10);

        var (result, _) = Runs.Of(Prices(20_000, 20_000, 25_000, 25_000), script, Options with { TakerFeeBps = 5 });

        Assert.Equal(0.01, result.Summary.RealizedPnl, 12);
        Assert.Equal(new[] { 0.000025, 0.00002 }, script.Fills.Select(f => Math.Round(f.Fee, 15)).ToArray());
        Assert.Equal(0.05 + 0.04, result.Summary.Turnover, 12);
        Assert.Equal(1 + 0.01 - 0.000045, result.Summary.FinalEquity, 12);
        Assert.Equal(result.Summary.GrossPnl - result.Summary.Fees, result.Summary.NetPnl, 12);
    }

    [Fact]
    public void An_open_inverse_short_loses_as_the_price_rises_and_equity_follows_the_mark()
    {
        // Short 10 @ 20 000, marked at 25 000: 10 × 100 × (1/25 000 − 1/20 000) = −0.01 BTC unrealized.
        var script = new Script().At(0, Side.Sell, 10);

        var (result, _) = Runs.Of(Prices(20_000, 20_000, 22_000, 25_000), script, Options);

        Assert.Equal(-0.01, result.Positions[0].UnrealizedPnl, 12);
        Assert.Equal(1 - 0.01, result.Summary.FinalEquity, 12);
    }

    [Fact]
    public void Adding_to_an_inverse_position_averages_the_entry_harmonically()
    {
        // Buy 1 @ 20 000 and 1 @ 25 000: average 2 / (1/20 000 + 1/25 000) = 22 222.2…; selling 2 @ 25 000 realizes
        // 2 × 100 × (1/22 222.2… − 1/25 000) = 200 × 0.000005 = 0.001, the same as the two lots apart (0.001 + 0).
        var script = new Script().At(0, Side.Buy, 1).At(1, Side.Buy, 1).At(2, Side.Sell, 2);

        var (result, _) = Runs.Of(Prices(20_000, 20_000, 25_000, 25_000), script, Options);

        Assert.Equal(0.001, result.Summary.RealizedPnl, 12);
        Assert.Equal(0, result.Positions[0].Position);
    }

    [Fact]
    public void Inverse_funding_and_margin_are_on_the_base_coin_notional()
    {
        // Long 10 contracts; funding at mark 25 000, rate 0.0001: 10 × 100 / 25 000 × 0.0001 = 0.000004 BTC paid.
        var data = Prices(20_000, 20_000, 25_000);
        data = data.WithFunding(new Backtester.Data.FundingColumns("f", 1, new[] { 2_500L }, new[] { 0 }, new[] { 0.0001 }, new[] { 25_000.0 }));
        // 1x margin: 1 BTC covers 1 × 100 / 20 000 per contract = 200 contracts; 201 is refused.
        var script = new Script().At(0, Side.Buy, 10).Do(0, o => o.Market(Side.Buy, 191));

        var (result, _) = Runs.Of(data, script, Options);

        Assert.Equal(-0.000004, result.Summary.Funding, 15);
        Assert.Equal(RejectReason.InsufficientMargin, script.UpdatesOf(2).Single().RejectReason);
        Assert.Equal(10, result.Positions[0].Position);
    }

    [Fact]
    public void A_symbol_without_a_settlement_currency_beside_an_inverse_contract_is_refused_naming_it()
    {
        var data = new Tape("BTCUSD_PERP", "ETHUSDT").Trade(1_000, 20_000).Trade(1_000, 2_000, symbol: 1).Build();

        var ex = Assert.Throws<ArgumentException>(() => Runs.Of(data, new Script(), Options));

        Assert.Contains("'ETHUSDT'", ex.Message);
    }
}
