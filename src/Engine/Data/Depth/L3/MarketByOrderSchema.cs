using Apache.Arrow;
using Apache.Arrow.Types;

namespace Backtester.Data;

/// <summary>
/// The columns of market-by-order (L3) data by name, and its Arrow schema (docs/data.md): <c>timestamp</c>
/// Timestamp(ns, "UTC"), <c>symbol_id</c> int32, <c>order_id</c> int64, <c>side</c> int8 (1 bid, -1 ask), <c>price</c>
/// float64, <c>size</c> float64, <c>action</c> uint8 (<see cref="MarketByOrderAction"/>); schema metadata
/// <c>backtester.kind</c> = <c>market_by_order</c> and <c>backtester.symbols</c>.
/// </summary>
internal static class MarketByOrderSchema
{
    public const string KindName = "market_by_order";
    public const string Timestamp = EventLayout.Timestamp;
    public const string SymbolId = EventLayout.SymbolId;
    public const string OrderId = "order_id";
    public const string Side = EventLayout.Side;
    public const string Price = "price";
    public const string Size = "size";
    public const string Action = "action";

    public static Schema For(SymbolTable symbols) => new Schema.Builder()
        .Field(new Field(Timestamp, ArrowSchemas.TimestampType, nullable: false))
        .Field(new Field(SymbolId, Int32Type.Default, nullable: false))
        .Field(new Field(OrderId, Int64Type.Default, nullable: false))
        .Field(new Field(Side, Int8Type.Default, nullable: false))
        .Field(new Field(Price, DoubleType.Default, nullable: false))
        .Field(new Field(Size, DoubleType.Default, nullable: false))
        .Field(new Field(Action, UInt8Type.Default, nullable: false))
        .Metadata(ArrowSchemas.KindKey, KindName)
        .Metadata(ArrowSchemas.SymbolsKey, ArrowSchemas.SymbolsJson(symbols))
        .Build();

    /// <summary>True when the schema's metadata says it holds market-by-order rows.</summary>
    public static bool Declares(Schema schema) =>
        schema.Metadata is not null && schema.Metadata.TryGetValue(ArrowSchemas.KindKey, out string? kind) && kind == KindName;
}
