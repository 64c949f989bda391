using System.Linq;
using Backtester.Data;
using Backtester.Research;
using Xunit;

namespace Backtester.Engine.Tests.Depth;

/// <summary>
/// A time slice (<see cref="MarketData.Between"/>, which walk-forward windows use) keeps the book updates of its range,
/// preceded by the book as it stood at the slice's start (decision 0068).
/// </summary>
public class BetweenBookTests
{
    private const BookUpdateFlags R = BookUpdateFlags.Reset | BookUpdateFlags.Snapshot, S = BookUpdateFlags.Snapshot, N = BookUpdateFlags.None;

    /// <summary>
    /// X: a snapshot at 1000 (bids 99 × 5, 98 × 2; asks 101 × 3, 102 × 4), a new best bid 100 × 1 at 2000, at 3000 the ask
    /// 101 removed and a new ask 100.5 × 2, at 4000 the bid 99 set to 7. Y: an ask 50 × 1 at 1500, removed at 1600.
    /// </summary>
    private static MarketData Data() => new Tape("X", "Y")
        .Level(1_000, BookSide.Bid, 99, 5, R).Level(1_000, BookSide.Bid, 98, 2, S)
        .Level(1_000, BookSide.Ask, 101, 3, S).Level(1_000, BookSide.Ask, 102, 4, S)
        .Level(1_500, BookSide.Ask, 50, 1, symbol: 1).Level(1_600, BookSide.Ask, 50, 0, symbol: 1)
        .Level(2_000, BookSide.Bid, 100, 1)
        .Level(3_000, BookSide.Ask, 101, 0).Level(3_000, BookSide.Ask, 100.5, 2)
        .Level(4_000, BookSide.Bid, 99, 7)
        .Build();

    private static (long Time, int Symbol, BookSide Side, double Price, double Size, BookUpdateFlags Flags)[] Rows(MarketData data)
    {
        BookColumns b = data.Book;
        return Enumerable.Range(0, b.Count)
            .Select(i => (b.Timestamps.Span[i], b.SymbolIds.Span[i], b.Sides.Span[i], b.Prices.Span[i], b.Sizes.Span[i], b.Flags.Span[i])).ToArray();
    }

    [Fact]
    public void A_slice_starts_with_the_book_as_it_stood_then_and_keeps_the_updates_of_its_range()
    {
        // At 2500 X holds bids 100 × 1 (set at 2000), 99 × 5, 98 × 2 and asks 101 × 3, 102 × 4: one snapshot stamped 2500,
        // bids best first, then asks, the first row Reset | Snapshot. Y's only level was removed at 1600: nothing for Y.
        // Then the rows of [2500, 5000) as they are.
        Assert.Equal(new (long, int, BookSide, double, double, BookUpdateFlags)[]
        {
            (2_500, 0, BookSide.Bid, 100, 1, R), (2_500, 0, BookSide.Bid, 99, 5, S), (2_500, 0, BookSide.Bid, 98, 2, S),
            (2_500, 0, BookSide.Ask, 101, 3, S), (2_500, 0, BookSide.Ask, 102, 4, S),
            (3_000, 0, BookSide.Ask, 101, 0, N), (3_000, 0, BookSide.Ask, 100.5, 2, N),
            (4_000, 0, BookSide.Bid, 99, 7, N),
        }, Rows(Data().Between(2_500, 5_000)));
    }

    [Fact]
    public void A_slice_from_the_data_start_is_its_rows_alone_and_a_slice_of_a_slice_is_the_same_slice()
    {
        MarketData data = Data();
        // Nothing before 1000: the first 5 rows as they are (the half-open end leaves out 1600 and later).
        Assert.Equal(Rows(data).Take(5).ToArray(), Rows(data.Between(0, 1_600)));
        // The window of a window (walk-forward slices the in-sample range out of the leased range): 2500's snapshot
        // replayed up to 3500 gives the same book as the data replayed up to 3500.
        Assert.Equal(Rows(data.Between(3_500, 5_000)), Rows(data.Between(2_500, 5_000).Between(3_500, 5_000)));
        // At 3500: bids 100 × 1, 99 × 5, 98 × 2; asks 100.5 × 2 (101 removed at 3000), 102 × 4; then 4000's row.
        Assert.Equal(new[] { 100, 99, 98, 100.5, 102, 99 }, Rows(data.Between(3_500, 5_000)).Select(r => r.Price).ToArray());
        Assert.Equal(new[] { 1, 5, 2, 2, 4, 7.0 }, Rows(data.Between(3_500, 5_000)).Select(r => r.Size).ToArray());
    }

