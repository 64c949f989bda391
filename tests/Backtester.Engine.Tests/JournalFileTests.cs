using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Backtester.Engine.Tests.Strategies;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// orders.arrow, round_trips.arrow and symbols.arrow of <see cref="JournalScript"/> over trades 1 µs apart from t = 1 000
/// at 100, 100, 98.5, 101, 101, 102, 102, 102; no latency (a request acts on the next trade), taker fee 10 bps, maker 0.
/// </summary>
public class JournalFileTests
{
    private static MarketData Tape() => new Tape().Trades(100, 100, 98.5, 101, 101, 102, 102, 102).Build();

    private static readonly BacktestOptions Options = new() { TakerFeeBps = 10 };

    [Fact]
    public void An_amend_refused_while_its_order_is_in_flight_leaves_the_order_working_in_the_orders_file()
    {
        // decided at 1 000: the limit (arrives and works from 2 000, never fills: prices stay above 90) and its amend to
        // price 0 (AmendRejected at 1 000, before the order has even arrived). The order is still working at the end.
        using var dir = new TempDirectory();
        Backtest.Run(Tape(), new RefusedAmendScript(), Options with { Output = new RunOutput(dir.Path) });
        var o = Table.Read(Path.Combine(dir.Path, "orders.arrow"));

        Assert.Equal((long)OrderStatus.Accepted, Assert.Single(o.Longs("status")));
        Assert.Equal((2_000L, 0L), (o.Longs("accepted_at")[0], o.Longs("done_at")[0]));
        Assert.Equal((long)RejectReason.None, o.Longs("reject_reason")[0]);
        Assert.Equal((90.0, 0L), (o.Doubles("limit_price")[0], o.Longs("amends")[0]));
    }

    [Theory]
    [InlineData(0.0, 91.0, 1L)] // the second refused at decision time (price 0): the first's 91 stands
    [InlineData(92.0, 92.0, 2L)] // both applied on arrival, in the order sent
    public void Two_amends_of_one_order_on_their_way_leave_the_price_the_venue_applied(double secondPrice, double limit, long amends)
    {
        // decided at 1 000: the buy limit 1 @ 90, an amend to 91 and one to secondPrice. Order and amends arrive at 2 000;
        // prices stay above 92, so it never fills.
        using var dir = new TempDirectory();
        Backtest.Run(Tape(), TwoAmendsScript.Create(new TwoAmendsScript.Parameters(secondPrice)), Options with { Output = new RunOutput(dir.Path) });
        var o = Table.Read(Path.Combine(dir.Path, "orders.arrow"));

        Assert.Equal((long)OrderStatus.Amended, Assert.Single(o.Longs("status")));
        Assert.Equal((limit, amends, 1.0), (o.Doubles("limit_price")[0], o.Longs("amends")[0], o.Doubles("quantity")[0]));
    }

    [Fact]
    public void The_orders_file_shows_an_order_and_its_amend_as_the_venue_rounded_them()
    {
        // Tick 0.5, lot 0.1, rounding on: a buy limit 0.27 @ 90.9 works as 0.2 @ 90.5 (quantity down to the lot, a buy's
        // price down to the tick); its amend to price 91.7 as 91.5. Prices stay above 92: no fill.
        var options = Options with
        {
            Instruments = [new Instrument("X") { TickSize = 0.5, LotSize = 0.1 }],
            OffGridOrders = OffGridOrders.Round,
        };
        using var dir = new TempDirectory();
        Backtest.Run(Tape(), new OffGridScript(), options with { Output = new RunOutput(dir.Path) });
        var o = Table.Read(Path.Combine(dir.Path, "orders.arrow"));

        Assert.Equal((long)OrderStatus.Amended, Assert.Single(o.Longs("status")));
        Assert.Equal(91.5, o.Doubles("limit_price")[0]);
        Assert.Equal(0.2, o.Doubles("quantity")[0], 12);
    }

