using System;
using System.Collections.Generic;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Backtester.Data;

/// <summary>
/// Reads the market-by-order Arrow files <see cref="ArrowMarketData.Open(string, MarketDataReadOptions?)"/> recognizes by
/// their <c>backtester.kind</c> = <c>market_by_order</c> metadata (schema in <see cref="MarketByOrderSchema"/>). The rows
/// are checked and replayed once into the L2 book updates they make (<see cref="MarketByOrderColumns.Book"/>); those are
/// managed arrays, so the mapping is not kept.
/// </summary>
internal static class MarketByOrderArrowReader
{
    public static MarketData Read(string path, MappedFile file, Schema schema, List<RecordBatch> batches, MarketDataReadOptions options)
    {
        int[] fields =
        [
            ArrowSchemas.Expect(path, schema, MarketByOrderSchema.Timestamp, ArrowSchemas.TimestampType),
            ArrowSchemas.Expect(path, schema, MarketByOrderSchema.SymbolId, Int32Type.Default),
            ArrowSchemas.Expect(path, schema, MarketByOrderSchema.OrderId, Int64Type.Default),
            ArrowSchemas.Expect(path, schema, MarketByOrderSchema.Side, Int8Type.Default),
            ArrowSchemas.Expect(path, schema, MarketByOrderSchema.Price, DoubleType.Default),
            ArrowSchemas.Expect(path, schema, MarketByOrderSchema.Size, DoubleType.Default),
            ArrowSchemas.Expect(path, schema, MarketByOrderSchema.Action, UInt8Type.Default),
        ];
        SymbolTable symbols = ArrowSchemas.SymbolsOf(path, schema);
        // Copied: the derived book outlives the mapping, and the public columns should too.
        long[] ts = ArrowMarketData.Column<long>(path, file, batches, schema, fields[0]).ToArray();
        int[] sym = ArrowMarketData.Column<int>(path, file, batches, schema, fields[1]).ToArray();
        long[] ids = ArrowMarketData.Column<long>(path, file, batches, schema, fields[2]).ToArray();
        BookSide[] side = ArrowMarketData.Column<BookSide>(path, file, batches, schema, fields[3]).ToArray();
        double[] px = ArrowMarketData.Column<double>(path, file, batches, schema, fields[4]).ToArray();
        double[] sz = ArrowMarketData.Column<double>(path, file, batches, schema, fields[5]).ToArray();
        MarketByOrderAction[] action = ArrowMarketData.Column<MarketByOrderAction>(path, file, batches, schema, fields[6]).ToArray();
        if (!EventOrder.IsSorted(ts))
        {
            long bad = EventOrder.FirstBackwardsWithinSymbol(ts, sym, symbols.Count);
            if (bad >= 0 && !options.SortIfUnordered)
                throw new MarketDataException(path, bad, MarketByOrderSchema.Timestamp, EventOrder.BackwardsProblem(ts, sym, (int)bad), MarketDataRemedy.SortIfUnordered);
            int[] order = EventOrder.StableSortByTime(ts);
            ts = EventOrder.Gather<long>(ts, order);
            sym = EventOrder.Gather<int>(sym, order);
            ids = EventOrder.Gather<long>(ids, order);
            side = EventOrder.Gather<BookSide>(side, order);
            px = EventOrder.Gather<double>(px, order);
            sz = EventOrder.Gather<double>(sz, order);
            action = EventOrder.Gather<MarketByOrderAction>(action, order);
        }
        MarketData data = new MarketByOrderColumns(path, symbols.Count, ts, sym, ids, side, px, sz, action).ToMarketData(symbols);
        file.Dispose(); // on an error, Open disposes it
        return data;
    }
}
