using System;
using System.Collections.Generic;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Backtester.Data;

/// <summary>
/// The Arrow schema of our market-data files (documented in docs/data.md): <c>timestamp</c> Timestamp(ns, "UTC"),
/// <c>symbol_id</c> int32, the float64 value columns of the kind, and for trades <c>side</c> int8 (1 buy, -1 sell);
/// schema metadata <c>backtester.kind</c> and <c>backtester.symbols</c> (a JSON array: symbol_id → name).
/// </summary>
internal static class ArrowSchemas
{
    public const string KindKey = "backtester.kind";
    public const string SymbolsKey = "backtester.symbols";

    public static readonly TimestampType TimestampType = new(TimeUnit.Nanosecond, "UTC");

    public static Schema For(EventLayout layout, SymbolTable symbols)
    {
        var builder = new Schema.Builder()
            .Field(new Field(EventLayout.Timestamp, TimestampType, nullable: false))
            .Field(new Field(EventLayout.SymbolId, Int32Type.Default, nullable: false));
        foreach (string name in layout.ValueNames) builder.Field(new Field(name, DoubleType.Default, nullable: false));
        if (layout.HasSide) builder.Field(new Field(EventLayout.Side, Int8Type.Default, nullable: false));
        builder.Metadata(KindKey, layout.Name);
        builder.Metadata(SymbolsKey, SymbolsJson(symbols));
        return builder.Build();
    }

    /// <summary>The layout the schema declares (metadata, else the value columns present).</summary>
    public static EventLayout LayoutOf(string source, Schema schema)
    {
        if (schema.Metadata is not null && schema.Metadata.TryGetValue(KindKey, out string? kind))
        {
            foreach (EventLayout layout in new[] { EventLayout.Trades, EventLayout.Quotes, EventLayout.Bars })
                if (layout.Name == kind) return layout;
            throw new MarketDataException(source, -1, null, $"schema metadata '{KindKey}' must be trades, quotes or bars, got '{kind}'");
        }
        if (schema.GetFieldIndex("price", StringComparer.Ordinal) >= 0) return EventLayout.Trades;
        if (schema.GetFieldIndex("bid_price", StringComparer.Ordinal) >= 0) return EventLayout.Quotes;
        if (schema.GetFieldIndex("open", StringComparer.Ordinal) >= 0) return EventLayout.Bars;
        throw new MarketDataException(source, -1, null, "the schema has no 'price', 'bid_price' or 'open' field, so it is not trades, quotes or bars");
    }

    /// <summary>Checks that every column of <paramref name="layout"/> is present with our type; returns their indices in layout order.</summary>
    public static int[] CheckFields(string source, Schema schema, EventLayout layout)
    {
        var indices = new List<int>
        {
            Expect(source, schema, EventLayout.Timestamp, TimestampType),
            Expect(source, schema, EventLayout.SymbolId, Int32Type.Default),
        };
        foreach (string name in layout.ValueNames) indices.Add(Expect(source, schema, name, DoubleType.Default));
        if (layout.HasSide) indices.Add(Expect(source, schema, EventLayout.Side, Int8Type.Default));
        return indices.ToArray();
    }

    public static SymbolTable SymbolsOf(string source, Schema schema)
    {
        if (schema.Metadata is null || !schema.Metadata.TryGetValue(SymbolsKey, out string? json))
            throw new MarketDataException(source, -1, EventLayout.SymbolId, $"schema metadata '{SymbolsKey}' (the names of the symbol ids) is missing");
        return SymbolsFromJson(source, json, "schema metadata", EventLayout.SymbolId);
    }

    /// <summary>
    /// Parses and checks a <c>backtester.symbols</c> value (a JSON array: id → name), wherever it is stored: an Arrow
    /// file's schema metadata, or a Parquet file's key-value metadata (<paramref name="where"/> names which, in messages).
    /// </summary>
    public static SymbolTable SymbolsFromJson(string source, string json, string where, string column)
    {
        var names = new List<string>();
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            int declared = doc.RootElement.GetArrayLength();
            if (declared > MarketDataLimits.MaxSymbols)
                throw new MarketDataException(source, -1, column,
                    $"{where} '{SymbolsKey}' declares {declared:N0} symbols; the limit is {MarketDataLimits.MaxSymbols:N0} (MarketDataLimits.MaxSymbols)");
            foreach (JsonElement name in doc.RootElement.EnumerateArray()) names.Add(name.GetString() ?? "");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new MarketDataException(source, -1, column, $"{where} '{SymbolsKey}' must be a JSON array of names: {e.Message}");
        }
        var ids = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++)
        {
            if (SymbolNameRule.ProblemOf(names[i]) is { } problem)
                throw new MarketDataException(source, -1, column, $"{where} '{SymbolsKey}', symbol {i}: {problem}");
            // Two ids for one name would split its rows between two symbols.
            if (!ids.TryAdd(names[i], i))
                throw new MarketDataException(source, -1, column, $"{where} '{SymbolsKey}' names '{names[i]}' twice (symbols {ids[names[i]]} and {i})");
        }
        try { return new SymbolTable(names); }
        catch (ArgumentException e) { throw new MarketDataException(source, -1, column, $"{where} '{SymbolsKey}': {e.Message}"); }
    }

    // Written with Utf8JsonWriter rather than JsonSerializer: no reflection, so it also works trimmed or AOT-compiled.
    public static string SymbolsJson(SymbolTable symbols)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (int i = 0; i < symbols.Count; i++) writer.WriteStringValue(symbols[i]);
            writer.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Describe(IArrowType type) => type switch
    {
        TimestampType t => $"timestamp[{t.Unit switch { TimeUnit.Second => "s", TimeUnit.Millisecond => "ms", TimeUnit.Microsecond => "us", _ => "ns" }}, tz={t.Timezone ?? "none"}]",
        _ => type.Name,
    };

    public static int Expect(string source, Schema schema, string name, IArrowType expected)
    {
        int index = schema.GetFieldIndex(name, StringComparer.Ordinal);
        if (index < 0) throw new MarketDataException(source, -1, name, $"missing column (expected Arrow type {Describe(expected)})");
        IArrowType actual = schema.GetFieldByIndex(index).DataType;
        bool same = actual.TypeId == expected.TypeId
            && (actual is not TimestampType t || (t.Unit == TimeUnit.Nanosecond && t.Timezone is "UTC" or "Etc/UTC" or "+00:00"));
        if (!same) throw new MarketDataException(source, -1, name, $"expected Arrow type {Describe(expected)}, got {Describe(actual)}");
        return index;
    }
}
