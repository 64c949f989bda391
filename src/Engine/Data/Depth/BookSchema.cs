using Apache.Arrow;
using Apache.Arrow.Types;

namespace Backtester.Data;

/// <summary>
/// The columns of book-update data by name, and its Arrow schema (docs/data.md): <c>timestamp</c> Timestamp(ns, "UTC"),
/// <c>symbol_id</c> int32, <c>side</c> int8 (1 bid, -1 ask), <c>price</c> float64, <c>size</c> float64 (0 = level removed),
/// <c>flags</c> uint8 (1 reset, 2 snapshot); schema metadata <c>backtester.kind</c> = <c>book</c> and <c>backtester.symbols</c>.
/// </summary>
internal static class BookSchema
{
    public const string KindName = "book";
    public const string Timestamp = EventLayout.Timestamp;
    public const string SymbolId = EventLayout.SymbolId;
    public const string Side = EventLayout.Side;
    public const string Price = "price";
    public const string Size = "size";
    public const string Flags = "flags";

    /// <summary>The flags data may hold; <see cref="BookUpdateFlags.EndOfBatch"/> is the replay's.</summary>
    public const BookUpdateFlags StoredFlags = BookUpdateFlags.Reset | BookUpdateFlags.Snapshot;

    public static Schema For(SymbolTable symbols) => new Schema.Builder()
        .Field(new Field(Timestamp, ArrowSchemas.TimestampType, nullable: false))
        .Field(new Field(SymbolId, Int32Type.Default, nullable: false))
        .Field(new Field(Side, Int8Type.Default, nullable: false))
        .Field(new Field(Price, DoubleType.Default, nullable: false))
        .Field(new Field(Size, DoubleType.Default, nullable: false))
        .Field(new Field(Flags, UInt8Type.Default, nullable: false))
        .Metadata(ArrowSchemas.KindKey, KindName)
        .Metadata(ArrowSchemas.SymbolsKey, ArrowSchemas.SymbolsJson(symbols))
        .Build();

    /// <summary>True when the schema's metadata says it holds book updates.</summary>
    public static bool Declares(Schema schema) =>
        schema.Metadata is not null && schema.Metadata.TryGetValue(ArrowSchemas.KindKey, out string? kind) && kind == KindName;
}
