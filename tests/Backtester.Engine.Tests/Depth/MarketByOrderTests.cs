using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Backtester.Data;
using Backtester.Infrastructure;
using Backtester.Testing;
using Xunit;

namespace Backtester.Engine.Tests.Depth;

/// <summary>Market-by-order (L3) data: validation naming row and column, the CSV and Arrow formats, the synthetic generator.</summary>
public class MarketByOrderTests
{
    private const BookSide Bid = BookSide.Bid, Ask = BookSide.Ask;

    private static MarketDataException Refused(OrderTape tape) => Assert.Throws<MarketDataException>(() => tape.Columns());

    [Fact]
    public void An_add_of_an_order_already_in_the_book_names_the_row_and_the_earlier_add()
    {
        MarketDataException e = Refused(new OrderTape().Add(1, 7, Bid, 100, 1).Add(2, 7, Bid, 99, 1));
        Assert.Equal((1L, "order_id"), (e.Row, e.Column));
        Assert.Contains("order 7 is already in the book (added at row 0)", e.Message);
    }

    [Fact]
    public void A_cancel_modify_or_execute_of_an_order_not_in_the_book_is_refused()
    {
        MarketDataException cancel = Refused(new OrderTape().Add(1, 1, Bid, 100, 1).Cancel(2, 1, Bid, 100).Cancel(3, 1, Bid, 100));
        Assert.Equal((2L, "order_id"), (cancel.Row, cancel.Column));
        Assert.Contains("order 1 is not in the book", cancel.Message);
        Assert.Equal(0L, Refused(new OrderTape().Modify(1, 5, Bid, 100, 1)).Row);
        Assert.Equal(2L, Refused(new OrderTape().Add(1, 1, Bid, 100, 2).Execute(2, 1, Bid, 100, 2).Execute(3, 1, Bid, 100, 1)).Row); // gone once fully executed
    }

    [Fact]
    public void An_execution_beyond_what_the_order_has_left_names_the_size_column()
    {
        MarketDataException e = Refused(new OrderTape().Add(1, 1, Ask, 101, 2).Execute(2, 1, Ask, 101, 1).Execute(3, 1, Ask, 101, 1.5));
        Assert.Equal((2L, "size"), (e.Row, e.Column));
        Assert.Contains("expected at most the 1 order 1 has left, got 1.5", e.Message);
    }

    [Fact]
    public void A_price_or_side_that_is_not_the_orders_is_refused()
    {
        MarketDataException price = Refused(new OrderTape().Add(1, 1, Bid, 100, 2).Cancel(2, 1, Bid, 99));
        Assert.Equal((1L, "price"), (price.Row, price.Column));
        Assert.Contains("expected the order's price 100, got 99", price.Message);
        MarketDataException side = Refused(new OrderTape().Add(1, 1, Bid, 100, 2).Execute(2, 1, Ask, 100, 1));
        Assert.Equal((1L, "side"), (side.Row, side.Column));
    }

    [Fact]
    public void An_order_that_would_cross_the_book_is_refused()
    {
        MarketDataException bid = Refused(new OrderTape().Add(1, 1, Ask, 101, 2).Add(2, 2, Bid, 101, 1));
        Assert.Equal((1L, "price"), (bid.Row, bid.Column));
        Assert.Contains("expected a bid below the best ask 101, got 101", bid.Message);
        // Moving an ask down through the best bid by a modify is refused the same way.
        MarketDataException modify = Refused(new OrderTape().Add(1, 1, Bid, 100, 2).Add(2, 2, Ask, 102, 1).Modify(3, 2, Ask, 99.5, 1));
        Assert.Equal((2L, "price"), (modify.Row, modify.Column));
    }

    [Fact]
    public void A_zero_size_add_and_an_unknown_action_are_refused()
    {
        Assert.Equal("size", Refused(new OrderTape().Add(1, 1, Bid, 100, 0)).Column);
        Assert.Equal("action", Refused(new OrderTape().Row(1, 1, Bid, 100, 1, (MarketByOrderAction)9)).Column);
    }

    private const string Header = "timestamp,symbol,order_id,side,price,size,action";

