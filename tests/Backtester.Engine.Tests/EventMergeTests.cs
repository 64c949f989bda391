using System.Collections.Generic;
using System.Linq;
using Backtester.Data;
using CsCheck;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>The replay's one merge of every source: funding, book updates, quotes, trades, bars and timers together.</summary>
public class EventMergeTests
{
    private const BookUpdateFlags R = BookUpdateFlags.Reset | BookUpdateFlags.Snapshot, S = BookUpdateFlags.Snapshot;

    private static MarketData WithFunding(MarketData data, params (long Time, double Rate, double Mark)[] rows) =>
        data.WithFunding(new FundingColumns("funding", data.Symbols.Count, rows.Select(r => r.Time).ToArray(), new int[rows.Length],
            rows.Select(r => r.Rate).ToArray(), rows.Select(r => r.Mark).ToArray()));

    [Fact]
    public void Every_kind_at_shared_times_goes_funding_book_quote_trade_bar_mark_then_timer()
    {
        // Timer every 500 from the first event (1 000): due at 1 000, 1 500, ..., 4 000 and 4 500, the last event's
        // time. At 1 000: the two book rows, the trade, the timer. At 2 000: funding first, then book, quote, trade, bar,
        // mark price, and the timer last. 3 000: the quote, then its timer. 3 500: funding alone. 4 000: trade, bar, mark,
        // timer. 4 500: a mark price alone is the last market event, so the timer due at it fires after it.
        var tape = new Tape()
            .Level(1_000, BookSide.Bid, 99, 1, R).Level(1_000, BookSide.Ask, 101, 1, S).Level(2_000, BookSide.Bid, 100, 1)
            .Quote(2_000, 100, 1, 101, 1).Quote(3_000, 100, 1, 101, 1)
            .Trade(1_000, 100).Trade(2_000, 100).Trade(4_000, 100)
            .Bar(2_000, 100, 100, 100, 100).Bar(4_000, 100, 100, 100, 100)
            .Mark(2_000, 100.1).Mark(4_000, 100.2).Mark(4_500, 100.3);
        MarketData data = WithFunding(tape.Build(), (2_000, 0.001, 100), (3_500, 0.001, 100));
        var script = new Script();
        script.TimersAtStart.Add((500, 0));

        Runs.Of(data, script);

        Assert.Equal(new[]
        {
            "L0@1000", "L0@1000", "T0@1000", "timer0@1000",
            "timer0@1500",
            "F0@2000", "L0@2000", "Q0@2000", "T0@2000", "B0@2000", "M0@2000", "timer0@2000",
            "timer0@2500",
            "Q0@3000", "timer0@3000",
            "F0@3500", "timer0@3500",
            "T0@4000", "B0@4000", "M0@4000", "timer0@4000",
            "M0@4500", "timer0@4500",
        }, script.Seen);
    }

    [Fact]
    public void Funding_at_the_time_of_a_book_batch_is_valued_at_the_mid_before_it()
    {
        // Snapshot at 1 000: bids 99 × 5, 98 × 2; asks 101 × 3, 102 × 4 (events 0–3). The buy of 2 decided at its end
        // fills on the next batch (2 000: new best bid 100) at the ask, 101; funding at 2 000 goes first, on a flat
        // position: nothing. The batch marks the mid, (100 + 101) / 2 = 100.5. Funding at 3 000 without a mark price
        // goes before the batch at 3 000 (ask 101 removed, 100.5 × 2 added, mid 100.25), so it is valued at 100.5:
        // 2 × 100.5 × 0.001 = 0.201 paid (at 100.25 it would be 0.2005). Timers every 1 000 fire after each time's events.
        var tape = new Tape()
            .Level(1_000, BookSide.Bid, 99, 5, R).Level(1_000, BookSide.Bid, 98, 2, S)
            .Level(1_000, BookSide.Ask, 101, 3, S).Level(1_000, BookSide.Ask, 102, 4, S)
            .Level(2_000, BookSide.Bid, 100, 1)
            .Level(3_000, BookSide.Ask, 101, 0).Level(3_000, BookSide.Ask, 100.5, 2);
        MarketData data = WithFunding(tape.Build(), (2_000, 0.01, double.NaN), (3_000, 0.001, double.NaN));
        var script = new Script().At(3, Side.Buy, 2);
        script.TimersAtStart.Add((1_000, 0));

        var (result, _) = Runs.Of(data, script);

        Fill fill = Assert.Single(script.Fills);
        Assert.Equal((2_000L, 101.0, 2.0), (fill.Timestamp, fill.Price, fill.Quantity));
        Assert.Equal(-0.201, result.Summary.Funding, 12);
        Assert.Equal(-1.5, result.Summary.UnrealizedPnl, 12); // 2 × (100.25 − 101)
        Assert.Equal(new[]
        {
            "L0@1000", "L0@1000", "L0@1000", "L0@1000", "timer0@1000",
            "F0@2000", "L0@2000", "timer0@2000",
            "F0@3000", "L0@3000", "L0@3000", "timer0@3000",
        }, script.Seen);
    }

