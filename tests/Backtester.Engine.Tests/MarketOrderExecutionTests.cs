using System.Collections.Generic;
using System;
using Backtester.Data;
using Xunit;

namespace Backtester.Engine.Tests;

public class MarketOrderExecutionTests
{
    private static (BacktestResult Result, Script Script) Run(MarketData data, Script script, BacktestOptions? options = null)
    {
        var driver = new ScriptedDriver(script);
        return (new BacktestRunner().Run(data, ref driver, options), script);
    }

    [Fact]
    public void Market_buy_fills_at_the_next_trade_not_the_one_it_was_decided_on()
    {
        var (result, script) = Run(Data.OneSymbol(100, 101, 102), new Script().At(0, Side.Buy, 1));

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal(101, fill.Price);
        Assert.Equal(2_000, fill.Timestamp);
        Assert.Equal(1, result.Positions[0].Position);
        Assert.Equal(101, result.Positions[0].AveragePrice);
        // marked at 102: unrealized 1 × (102 − 101)
        Assert.Equal(1, result.Summary.UnrealizedPnl);
        Assert.Equal(1, result.Summary.NetPnl);
    }

    [Fact]
    public void Round_trip_with_taker_fee_realizes_the_price_difference_minus_both_fees()
    {
        var script = new Script().At(0, Side.Buy, 2).At(2, Side.Sell, 2);
        var (result, _) = Run(Data.OneSymbol(100, 101, 103, 105, 104), script, new BacktestOptions { TakerFeeBps = 10 });

        BacktestSummary s = result.Summary;
        // buy 2 @ 101 (fee 2 × 101 × 0.001 = 0.202), sell 2 @ 105 (fee 0.21): realized 2 × 4 = 8
        Assert.Equal(8, s.RealizedPnl, 12);
        Assert.Equal(0.412, s.Fees, 12);
        Assert.Equal(7.588, s.NetPnl, 9);
        Assert.Equal(100_007.588, s.FinalEquity, 9);
        Assert.Equal(412, s.Turnover, 9);
        Assert.Equal(2, s.Fills);
        Assert.Equal(1, s.RoundTrips);
        Assert.Equal(1, s.Wins);
        Assert.Equal(0, s.Losses);
        Assert.Equal(0, result.Positions[0].Position);
    }

    [Theory]
    [InlineData(2_500, 3)] // arrives at 3 500: first trade at or after is t = 4 000 (index 3)
    [InlineData(3_000, 3)] // arrives exactly at 4 000: a trade at the arrival time may fill it
    [InlineData(0, 1)]     // no latency: still only the next trade
    public void Latency_delays_the_fill_to_the_first_trade_at_or_after_arrival(long latency, int expectedIndex)
    {
        var (_, script) = Run(Data.OneSymbol(100, 101, 102, 103, 104, 105), new Script().At(0, Side.Buy, 1),
            new BacktestOptions { OrderLatencyNs = latency });

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal(1_000 + expectedIndex * 1_000, fill.Timestamp);
        Assert.Equal(100 + expectedIndex, fill.Price);
    }

    [Fact]
    public void Slippage_moves_market_fills_against_the_order()
    {
        var script = new Script().At(0, Side.Buy, 1).At(2, Side.Sell, 1);
        var (_, s) = Run(Data.OneSymbol(200, 200, 200, 200), script, new BacktestOptions { SlippageBps = 10 });

        Assert.Equal(200.2, s.Fills[0].Price, 12);
        Assert.Equal(199.8, s.Fills[1].Price, 12);
    }

    [Fact]
    public void Fixed_fee_per_fill_is_added_to_the_bps_fee()
    {
        var (result, _) = Run(Data.OneSymbol(100, 100, 100), new Script().At(0, Side.Buy, 3),
            new BacktestOptions { TakerFeeBps = 5, FeePerFill = 0.25 });

        // 3 × 100 × 0.0005 + 0.25
        Assert.Equal(0.4, result.Summary.Fees, 12);
        Assert.Equal(-0.4, result.Summary.NetPnl, 9); // equity − capital: 1e5-scale doubles keep ~1e-11
    }