    [Fact]
    public void The_csv_format_is_detected_from_its_header_and_reads_into_the_l2_book_it_makes()
    {
        using var dir = new TempDirectory();
        string path = dir.File("l3.csv");
        File.WriteAllLines(path, new[]
        {
            Header,
            "1000,X,10,ask,101,5,add", "1000,X,1,bid,100,2,add", "1000,X,2,bid,100,3,add",
            "2000,X,2,bid,100,1,modify", "3000,X,1,bid,100,2,execute", "4000,X,10,ask,101,0,cancel",
        });

        Assert.Equal(CsvFormat.MarketByOrder, MarketDataFiles.DetectCsvFormat(path));
        using MarketData data = MarketDataFiles.Open(path);
        // ask 101: 5; bid 100: 2, 5; B to 1: 3; A executes 2: 1; the ask cancelled: 0.
        Assert.Equal(new[] { 5.0, 2, 5, 3, 1, 0 }, data.Book.Sizes.ToArray());
        Assert.Equal(new[] { 1_000L, 1_000, 1_000, 2_000, 3_000, 4_000 }, data.Book.Timestamps.ToArray());
        Assert.Equal("X", data.Symbols[0]);
    }

    [Fact]
    public void A_csv_order_error_names_the_files_line()
    {
        using var dir = new TempDirectory();
        string path = dir.File("bad.csv");
        // Line 1 header; line 4 cancels order 3, never added.
        File.WriteAllLines(path, new[] { Header, "1000,X,1,bid,100,2,add", "1000,X,2,bid,100,3,add", "2000,X,3,bid,100,0,cancel" });
        MarketDataException e = Assert.Throws<MarketDataException>(() => CsvMarketData.Read(path, CsvFormat.MarketByOrder));
        Assert.Equal((4L, "order_id"), (e.Row, e.Column));
        Assert.StartsWith(path + ": row 4, column 'order_id': order 3 is not in the book", e.Message);

        File.WriteAllLines(path, new[] { Header, "1000,X,1,bid,100,2,remove" });
        Assert.Equal((2L, "action"), Pair(Assert.Throws<MarketDataException>(() => CsvMarketData.Read(path, CsvFormat.MarketByOrder))));
        File.WriteAllLines(path, new[] { Header, "2000,X,1,bid,100,2,add", "1000,X,2,bid,100,2,add" });
        Assert.Equal((3L, "timestamp"), Pair(Assert.Throws<MarketDataException>(() => CsvMarketData.Read(path, CsvFormat.MarketByOrder))));
    }

    private static (long, string?) Pair(MarketDataException e) => (e.Row, e.Column);

    [Fact]
    public void The_arrow_file_round_trips_and_replays_with_the_same_fifo_fills()
    {
        MarketByOrderColumns columns = SyntheticOrderFlow.GenerateColumns(new SyntheticOrderFlowOptions { Steps = 5_000, Seed = 7 });
        var symbols = new SymbolTable(new[] { "SYN" });
        using var dir = new TempDirectory();
        string path = dir.File("l3.arrow");
        ArrowMarketDataWriter.Write(symbols, columns, path);

        using MarketData read = MarketDataFiles.Open(path);
        MarketData direct = columns.ToMarketData(symbols);
        Assert.Equal(direct.Book.Sizes.ToArray(), read.Book.Sizes.ToArray());
        Assert.Equal(direct.Book.Prices.ToArray(), read.Book.Prices.ToArray());

        var options = new BacktestOptions { QueuePosition = QueuePosition.Fifo };
        var a = new MakerDriver();
        var b = new MakerDriver();
        BacktestSummary fromMemory = new BacktestRunner().RunSummary(direct, ref a, options);
        BacktestSummary fromFile = new BacktestRunner().RunSummary(read, ref b, options);
        Assert.True(fromMemory.Fills > 10, $"expected the maker to fill, got {fromMemory.Fills}");
        Assert.Equal((fromMemory.Fills, fromMemory.NetPnl), (fromFile.Fills, fromFile.NetPnl));
    }

