using System;
using System.Collections.Generic;
using Backtester.Execution;
using Backtester.Infrastructure;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// The response latency (docs/execution.md, "Response latency"; decision 0074): a report made at the venue at t reaches
/// the strategy before the first event at or after t + the response latency, in the order made; until then the
/// strategy's position and open quantities show the state before it, while the account books at venue time.
/// </summary>
public class ResponseLatencyTests
{
    private const long Ms = 1_000_000;

    /// <summary>What the strategy heard, when (<see cref="Orders.Time"/>), and what it saw then.</summary>
    private sealed record Heard(string What, long MadeAt, long HeardAt, double Position, double OpenQuantity);

    private sealed class Recorder
    {
        public readonly List<Heard> Heard = new();
        public readonly List<(long Time, double Position, double OpenQuantity)> AtTrade = new();
        public readonly Dictionary<int, Action<Orders>> Actions = new();
        public Action<Orders>? EveryTrade;
        public double PositionAtFinish = double.NaN, OpenAtFinish = double.NaN;
        public int Trades;
    }

    private struct RecordingDriver(Recorder r) : IStrategyDriver
    {
        public void OnStart(Orders orders) { }

        public void OnTrade(in Trade trade, Orders orders)
        {
            r.AtTrade.Add((orders.Time, orders.Position, orders.OpenQuantity));
            r.EveryTrade?.Invoke(orders);
            if (r.Actions.TryGetValue(r.Trades++, out Action<Orders>? act)) act(orders);
        }

        public void OnQuote(in Quote quote, Orders orders) { }

        public void OnBar(in Bar bar, Orders orders) { }

        public void OnBook(in BookUpdate update, Orders orders) { }

        public void OnFunding(in Funding funding, Orders orders) { }
        public void OnMarkPrice(in MarkPriceUpdate mark, Orders orders) { }

        public void OnTimer(in TimerTick timer, Orders orders) { }

        public void OnFill(in Fill fill, Orders orders) =>
            r.Heard.Add(new Heard($"fill {fill.Quantity}@{fill.Price}", fill.Timestamp, orders.Time, orders.PositionOf(fill.SymbolId), orders.OpenQuantityOf(fill.SymbolId)));

        public void OnOrder(in OrderUpdate update, Orders orders) =>
            r.Heard.Add(new Heard($"{update.Status} {update.RejectReason} #{update.OrderId} s{update.SymbolId} {update.FilledQuantity}/{update.RemainingQuantity}",
                update.Timestamp, orders.Time, orders.PositionOf(0), orders.OpenQuantityOf(0)));

        public void OnFinish(Orders orders)
        {
            r.PositionAtFinish = orders.PositionOf(0);
            r.OpenAtFinish = orders.OpenQuantityOf(0);
        }
    }

    private static BacktestResult Run(MarketData data, Recorder r, BacktestOptions options)
    {
        var driver = new RecordingDriver(r);
        return new BacktestRunner().Run(data, ref driver, options);
    }

    // Trades (ms): 100, 105, 107, 110 (at 98), 111, 112, 115, 120, 125; all at 100 but the one at 110.
    private static MarketData Tape110() => new Tape()
        .Trade(100 * Ms, 100).Trade(105 * Ms, 100).Trade(107 * Ms, 100).Trade(110 * Ms, 98).Trade(111 * Ms, 100)
        .Trade(112 * Ms, 100).Trade(115 * Ms, 100).Trade(120 * Ms, 100).Trade(125 * Ms, 100).Build();

    private static Recorder BuyAt100CancelAt111()
    {
        var r = new Recorder();
        r.Actions[0] = o => o.Limit(Side.Buy, 1, 99); // decided at 100 ms (trade 0)
        r.Actions[4] = o => o.Cancel(1); // decided at 111 ms (trade 4)
        return r;
    }

