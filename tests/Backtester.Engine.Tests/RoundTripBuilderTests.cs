using System.Collections.Generic;
using Backtester.Accounting;
using Backtester.Data;
using Backtester.Results;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>round_trips.arrow follows each symbol's contract and the portfolio's dust rule; numbers worked by hand.</summary>
public class RoundTripBuilderTests
{
    private static readonly SymbolTable Symbols = new(new[] { "BTCUSD" });

    private static Fill Buy(long t, double price, double quantity, double fee = 0) => new(t, t, 0, Side.Buy, price, quantity, fee, false);
    private static Fill Sell(long t, double price, double quantity, double fee = 0) => new(t, t, 0, Side.Sell, price, quantity, fee, false);

    [Fact]
    public void An_inverse_trip_earns_contracts_times_multiplier_times_the_change_of_one_over_price_in_its_coin()
    {
        // Long 10 contracts of 100 USD at 40,000, closed at 50,000: 10 × 100 × (1/40,000 − 1/50,000) = 0.005 BTC.
        // Entry notional 10 × 100 / 40,000 = 0.025 BTC, so the return is 0.2.
        var trips = RoundTripBuilder.Build(new List<Fill> { Buy(1, 40_000, 10), Sell(2, 50_000, 10) }, Symbols, new[] { new ContractTerms(100, Inverse: true) });
        RoundTripRecord trip = Assert.Single(trips);
        Assert.Equal(0.005, trip.Pnl, 15);
        Assert.Equal(0.2, trip.Return, 12);
        Assert.Equal(40_000, trip.EntryPrice, 9);
        Assert.Equal(50_000, trip.ExitPrice, 9);
    }

    [Fact]
    public void An_inverse_trip_averages_its_entries_harmonically_as_the_portfolio_does()
    {
        // 5 at 40,000 and 5 at 60,000: the harmonic mean 2 / (1/40,000 + 1/60,000) = 48,000. Sold at 48,000: PnL 0.
        var fills = new List<Fill> { Buy(1, 40_000, 5), Buy(2, 60_000, 5), Sell(3, 48_000, 10) };
        RoundTripRecord trip = Assert.Single(RoundTripBuilder.Build(fills, Symbols, new[] { new ContractTerms(100, Inverse: true) }));
        Assert.Equal(48_000, trip.EntryPrice, 8);
        Assert.Equal(0, trip.Pnl, 15);
    }

    [Fact]
    public void A_linear_trip_counts_the_contract_multiplier()
    {
        // 2 contracts of 0.001 coin bought at 100, sold at 110, 0.001 fee each: 2 × 0.001 × 10 − 0.002 = 0.018.
        // Entry notional 2 × 0.001 × 100 = 0.2, return 0.09.
        var fills = new List<Fill> { Buy(1, 100, 2, 0.001), Sell(2, 110, 2, 0.001) };
        RoundTripRecord trip = Assert.Single(RoundTripBuilder.Build(fills, Symbols, new[] { new ContractTerms(0.001, Inverse: false) }));
        Assert.Equal(0.018, trip.Pnl, 15);
        Assert.Equal(0.09, trip.Return, 12);
        Assert.Equal(100, trip.EntryPrice, 12);
    }

    [Fact]
    public void A_closing_fill_within_the_dust_tolerance_closes_the_trip_and_opens_none()
    {
        // 0.1 + 0.2 is 0.30000000000000004 in doubles; selling 0.3 closes the trip (PnL 0.3 × 1), as the portfolio does,
        // and the next buy opens a new trip of its own (PnL 1 × 1), not one that started with the dust.
        var fills = new List<Fill> { Buy(1, 10, 0.1), Buy(2, 10, 0.2), Sell(3, 11, 0.3), Buy(4, 12, 1), Sell(5, 13, 1) };
        List<RoundTripRecord> trips = RoundTripBuilder.Build(fills, Symbols);
        Assert.Equal(2, trips.Count);
        Assert.Equal(0.3, trips[0].Pnl, 12);
        Assert.Equal(3, trips[0].ClosedAt);
        Assert.Equal(4, trips[1].OpenedAt);
        Assert.Equal(1, trips[1].MaxQuantity, 12);
        Assert.Equal(1, trips[1].Pnl, 12);
    }

    [Fact]
    public void A_fill_through_zero_closes_one_trip_and_opens_the_next_with_the_rest()
    {
        // Long 1 at 100, sell 3 at 110 with fee 0.3: 1/3 of the fee (0.1) to the closing trip, PnL 10 − 0.1 = 9.9;
        // short 2 at 110 opens, bought back at 100 with no fee: 2 × 10 − 0.2 = 19.8.
        var fills = new List<Fill> { Buy(1, 100, 1), Sell(2, 110, 3, 0.3), Buy(3, 100, 2) };
        List<RoundTripRecord> trips = RoundTripBuilder.Build(fills, Symbols);
        Assert.Equal(2, trips.Count);
        Assert.Equal(9.9, trips[0].Pnl, 12);
        Assert.Equal(Side.Sell, trips[1].Direction);
        Assert.Equal(19.8, trips[1].Pnl, 12);
    }
}
