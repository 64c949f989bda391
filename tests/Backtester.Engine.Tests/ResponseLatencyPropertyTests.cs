using System;
using System.Linq;
using Backtester.Data;
using CsCheck;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// The response latency delays what the strategy hears, never what the venue decides (decisions 0074, 0075): for a
/// strategy whose requests do not depend on what it heard, every fill, every order update and every refusal (buying
/// power, the sanity bound) is the same with and without a response latency.
/// </summary>
public class ResponseLatencyPropertyTests
{
    private enum Kind { Market, Limit, Cancel, Amend }

    private sealed record Action(int Index, Kind Kind, bool Buy, int Quantity, int Offset, int Target);

    private sealed record Case(double[] Prices, Action[] Actions, bool Margin, long OrderLatency, LatencyModel Response);

    private const long Ms = 1_000_000;

    private static readonly Gen<Case> Cases =
        from n in Gen.Int[5, 60]
        from steps in Gen.Int[-3, 3].Array[n]
        from actions in Gen.Select(Gen.Int[0, n - 1], Gen.Enum<Kind>(), Gen.Bool, Gen.Int[1, 40], Gen.Int[-4, 4], Gen.Int[1, 12])
            .Select((i, k, b, q, o, t) => new Action(i, k, b, q, o, t)).Array[1, 16]
        from margin in Gen.Bool
        from orderLatency in Gen.Int[1, 5]
        from response in Gen.Int[0, 3]
        from seed in Gen.Int[1, 1000]
        select new Case(Walk(steps), actions, margin, orderLatency * Ms,
            response == 3 ? LatencyModel.LogNormal(3 * Ms, 1, seed: seed) : LatencyModel.Constant((1 + 2 * response) * Ms));

    private static double[] Walk(int[] steps)
    {
        var prices = new double[steps.Length];
        double p = 100;
        for (int i = 0; i < steps.Length; i++) prices[i] = p = Math.Max(80, Math.Min(120, p + steps[i]));
        return prices;
    }

    [Fact]
    public void The_venue_decides_the_same_with_and_without_a_response_latency()
    {
        int refused = 0, delayedViews = 0;
        Cases.Sample(c =>
        {
            int n = c.Prices.Length;
            long[] times = Enumerable.Range(0, n).Select(i => (100 + i) * Ms).ToArray();
            MarketData data = MarketData.FromTrades("random", new[] { "P" }, times, new int[n], c.Prices, Enumerable.Repeat(1.0, n).ToArray(), Enumerable.Repeat(Side.Buy, n).ToArray());
            // Margin 5x on 1000 (50 units at 100), or an unlimited account on 1 whose sanity bound (1000 × the account) is
            // 10 units at 100: the 1..40 quantities reach both limits often.
            var options = new BacktestOptions
            {
                InitialCapital = c.Margin ? 1000 : 1,
                Account = c.Margin ? AccountOptions.Margin(leverage: 5) : AccountOptions.Unlimited,
                OrderLatencyNs = c.OrderLatency,
                TradeLog = TradeLogMode.All,
            };
            (BacktestResult Result, Script Script) Run(LatencyModel? response)
            {
                var script = new Script();
                foreach (Action a in c.Actions)
                {
                    Side side = a.Buy ? Side.Buy : Side.Sell;
                    double price = c.Prices[a.Index] + a.Offset;
                    switch (a.Kind)
                    {
                        case Kind.Market: script.Do(a.Index, o => o.Market(side, a.Quantity)); break;
                        case Kind.Limit: script.Do(a.Index, o => o.Limit(side, a.Quantity, price)); break;
                        case Kind.Cancel: script.Do(a.Index, (Orders o) => o.Cancel(a.Target)); break;
                        default: script.Do(a.Index, (Orders o) => o.Amend(a.Target, a.Offset % 2 == 0 ? price : null, a.Quantity)); break;
                    }
                }
                var driver = new ScriptedDriver(script);
                return (new BacktestRunner().Run(data, ref driver, options with { ResponseLatency = response }), script);
            }
            var (now, nowScript) = Run(null);
            var (later, laterScript) = Run(c.Response);

            Assert.Equal(Fills(now), Fills(later));
            Assert.Equal(Updates(nowScript), Updates(laterScript)); // the same updates, heard in a different order
            Assert.Equal(now.Summary.BuyingPowerRejections, later.Summary.BuyingPowerRejections);
            Assert.Equal(now.Summary.FinalEquity, later.Summary.FinalEquity);
            if (now.Summary.BuyingPowerRejections > 0 || nowScript.Updates.Any(u => u.RejectReason == RejectReason.InvalidQuantity))
                System.Threading.Interlocked.Increment(ref refused);
            if (!nowScript.PositionSeenAtTrade.SequenceEqual(laterScript.PositionSeenAtTrade)) System.Threading.Interlocked.Increment(ref delayedViews);
        }, iter: 1_000);
        // The cases must reach refusals while the strategy's view lags the venue's.
        Assert.True(refused > 50 && delayedViews > 50, $"refused {refused}, delayed views {delayedViews}");
    }

    private static (long, long, Side, double, double, FillKind)[] Fills(BacktestResult r) =>
        r.Fills.ToArray().Select(f => (f.Timestamp, f.OrderId, f.Side, f.Price, f.Quantity, f.Kind)).ToArray();

    private static (long, long, int, OrderStatus, RejectReason, double, double)[] Updates(Script s) =>
        s.Updates.Select(u => (u.Timestamp, u.OrderId, u.SymbolId, u.Status, u.RejectReason, u.FilledQuantity, u.RemainingQuantity)).OrderBy(u => u).ToArray();
}