    [Fact]
    public void A_fill_at_the_venue_reaches_the_strategy_after_the_response_latency_and_a_cancel_decided_before_it_is_refused_on_arrival()
    {
        // Order latency 5 ms, response latency 3 ms. Buy limit 1 @ 99 decided at 100 ms arrives at 105 ms: Accepted made at
        // 105, heard before the first event at or after 108, the trade at 110. On that trade (98 <= 99) it fills at 99 at
        // the venue: made at 110, heard before the first event at or after 113, the trade at 115, and only then does the
        // strategy's position become 1 and its open quantity 0 (at 110, 111, 112 it still shows 0 and 1). The cancel
        // decided at 111 ms (the fill not yet heard) arrives at 116 and acts on the trade at 120: the order has closed at
        // the venue, so CancelRejected(OrderClosed), symbol -1, quantities 0 (decision 0042), made at 120, heard at 125.
        Recorder r = BuyAt100CancelAt111();
        BacktestResult result = Run(Tape110(), r, new BacktestOptions { OrderLatencyNs = 5 * Ms, ResponseLatency = LatencyModel.Constant(3 * Ms), TradeLog = TradeLogMode.All });

        Assert.Equal(new[]
        {
            new Heard("Accepted None #1 s0 0/1", 105 * Ms, 110 * Ms, 0, 1),
            new Heard("fill 1@99", 110 * Ms, 115 * Ms, 1, 0),
            new Heard("Filled None #1 s0 1/0", 110 * Ms, 115 * Ms, 1, 0),
            new Heard("CancelRejected OrderClosed #1 s-1 0/0", 120 * Ms, 125 * Ms, 1, 0),
        }, r.Heard);
        Assert.Equal(new[]
        {
            (100 * Ms, 0.0, 0.0), (105 * Ms, 0.0, 1.0), (107 * Ms, 0.0, 1.0), (110 * Ms, 0.0, 1.0), (111 * Ms, 0.0, 1.0),
            (112 * Ms, 0.0, 1.0), (115 * Ms, 1.0, 0.0), (120 * Ms, 1.0, 0.0), (125 * Ms, 1.0, 0.0),
        }, r.AtTrade);
        // The account books at venue time: the fill is stamped 110 ms, at 99; marked at the last trade (100) the PnL is +1.
        Fill fill = Assert.Single(result.Fills.ToArray());
        Assert.Equal((110 * Ms, 99.0, 1.0), (fill.Timestamp, fill.Price, fill.Quantity));
        Assert.Equal(1.0, result.Summary.NetPnl, 9);
    }

    [Fact]
    public void A_response_latency_of_zero_reports_on_the_event_as_without_one()
    {
        // Constant(0) is no response latency: Accepted and the fill reported on the events they are made (105, 110 ms),
        // the position 1 from the trade at 110 on; the cancel decided at 111 arrives at 116, acts at 120, refused there.
        foreach (LatencyModel? response in new[] { null, LatencyModel.Constant(0) })
        {
            Recorder r = BuyAt100CancelAt111();
            BacktestResult result = Run(Tape110(), r, new BacktestOptions { OrderLatencyNs = 5 * Ms, ResponseLatency = response });

            Assert.Equal(new[]
            {
                new Heard("Accepted None #1 s0 0/1", 105 * Ms, 105 * Ms, 0, 1),
                new Heard("fill 1@99", 110 * Ms, 110 * Ms, 1, 0),
                new Heard("Filled None #1 s0 1/0", 110 * Ms, 110 * Ms, 1, 0),
                new Heard("CancelRejected OrderClosed #1 s-1 0/0", 120 * Ms, 120 * Ms, 1, 0),
            }, r.Heard);
            Assert.Equal((110 * Ms, 1.0), (r.AtTrade[3].Time, r.AtTrade[3].Position));
            Assert.Equal(1.0, result.Summary.NetPnl, 9);
        }
    }

    [Fact]
    public void Reports_still_in_flight_when_the_data_ends_are_delivered_before_OnFinish()
    {
        // Market buy decided at 100 ms, order latency 5: fills at 105 ms (the last trade, at 100). Response latency 3 ms:
        // made at 105, due at 108, after the data. Both reports reach the strategy before OnFinish, with the clock at the
        // last event (105 ms), and OnFinish sees position 1, nothing open.
        var data = new Tape().Trade(100 * Ms, 100).Trade(105 * Ms, 100).Build();
        var r = new Recorder();
        r.Actions[0] = o => o.Market(Side.Buy, 1);
        Run(data, r, new BacktestOptions { OrderLatencyNs = 5 * Ms, ResponseLatency = LatencyModel.Constant(3 * Ms), TradeLog = TradeLogMode.All });

        Assert.Equal(new[]
        {
            new Heard("Accepted None #1 s0 0/1", 105 * Ms, 105 * Ms, 0, 1),
            new Heard("fill 1@100", 105 * Ms, 105 * Ms, 1, 0),
            new Heard("Filled None #1 s0 1/0", 105 * Ms, 105 * Ms, 1, 0),
        }, r.Heard);
        Assert.Equal((0.0, 1.0), (r.AtTrade[1].Position, r.AtTrade[1].OpenQuantity)); // on the trade at 105 it had not heard yet
        Assert.Equal((1.0, 0.0), (r.PositionAtFinish, r.OpenAtFinish));
    }

