using System;
using System.IO;
using Backtester.Data;
using DuckDB.NET.Data;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>A synthetic L2 market in Parquet replays as its Arrow copy does, and DuckDB reads the Parquet book file.</summary>
public class BookParquetRunTests
{
    private static readonly string BookMakerDll = typeof(Backtester.Samples.BookMaker).Assembly.Location;

    [Fact]
    public void A_backtest_over_the_parquet_copy_of_a_book_gives_the_arrow_copys_summary_bit_for_bit()
    {
        using var dir = new TempDirectory();
        MarketData market = SyntheticBook.Generate(new SyntheticBookOptions { Steps = 20_000, Symbols = 2, Levels = 5, Seed = 11 });
        ArrowMarketDataWriter.Write(market.Symbols, market.Book, dir.File("book.arrow"));
        ArrowMarketDataWriter.Write(market.Symbols, market.Trades, dir.File("trades.arrow"));
        ParquetMarketData.Write(market.Symbols, market.Book, dir.File("book.parquet"));
        ParquetMarketData.Write(new MarketData(market.Symbols, market.Trades), dir.File("trades.parquet"));

        string Summary(string ext)
        {
            var run = Cli.Run("run", "-a", BookMakerDll, "--strategy", "BookMaker", "--data", dir.File("book" + ext), "--data", dir.File("trades" + ext),
                "--queue", "conservative", "--maker-fee-bps", "-0.5", "--fee-bps", "2", "--out", dir.File("out" + ext), "--json");
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.True(run.Json.GetProperty("summary").GetProperty("fills").GetInt64() > 10, "the maker should trade");
            return run.Json.GetProperty("summary").GetRawText(); // doubles printed round-trip: equal text is equal bits
        }

        Assert.Equal(Summary(".arrow"), Summary(".parquet"));
    }

    [Fact]
    public void Duckdb_reads_the_row_count_rows_and_size_per_side_of_a_parquet_book()
    {
        using var dir = new TempDirectory();
        MarketData market = SyntheticBook.Generate(new SyntheticBookOptions { Steps = 3_000, Symbols = 2, Levels = 4, Seed = 5 });
        BookColumns b = market.Book;
        string path = dir.File("book.parquet");
        ParquetMarketData.Write(market.Symbols, b, path);

        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        string file = $"read_parquet('{path}', file_row_number = true)";
        Assert.Equal((long)b.Count, Scalar<long>(duck, $"select count(*) from {file}"));
        // The first row opens SYN0's snapshot: its best bid, flagged Reset | Snapshot (3); the last row is the last change.
        foreach (int row in new[] { 0, 1, b.Count / 2, b.Count - 1 })
        {
            string expected = string.Join(',', b.Timestamps.Span[row], market.Symbols[b.SymbolIds.Span[row]], (sbyte)b.Sides.Span[row],
                R(b.Prices.Span[row]), R(b.Sizes.Span[row]), (byte)b.Flags.Span[row]);
            Assert.Equal(expected, Scalar<string>(duck,
                $"select concat_ws(',', timestamp, symbol, side, price::varchar, size::varchar, flags) from {file} where file_row_number = {row}"));
        }
        Assert.Equal("1,SYN0,3", Scalar<string>(duck, $"select concat_ws(',', side, symbol, flags) from {file} where file_row_number = 0"));
        foreach (BookSide side in new[] { BookSide.Bid, BookSide.Ask })
        {
            double total = 0;
            for (int i = 0; i < b.Count; i++) if (b.Sides.Span[i] == side) total += b.Sizes.Span[i];
            Assert.Equal(total, Scalar<double>(duck, $"select sum(size) from {file} where side = {(sbyte)side}"), 6);
        }
    }

    /// <summary>A double as DuckDB prints one cast to text: shortest round-trip digits, a whole number with ".0".</summary>
    private static string R(double value)
    {
        string text = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    private static T Scalar<T>(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        object? value = command.ExecuteScalar();
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
