using System;
using System.Collections.Generic;
using System.Linq;
using Backtester.Data;
using Backtester.Execution;
using CsCheck;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>Accounting and venue invariants over random prices, order types, time in force, cancels, fees and latencies.</summary>
public class AccountingPropertyTests
{
    private sealed record OrderSpec(int Index, Side Side, double Quantity, OrderType Type, double Offset, TimeInForce Tif, bool ReduceOnly);

    private sealed record Case(double[] Prices, int[] Symbols, OrderSpec[] Orders, (int Index, long OrderId)[] Cancels,
        double TakerBps, double MakerBps, double SlippageBps, long Latency, long FeedLatency, bool Bounded, QueuePosition Queue);

    private static readonly Gen<Case> Cases =
        from n in Gen.Int[2, 120]
        from symbolCount in Gen.Int[1, 3]
        from steps in Gen.Int[-3, 3].Array[n]
        from symbols in Gen.Int[0, symbolCount - 1].Array[n]
        from sizes in Gen.Int[1, 4].Array[n]
        from orders in (
            from index in Gen.Int[0, n - 1]
            from buy in Gen.Bool
            from quantity in Gen.Int[1, 8]
            from type in Gen.Int[0, 3]
            from offset in Gen.Int[-4, 4]
            from tif in Gen.Int[0, 3]
            from reduceOnly in Gen.Bool
            select new OrderSpec(index, buy ? Side.Buy : Side.Sell, quantity * 0.5, (OrderType)type, offset * 0.5, (TimeInForce)tif, reduceOnly)).Array[0, 12]
        from cancels in Gen.Select(Gen.Int[0, n - 1], Gen.Long[1, 14]).Array[0, 4]
        from taker in Gen.Int[0, 25]
        from maker in Gen.Int[-5, 10]
        from slippage in Gen.Int[0, 10]
        from latency in Gen.Int[0, 5_000]
        from feedLatency in Gen.Int[0, 2_000]
        from bounded in Gen.Bool
        from queue in Gen.Int[0, 2]
        select new Case(
            Walk(steps), symbols, orders, cancels, taker, maker, slippage, latency, feedLatency, bounded, (QueuePosition)queue);

    private static double[] Walk(int[] steps)
    {
        var prices = new double[steps.Length];
        double p = 100;
        for (int i = 0; i < steps.Length; i++) prices[i] = p = Math.Max(5, p + steps[i] * 0.5);
        return prices;
    }

    private static long Place(Orders o, OrderSpec s, double price) => s.Type switch
    {
        OrderType.Market => o.Market(s.Side, s.Quantity, s.Tif == TimeInForce.PostOnly ? TimeInForce.Gtc : s.Tif, s.ReduceOnly),
        OrderType.Limit => o.Limit(s.Side, s.Quantity, price + s.Offset, s.Tif, s.ReduceOnly),
        OrderType.Stop => o.Stop(s.Side, s.Quantity, price + Math.Abs(s.Offset) * (s.Side == Side.Buy ? 1 : -1), s.Tif == TimeInForce.PostOnly ? TimeInForce.Gtc : s.Tif, s.ReduceOnly),
        _ => o.StopLimit(s.Side, s.Quantity, price + Math.Abs(s.Offset) * (s.Side == Side.Buy ? 1 : -1), price + s.Offset, s.Tif, s.ReduceOnly),
    };

    private sealed record Outcome(BacktestResult Result, Script Script, MarketData Data, BacktestOptions Options, List<string> Violations,
        Dictionary<long, double> Quantities);

    private static Outcome Run(Case c)
    {
        int n = c.Prices.Length;
        int symbolCount = c.Symbols.Max() + 1;
        long[] times = Enumerable.Range(0, n).Select(i => 1_000L * (i + 1)).ToArray();
        var data = MarketData.FromTrades("random", Enumerable.Range(0, symbolCount).Select(s => $"S{s}").ToArray(),
            times, c.Symbols, c.Prices, c.Symbols.Select((_, i) => 1.0 + i % 4).ToArray(), Enumerable.Repeat(Side.Buy, n).ToArray());
        var script = new Script();
        var quantities = new Dictionary<long, double>();
        foreach (OrderSpec o in c.Orders)
        {
            OrderSpec spec = o;
            script.Do(spec.Index, orders =>
            {
                long id = Place(orders, spec, c.Prices[spec.Index]);
                quantities[id] = spec.Quantity;
                return id;
            });
        }
        foreach (var (index, id) in c.Cancels) script.Do(index, orders => orders.Cancel(id));
        var options = new BacktestOptions
        {
            TakerFeeBps = c.TakerBps, MakerFeeBps = c.MakerBps, SlippageBps = c.SlippageBps, OrderLatencyNs = c.Latency, FeedLatencyNs = c.FeedLatency,
            LimitFillsToDisplayedSize = c.Bounded, QueuePosition = c.Queue, TradeLog = TradeLogMode.All,
        };

        // Equity = cash + marked positions, checked at every fill and every event against an independent ledger of the fills.
        var runner = new BacktestRunner();
        var violations = new List<string>();
        double cash = options.InitialCapital;
        var position = new double[symbolCount];
        void Check(long time, string where)
        {
            int last = Array.FindLastIndex(times, t => t <= time);
            double marked = 0;
            for (int s = 0; s < symbolCount; s++)
            {
                if (position[s] == 0) continue;
                int i = Array.FindLastIndex(c.Symbols, last, sym => sym == s);
                marked += position[s] * c.Prices[i];
            }
            double engine = runner.Portfolio.Equity;
            if (Math.Abs(cash + marked - engine) > 1e-6) violations.Add($"{where} at {time}: ledger {cash + marked} vs engine {engine}");
        }
        script.AfterFill = (f, _) =>
        {
            cash -= f.SignedQuantity * f.Price + f.Fee;
            position[f.SymbolId] += f.SignedQuantity;
            Check(f.Timestamp, "fill");
        };
        script.AtEachEvent = o => Check(o.Time, "event");
        var driver = new ScriptedDriver(script);
        return new Outcome(runner.Run(data, ref driver, options), script, data, options, violations, quantities);
    }

