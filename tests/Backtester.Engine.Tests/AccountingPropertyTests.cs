using System;
using System.Collections.Generic;
using System.Linq;
using Backtester.Data;
using CsCheck;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>Accounting invariants over random prices, orders, fees and latencies.</summary>
public class AccountingPropertyTests
{
    private sealed record Case(double[] Prices, int[] Symbols, (int Index, Side Side, double Quantity)[] Orders, double FeeBps, double SlippageBps, long Latency);

    private static readonly Gen<Case> Cases =
        from n in Gen.Int[2, 120]
        from symbolCount in Gen.Int[1, 3]
        from steps in Gen.Int[-3, 3].Array[n]
        from symbols in Gen.Int[0, symbolCount - 1].Array[n]
        from orders in Gen.Select(Gen.Int[0, n - 1], Gen.Bool, Gen.Int[1, 8]).Array[0, 12]
        from fee in Gen.Int[0, 25]
        from slippage in Gen.Int[0, 10]
        from latency in Gen.Int[0, 5_000]
        select new Case(
            steps.Select((s, i) => 50 + steps.Take(i + 1).Sum() * 0.5).ToArray(),
            symbols,
            orders.Select(o => (o.Item1, o.Item2 ? Side.Buy : Side.Sell, o.Item3 * 0.5)).ToArray(),
            fee, slippage, latency);

    private static (BacktestResult Result, Script Script, MarketData Data, BacktestOptions Options) Run(Case c)
    {
        int n = c.Prices.Length;
        int symbolCount = c.Symbols.Max() + 1;
        var data = MarketData.FromTrades("random", Enumerable.Range(0, symbolCount).Select(s => $"S{s}").ToArray(),
            Enumerable.Range(0, n).Select(i => 1_000L * i).ToArray(), c.Symbols, c.Prices,
            Enumerable.Repeat(1.0, n).ToArray(), Enumerable.Repeat(Side.Buy, n).ToArray());
        var script = new Script();
        foreach (var (index, side, quantity) in c.Orders) script.At(index, side, quantity, c.Symbols[index]);
        var options = new BacktestOptions { TakerFeeBps = c.FeeBps, SlippageBps = c.SlippageBps, OrderLatencyNs = c.Latency };
        var driver = new ScriptedDriver(script);
        return (new BacktestRunner().Run(data, ref driver, options), script, data, options);
    }

    [Fact]
    public void Equity_is_cash_plus_positions_marked_at_last_prices_recomputed_from_the_fills()
    {
        Cases.Sample(c =>
        {
            var (result, script, data, options) = Run(c);
            double cash = options.InitialCapital;
            var position = new double[data.Symbols.Count];
            foreach (Fill f in script.Fills)
            {
                cash -= f.SignedQuantity * f.Price + f.Fee;
                position[f.SymbolId] += f.SignedQuantity;
            }
            double marked = 0;
            for (int s = 0; s < position.Length; s++)
            {
                Assert.Equal(position[s], result.Positions[s].Position, 9);
                if (position[s] != 0) marked += position[s] * result.Positions[s].LastPrice;
            }
            Assert.Equal(cash + marked, result.Summary.FinalEquity, tolerance: 1e-6);
        });
    }

    [Fact]
    public void Realized_plus_unrealized_minus_fees_equals_mark_to_market_pnl()
    {
        Cases.Sample(c =>
        {
            BacktestSummary s = Run(c).Result.Summary;
            Assert.Equal(s.FinalEquity - s.InitialCapital, s.RealizedPnl + s.UnrealizedPnl - s.Fees, tolerance: 1e-6);
            Assert.Equal(s.NetPnl, s.GrossPnl - s.Fees, tolerance: 1e-6);
        });
    }

    [Fact]
    public void No_fill_happens_before_the_order_arrives_or_on_the_event_it_was_decided_on()
    {
        Cases.Sample(c =>
        {
            var (_, script, _, options) = Run(c);
            var placed = script.Placed.ToDictionary(p => p.OrderId);
            foreach (Fill f in script.Fills)
            {
                var (_, decisionTime, tradeIndex) = placed[f.OrderId];
                Assert.True(f.Timestamp >= decisionTime + options.OrderLatencyNs, $"fill at {f.Timestamp} before arrival {decisionTime + options.OrderLatencyNs}");
                Assert.True(f.Timestamp / 1_000 > tradeIndex, $"order decided on trade {tradeIndex} filled on trade {f.Timestamp / 1_000}");
            }
        });
    }

    [Fact]
    public void Fees_are_never_negative_and_round_trips_split_into_wins_losses_and_flat()
    {
        Cases.Sample(c =>
        {
            var (result, script, _, _) = Run(c);
            Assert.All(script.Fills, f => Assert.True(f.Fee >= 0));
            Assert.True(result.Summary.Fees >= 0);
            Assert.True(result.Summary.Wins + result.Summary.Losses <= result.Summary.RoundTrips);
            Assert.True(result.Summary.MaxDrawdown >= 0);
        });
    }

    [Fact]
    public void Same_inputs_give_bit_identical_outputs()
    {
        Cases.Sample(c =>
        {
            var a = Run(c);
            var b = Run(c);
            Assert.Equal(a.Result.Summary, b.Result.Summary);
            Assert.Equal(a.Script.Fills, b.Script.Fills);
        });
    }
}