    /// <summary>
    /// Against a second method: the events of random tapes (two symbols, every kind, many shared times) sorted by time
    /// and then by kind (funding, book, quote, trade, bar; rows of one kind in their order), with each timer placed after
    /// the events at or before its time, and fired only when some event comes after it or it is at or before the last
    /// market event (decision 0038).
    /// </summary>
    [Fact]
    public void The_merge_orders_any_mix_of_sources_as_a_sort_by_time_then_kind()
    {
        var kinds = Gen.Int[0, 5];
        var row = Gen.Select(kinds, Gen.Int[1, 8], Gen.Int[0, 1]);
        Gen.Select(row.Array[1, 40], Gen.Int[0, 3]).Sample(t =>
        {
            var (rows, timerStep) = t;
            // Times in steps of 100 ns from 100 to 800, each kind's rows in time order.
            var sorted = rows.Select(r => (Kind: r.Item1, Time: r.Item2 * 100L, Symbol: r.Item3)).OrderBy(r => r.Time).ToArray();
            var tape = new Tape("X", "Y");
            var funding = new List<(long, int)>();
            foreach (var (kind, time, symbol) in sorted)
            {
                switch (kind)
                {
                    case 0: funding.Add((time, symbol)); break;
                    case 1: tape.Level(time, BookSide.Bid, 99, 1, symbol: symbol); break;
                    case 2: tape.Quote(time, 99, 1, 101, 1, symbol); break;
                    case 3: tape.Trade(time, 100, symbol: symbol); break;
                    case 4: tape.Bar(time, 100, 100, 100, 100, symbol: symbol); break;
                    default: tape.Mark(time, 100, symbol); break;
                }
            }
            MarketData data = tape.Build().WithFunding(new FundingColumns("funding", 2, funding.Select(f => f.Item1).ToArray(),
                funding.Select(f => f.Item2).ToArray(), funding.Select(_ => 0.0).ToArray(), funding.Select(_ => 100.0).ToArray()));
            var script = new Script();
            long interval = 150 + 100 * timerStep; // 150 … 450: some due times fall on event times (300, 500, ...), some between
            script.TimersAtStart.Add((interval, 0));

            Runs.Of(data, script);

            const string Letters = "FLQTBM";
            var expected = sorted.Select((r, i) => (r.Time, Rank: r.Kind, Order: i, Text: $"{Letters[r.Kind]}{r.Symbol}@{r.Time}")).ToList();
            var market = sorted.Where(r => r.Kind != 0).ToArray();
            if (market.Length > 0)
            {
                long first = market[0].Time, lastMarket = market[^1].Time, lastAny = sorted[^1].Time;
                long firstDue = (first + interval - 1) / interval * interval;
                for (long due = firstDue; due <= lastMarket || due < lastAny; due += interval)
                    expected.Add((due, 6, int.MaxValue, $"timer0@{due}"));
            }
            Assert.Equal(expected.OrderBy(e => e.Time).ThenBy(e => e.Rank).ThenBy(e => e.Order).Select(e => e.Text).ToArray(), script.Seen.ToArray());
        });
    }
}
