using System;
using System.Collections.Generic;
using System.IO;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Backtester.Data;

/// <summary>
/// Writes market data as our Arrow IPC file (one record batch, schema in docs/data.md), so later runs can
/// memory-map it. The columns are wrapped as Arrow buffers without copying. The file appears all at once:
/// it is written to a temporary file that is then renamed over <c>path</c>.
/// </summary>
public static class ArrowMarketDataWriter
{
    /// <summary>
    /// Writes the one kind of events <paramref name="data"/> holds (trades, quotes or bars; empty data is
    /// written as empty trades).
    /// </summary>
    /// <exception cref="ArgumentException">The data holds more than one kind: write each with its own overload.</exception>
    public static void Write(MarketData data, string path)
    {
        ArgumentNullException.ThrowIfNull(data);
        List<EventColumns> kinds = EventColumns.Of(data);
        if (data.Book.Count > 0)
        {
            if (kinds.Count > 0)
                throw new ArgumentException($"The data holds book updates and {kinds.Count} other kind(s) of events; a file holds one. Write each with the overloads taking a column set.", nameof(data));
            Write(data.Symbols, data.Book, path);
            return;
        }
        if (kinds.Count > 1)
            throw new ArgumentException($"The data holds {kinds.Count} kinds of events; a file holds one. Write trades, quotes and bars to separate files with the overloads taking a column set.", nameof(data));
        Write(data.Symbols, kinds.Count == 1 ? kinds[0] : EventColumns.Of(data.Trades), path);
    }

    /// <summary>Writes trades.</summary>
    public static void Write(SymbolTable symbols, TradeColumns trades, string path) => Write(symbols, EventColumns.Of(trades), path);

    /// <summary>Writes quotes.</summary>
    public static void Write(SymbolTable symbols, QuoteColumns quotes, string path) => Write(symbols, EventColumns.Of(quotes), path);

    /// <summary>Writes bars.</summary>
    public static void Write(SymbolTable symbols, BarColumns bars, string path) => Write(symbols, EventColumns.Of(bars), path);

    /// <summary>
    /// Writes L2 book updates (schema in docs/data.md: side int8, price, size, flags uint8). Updates derived from
    /// market-by-order (L3) rows are written as those rows (<see cref="Write(SymbolTable, MarketByOrderColumns, string)"/>),
    /// so the order feed the FIFO queue model replays is kept.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The updates are a slice or merge of L3 data: their rows are not the file's, and writing the L2 updates alone would
    /// drop the order feed without a word.
    /// </exception>
    public static void Write(SymbolTable symbols, BookColumns book, string path)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(book);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (book.OrderRows is { } orders)
        {
            Write(symbols, orders, path);
            return;
        }
        if (book.Queue is not null)
            throw new ArgumentException($"'{book.Source}' is a slice or merge of market-by-order (L3) data: its order feed cannot be written as L3 rows, and an L2 book file would drop it; write the market-by-order data itself (ArrowMarketDataWriter.Write(symbols, orders, path)).", nameof(book));
        SymbolNameRule.CheckForWriting(symbols, path);
        Schema schema = BookSchema.For(symbols);
        var arrays = new List<IArrowArray>
        {
            Array(ArrowSchemas.TimestampType, book.Timestamps),
            Array(Int32Type.Default, book.SymbolIds),
            Array(Int8Type.Default, book.Sides),
            Array(DoubleType.Default, book.Prices),
            Array(DoubleType.Default, book.Sizes),
            Array(UInt8Type.Default, book.Flags),
        };
        WriteBatch(path, schema, arrays, book.Count);
    }

    /// <summary>Writes market-by-order (L3) rows (schema in docs/data.md: order_id int64, side int8, price, size, action uint8).</summary>
    public static void Write(SymbolTable symbols, MarketByOrderColumns orders, string path)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentException.ThrowIfNullOrEmpty(path);
        SymbolNameRule.CheckForWriting(symbols, path);
        Schema schema = MarketByOrderSchema.For(symbols);
        var arrays = new List<IArrowArray>
        {
            Array(ArrowSchemas.TimestampType, orders.Timestamps),
            Array(Int32Type.Default, orders.SymbolIds),
            Array(Int64Type.Default, orders.OrderIds),
            Array(Int8Type.Default, orders.Sides),
            Array(DoubleType.Default, orders.Prices),
            Array(DoubleType.Default, orders.Sizes),
            Array(UInt8Type.Default, orders.Actions),
        };
        WriteBatch(path, schema, arrays, orders.Count);
    }

    private static void Write(SymbolTable symbols, EventColumns columns, string path)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentException.ThrowIfNullOrEmpty(path);
        SymbolNameRule.CheckForWriting(symbols, path);
        Schema schema = ArrowSchemas.For(columns.Layout, symbols);
        var arrays = new List<IArrowArray>
        {
            Array(ArrowSchemas.TimestampType, columns.Timestamps),
            Array(Int32Type.Default, columns.SymbolIds),
        };
        foreach (ReadOnlyMemory<double> values in columns.Values) arrays.Add(Array(DoubleType.Default, values));
        if (columns.Layout.HasSide) arrays.Add(Array(Int8Type.Default, columns.Sides));
        WriteBatch(path, schema, arrays, columns.Count);
    }

    private static void WriteBatch(string path, Schema schema, List<IArrowArray> arrays, int rows)
    {
        using var batch = new RecordBatch(schema, arrays, rows);
        Results.AtomicFile.Write(path, stream =>
        {
            using var writer = new ArrowFileWriter(stream, schema, leaveOpen: true);
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        });
    }

    private static IArrowArray Array<T>(IArrowType type, ReadOnlyMemory<T> values) where T : unmanaged =>
        ArrowArrayFactory.BuildArray(new ArrayData(type, values.Length, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(ByteView<T>.Of(values))]));
}