    [Fact]
    public void Orders_file_has_every_order_with_its_lifecycle()
    {
        using var dir = new TempDirectory();
        Backtest.Run(Tape(), new JournalScript(), Options with { Output = new RunOutput(dir.Path) });
        var o = Table.Read(Path.Combine(dir.Path, "orders.arrow"));

        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, o.Longs("order_id"));
        Assert.All(o.Strings("symbol"), s => Assert.Equal("X", s));
        // sides Buy=1, Sell=-1; types Market=0, Limit=1, Stop=2 (OrderType's values)
        Assert.Equal(new long[] { 1, -1, -1, 1, 1 }, o.Longs("side"));
        Assert.Equal(new long[] { (long)OrderType.Limit, (long)OrderType.Stop, (long)OrderType.Market, (long)OrderType.Limit, (long)OrderType.Market }, o.Longs("type"));
        Assert.Equal(new[] { false, true, false, false, false }, o.Bools("reduce_only"));
        Assert.Equal(new double[] { 2, 1, 3, 1, 1 }, o.Doubles("quantity"));
        Assert.Equal(60, o.Doubles("limit_price")[3]); // 50, amended to 60
        Assert.Equal(90, o.Doubles("stop_price")[1]);
        Assert.Equal(new long[] { 1_000, 1_000, 3_000, 4_000, 6_000 }, o.Longs("submitted_at"));
        Assert.Equal(new long[] { 2_000, 0, 4_000, 5_000, 7_000 }, o.Longs("accepted_at"));
        Assert.Equal(new long[] { 3_000, 0, 4_000, 0, 7_000 }, o.Longs("first_fill_at"));
        Assert.Equal(new long[] { 3_000, 2_000, 4_000, 8_000, 7_000 }, o.Longs("done_at"));
        Assert.Equal(new long[] { (long)OrderStatus.Filled, (long)OrderStatus.Rejected, (long)OrderStatus.Filled, (long)OrderStatus.Cancelled, (long)OrderStatus.Filled }, o.Longs("status"));
        Assert.Equal((long)RejectReason.ReduceOnlyWouldIncrease, o.Longs("reject_reason")[1]);
        Assert.Equal(new double[] { 2, 0, 3, 0, 1 }, o.Doubles("filled_quantity"));
        Assert.Equal(99, o.Doubles("average_fill_price")[0]); // the limit fills as maker at its price when 98.5 prints
        Assert.Equal(101, o.Doubles("average_fill_price")[2]);
        Assert.True(double.IsNaN(o.Doubles("average_fill_price")[3]));
        Assert.Equal(3 * 101 * 0.001, o.Doubles("fees")[2], 12);
        Assert.Equal(new long[] { 0, 0, 0, 1, 0 }, o.Longs("amends"));
    }

    [Fact]
    public void Round_trips_and_symbol_statistics_follow_the_engines_average_cost_rules()
    {
        using var dir = new TempDirectory();
        BacktestResult result = Backtest.Run(Tape(), new JournalScript(), Options with { Output = new RunOutput(dir.Path) });
        var trips = Table.Read(Path.Combine(dir.Path, "round_trips.arrow"));

        // Long 2 at 99, closed by 2 of the sell of 3 at 101: 2 × 2 = 4, minus 2/3 of its fee 0.303.
        // Short 1 at 101 (the rest, 1/3 of the fee), closed at 102 (fee 0.102): −1 − 0.101 − 0.102.
        Assert.Equal(new long[] { 1, -1 }, trips.Longs("direction"));
        Assert.Equal(new long[] { 3_000, 4_000 }, trips.Longs("opened_at"));
        Assert.Equal(new long[] { 4_000, 7_000 }, trips.Longs("closed_at"));
        Assert.Equal(new long[] { 1_000, 3_000 }, trips.Longs("duration_ns"));
        Assert.Equal(new double[] { 99, 101 }, trips.Doubles("entry_price"));
        Assert.Equal(new double[] { 101, 102 }, trips.Doubles("exit_price"));
        Assert.Equal(new double[] { 2, 1 }, trips.Doubles("max_quantity"));
        Assert.Equal(4 - 0.202, trips.Doubles("pnl")[0], 12);
        Assert.Equal(-1 - 0.101 - 0.102, trips.Doubles("pnl")[1], 12);
        Assert.Equal((4 - 0.202) / 198, trips.Doubles("return")[0], 12);
        Assert.Equal(new long[] { 2, 2 }, trips.Longs("fills"));
        Assert.Equal((2, 1, 1), (result.Summary.RoundTrips, result.Summary.Wins, result.Summary.Losses));

        var symbols = Table.Read(Path.Combine(dir.Path, "symbols.arrow"));
        Assert.Equal(new[] { "X" }, symbols.Strings("symbol"));
        Assert.Equal(3, symbols.Longs("fills")[0]);
        Assert.Equal((2L, 1L, 1L), (symbols.Longs("round_trips")[0], symbols.Longs("wins")[0], symbols.Longs("losses")[0]));
        Assert.Equal(3 - 0.405, symbols.Doubles("net_pnl")[0], 12); // realized 4 − 1, fees 0.303 + 0.102
        Assert.Equal(result.Summary.NetPnl, symbols.Doubles("net_pnl")[0], 9);
        Assert.Equal(100, symbols.Doubles("first_price")[0]);
        Assert.Equal(102, symbols.Doubles("last_price")[0]);
        Assert.Equal(0.02, symbols.Doubles("buy_and_hold_return")[0], 12);
    }

    [Fact]
    public void A_symbols_net_pnl_includes_its_funding_as_the_summarys_does()
    {
        // Funding rate 0.001 at t = 3 500 (long 2 since the 99 limit filled at 3 000; last price 98.5: pays 2 × 98.5 × 0.001
        // = 0.197) and t = 5 500 (short 1 since 4 000; last price 101: receives 0.101). Funding −0.096; net PnL
        // 3 − 0.405 (realized 4 − 1, fees 0.303 + 0.102) − 0.096 = 2.499.
        using var dir = new TempDirectory();
        var funding = new Backtester.Data.FundingColumns("funding", 1, new[] { 3_500L, 5_500L }, new[] { 0, 0 }, new[] { 0.001, 0.001 }, new[] { double.NaN, double.NaN });
        BacktestResult result = Backtest.Run(Tape().WithFunding(funding), new JournalScript(), Options with { Output = new RunOutput(dir.Path) });

        Assert.Equal(-0.096, result.Summary.Funding, 12);
        var symbols = Table.Read(Path.Combine(dir.Path, "symbols.arrow"));
        Assert.Equal(3 - 0.405 - 0.096, symbols.Doubles("net_pnl")[0], 12);
        Assert.Equal(result.Summary.NetPnl, symbols.Doubles("net_pnl")[0], 9);
    }

    [Fact]
    public void Under_mark_pricing_a_symbols_unrealized_pnl_is_at_the_last_mark_and_its_last_price_is_the_markets()
    {
        // Buy 40 decided on the trade at 1 000, filled at 100 on the trade at 2 000. Trades 100, 100, 80, 100, 100; marks
        // 100 (1 500), 99 (3 500), 98 (4 500). Valued at the marks, the position ends at the last mark: unrealized
        // 40 × (98 − 100) = −80, as the summary's. The market's last price is the trade at 5 000, 100: buy and hold 100 / 100
        // − 1 = 0. So 40 × (last_price − average_price) = 0 is not the unrealized PnL here (docs/results.md says so).
        using var dir = new TempDirectory();
        MarketData tape = new Tape().Trade(1_000, 100).Trade(2_000, 100).Trade(3_000, 80).Trade(4_000, 100).Trade(5_000, 100)
            .Mark(1_500, 100).Mark(3_500, 99).Mark(4_500, 98).Build();
        var options = new BacktestOptions
        {
            InitialCapital = 1000,
            Account = AccountOptions.Margin(leverage: 5, maintenanceMargin: 0.1),
            MarkWith = MarkSource.MarkPrice,
            Output = new RunOutput(dir.Path),
        };
        BacktestResult result = Backtest.Run(tape, new BuyOnce(), options);

        Assert.Equal(-80, result.Summary.UnrealizedPnl, 12);
        var symbols = Table.Read(Path.Combine(dir.Path, "symbols.arrow"));
        Assert.Equal(-80, symbols.Doubles("unrealized_pnl")[0], 12);
        Assert.Equal(-80, symbols.Doubles("net_pnl")[0], 12);
        Assert.Equal((40.0, 100.0), (symbols.Doubles("final_position")[0], symbols.Doubles("average_price")[0]));
        Assert.Equal((100.0, 100.0), (symbols.Doubles("first_price")[0], symbols.Doubles("last_price")[0]));
        Assert.Equal(0, symbols.Doubles("buy_and_hold_return")[0], 12);
    }

    [Fact]
    public void Orders_file_says_which_trigger_each_stop_uses_its_own_or_the_runs()
    {
        // Stops on the last price, the touch (amended: it keeps its trigger), the mark, and one without a trigger under a
        // run on the touch: the last one records the run's trigger, BidAsk.
        using var dir = new TempDirectory();
        Backtest.Run(Tape(), new TriggerJournalScript(), Options with { StopTrigger = StopTrigger.BidAsk, Output = new RunOutput(dir.Path) });
        var o = Table.Read(Path.Combine(dir.Path, "orders.arrow"));

        Assert.Equal(new long[] { (long)StopTrigger.LastPrice, (long)StopTrigger.BidAsk, (long)StopTrigger.MarkPrice, (long)StopTrigger.BidAsk }, o.Longs("stop_trigger"));
        Assert.Equal(new long[] { 0, 1, 0, 0 }, o.Longs("amends"));
        Assert.Equal(91, o.Doubles("stop_price")[1]);
    }

    [Fact]
    public void Orders_file_shows_the_stop_and_limit_a_trailing_stop_limit_triggered_at_and_nan_for_one_still_trailing()
    {
        // All three sells arrive on the trade at 100 (2 000). Offset 1 puts the first two's stops at 99, and 98.5 at 3 000
        // reaches them: the first's limit is 99 − 0.5 = 98.5, within the trade, so it fills at once at 98.5 (taker); the
        // second's is 99 + 1 = 100, above it, so it rests, and 101 at 4 000 fills it at 100 (maker). The third's stop (95,
        // then 97 after 102) is never reached: still working, stop_price and limit_price NaN (the venue moves both).
        using var dir = new TempDirectory();
        Backtest.Run(Tape(), new TrailingLimitJournalScript(), Options with { Output = new RunOutput(dir.Path) });
        var o = Table.Read(Path.Combine(dir.Path, "orders.arrow"));

        Assert.Equal(new long[] { (long)OrderType.TrailingStopLimit, (long)OrderType.TrailingStopLimit, (long)OrderType.TrailingStopLimit }, o.Longs("type"));
        Assert.Equal(new long[] { (long)OrderStatus.Filled, (long)OrderStatus.Filled, (long)OrderStatus.Accepted }, o.Longs("status"));
        Assert.Equal(new[] { 99.0, 99.0, double.NaN }, o.Doubles("stop_price"));
        Assert.Equal(new[] { 98.5, 100.0, double.NaN }, o.Doubles("limit_price"));
        Assert.Equal(new[] { 98.5, 100.0 }, o.Doubles("average_fill_price").Take(2));
    }

    [Fact]
    public void Orders_file_shows_the_stop_a_trailing_stop_triggered_at_and_nan_for_one_still_trailing()
    {
        // Both sell trailing stops arrive on the trade at 100 (2 000): offset 1 puts the first's stop at 99, and 98.5 at
        // 3 000 reaches it: stop_price 99, filled at 98.5. The second's stop (95, then 97 after 102) is never reached:
        // still working, stop_price NaN (its stop moves at the venue).
        using var dir = new TempDirectory();
        Backtest.Run(Tape(), new TrailingJournalScript(), Options with { Output = new RunOutput(dir.Path) });
        var o = Table.Read(Path.Combine(dir.Path, "orders.arrow"));

        Assert.Equal(new long[] { (long)OrderType.TrailingStop, (long)OrderType.TrailingStop }, o.Longs("type"));
        Assert.Equal(new long[] { (long)OrderStatus.Filled, (long)OrderStatus.Accepted }, o.Longs("status"));
        Assert.Equal(99.0, o.Doubles("stop_price")[0]);
        Assert.True(double.IsNaN(o.Doubles("stop_price")[1]));
        Assert.Equal(98.5, o.Doubles("average_fill_price")[0]);
    }

    [Fact]
    public void Orders_file_links_a_brackets_orders_and_says_which_its_group_cancelled()
    {
        // The bracket decided on the trade at 1 000 buys at 100 at 2 000; its exits are released then; the trade at 101 at
        // 4 000 prints below the take-profit 101.5, the one at 102 (6 000) through it: sold at 101.5, and the stop-loss is
        // cancelled by its group there. Every order has the group of the entry, 1; the exits have the entry as parent.
        using var dir = new TempDirectory();
        Backtest.Run(Tape(), new BracketJournalScript(), Options with { Output = new RunOutput(dir.Path) });
        var o = Table.Read(Path.Combine(dir.Path, "orders.arrow"));

        Assert.Equal(new long[] { 1, 1, 1 }, o.Longs("contingency_group_id"));
        Assert.Equal(new long[] { 0, 1, 1 }, o.Longs("parent_order_id"));
        Assert.Equal(new long[] { (long)OrderStatus.Filled, (long)OrderStatus.Filled, (long)OrderStatus.Cancelled }, o.Longs("status"));
        Assert.Equal(new long[] { (long)RejectReason.None, (long)RejectReason.None, (long)RejectReason.Contingency }, o.Longs("reject_reason"));
        Assert.Equal(new long[] { 2_000, 2_000, 2_000 }, o.Longs("accepted_at"));
        Assert.Equal(new long[] { 2_000, 6_000, 6_000 }, o.Longs("done_at"));
    }

    [Fact]
    public void Csv_format_writes_every_result_file_as_csv_with_enum_names_and_iso_times()
    {
        using var dir = new TempDirectory();
        Backtest.Run(Tape(), new JournalScript(), Options with { Output = new RunOutput(dir.Path) { Format = ResultFormat.Csv } });

        Assert.Empty(Directory.GetFiles(dir.Path, "*.arrow"));
        foreach (string name in new[] { "summary", "fills", "equity", "orders", "round_trips", "symbols" })
            Assert.True(File.Exists(Path.Combine(dir.Path, name + ".csv")), name + ".csv");
        string[] orders = File.ReadAllLines(Path.Combine(dir.Path, "orders.csv"));
        Assert.Equal(6, orders.Length);
        Assert.StartsWith("order_id,symbol,symbol_id,side,type,time_in_force,reduce_only,quantity,limit_price,stop_price,submitted_at,", orders[0]);
        Assert.StartsWith("2,X,0,Sell,Stop,Gtc,true,1,NaN,90,1970-01-01T00:00:00.000001000Z,", orders[2]);
        Assert.Contains(",Rejected,ReduceOnlyWouldIncrease,", orders[2]);
    }

    /// <summary>An Arrow file's columns by name.</summary>
    private sealed class Table
    {
        private readonly List<RecordBatch> _batches = new();

        public static Table Read(string path)
        {
            var table = new Table();
            using FileStream stream = File.OpenRead(path);
            using var reader = new ArrowFileReader(stream);
            while (reader.ReadNextRecordBatch() is { } batch) table._batches.Add(batch.Clone());
            return table;
        }

        private IEnumerable<T> Column<T>(string name, Func<IArrowArray, int, T> read) =>
            _batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(i => read(b.Column(name), i)));

        public long[] Longs(string name) => Column(name, (a, i) => a switch
        {
            Int64Array x => x.GetValue(i)!.Value,
            Int32Array x => x.GetValue(i)!.Value,
            Int8Array x => x.GetValue(i)!.Value,
            UInt8Array x => x.GetValue(i)!.Value,
            TimestampArray x => x.GetValue(i)!.Value,
            _ => throw new InvalidOperationException($"{name} is {a.Data.DataType.Name}"),
        }).ToArray();

        public double[] Doubles(string name) => Column(name, (a, i) => ((DoubleArray)a).GetValue(i)!.Value).ToArray();

        public bool[] Bools(string name) => Column(name, (a, i) => ((BooleanArray)a).GetValue(i)!.Value).ToArray();

        public string?[] Strings(string name) => Column(name, (a, i) => ((StringArray)a).GetString(i)).ToArray();
    }
}