    [Fact]
    public void A_liquidation_acts_at_venue_time_and_the_strategy_hears_of_it_after_the_response_latency()
    {
        // As A_margin_account_below_maintenance_is_liquidated_... (AccountTests): capital 1000, 5x, maintenance 10%, fee
        // 50 bps; trades at 1000…7000 ns: 100, 100, 95, 90, 85, 80, 85. Buy 40 decided at 1000 fills at 2000 @ 100; the
        // account is liquidated at 6000 (equity 200 < maintenance 320), selling 40 @ 80, fee 16. Response latency 1500:
        // the buy's reports are due at 3500, heard before the trade at 4000; the liquidation's are due at 7500, after the
        // last trade (7000), so on the trades at 6000 and 7000 the strategy still sees 40, and hears of the liquidation
        // before OnFinish (clock 7000). The account's numbers are those of the run without a response latency.
        var options = new BacktestOptions
        {
            InitialCapital = 1000,
            Account = AccountOptions.Margin(leverage: 5, maintenanceMargin: 0.1) with { LiquidationFeeBps = 50 },
            ResponseLatency = LatencyModel.Constant(1_500),
        };
        var r = new Recorder();
        r.Actions[0] = o => o.Market(Side.Buy, 40);
        BacktestResult result = Run(new Tape().Trades(100, 100, 95, 90, 85, 80, 85).Build(), r, options);

        Assert.Equal(new[] { 0.0, 0, 0, 40, 40, 40, 40 }, r.AtTrade.ConvertAll(t => t.Position));
        Assert.Equal(new[]
        {
            new Heard("Accepted None #1 s0 0/40", 2_000, 4_000, 0, 40),
            new Heard("fill 40@100", 2_000, 4_000, 40, 0),
            new Heard("Filled None #1 s0 40/0", 2_000, 4_000, 40, 0),
            new Heard("fill 40@80", 6_000, 7_000, 0, 0),
            new Heard("Filled Liquidation #-1 s0 40/0", 6_000, 7_000, 0, 0),
        }, r.Heard);
        Assert.Equal((0.0, 0.0), (r.PositionAtFinish, r.OpenAtFinish));
        Assert.Equal(0, result.Positions[0].Position);
        Assert.Equal(-800, result.Summary.RealizedPnl, 9); // 40 × (80 − 100)
        Assert.Equal(1000 - 800 - 16, result.Summary.FinalEquity, 9);
        Assert.Equal(1, result.Summary.Liquidations);
    }

    [Fact]
    public void TargetPosition_sends_one_order_while_the_fill_report_travels()
    {
        // TargetPosition(1) on every trade, order latency 2 ms, response latency 3 ms, trades every 1 ms from 100 ms. The
        // order decided at 100 fills at 102 at the venue; until its report arrives (105) the strategy sees position 0 and
        // 1 open, so 0 + 1 = 1 is the target and nothing more is sent; afterwards 1 + 0. One order, one fill.
        var tape = new Tape();
        for (int i = 0; i < 10; i++) tape.Trade((100 + i) * Ms, 100);
        var r = new Recorder { EveryTrade = o => o.TargetPosition(1) };
        BacktestResult result = Run(tape.Build(), r, new BacktestOptions { OrderLatencyNs = 2 * Ms, ResponseLatency = LatencyModel.Constant(3 * Ms), TradeLog = TradeLogMode.All });

        Assert.True(result.Fills.Length == 1, string.Join("\n", r.Heard));
        Fill fill = result.Fills.Span[0];
        Assert.Equal(102 * Ms, fill.Timestamp);
        Assert.Equal((105 * Ms, 1.0), (r.Heard[1].HeardAt, r.Heard[1].Position));
        Assert.Equal((1.0, 0.0), (r.PositionAtFinish, r.OpenAtFinish));
    }