    [Fact]
    public void Converting_market_by_order_csv_to_arrow_keeps_the_rows_so_fifo_replays_the_same()
    {
        // Before, the converter wrote the L2 book the rows make and dropped the order feed: a FIFO run on the
        // converted file was refused (no L3 rows), and any other model ran on it as on plain L2.
        MarketByOrderColumns columns = SyntheticOrderFlow.GenerateColumns(new SyntheticOrderFlowOptions { Steps = 3_000, Seed = 11 });
        using var dir = new TempDirectory();
        string csv = dir.File("l3.csv"), arrow = dir.File("l3.arrow");
        var lines = new List<string> { Header };
        for (int i = 0; i < columns.Count; i++)
            lines.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{columns.Timestamps.Span[i]},SYN,{columns.OrderIds.Span[i]},{(columns.Sides.Span[i] == BookSide.Bid ? "bid" : "ask")},{columns.Prices.Span[i]:R},{columns.Sizes.Span[i]:R},{columns.Actions.Span[i].ToString().ToLowerInvariant()}"));
        File.WriteAllLines(csv, lines);

        long written = MarketDataConverter.Convert(csv, arrow);

        Assert.Equal(columns.Count, written); // the rows, not the book updates they make
        using (FileStream stream = File.OpenRead(arrow))
        using (var reader = new Apache.Arrow.Ipc.ArrowFileReader(stream))
            Assert.True(MarketByOrderSchema.Declares(reader.Schema), "the converted file holds market-by-order rows");
        using MarketData fromCsv = MarketDataFiles.Open(csv);
        using MarketData fromArrow = MarketDataFiles.Open(arrow);
        Assert.Equal(fromCsv.Book.Sizes.ToArray(), fromArrow.Book.Sizes.ToArray());
        var options = new BacktestOptions { QueuePosition = QueuePosition.Fifo };
        var a = new MakerDriver();
        var b = new MakerDriver();
        BacktestSummary csvRun = new BacktestRunner().RunSummary(fromCsv, ref a, options);
        BacktestSummary arrowRun = new BacktestRunner().RunSummary(fromArrow, ref b, options);
        Assert.True(csvRun.Fills > 10, $"expected the maker to fill, got {csvRun.Fills}");
        Assert.Equal((csvRun.Fills, csvRun.NetPnl, csvRun.FinalEquity), (arrowRun.Fills, arrowRun.NetPnl, arrowRun.FinalEquity));
    }

    [Fact]
    public void A_slice_of_market_by_order_data_is_refused_by_the_arrow_writer_rather_than_written_as_l2()
    {
        MarketData data = SyntheticOrderFlow.Generate(new SyntheticOrderFlowOptions { Steps = 2_000, Seed = 3 });
        ReadOnlySpan<long> ts = data.Book.Timestamps.Span;
        MarketData slice = data.Between(ts[ts.Length / 2], ts[^1] + 1);
        using var dir = new TempDirectory();
        string path = dir.File("slice.arrow");

        ArgumentException e = Assert.Throws<ArgumentException>(() => ArrowMarketDataWriter.Write(slice, path));

        Assert.Contains("market-by-order (L3)", e.Message);
        Assert.False(File.Exists(path), "nothing is written");
    }

    [Fact]
    public void The_synthetic_flow_is_the_same_for_a_seed_and_its_book_matches_an_independent_aggregation()
    {
        var options = new SyntheticOrderFlowOptions { Steps = 20_000, Seed = 3 };
        MarketByOrderColumns first = SyntheticOrderFlow.GenerateColumns(options), again = SyntheticOrderFlow.GenerateColumns(options);
        Assert.Equal(first.OrderIds.ToArray(), again.OrderIds.ToArray());
        Assert.Equal(first.Sizes.ToArray(), again.Sizes.ToArray());
        Assert.NotEqual(first.Sizes.ToArray(), SyntheticOrderFlow.GenerateColumns(options with { Seed = 4 }).Sizes.ToArray());
        Assert.Equal(new[] { MarketByOrderAction.Add, MarketByOrderAction.Modify, MarketByOrderAction.Cancel, MarketByOrderAction.Execute },
            first.Actions.ToArray().Distinct().OrderBy(a => a).ToArray());

        // Second method: sum the live orders per price from the rows, and compare with the derived book after each row's
        // last L2 update; the book, replayed, never crosses.
        var live = new Dictionary<long, (BookSide Side, double Price, double Size)>();
        var book = new OrderBook(0);
        ReadOnlySpan<double> l2Price = first.Book.Prices.Span, l2Size = first.Book.Sizes.Span;
        ReadOnlySpan<BookSide> l2Side = first.Book.Sides.Span;
        int j = 0;
        for (int i = 0; i < first.Count; i++)
        {
            long id = first.OrderIds.Span[i];
            double size = first.Sizes.Span[i];
            (BookSide Side, double Price, double Size) o = live.GetValueOrDefault(id);
            int rowsOfThis = 1;
            switch (first.Actions.Span[i])
            {
                case MarketByOrderAction.Add: live[id] = (first.Sides.Span[i], first.Prices.Span[i], size); break;
                case MarketByOrderAction.Modify: live[id] = (o.Side, o.Price, size); break; // the generator only reduces
                case MarketByOrderAction.Cancel: live.Remove(id); break;
                default: if (o.Size == size) live.Remove(id); else live[id] = (o.Side, o.Price, o.Size - size); break;
            }
            for (int k = 0; k < rowsOfThis; k++, j++) book.Apply(l2Side[j], l2Price[j], l2Size[j]);
            double price = first.Prices.Span[i];
            double expected = live.Values.Where(v => v.Price == price && v.Side == first.Sides.Span[i]).Sum(v => v.Size);
            Assert.Equal(expected, book.SizeAt(first.Sides.Span[i], price), 9);
            if (book.IsTwoSided) Assert.True(book.BestBid < book.BestAsk, $"crossed at row {i}: {book.BestBid} / {book.BestAsk}");
        }
        Assert.Equal(first.Book.Count, j);
    }
}

