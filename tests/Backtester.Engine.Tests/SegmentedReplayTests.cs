using System;
using System.Collections.Generic;
using System.Linq;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Xunit;

namespace Backtester.Engine.Tests;

public class SegmentedReplayTests
{
    private static readonly MarketData Whole = SyntheticData.Trades(new SyntheticDataOptions { Events = 50_000, Symbols = 2 });
    private static readonly BacktestOptions Options = new() { OrderLatencyNs = 3_000, TakerFeeBps = 3, EquitySampleIntervalNs = 1_000_000 };

    /// <summary>Rows [from, to) of <see cref="Whole"/> as their own data set.</summary>
    private static MarketData Slice(int from, int to, string[]? symbols = null, long shift = 0)
    {
        TradeColumns t = Whole.Trades;
        return MarketData.FromTrades($"slice {from}..{to}", symbols ?? new[] { "SYN0", "SYN1" },
            t.Timestamps.Span[from..to].ToArray().Select(x => x + shift).ToArray(), t.SymbolIds.Span[from..to].ToArray(),
            t.Prices.Span[from..to].ToArray(), t.Sizes.Span[from..to].ToArray(), t.Aggressors.Span[from..to].ToArray());
    }

    private static BacktestSummary RunWhole()
    {
        var driver = new EveryNth { Every = 64 }.CreateDriver();
        return new BacktestRunner().RunSummary(Whole, ref driver, Options);
    }

    [Fact]
    public void Replaying_day_files_one_after_another_equals_replaying_the_whole_data()
    {
        using var dir = new TempDirectory();
        var paths = new List<string>();
        for (int k = 0; k < 5; k++)
        {
            string path = dir.File($"day-{k}.arrow");
            using MarketData day = Slice(k * 10_000, (k + 1) * 10_000);
            ArrowMarketDataWriter.Write(day, path);
            paths.Add(path);
        }

        var driver = new EveryNth { Every = 64 }.CreateDriver();
        BacktestSummary segmented = new BacktestRunner().RunSummary(MarketDataSegments.FromFiles(paths), ref driver, Options);

        // Orders decided near the end of a day arrive (3 µs later) in the next file: positions, orders in flight and
        // statistics carry over, so every figure equals the one-piece run's.
        Assert.Equal(RunWhole(), segmented);
        Assert.Equal(50_000, segmented.Events);
    }

    [Fact]
    public void A_segment_that_starts_before_the_previous_one_ended_is_refused()
    {
        var segments = new MarketDataSegments("days", new Func<MarketData>[] { () => Slice(0, 100), () => Slice(50, 150) });
        var driver = new EveryNth().CreateDriver();
        var ex = Assert.Throws<MarketDataException>(() => new BacktestRunner().RunSummary(segments, ref driver));
        Assert.Contains("segment 1 starts at", ex.Message);
        Assert.Contains("before the previous segment's last event", ex.Message);
    }

    [Fact]
    public void A_segment_starting_too_early_is_named_by_its_source_without_a_row_with_both_times_and_the_previous_source()
    {
        // Segment "a" ends at 5,000 ns; segment "b" starts at 3,000 ns. The row of b's first event is not known in
        // general (a CSV line counts its header, a sort on read moves rows), so the message names none.
        static MarketData A() => MarketData.FromTrades("a", ["X"], [1_000, 5_000], [0, 0], [10.0, 11], [1.0, 1], [Side.Buy, Side.Sell]);
        static MarketData B() => MarketData.FromTrades("b", ["X"], [3_000], [0], [12.0], [1.0], [Side.Buy]);
        const string Expected = "b: column 'timestamp': segment 1 starts at 3000 (1970-01-01T00:00:00.000003000Z) with its first event, "
            + "before the previous segment's last event at 5000 (1970-01-01T00:00:00.000005000Z) in a; segments replay in the order given and must follow each other in time";

        var byIdentity = Assert.Throws<MarketDataException>(() => new MarketDataSegments("days", new Func<MarketData>[] { A, B }).Identity);
        var driver = new EveryNth().CreateDriver();
        var byReplay = Assert.Throws<MarketDataException>(() => new BacktestRunner().RunSummary(new MarketDataSegments("days", new Func<MarketData>[] { A, B }), ref driver));

        Assert.Equal(Expected, byIdentity.Message);
        Assert.Equal(Expected, byReplay.Message);
        Assert.Equal(-1, byReplay.Row);
    }

    [Fact]
    public void A_segment_with_other_symbols_is_refused()
    {
        var segments = new MarketDataSegments("days", new Func<MarketData>[] { () => Slice(0, 100), () => Slice(100, 200, new[] { "SYN0", "OTHER" }) });
        var driver = new EveryNth().CreateDriver();
        var ex = Assert.Throws<MarketDataException>(() => new BacktestRunner().RunSummary(segments, ref driver));
        Assert.Contains("segment 1 has symbol 'OTHER' at id 1 where the first segment has 'SYN1'", ex.Message);
    }
}