    [Fact]
    public void A_level_crossed_before_the_slice_is_left_out_as_the_replay_leaves_it()
    {
        // A bid at 101.5 at 2000 crosses the ask 101 only (101 ≤ 101.5 < 102): the
        // replay's book drops 101 (stale, its removal still on its way), so the snapshot at 2500 has asks 102 × 4 alone.
        MarketData data = new Tape()
            .Level(1_000, BookSide.Bid, 99, 5, R).Level(1_000, BookSide.Ask, 101, 3, S).Level(1_000, BookSide.Ask, 102, 4, S)
            .Level(2_000, BookSide.Bid, 101.5, 1)
            .Level(3_000, BookSide.Bid, 101.5, 0)
            .Build();
        Assert.Equal(new (long, int, BookSide, double, double, BookUpdateFlags)[]
        {
            (2_500, 0, BookSide.Bid, 101.5, 1, R), (2_500, 0, BookSide.Bid, 99, 5, S), (2_500, 0, BookSide.Ask, 102, 4, S),
            (3_000, 0, BookSide.Bid, 101.5, 0, N),
        }, Rows(data.Between(2_500, 4_000)));
    }

    [Fact]
    public void A_market_buy_in_a_window_walks_the_levels_set_before_the_window()
    {
        // The window [2500, 5000): events 0-4 are the snapshot at 2500 (asks 101 × 3, 102 × 4). Bought at its end (event
        // 4), the order meets the next batch, 3000: ask 101 removed, 100.5 × 2 added, so asks 100.5 × 2, 102 × 4. Buy 4 takes
        // 2 at 100.5 and 2 at 102 (average 101.25). Without the snapshot the window's book would hold only 100.5 × 2.
        var script = new Script().At(4, Side.Buy, 4);
        Runs.Of(Data().Between(2_500, 5_000), script);

        Assert.Equal(new[] { (3_000L, 100.5, 2.0), (3_000L, 102, 2) }, script.Fills.Select(f => (f.Timestamp, f.Price, f.Quantity)).ToArray());
    }
}

/// <summary>A walk-forward over L2 book data: each out-of-sample window is the plain run over its slice, book included.</summary>
public class WalkForwardOverBookTests
{
    [Fact]
    public void Each_out_of_sample_window_on_book_data_equals_a_run_over_its_slice_which_starts_with_the_book()
    {
        const long Second = 1_000_000_000;
        // 30 s of the synthetic L2 market (1 ms steps, 10 levels a side, trades included); windows 10 s in, 5 s out.
        var book = new SyntheticBookOptions { Steps = 30_000, IntervalNs = 1_000_000 };
        MarketData data = SyntheticBook.Generate(book);
        var backtest = new BacktestOptions { QueuePosition = QueuePosition.Conservative, MakerFeeBps = -0.5, EquitySampleIntervalNs = Second };
        var options = new WalkForwardOptions
        {
            InSampleNs = 10 * Second,
            OutOfSampleNs = 5 * Second,
            Sweep = new SweepOptions { MaxDegreeOfParallelism = 2, Backtest = backtest },
            Objective = ResearchObjective.NetPnl,
        };

        WalkForwardResult result = WalkForward.Run(data, Samples.BookMaker.Grid, options);

        // Steps at 1 ms .. 30 s (a trade's book change 1 ns later): out-of-sample windows start at 10, 15, 20, 25 and 30 s.
        // The last step is no trade, so the data ends at 30 s and the window at 30 s holds that one instant: it is
        // dropped (decision 0106), and four windows remain.
        long start = data.Book.Timestamps.Span[0];
        Assert.Equal(start + 30 * Second, data.Book.Timestamps.Span[^1]);
        Assert.True(data.Trades.Timestamps.Span[^1] < start + 30 * Second);
        Assert.Equal(4, result.Windows.Count);
        Assert.StartsWith("the last out-of-sample window (window 4, ", Assert.Single(result.Warnings));
        long filled = 0;
        foreach (WalkForwardWindow w in result.Windows)
        {
            MarketData slice = data.Between(w.OutOfSampleStart, w.OutOfSampleEnd);
            // The slice opens with the whole book (10 levels a side) as one snapshot at the window's start.
            Assert.Equal((w.OutOfSampleStart, BookUpdateFlags.Reset | BookUpdateFlags.Snapshot), (slice.Book.Timestamps.Span[0], slice.Book.Flags.Span[0]));
            Assert.Equal(20, slice.Book.Flags.ToArray().TakeWhile(f => (f & BookUpdateFlags.Snapshot) != 0).Count());
            Samples.BookMaker.Parameters chosen = Samples.BookMaker.Grid[w.GridIndex];
            BacktestSummary plain = Backtest.Run<Samples.BookMaker, Samples.BookMaker.Parameters, Samples.BookMaker.Driver>(slice, chosen,
                backtest with { InitialCapital = w.OutOfSampleInitialEquity }).Summary;
            Assert.Equal(plain.FinalEquity, w.OutOfSampleFinalEquity);
            Assert.Equal(plain.Fills, w.OutOfSampleFills);
            Assert.Equal(plain.Events, w.OutOfSampleEvents);
            filled += plain.Fills;
        }
        Assert.True(filled > 0, "the windows trade, so the comparison covers fills");
    }
}
