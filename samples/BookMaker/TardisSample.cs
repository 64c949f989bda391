using System;
using System.Globalization;
using System.IO;
using Backtester;
using Backtester.Data;

namespace Backtester.Samples;

/// <summary>
/// Writes the synthetic L2 market (<see cref="SyntheticBook"/>) as the two Tardis.dev CSV files a market maker needs,
/// in Tardis's exact layouts: <c>incremental_book_L2</c> (<c>exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount</c>)
/// and <c>trades</c> (<c>exchange,symbol,timestamp,local_timestamp,id,side,price,amount</c>), timestamps in µs. This is how
/// <c>samples/BookMaker/tardis/</c> was made (docs/market-making.md); we cannot ship real Tardis data.
/// </summary>
public static class TardisSample
{
    /// <summary>The market written: one symbol, 5 levels a side, tick 0.1, 1,200 steps 1 ms apart, seed 7.</summary>
    public static SyntheticBookOptions Options { get; } = new()
    {
        Steps = 1_200,
        Levels = 5,
        MaxLevelSize = 10,
        TickSize = 0.1,
        IntervalNs = 1_000_000,
        Seed = 7,
    };

    /// <summary>The exchange and symbol columns; an honest name for invented data.</summary>
    public const string Exchange = "synthetic", Symbol = "SYNUSDT";

    /// <summary>Writes <c>incremental_book_L2.csv</c> and <c>trades.csv</c> into <paramref name="folder"/>.</summary>
    /// <remarks>
    /// Times are rounded up to whole µs: the generator stamps a trade's book change 1 ns after the trade, which becomes
    /// 1 µs after it, so the trade still comes first. <c>local_timestamp</c> (when a recorder would have received the
    /// message) is the exchange time + 2 ms; the engine uses <c>timestamp</c>. Prices are written from whole ticks.
    /// </remarks>
    public static void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        using MarketData data = SyntheticBook.Generate(Options);
        CultureInfo c = CultureInfo.InvariantCulture;
        using (var w = new StreamWriter(Path.Combine(folder, "incremental_book_L2.csv")) { NewLine = "\n" })
        {
            w.WriteLine("exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount");
            BookColumns b = data.Book;
            for (int i = 0; i < b.Count; i++)
            {
                long us = Micros(b.Timestamps.Span[i]);
                bool snapshot = (b.Flags.Span[i] & BookUpdateFlags.Snapshot) != 0;
                w.WriteLine(string.Create(c, $"{Exchange},{Symbol},{us},{us + 2_000},{(snapshot ? "true" : "false")},{(b.Sides.Span[i] == BookSide.Bid ? "bid" : "ask")},{Price(b.Prices.Span[i])},{b.Sizes.Span[i]}"));
            }
        }
        using (var w = new StreamWriter(Path.Combine(folder, "trades.csv")) { NewLine = "\n" })
        {
            w.WriteLine("exchange,symbol,timestamp,local_timestamp,id,side,price,amount");
            TradeColumns t = data.Trades;
            for (int i = 0; i < t.Count; i++)
            {
                long us = Micros(t.Timestamps.Span[i]);
                w.WriteLine(string.Create(c, $"{Exchange},{Symbol},{us},{us + 2_000},{i + 1},{(t.Aggressors.Span[i] == Side.Buy ? "buy" : "sell")},{Price(t.Prices.Span[i])},{t.Sizes.Span[i]}"));
            }
        }
    }

    private static long Micros(long ns) => (ns + 999) / 1_000;

    private static string Price(double price) => (Math.Round(price / Options.TickSize) * Options.TickSize).ToString("F1", CultureInfo.InvariantCulture);
}