    [Fact]
    public void Drawn_response_latencies_deliver_each_report_at_the_first_event_after_its_draw_and_never_overtake()
    {
        // Trades every 1 ms; a market buy on every 4th trade (order latency 1 ms: each fills on the next trade). Response
        // latency LogNormal(median 3 ms, σ 1, seed 11). A second method: replay the same draws (LatencySampler, one per
        // report in the order made: Accepted, fill, Filled per order) and compute each delivery as
        // max(made + draw, previous delivery); each report must be heard on the first trade at or after it (or at the
        // finish, at the last trade's time), and in the order made.
        const int n = 200;
        var tape = new Tape();
        for (int i = 0; i < n; i++) tape.Trade((100 + i) * Ms, 100);
        var r = new Recorder();
        for (int i = 0; i < n - 1; i += 4) r.Actions[i] = o => o.Market(Side.Buy, 1);
        LatencyModel model = LatencyModel.LogNormal(3 * Ms, 1, seed: 11);
        Run(tape.Build(), r, new BacktestOptions { OrderLatencyNs = 1 * Ms, ResponseLatency = model });

        var draws = new LatencySampler(model);
        long previous = long.MinValue, last = (100 + n - 1) * Ms;
        Assert.Equal(3 * 50, r.Heard.Count);
        for (int k = 0; k < r.Heard.Count; k++)
        {
            long due = Math.Max(r.Heard[k].MadeAt + draws.Next(), previous);
            previous = due;
            long firstEvent = due <= last ? 100 * Ms + (due - 100 * Ms + Ms - 1) / Ms * Ms : last; // trades at whole ms
            Assert.Equal(firstEvent, r.Heard[k].HeardAt);
            if (k > 0) Assert.True(r.Heard[k].HeardAt >= r.Heard[k - 1].HeardAt);
        }
        Assert.Equal((50.0, 0.0), (r.PositionAtFinish, r.OpenAtFinish));
    }
    // Buying power under a response latency (decision 0075). The account's margin check is the venue's: it counts each
    // quantity once, where the venue has it: filled = the account's position, still to fill = the orders in flight to
    // the venue or working there. The strategy's delayed view (its position and open quantity change when a report is
    // delivered) is not the venue's, so a check mixing the account's position with the strategy's open quantity counted
    // a fill in flight twice and an amend in flight not at all. Since the strategy's orders do not depend on what it
    // heard here (by trade index only), the venue's decisions must be the same with and without the response latency.

    /// <summary>Margin 5x (initial rate 0.2) on 1000: the orders of a symbol at 100 may build |position + open| × 100 × 0.2 ≤ 1000, 50 units.</summary>
    private static BacktestOptions Margin5x(LatencyModel? response) => new()
    {
        InitialCapital = 1000, Account = AccountOptions.Margin(leverage: 5), OrderLatencyNs = 5 * Ms, ResponseLatency = response, TradeLog = TradeLogMode.All,
    };

    private static readonly LatencyModel?[] WithAndWithout = { null, LatencyModel.Constant(3 * Ms) };

    [Fact]
    public void A_fill_whose_report_is_in_flight_counts_once_in_buying_power()
    {
        // Trades at 100, 105, 107, 110, 112, 115 ms, all at 100. Market buy 30 decided at 100 arrives at 105 and fills there
        // at 100: the account holds 30 from 105 on; its reports are due at 108 (heard at 110). Market buy 15 decided at 107,
        // while the fill's report travels: the strategy still sees position 0 and 30 open, the venue has position 30 and
        // nothing open. Counted once: |30 + 0 + 15| × 100 × 0.2 = 900 ≤ equity 1000, accepted; it arrives at 112 and fills
        // there, position 45. (Counting the fill twice, |30 + 30 + 15| × 20 = 1500 > 1000, refused it as InsufficientMargin.)
        var data = new Tape().Trade(100 * Ms, 100).Trade(105 * Ms, 100).Trade(107 * Ms, 100).Trade(110 * Ms, 100).Trade(112 * Ms, 100).Trade(115 * Ms, 100).Build();
        foreach (LatencyModel? response in WithAndWithout)
        {
            var r = new Recorder();
            r.Actions[0] = o => o.Market(Side.Buy, 30);
            r.Actions[2] = o => o.Market(Side.Buy, 15);
            BacktestResult result = Run(data, r, Margin5x(response));

            Assert.True(result.Summary.BuyingPowerRejections == 0, $"{response}: {string.Join("\n", r.Heard)}");
            Assert.Equal(new[] { (105 * Ms, 30.0), (112 * Ms, 15.0) }, Array.ConvertAll(result.Fills.ToArray(), f => (f.Timestamp, f.Quantity)));
            Assert.Equal(45, result.Positions[0].Position);
        }
    }

