using System;
using System.Collections.Generic;
using System.Linq;
using Backtester.Data;
using CsCheck;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// Accounting invariants with contract terms and funding: over random prices, multipliers, linear or inverse contracts,
/// funding settlements, margin accounts and market orders, equity equals an independent ledger of the fills and
/// funding payments at every fill, settlement and event, and the PnL breakdown adds up.
/// </summary>
public class AccountPropertyTests
{
    private sealed record Case(double[] Prices, (int Index, bool Buy, int Quantity)[] Orders, (int After, int RateBps)[] Funding,
        double Multiplier, bool Inverse, double Leverage, double Maintenance, int TakerBps);

    private static readonly Gen<Case> Cases =
        from n in Gen.Int[2, 80]
        from steps in Gen.Int[-4, 4].Array[n]
        from orders in Gen.Select(Gen.Int[0, n - 1], Gen.Bool, Gen.Int[1, 40]).Array[0, 10]
        from funding in Gen.Select(Gen.Int[0, n - 1], Gen.Int[-20, 20]).Array[0, 6]
        from multiplier in Gen.Int[0, 2].Select(i => new[] { 1.0, 10.0, 0.1 }[i])
        from inverse in Gen.Bool
        from leverage in Gen.Int[0, 2].Select(i => new[] { 1.0, 3.0, 20.0 }[i])
        from maintenance in Gen.Int[0, 2].Select(i => new[] { 0.0, 0.01, 0.04 }[i])
        from taker in Gen.Int[0, 10]
        select new Case(Walk(steps), orders, funding, multiplier, inverse, leverage, maintenance, taker);

    private static double[] Walk(int[] steps)
    {
        var prices = new double[steps.Length];
        double p = 100;
        for (int i = 0; i < steps.Length; i++) prices[i] = p = Math.Max(20, p + steps[i] * 2);
        return prices;
    }

    [Fact]
    public void Equity_matches_a_ledger_of_fills_and_funding_and_the_breakdown_adds_up()
    {
        int liquidated = 0, refused = 0, paid = 0, inverse = 0;
        Cases.Sample(c =>
        {
            int n = c.Prices.Length;
            long[] times = Enumerable.Range(0, n).Select(i => 1_000L * (i + 1)).ToArray();
            var trades = MarketData.FromTrades("random", new[] { "P" }, times, new int[n], c.Prices, Enumerable.Repeat(1.0, n).ToArray(), Enumerable.Repeat(Side.Buy, n).ToArray());
            var settlements = c.Funding.Select(f => (Time: times[f.After] + 500, Rate: f.RateBps / 10_000.0, Mark: c.Prices[f.After] + 1)).OrderBy(f => f.Time).ToArray();
            MarketData data = trades.WithFunding(new FundingColumns("f", 1, settlements.Select(f => f.Time).ToArray(), new int[settlements.Length],
                settlements.Select(f => f.Rate).ToArray(), settlements.Select(f => f.Mark).ToArray()));
            var instrument = new Instrument("P") { ContractMultiplier = c.Multiplier, Kind = c.Inverse ? ContractKind.Inverse : ContractKind.Linear };
            var options = new BacktestOptions
            {
                InitialCapital = c.Inverse ? 10 : 10_000, // coins for inverse contracts
                Instruments = new[] { instrument },
                Account = AccountOptions.Margin(c.Leverage, Math.Min(c.Maintenance, 1 / c.Leverage)),
                TakerFeeBps = c.TakerBps,
                OrderLatencyNs = 1_500,
            };
            double Unit(double price) => c.Inverse ? -c.Multiplier / price : c.Multiplier * price;
            double Notional(double price) => c.Inverse ? c.Multiplier / price : c.Multiplier * price;

            var script = new Script();
            foreach (var (index, buy, quantity) in c.Orders) script.At(index, buy ? Side.Buy : Side.Sell, quantity);
            var runner = new BacktestRunner();
            double cash = options.InitialCapital, position = 0, last = double.NaN, funding = 0;
            var violations = new List<string>();
            void Check(string where)
            {
                double ledger = cash + (position == 0 ? 0 : position * Unit(last));
                double engine = runner.Portfolio.Equity;
                if (Math.Abs(ledger - engine) > 1e-9 * Math.Max(1, Math.Abs(ledger))) violations.Add($"{where}: ledger {ledger} vs engine {engine}");
            }
            script.AfterFill = (f, _) =>
            {
                last = f.Price; // fills happen at the event's trade price here
                cash -= f.SignedQuantity * Unit(f.Price) + f.Fee;
                position += f.SignedQuantity;
                Check($"fill at {f.Timestamp}");
            };
            script.AtFunding = (f, _) =>
            {
                double paid = position * Notional(f.MarkPrice) * f.Rate;
                cash -= paid;
                funding -= paid;
                Check($"funding at {f.Timestamp}");
            };
            script.AtEachEvent = o =>
            {
                last = c.Prices[Array.IndexOf(times, o.Time)];
                Check($"event at {o.Time}");
            };
            var driver = new ScriptedDriver(script);
            BacktestResult result = runner.Run(data, ref driver, options);
            BacktestSummary s = result.Summary;

            Assert.True(violations.Count == 0, string.Join("\n", violations.Take(5)));
            Assert.Equal(funding, s.Funding, 9);
            double breakdown = s.RealizedPnl + s.UnrealizedPnl - s.Fees + s.Funding;
            Assert.True(Math.Abs(breakdown - s.NetPnl) <= 1e-9 * Math.Max(1, Math.Abs(s.NetPnl)), $"breakdown {breakdown} vs net {s.NetPnl}");
            Assert.Equal(s.Liquidations, script.Fills.Count(f => f.Kind == FillKind.Liquidation));
            if (s.Liquidations > 0) System.Threading.Interlocked.Increment(ref liquidated);
            if (s.BuyingPowerRejections > 0) System.Threading.Interlocked.Increment(ref refused);
            if (s.Funding != 0) System.Threading.Interlocked.Increment(ref paid);
            if (c.Inverse && s.Fills > 0) System.Threading.Interlocked.Increment(ref inverse);
        }, iter: 300);
        // The cases must reach the paths the invariants are about.
        Assert.True(liquidated > 0 && refused > 0 && paid > 0 && inverse > 0, $"liquidated {liquidated}, refused {refused}, paid {paid}, inverse {inverse}");
    }
}