    [Fact]
    public void Selling_through_zero_realizes_the_long_and_opens_a_short_at_the_fill_price()
    {
        var script = new Script().At(0, Side.Buy, 2).At(1, Side.Sell, 3);
        var (result, _) = Run(Data.OneSymbol(100, 100, 110, 110, 105), script);

        PositionSnapshot p = result.Positions[0];
        Assert.Equal(-1, p.Position);
        Assert.Equal(110, p.AveragePrice);
        Assert.Equal(20, p.RealizedPnl);      // 2 × (110 − 100)
        Assert.Equal(5, p.UnrealizedPnl);     // −1 × (105 − 110)
        Assert.Equal(25, result.Summary.NetPnl);
        Assert.Equal(1, result.Summary.RoundTrips);
        Assert.Equal(1, result.Summary.Wins);
    }

    [Fact]
    public void Losing_short_round_trip_counts_as_a_loss()
    {
        var script = new Script().At(0, Side.Sell, 1).At(2, Side.Buy, 1);
        var (result, _) = Run(Data.OneSymbol(50, 50, 55, 56), script);

        Assert.Equal(-6, result.Summary.RealizedPnl); // short 1 @ 50, cover @ 56
        Assert.Equal(1, result.Summary.Losses);
        Assert.Equal(0, result.Summary.Wins);
        Assert.Equal(0, result.Summary.WinRate);
    }

    [Fact]
    public void Order_for_one_symbol_does_not_fill_against_another_symbols_trade()
    {
        var data = MarketData.FromTrades("two", new[] { "X", "Y" },
            new long[] { 10, 20, 30, 40 }, new[] { 0, 1, 0, 1 }, new double[] { 100, 900, 101, 901 },
            new double[] { 1, 1, 1, 1 }, new[] { Side.Buy, Side.Buy, Side.Sell, Side.Sell });
        var (result, script) = Run(data, new Script().At(0, Side.Buy, 1, symbol: 0));

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal(30, fill.Timestamp);
        Assert.Equal(101, fill.Price);
        Assert.Equal(0, fill.SymbolId);
        Assert.Equal(0, result.Positions[1].Position);
    }

    [Fact]
    public void Max_drawdown_is_the_deepest_fall_from_a_running_peak_of_equity()
    {
        // long 1 from 100: equity 100 000, 100 010 (peak), 99 985 (−25), 100 020 (peak), 100 005 (−15)
        var (result, _) = Run(Data.OneSymbol(100, 100, 110, 85, 120, 105), new Script().At(0, Side.Buy, 1));

        Assert.Equal(25, result.Summary.MaxDrawdown, 9);
        Assert.Equal(25 / 100_010.0, result.Summary.MaxDrawdownPercent, 12);
        Assert.Equal(5, result.Summary.NetPnl, 9);
    }

    [Fact]
    public void Strategy_sees_its_position_only_after_the_fill()
    {
        var (_, script) = Run(Data.OneSymbol(100, 101, 102), new Script().At(0, Side.Buy, 2));

        Assert.Equal(new double[] { 0, 2, 2 }, script.PositionSeenAtTrade);
    }

    [Fact]
    public void Orders_placed_at_start_fill_on_the_first_trade_and_orders_at_finish_never_fill()
    {
        var script = new Script();
        script.OrdersAtStart.Add((0, Side.Buy, 1));
        script.OrdersAtFinish.Add((0, Side.Sell, 1));
        var (result, _) = Run(Data.OneSymbol(100, 103), script);

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal(100, fill.Price);
        Assert.True(script.Started && script.Finished);
        Assert.Equal(1, result.Positions[0].Position);
    }