    [Fact]
    public void Equity_is_cash_plus_positions_marked_at_last_prices_at_every_fill_and_every_event()
    {
        Cases.Sample(c =>
        {
            Outcome o = Run(c);
            Assert.Empty(o.Violations);
            var position = new double[o.Data.Symbols.Count];
            foreach (Fill f in o.Script.Fills) position[f.SymbolId] += f.SignedQuantity;
            for (int s = 0; s < position.Length; s++) Assert.Equal(position[s], o.Result.Positions[s].Position, 9);
        }, iter: 300);
    }

    [Fact]
    public void Realized_plus_unrealized_minus_fees_equals_mark_to_market_pnl()
    {
        Cases.Sample(c =>
        {
            BacktestSummary s = Run(c).Result.Summary;
            Assert.Equal(s.FinalEquity - s.InitialCapital, s.RealizedPnl + s.UnrealizedPnl - s.Fees, tolerance: 1e-6);
            Assert.Equal(s.NetPnl, s.GrossPnl - s.Fees, tolerance: 1e-6);
        }, iter: 300);
    }

    [Fact]
    public void No_fill_happens_before_the_order_arrives_or_on_the_event_it_was_decided_on()
    {
        Cases.Sample(c =>
        {
            Outcome o = Run(c);
            var placed = o.Script.Placed.ToDictionary(p => p.OrderId);
            long latency = o.Options.OrderLatencyNs + o.Options.FeedLatencyNs;
            foreach (Fill f in o.Script.Fills)
            {
                var (_, decisionTime, eventIndex) = placed[f.OrderId];
                Assert.True(f.Timestamp >= decisionTime + latency, $"fill at {f.Timestamp} before arrival {decisionTime + latency}");
                Assert.True(f.Timestamp / 1_000 - 1 > eventIndex, $"order decided on event {eventIndex} filled on event {f.Timestamp / 1_000 - 1}");
            }
        }, iter: 300);
    }

    [Fact]
    public void Fees_are_never_negative_unless_a_maker_rebate_is_configured_and_then_only_on_maker_fills()
    {
        Cases.Sample(c =>
        {
            Outcome o = Run(c);
            foreach (Fill f in o.Script.Fills)
                Assert.True(f.Fee >= 0 || (f.IsMaker && c.MakerBps < 0), $"fee {f.Fee} on a {(f.IsMaker ? "maker" : "taker")} fill with maker {c.MakerBps} bps");
            if (c.MakerBps >= 0) Assert.True(o.Result.Summary.Fees >= 0);
            Assert.True(o.Result.Summary.Wins + o.Result.Summary.Losses <= o.Result.Summary.RoundTrips);
            Assert.True(o.Result.Summary.MaxDrawdown >= 0);
        }, iter: 300);
    }

    [Fact]
    public void Every_order_ends_in_at_most_one_final_state_and_fills_never_exceed_its_quantity()
    {
        Cases.Sample(c =>
        {
            Outcome o = Run(c);
            foreach (var (id, quantity) in o.Quantities)
            {
                // refused cancels and amends name the order but do not change it
                var updates = o.Script.Updates.Where(u => u.OrderId == id && u.Status is not (OrderStatus.CancelRejected or OrderStatus.AmendRejected)).ToList();
                int final = updates.FindIndex(u => u.Status is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected);
                Assert.True(final < 0 || final == updates.Count - 1, $"order {id} changed after its final state");
                Assert.True(o.Script.Fills.Where(f => f.OrderId == id).Sum(f => f.Quantity) <= quantity + 1e-9, $"order {id} overfilled");
            }
        }, iter: 200);
    }

    [Fact]
    public void Same_inputs_give_bit_identical_outputs()
    {
        Cases.Sample(c =>
        {
            Outcome a = Run(c), b = Run(c);
            Assert.Equal(a.Result.Summary, b.Result.Summary);
            Assert.Equal(a.Script.Fills, b.Script.Fills);
            Assert.Equal(a.Script.Updates, b.Script.Updates);
            Assert.Equal(a.Result.Fills.ToArray(), b.Result.Fills.ToArray());
        }, iter: 200);
    }
}
