using System;
using System.Collections.Generic;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Backtester.Data;

/// <summary>
/// Reads the book-update Arrow files <see cref="ArrowMarketData.Open(string, MarketDataReadOptions?)"/> recognizes by
/// their <c>backtester.kind</c> = <c>book</c> metadata (schema in <see cref="BookSchema"/>). One record batch is used in
/// place (the columns are views of the mapping); several batches are concatenated into managed copies.
/// </summary>
internal static class BookArrowReader
{
    /// <summary>The data in <paramref name="file"/>; the mapping is kept by the result when used in place, disposed otherwise.</summary>
    public static MarketData Read(string path, MappedFile file, Schema schema, List<RecordBatch> batches, MarketDataReadOptions options)
    {
        int[] fields =
        [
            ArrowSchemas.Expect(path, schema, BookSchema.Timestamp, ArrowSchemas.TimestampType),
            ArrowSchemas.Expect(path, schema, BookSchema.SymbolId, Int32Type.Default),
            ArrowSchemas.Expect(path, schema, BookSchema.Side, Int8Type.Default),
            ArrowSchemas.Expect(path, schema, BookSchema.Price, DoubleType.Default),
            ArrowSchemas.Expect(path, schema, BookSchema.Size, DoubleType.Default),
            ArrowSchemas.Expect(path, schema, BookSchema.Flags, UInt8Type.Default),
        ];
        SymbolTable symbols = ArrowSchemas.SymbolsOf(path, schema);
        ReadOnlyMemory<long> ts = ArrowMarketData.Column<long>(path, file, batches, schema, fields[0]);
        ReadOnlyMemory<int> sym = ArrowMarketData.Column<int>(path, file, batches, schema, fields[1]);
        ReadOnlyMemory<BookSide> side = ArrowMarketData.Column<BookSide>(path, file, batches, schema, fields[2]);
        ReadOnlyMemory<double> px = ArrowMarketData.Column<double>(path, file, batches, schema, fields[3]);
        ReadOnlyMemory<double> sz = ArrowMarketData.Column<double>(path, file, batches, schema, fields[4]);
        ReadOnlyMemory<BookUpdateFlags> flags = ArrowMarketData.Column<BookUpdateFlags>(path, file, batches, schema, fields[5]);

        BookColumns book = BookColumns.FromFile(path, symbols.Count, ts, sym, side, px, sz, flags, options, out bool sorted);
        bool mapped = batches.Count == 1 && !sorted;
        MarketData data = BookMarketData.Of(path, symbols, book, mapped ? file : null);
        if (!mapped) file.Dispose();
        return data;
    }
}