    [Fact]
    public void A_raised_amend_whose_report_is_in_flight_counts_in_buying_power()
    {
        // The reverse case, an in-flight change counted zero times. Trades at 100, 105, 110, 111, 115, 120 ms, all at 100.
        // Limit buy 10 @ 90 decided at 100 rests from 105 (never reached). The amend to 30 decided at 105 arrives at 110:
        // it adds 20 (|0 + 10 + 20| × 20 = 600 ≤ 1000, accepted), and the venue holds 30 open from 110 on; its report is
        // due at 113 (heard at 115), so at 111 the strategy still sees 10 open. Market buy 25 decided at 111: the venue holds
        // 30, so |0 + 30 + 25| × 100 × 0.2 = 1100 > equity 1000 (and > 600 without it): refused InsufficientMargin, as it is
        // without a response latency. (Reading the strategy's 10, |10 + 25| × 20 = 700 let it through.)
        var data = new Tape().Trade(100 * Ms, 100).Trade(105 * Ms, 100).Trade(110 * Ms, 100).Trade(111 * Ms, 100).Trade(115 * Ms, 100).Trade(120 * Ms, 100).Build();
        foreach (LatencyModel? response in WithAndWithout)
        {
            var r = new Recorder();
            r.Actions[0] = o => o.Limit(Side.Buy, 10, 90);
            r.Actions[1] = o => o.Amend(1, quantity: 30);
            r.Actions[3] = o => o.Market(Side.Buy, 25);
            BacktestResult result = Run(data, r, Margin5x(response));

            Assert.Contains(new Heard("Rejected InsufficientMargin #2 s0 0/0", 111 * Ms, 111 * Ms, 0, response is null ? 30 : 10), r.Heard);
            Assert.Equal(1, result.Summary.BuyingPowerRejections);
            Assert.Empty(result.Fills.ToArray());
        }
    }

    [Fact]
    public void A_cancel_whose_report_is_in_flight_frees_buying_power()
    {
        // Trades at 100, 105, 110, 111, 115, 120 ms, all at 100. Limit buy 30 @ 90 decided at 100 rests from 105 (600 of
        // margin). The cancel decided at 105 arrives at 110 and the venue closes the order; its report is due at 113, so at
        // 111 the strategy still sees 30 open. Market buy 45 decided at 111: the venue holds nothing open, so
        // |0 + 0 + 45| × 100 × 0.2 = 900 ≤ 1000, accepted (reading the strategy's 30, |30 + 45| × 20 = 1500 refused it); it
        // arrives at 116 and fills on the trade at 120.
        var data = new Tape().Trade(100 * Ms, 100).Trade(105 * Ms, 100).Trade(110 * Ms, 100).Trade(111 * Ms, 100).Trade(115 * Ms, 100).Trade(120 * Ms, 100).Build();
        foreach (LatencyModel? response in WithAndWithout)
        {
            var r = new Recorder();
            r.Actions[0] = o => o.Limit(Side.Buy, 30, 90);
            r.Actions[1] = o => o.Cancel(1);
            r.Actions[3] = o => o.Market(Side.Buy, 45);
            BacktestResult result = Run(data, r, Margin5x(response));

            Assert.True(result.Summary.BuyingPowerRejections == 0, $"{response}: {string.Join("\n", r.Heard)}");
            Assert.Equal(new[] { (120 * Ms, 45.0) }, Array.ConvertAll(result.Fills.ToArray(), f => (f.Timestamp, f.Quantity)));
        }
    }
}