/// <summary>
/// Quotes both sides of the book at its touch, one lot each, from consistent books (the end of a batch): a new order on
/// a side once the last one there closed, and a cancel of one the touch has left. Inventory within ±5. Allocation-free.
/// </summary>
public struct MakerDriver : IStrategyDriver
{
    private long _bid, _ask;
    private double _bidPrice, _askPrice;
    private bool _bidCancelling, _askCancelling;

    public void OnStart(Orders orders) { }
    public void OnTrade(in Trade trade, Orders orders) { }
    public void OnQuote(in Quote quote, Orders orders) { }
    public void OnBar(in Bar bar, Orders orders) { }

    public void OnBook(in BookUpdate update, Orders orders)
    {
        if (!update.IsEndOfBatch || !update.Book.IsTwoSided) return;
        double bid = update.Book.BestBid, ask = update.Book.BestAsk;
        if (_bid == 0 && orders.Position < 5) (_bid, _bidPrice) = (orders.Limit(Side.Buy, 1, bid), bid);
        else if (_bid != 0 && !_bidCancelling && _bidPrice != bid) { orders.Cancel(_bid); _bidCancelling = true; }
        if (_ask == 0 && orders.Position > -5) (_ask, _askPrice) = (orders.Limit(Side.Sell, 1, ask), ask);
        else if (_ask != 0 && !_askCancelling && _askPrice != ask) { orders.Cancel(_ask); _askCancelling = true; }
    }

    public void OnFunding(in Funding funding, Orders orders) { }
    public void OnMarkPrice(in MarkPriceUpdate mark, Orders orders) { }
    public void OnTimer(in TimerTick timer, Orders orders) { }
    public void OnFill(in Fill fill, Orders orders) { }

    public void OnOrder(in OrderUpdate update, Orders orders)
    {
        if (update.Status is not (OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected)) return;
        if (update.OrderId == _bid) (_bid, _bidCancelling) = (0, false);
        if (update.OrderId == _ask) (_ask, _askCancelling) = (0, false);
    }

    public void OnFinish(Orders orders) { }
}

/// <summary>A warmed-up FIFO run on L3 data allocates nothing.</summary>
[Collection(nameof(AllocationTests))]
public class MarketByOrderAllocationTests
{
    [Fact]
    public void A_fifo_run_on_market_by_order_data_allocates_nothing_once_warmed_up()
    {
        MarketData small = SyntheticOrderFlow.Generate(new SyntheticOrderFlowOptions { Steps = 20_000 });
        MarketData large = SyntheticOrderFlow.Generate(new SyntheticOrderFlowOptions { Steps = 500_000, Seed = 5 });
        var options = new BacktestOptions { QueuePosition = QueuePosition.Fifo };
        var runner = new BacktestRunner();
        var warm = new MakerDriver();
        runner.RunSummary(small, ref warm, options);

        var driver = new MakerDriver();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = GC.GetAllocatedBytesForCurrentThread();
        BacktestSummary summary = runner.RunSummary(large, ref driver, options);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(summary.Fills > 1_000, $"expected the maker to fill, got {summary.Fills}");
        Assert.Equal(0, bytes);
    }
}