    [Fact]
    public void Order_ids_increase_from_one_and_fills_carry_them()
    {
        var (_, script) = Run(Data.OneSymbol(1, 2, 3, 4), new Script().At(0, Side.Buy, 1).At(1, Side.Buy, 1));

        Assert.Equal(new long[] { 1, 2 }, script.Placed.ConvertAll(p => p.OrderId));
        Assert.Equal(new long[] { 1, 2 }, script.Fills.ConvertAll(f => f.OrderId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Order_with_a_bad_quantity_is_rejected_at_once_not_thrown(double quantity)
    {
        var (result, script) = Run(Data.OneSymbol(1, 2), new Script().At(0, Side.Buy, quantity));

        OrderUpdate update = Assert.Single(script.Updates);
        Assert.Equal(new OrderUpdate(1, 0, OrderStatus.Rejected, RejectReason.InvalidQuantity, 0, 0, 1_000), update);
        Assert.Empty(script.Fills);
        Assert.Equal(0, result.Positions[0].Position);
    }

    [Fact]
    public void Invalid_options_throw_naming_the_setting()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Run(Data.OneSymbol(1), new Script(), new BacktestOptions { TakerFeeBps = double.NaN }));
        Assert.Equal("TakerFeeBps", ex.ParamName);
    }

    [Theory]
    [InlineData("TakerFeeBps", 10_000.5)]
    [InlineData("TakerFeeBps", -0.1)]
    [InlineData("MakerFeeBps", -10_000.5)]
    [InlineData("MakerFeeBps", 10_001)]
    [InlineData("SlippageBps", 10_000)] // at 100 % a sell fills at 0
    [InlineData("SlippageBps", 20_000)] // a sell at minus the price
    public void Fee_and_slippage_rates_beyond_the_whole_notional_are_refused_naming_the_setting(string setting, double bps)
    {
        var options = setting switch
        {
            "TakerFeeBps" => new BacktestOptions { TakerFeeBps = bps },
            "MakerFeeBps" => new BacktestOptions { MakerFeeBps = bps },
            _ => new BacktestOptions { SlippageBps = bps },
        };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Run(Data.OneSymbol(1), new Script(), options));
        Assert.Equal(setting, ex.ParamName);
        Assert.Contains("MaxRateBps", ex.Message);
    }

    [Fact]
    public void Per_symbol_and_instrument_fees_beyond_the_whole_notional_are_refused_naming_the_symbol()
    {
        var bySymbol = new BacktestOptions { SymbolFees = new Dictionary<string, FeeSchedule> { ["X"] = new(0, 50_000) } };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Run(Data.OneSymbol(1), new Script(), bySymbol));
        Assert.StartsWith("Fees of 'X': maker must be between -10000 and 10000 bps, taker between 0 and 10000", ex.Message);
        var instrument = new Instrument("SYN0") { MakerFeeBps = -20_000 };
        var refused = Assert.Throws<ArgumentException>(() => instrument.Validate());
        Assert.StartsWith("Instrument 'SYN0': MakerFeeBps must be between -10000 and 10000 (BacktestOptions.MaxRateBps), not -20000.", refused.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(3.1536e16 * 1.000001)] // more periods in a year than nanoseconds
    [InlineData(double.PositiveInfinity)]
    public void A_periods_per_year_no_sampling_can_give_is_refused(double periods)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Run(Data.OneSymbol(1), new Script(), new BacktestOptions { PeriodsPerYear = periods }));
        Assert.Equal("PeriodsPerYear", ex.ParamName);
        Assert.StartsWith("PeriodsPerYear must be positive and at most 3.1536E16 (365 days in nanoseconds: a period a nanosecond)", ex.Message);
        // The largest is taken: one period a nanosecond.
        Run(Data.OneSymbol(1), new Script(), new BacktestOptions { PeriodsPerYear = 3.1536e16 });
    }

    [Fact]
    public void Rates_at_the_bounds_are_taken()
    {
        // Taker 10,000 bps (the whole notional), maker -10,000, slippage just under 10,000: a buy of 1 at 100 with
        // slippage 9,999 bps fills at 100 × (1 + 0.9999) = 199.99 and pays a fee of 199.99.
        var script = new Script().At(0, Side.Buy, 1);
        var (result, _) = Run(Data.OneSymbol(100, 100), script, new BacktestOptions { Account = AccountOptions.Unlimited, TakerFeeBps = 10_000, MakerFeeBps = -10_000, SlippageBps = 9_999 });
        Fill fill = Assert.Single(script.Fills);
        Assert.Equal(199.99, fill.Price, 9);
        Assert.Equal(199.99, fill.Fee, 9);
        Assert.True(double.IsFinite(result.Summary.NetPnl));
    }

    [Fact]
    public void A_runner_reused_for_a_second_run_starts_from_a_clean_account()
    {
        var runner = new BacktestRunner();
        var data = Data.OneSymbol(100, 110, 120);
        var first = new ScriptedDriver(new Script().At(0, Side.Buy, 1));
        var second = new ScriptedDriver(new Script().At(0, Side.Buy, 1));

        BacktestSummary a = runner.RunSummary(data, ref first);
        BacktestSummary b = runner.RunSummary(data, ref second);

        Assert.Equal(a, b);
        Assert.Equal(10, b.NetPnl);
    }
}
