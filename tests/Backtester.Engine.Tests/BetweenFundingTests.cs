using System.Linq;
using Backtester.Data;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>A time slice (<see cref="MarketData.Between"/>, which walk-forward windows use) keeps the funding settlements in its range.</summary>
public class BetweenFundingTests
{
    // Trades at t = 1000..5000 (100, 100, 105, 200, 200); rate 0.001 at t = 2500, 4000 and 6000, no mark price.
    private static MarketData Data() => new Tape("X").Trade(1_000, 100).Trade(2_000, 100).Trade(3_000, 105).Trade(4_000, 200).Trade(5_000, 200).Build()
        .WithFunding(new FundingColumns("funding", 1, new[] { 2_500L, 4_000L, 6_000L }, new[] { 0, 0, 0 }, new[] { 0.001, 0.001, 0.001 },
            new[] { double.NaN, double.NaN, double.NaN }));

    [Fact]
    public void A_slice_holds_the_settlements_due_in_its_half_open_range()
    {
        MarketData data = Data();

        Assert.Equal(new[] { 2_500L }, data.Between(2_000, 4_000).Funding.Timestamps.ToArray());
        Assert.Equal(new[] { 4_000L, 6_000L }, data.Between(4_000, 7_000).Funding.Timestamps.ToArray());
        Assert.Equal(0, data.Between(1_000, 2_000).Funding.Count);
    }

    [Fact]
    public void A_run_over_a_slice_pays_the_funding_of_its_range()
    {
        // Long 1 from the first event of [1000, 4000): the settlement at 2500 is valued at the last price, 100: pays 0.1.
        // The one at 4000 belongs to the next slice.
        var (result, _) = Runs.Of(Data().Between(1_000, 4_000), new Script().At(0, Side.Buy, 1));

        Assert.Equal(-0.1, result.Summary.Funding, 12);
    }
}
